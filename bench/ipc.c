/*
 * bench/ipc: the Ferrite call/reply round trip against two baselines
 * measured in the same run on the same machine:
 *
 *   futex   two Linux processes ping-ponging a word in shared memory with
 *           FUTEX_WAIT/FUTEX_WAKE (the cheapest blocking handoff Linux has);
 *   pipe    two Linux processes ping-ponging one byte over two pipes;
 *   ferrite a client and a server in ferrite-sim, each a sandboxed process,
 *           every call going client -> kernel -> server -> kernel -> client.
 *
 * Each is run in batches; a batch's time divided by its round trips is one
 * sample, and the median sample is reported. The Ferrite batches are timed
 * here, on the host, by the arrival of the line the guest prints after each
 * batch (the sim's own clock is virtual).
 *
 * Last, the native kernel's figure, native_ipc_roundtrip_insns: guest
 * instructions per round trip under QEMU's -icount, which bench/boot --ipc
 * measures (see bench/boot.c); "skipped" where QEMU is missing.
 *
 * Usage: ipc [--batches N] [--calls N] [--sim PATH] [--guest PATH]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct config {
	int batches;
	long calls;
	char sim[PATH_MAX];
	char guest[PATH_MAX];
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double median(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static void die(const char *what)
{
	fprintf(stderr, "ipc: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* ---- futex ping-pong ---------------------------------------------------- */

static void futex_wait(_Atomic uint32_t *w, uint32_t val)
{
	syscall(SYS_futex, w, FUTEX_WAIT, val, NULL, NULL, 0);
}

static void futex_wake(_Atomic uint32_t *w)
{
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* The word alternates: even = the parent's turn, odd = the child's. */
static void futex_side(_Atomic uint32_t *w, long rounds, uint32_t parity)
{
	for (long i = 0; i < rounds; i++) {
		uint32_t v;

		while (((v = atomic_load(w)) & 1) != parity)
			futex_wait(w, v);
		atomic_store(w, v + 1);
		futex_wake(w);
	}
}

static double bench_futex(const struct config *c, uint64_t *samples)
{
	_Atomic uint32_t *w =
		mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long total = c->calls * (c->batches + 1);
	pid_t pid;

	if (w == MAP_FAILED)
		die("mmap");
	atomic_store(w, 0);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		futex_side(w, total, 1);
		_exit(0);
	}
	futex_side(w, c->calls, 0); /* warm-up */
	for (int b = 0; b < c->batches; b++) {
		uint64_t t0 = now_ns();

		futex_side(w, c->calls, 0);
		samples[b] = (now_ns() - t0) / (uint64_t)c->calls;
	}
	waitpid(pid, NULL, 0);
	munmap((void *)w, 4096);
	return median(samples, c->batches);
}

/* ---- pipe ping-pong ------------------------------------------------------ */

static void pipe_side(int in, int out, long rounds, int first)
{
	char b = 0;

	for (long i = 0; i < rounds; i++) {
		if (first && write(out, &b, 1) != 1)
			die("write");
		if (read(in, &b, 1) != 1)
			die("read");
		if (!first && write(out, &b, 1) != 1)
			die("write");
	}
}

static double bench_pipe(const struct config *c, uint64_t *samples)
{
	int ab[2], ba[2];
	long total = c->calls * (c->batches + 1);
	pid_t pid;

	if (pipe(ab) < 0 || pipe(ba) < 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		pipe_side(ab[0], ba[1], total, 0);
		_exit(0);
	}
	pipe_side(ba[0], ab[1], c->calls, 1);
	for (int b = 0; b < c->batches; b++) {
		uint64_t t0 = now_ns();

		pipe_side(ba[0], ab[1], c->calls, 1);
		samples[b] = (now_ns() - t0) / (uint64_t)c->calls;
	}
	waitpid(pid, NULL, 0);
	close(ab[0]);
	close(ab[1]);
	close(ba[0]);
	close(ba[1]);
	return median(samples, c->batches);
}

/* ---- Ferrite, in the sim --------------------------------------------------- */

