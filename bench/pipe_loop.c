/*
 * The loop bench/pipe times, in portable C: built for Linux with the
 * host's compiler and for Ferrite with its libc. It makes a pipe and forks
 * a reader; the parent writes BATCHES + 1 batches of KIB KiB into it in
 * writes of CHUNK bytes, the reader reads it in reads of CHUNK bytes. The
 * reader prints "start" once it has the first batch (a warm-up), then
 * "batch N" as it completes each further batch, so the caller, timing the
 * lines as they arrive (the sim's clock is virtual), times bytes delivered.
 * Both check the count: the reader exits with status 1 on a short stream.
 *
 * Usage: pipe_loop BATCHES KIB CHUNK
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct plan {
	long batches;
	long long batch_bytes;
	size_t chunk;
};

/* Reads everything; prints a line at each batch boundary. */
static int reader(int fd, const struct plan *p, char *buf)
{
	long long total = 0, want = p->batch_bytes * (p->batches + 1);
	long line = 0;
	ssize_t n;

	while ((n = read(fd, buf, p->chunk)) > 0) {
		total += n;
		while (line <= p->batches && total >= (line + 1) * p->batch_bytes) {
			if (line == 0)
				printf("start\n");
			else
				printf("batch %ld\n", line - 1);
			fflush(stdout);
			line++;
		}
	}
	if (n < 0 || total != want) {
		fprintf(stderr, "pipe_loop: read %lld of %lld bytes\n", total, want);
		return 1;
	}
	return 0;
}

static int writer(int fd, const struct plan *p, const char *buf)
{
	long long left = p->batch_bytes * (p->batches + 1);

	while (left > 0) {
		size_t len = left < (long long)p->chunk ? (size_t)left : p->chunk;
		ssize_t n = write(fd, buf, len);

		if (n <= 0) {
			perror("pipe_loop: write");
			return -1;
		}
		left -= n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct plan p;
	int fds[2], status;
	char *buf;
	pid_t pid;

	if (argc != 4 || (p.batches = atol(argv[1])) <= 0 || atol(argv[2]) <= 0 ||
	    atol(argv[3]) <= 0) {
		fprintf(stderr, "usage: pipe_loop BATCHES KIB CHUNK\n");
		return 2;
	}
	p.batch_bytes = atol(argv[2]) * 1024LL;
	p.chunk = (size_t)atol(argv[3]);
	buf = malloc(p.chunk);
	if (!buf || pipe(fds) < 0) {
		perror("pipe_loop");
		return 1;
	}
	memset(buf, 'x', p.chunk);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("pipe_loop: fork");
		return 1;
	}
	if (pid == 0) {
		close(fds[1]);
		_exit(reader(fds[0], &p, buf));
	}
	close(fds[0]);
	if (writer(fds[1], &p, buf) < 0)
		return 1;
	close(fds[1]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 1;
	return 0;
}
