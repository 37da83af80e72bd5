/*
 * retry: libc's transparent retry (posix/libc/unistd/retry.c), checked in
 * the sim without init: this program is the first process and starts,
 * kills and restarts the servers itself, so each case is exact.
 *
 *   1. read pattern: at offset 1000, restart pattern, read on: the bytes
 *      continue at the right offset (ESTALE -> reopen + seek); fstat and
 *      lseek on the new instance work the same way;
 *   2. pattern killed and not restarted: a read gives up after libc's
 *      bound (virtual time) with EPIPE;
 *   3. a pipe whose server died: the read surfaces the error;
 *   4. a write to zero: on a dead server surfaces the error (writes are
 *      never retried).
 *
 * Prints one line per case, on the kernel console (descriptors 0..2 are
 * not open in the first process, and the pipe of case 3 would take them);
 * status 1 at the first wrong result.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ferrite/boot.h>
#include <ferrite/sys.h>

#include "bytes.h"

#define READY_NS (10ll * 1000 * 1000 * 1000)

static void say(const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fe_debug_write(line, n < (int)sizeof(line) ? (uint64_t)n : sizeof(line) - 1);
}

static void check(int ok, const char *what)
{
	if (!ok) {
		say("retry: FAILED: %s (errno %s)\n", what, strerror(errno));
		exit(1);
	}
}

/* Start the daemon `name` and wait until it serves (the service contract:
 * a notification at handle 0, signalled once ready). */
static fe_handle_t start(const char *name)
{
	fe_handle_t note = fe_notify_create(), h, proc;
	uint64_t bits = 0;

	h = fe_handle_dup(note, FE_RIGHT_SIGNAL | FE_RIGHT_TRANSFER);
	check(h >= 0 && fe_spawn_boot(name, NULL, &h, 1, &proc) == 0, "spawn");
	check(fe_notify_wait(note, &bits, READY_NS) == 0 && bits, "ready");
	fe_handle_close(note);
	return proc;
}

static void stop(fe_handle_t proc)
{
	struct fe_exit e;

	check(fe_proc_kill(proc) == 0, "kill");
	check(fe_proc_wait(proc, &e, READY_NS) == 0, "wait for the death");
	fe_handle_close(proc);
}

static int bytes_ok(const unsigned char *buf, ssize_t n, uint64_t off)
{
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] != pattern_byte(off + (uint64_t)i))
			return 0;
	return 1;
}

static void restarted_read(void)
{
	fe_handle_t p = start("pattern");
	int fd = open("pattern:", O_RDONLY);
	unsigned char buf[500];
	struct stat st;

	check(fd >= 0, "open pattern:");
	check(lseek(fd, 1000, SEEK_SET) == 1000, "seek to 1000");
	check(read(fd, buf, 200) == 200 && bytes_ok(buf, 200, 1000), "first read");
	stop(p);
	p = start("pattern");
	check(read(fd, buf, 300) == 300 && bytes_ok(buf, 300, 1200), "read after a restart");
	stop(p);
	p = start("pattern");
	check(fstat(fd, &st) == 0 && st.st_size == PATTERN_SIZE, "fstat after a restart");
	stop(p);
	p = start("pattern");
	check(lseek(fd, 10, SEEK_CUR) == 1510, "lseek after a restart");
	check(read(fd, buf, 10) == 10 && bytes_ok(buf, 10, 1510), "read after the lseek");
	say("retry: reads, fstat and lseek go on at the same offset on a new server\n");
	stop(p);
	errno = 0;
	check(read(fd, buf, 10) == -1 && errno == EPIPE, "a server that never comes back");
	say("retry: with no new server, a read gives up with EPIPE\n");
	close(fd);
}

static void pipe_surfaces(void)
{
	fe_handle_t p = start("pipe");
	int fds[2];
	char c;

	check(pipe(fds) == 0 && write(fds[1], "x", 1) == 1, "pipe");
	stop(p);
	p = start("pipe");
	errno = 0;
	check(read(fds[0], &c, 1) == -1 && errno == ESTALE, "a pipe's read surfaces ESTALE");
	say("retry: a pipe on a dead server is not retried: %s\n", strerror(errno));
	stop(p);
}

static void write_surfaces(void)
{
	fe_handle_t p = start("zero");
	int fd = open("zero:", O_WRONLY);

	check(fd >= 0 && write(fd, "abc", 3) == 3, "write zero:");
	stop(p);
	p = start("zero");
	errno = 0;
	check(write(fd, "abc", 3) == -1 && errno == ESTALE, "a write surfaces ESTALE");
	say("retry: a write on a dead server is not retried: %s\n", strerror(errno));
	stop(p);
}

int main(void)
{
	restarted_read();
	pipe_surfaces();
	write_surfaces();
	return 0;
}