static FILE *start_sim(const struct config *c, pid_t *pid)
{
	char batches[16], calls[24];
	int fds[2];

	snprintf(batches, sizeof(batches), "%d", c->batches);
	snprintf(calls, sizeof(calls), "%ld", c->calls);
	if (pipe(fds) < 0)
		die("pipe");
	*pid = fork();
	if (*pid < 0)
		die("fork");
	if (*pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(c->sim, c->sim, "--module", c->guest, c->guest, batches, calls, (char *)NULL);
		fprintf(stderr, "ipc: cannot run %s: %s\n", c->sim, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	return fdopen(fds[0], "r");
}

static double bench_ferrite(const struct config *c, uint64_t *samples)
{
	char line[256];
	uint64_t last = 0;
	int b = -1, status;
	pid_t pid;
	FILE *out = start_sim(c, &pid);

	while (b < c->batches && fgets(line, sizeof(line), out)) {
		uint64_t t = now_ns();

		if (b >= 0 && strncmp(line, "batch ", 6) == 0)
			samples[b++] = (t - last) / (uint64_t)c->calls;
		else if (b < 0 && strcmp(line, "start\n") == 0)
			b = 0;
		else
			fprintf(stderr, "ipc: guest: %s", line);
		last = t;
	}
	fclose(out);
	waitpid(pid, &status, 0);
	if (b < c->batches) {
		fprintf(stderr, "ipc: the guest stopped after %d of %d batches (status %d)\n",
		        b < 0 ? 0 : b, c->batches, status);
		exit(1);
	}
	return median(samples, c->batches);
}

/* ---- Ferrite, native: bench/boot --ipc ------------------------------------ */

static void bench_native(void)
{
	char boot[PATH_MAX - 32];
	ssize_t n = readlink("/proc/self/exe", boot, sizeof(boot) - 8);
	char *slash;
	pid_t pid;

	boot[n > 0 ? n : 0] = '\0';
	slash = strrchr(boot, '/');
	strcpy(slash ? slash + 1 : boot, "boot");
	fflush(stdout);
	if (access(boot, X_OK) != 0) {
		printf("native_ipc_roundtrip_insns: skipped (no bench/boot)\n");
		return;
	}
	pid = fork();
	if (pid == 0) {
		execl(boot, boot, "--ipc", (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, NULL, 0) < 0)
		printf("native_ipc_roundtrip_insns: failed (cannot run %s)\n", boot);
}

/* ---- main -------------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f, "usage: ipc [--batches N] [--calls N] [--sim PATH] [--guest PATH]\n"
	           "Measures the Ferrite IPC round trip against a futex and a pipe\n"
	           "ping-pong between two Linux processes; prints medians in ns and ratios.\n");
}

static void defaults(struct config *c)
{
	char self[PATH_MAX - 32];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	c->batches = 41;
	c->calls = 2000;
	self[n > 0 ? n : 0] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(c->sim, sizeof(c->sim), "%s/../sim/ferrite-sim", self);
	snprintf(c->guest, sizeof(c->guest), "%s/ipc_guest", self);
}

static int parse_args(struct config *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(argv[i], "--batches") && v && atoi(v) > 0) {
			c->batches = atoi(v);
		} else if (!strcmp(argv[i], "--calls") && v && atol(v) > 0) {
			c->calls = atol(v);
		} else if (!strcmp(argv[i], "--sim") && v) {
			snprintf(c->sim, sizeof(c->sim), "%s", v);
		} else if (!strcmp(argv[i], "--guest") && v) {
			snprintf(c->guest, sizeof(c->guest), "%s", v);
		} else {
			fprintf(stderr, "ipc: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return -1;
		}
		i++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct config c;
	uint64_t *samples;
	double futex, pipe_ns, fe;

	defaults(&c);
	if (parse_args(&c, argc, argv) < 0)
		return 2;
	samples = calloc((size_t)c.batches, sizeof(*samples));
	if (!samples)
		die("calloc");
	printf("batches: %d x %ld round trips\n", c.batches, c.calls);
	futex = bench_futex(&c, samples);
	printf("futex_pingpong_median_ns: %.0f\n", futex);
	pipe_ns = bench_pipe(&c, samples);
	printf("pipe_pingpong_median_ns: %.0f\n", pipe_ns);
	fflush(stdout);
	fe = bench_ferrite(&c, samples);
	printf("ferrite_ipc_roundtrip_median_ns: %.0f\n", fe);
	printf("ipc_vs_pipe_ratio: %.2f\n", fe / pipe_ns);
	printf("ipc_vs_futex_ratio: %.2f\n", fe / futex);
	bench_native();
	free(samples);
	return 0;
}
