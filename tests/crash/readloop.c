/*
 * readloop: the client of the crash tests. It reads pattern: (whose byte at
 * offset o is pattern_byte(o)) READS times through the ordinary libc calls
 * and checks every byte, while the test kills, faults or hangs the server
 * underneath it; libc's transparent retry must hide every death.
 *
 *   readloop [-k] [-s USEC] [READS]     (default 1000)
 *
 * Each round does one of: a sequential read of a varying size on a
 * descriptor kept open (the offset must survive a restart), an lseek to a
 * random offset and a read there, an fstat, a stat, a fresh open + read +
 * close. Any error or wrong byte ends it with status 1 and one line saying
 * which round and why; with -k (keep going, for bench/recovery) it is
 * counted and the rounds go on; -s sleeps USEC (virtual time) after each
 * round, a client reading at a steady pace. The last line gives the
 * rounds, the bytes checked and the errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"

#define PATH "pattern:"
#define CHUNK 8192

static unsigned long round_no, errors;
static unsigned long long checked;
static bool keep_going;

static void fail(const char *what, int err)
{
	printf("readloop: round %lu: %s: %s\n", round_no, what, err ? strerror(err) : "wrong data");
	errors++;
	if (!keep_going)
		exit(1);
}

/* Read up to n bytes at `off` (where fd stands) and check them; the count. */
static size_t read_check(int fd, off_t off, size_t n)
{
	static unsigned char buf[CHUNK];
	ssize_t got = read(fd, buf, n);

	if (got < 0) {
		fail("read", errno);
		return 0;
	}
	for (ssize_t i = 0; i < got; i++)
		if (buf[i] != pattern_byte((uint64_t)off + (uint64_t)i)) {
			fail("read", 0);
			break;
		}
	checked += (unsigned long long)got;
	return (size_t)got;
}

static void sequential(int fd, off_t *pos)
{
	size_t n = 1 + (size_t)rand() % CHUNK;

	if (*pos >= PATTERN_SIZE) {
		*pos = lseek(fd, 0, SEEK_SET);
		if (*pos != 0)
			fail("lseek", errno);
	}
	*pos += (off_t)read_check(fd, *pos, n);
}

static void seek_read(int fd, off_t *pos)
{
	off_t to = (off_t)((unsigned)rand() % PATTERN_SIZE);

	*pos = lseek(fd, to, SEEK_SET);
	if (*pos != to)
		fail("lseek", errno);
	else
		*pos = to + (off_t)read_check(fd, to, 1 + (size_t)rand() % 512);
}

static void stats(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		fail("fstat", errno);
	else if (st.st_size != PATTERN_SIZE)
		fail("fstat size", 0);
	if (stat(PATH, &st) < 0)
		fail("stat", errno);
	else if (st.st_size != PATTERN_SIZE)
		fail("stat size", 0);
}

static void fresh(void)
{
	int fd = open(PATH, O_RDONLY);
	off_t to = (off_t)((unsigned)rand() % PATTERN_SIZE);

	if (fd < 0) {
		fail("open", errno);
		return;
	}
	if (lseek(fd, to, SEEK_SET) != to)
		fail("lseek", errno);
	else
		read_check(fd, to, 64);
	if (close(fd) < 0)
		fail("close", errno);
}

static _Noreturn void usage(void)
{
	fprintf(stderr, "usage: readloop [-k] [-s USEC] [READS]\n");
	exit(2);
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s < '0' || *s > '9' || *end)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	unsigned long reads = 1000, pause_us = 0;
	int fd, c;
	off_t pos = 0;

	while ((c = getopt(argc, argv, "ks:")) != -1) {
		if (c == 'k')
			keep_going = true;
		else if (c == 's')
			pause_us = number(optarg);
		else
			usage();
	}
	if (optind < argc)
		reads = number(argv[optind++]);
	if (optind < argc || reads == 0)
		usage();
	fd = open(PATH, O_RDONLY);
	if (fd < 0) {
		fail("open", errno);
		return 1;
	}
	for (round_no = 1; round_no <= reads; round_no++) {
		unsigned kind = (unsigned)rand() % 8;

		if (kind < 4)
			sequential(fd, &pos);
		else if (kind < 6)
			seek_read(fd, &pos);
		else if (kind < 7)
			stats(fd);
		else
			fresh();
		if (pause_us)
			usleep((useconds_t)pause_us);
	}
	printf("readloop: %lu rounds, %llu bytes checked, %lu errors\n", reads, checked, errors);
	return errors ? 1 : 0;
}
