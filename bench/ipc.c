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

#include "bench.h"

struct config {
	int batches;
	long calls;
	char sim[PATH_MAX];
	char guest[PATH_MAX];
};

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

static double bench_ferrite(const struct config *c, uint64_t *samples)
{
	char batches[16], calls[24];
	char *guest = (char *)c->guest;
	char *argv[] = { (char *)c->sim, "--module", guest, guest, batches, calls, NULL };

	snprintf(batches, sizeof(batches), "%d", c->batches);
	snprintf(calls, sizeof(calls), "%ld", c->calls);
	if (time_batches(argv, c->batches, samples) < 0)
		exit(1);
	for (int b = 0; b < c->batches; b++)
		samples[b] /= (uint64_t)c->calls;
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

static const char usage[] =
	"usage: ipc [--batches N] [--calls N] [--sim PATH] [--guest PATH]\n"
	"Measures the Ferrite IPC round trip against a futex and a pipe\n"
	"ping-pong between two Linux processes; prints medians in ns and ratios.\n";

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

int main(int argc, char **argv)
{
	struct config c;
	long batches;
	const struct bench_opt opts[] = { { "batches", &batches, NULL, 0 },
		                          { "calls", &c.calls, NULL, 0 },
		                          { "sim", NULL, c.sim, sizeof(c.sim) },
		                          { "guest", NULL, c.guest, sizeof(c.guest) },
		                          { NULL, NULL, NULL, 0 } };
	uint64_t *samples;
	double futex, pipe_ns, fe;

	defaults(&c);
	batches = c.batches;
	parse_opts(argc, argv, opts, usage);
	c.batches = (int)batches;
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
