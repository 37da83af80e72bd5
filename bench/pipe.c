/*
 * bench/pipe: the throughput of a pipe between two Ferrite processes,
 * against a pipe(2) between two Linux processes, both measured in this run
 * on this machine.
 *
 * pipe_loop.c is the program, built twice from the same source: for
 * Linux, static like every Ferrite program, and with Ferrite's libc. The
 * Linux build runs natively; the Ferrite build runs in ferrite-sim under
 * init with every daemon, so its pipe is the pipe: scheme (libc's pipe()):
 * every read and write a call to the pipe daemon.
 *
 * Both are timed from here by the arrival of the line the reader prints as
 * it completes each batch (the sim's clock is virtual), after a warm-up
 * batch; throughput is a batch's bytes over the median batch time.
 *
 * Usage: pipe [--batches N] [--kib N] [--chunk N]
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "bench_config.h"
#include "guest.h"

struct config {
	int batches;
	long kib;
	long chunk;
};

/* MB/s (10^6 bytes) of the median batch of the program argv runs. */
static double time_loop(const struct config *c, char *const argv[], uint64_t *ns)
{
	if (time_batches(argv, c->batches, ns) < 0)
		exit(1);
	return (double)c->kib * 1024.0 / (median(ns, c->batches) / 1e9) / 1e6;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: pipe [--batches N] [--kib N] [--chunk N]\n"
	           "Times a pipe between two processes in ferrite-sim and on Linux: batches\n"
	           "of KIB KiB (default 16384) in reads and writes of CHUNK bytes (default\n"
	           "65536); prints the median throughput in MB/s and the ratio.\n");
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
		} else if (!strcmp(argv[i], "--kib") && v && atol(v) > 0) {
			c->kib = atol(v);
		} else if (!strcmp(argv[i], "--chunk") && v && atol(v) > 0) {
			c->chunk = atol(v);
		} else {
			fprintf(stderr, "pipe: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return -1;
		}
		i++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct config c = { .batches = 9, .kib = 16384, .chunk = 65536 };
	char batches[16], kib[24], chunk[24], *sim[GUEST_ARGV_MAX];
	char *modules[] = { PIPE_LOOP, NULL };
	char *guest[] = { "pipe_loop", batches, kib, chunk, NULL };
	char *host[] = { PIPE_LOOP_HOST, batches, kib, chunk, NULL };
	uint64_t *ns;
	double host_mbs, ferrite_mbs;

	if (parse_args(&c, argc, argv) < 0)
		return 2;
	snprintf(batches, sizeof(batches), "%d", c.batches);
	snprintf(kib, sizeof(kib), "%ld", c.kib);
	snprintf(chunk, sizeof(chunk), "%ld", c.chunk);
	ns = calloc((size_t)c.batches, sizeof(*ns));
	if (!ns)
		die("calloc");
	guest_argv(sim, modules, guest);
	printf("batches: %d x %ld KiB in %ld-byte writes\n", c.batches, c.kib, c.chunk);
	host_mbs = time_loop(&c, host, ns);
	printf("host_pipe_median_mb_s: %.1f\n", host_mbs);
	ferrite_mbs = time_loop(&c, sim, ns);
	printf("ferrite_pipe_median_mb_s: %.1f\n", ferrite_mbs);
	printf("pipe_throughput_vs_host_ratio: %.3f\n", ferrite_mbs / host_mbs);
	free(ns);
	return 0;
}
