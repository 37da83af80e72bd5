/*
 * bench/spawn: fork + exec + wait of a tiny program in Ferrite, against the
 * same on Linux, both measured in this run on this machine.
 *
 * spawn_loop.c is the loop and spawn_true.c the program it runs (it only
 * exits); each is built twice from the same source: for Linux, static like
 * every Ferrite program, and with Ferrite's libc. The Linux pair runs
 * natively; the Ferrite pair runs in ferrite-sim under init with every
 * daemon, spawn_true exec'd from the boot archive (initfs:). Every fork,
 * exec and wait there is Ferrite's: the kernel copies the address space,
 * libc reads the ELF through initfs: and the kernel replaces the image.
 *
 * Both loops are timed from here by the arrival of the line each prints
 * after a batch (the sim's clock is virtual), after a warm-up batch; the
 * median batch over COUNT is one fork + exec + wait.
 *
 * Usage: spawn [--batches N] [--count N]
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
	long count;
};

/* Microseconds per spawn: the median batch of the loop argv runs. */
static double time_loop(const struct config *c, char *const argv[], uint64_t *ns)
{
	if (time_batches(argv, c->batches, ns) < 0)
		exit(1);
	return median(ns, c->batches) / (double)c->count / 1000.0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: spawn [--batches N] [--count N]\n"
	           "Times fork + exec + wait of a tiny program in ferrite-sim and on Linux,\n"
	           "COUNT spawns per batch; prints the median per spawn in µs and the ratio.\n");
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
		} else if (!strcmp(argv[i], "--count") && v && atol(v) > 0) {
			c->count = atol(v);
		} else {
			fprintf(stderr, "spawn: bad argument '%s'\n", argv[i]);
			usage(stderr);
			return -1;
		}
		i++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct config c = { .batches = 11, .count = 20 };
	char batches[16], count[24], *sim[GUEST_ARGV_MAX];
	char *modules[] = { SPAWN_LOOP, SPAWN_TRUE, NULL };
	char *guest[] = { "spawn_loop", batches, count, "initfs:/spawn_true", NULL };
	char *host[] = { SPAWN_LOOP_HOST, batches, count, SPAWN_TRUE_HOST, NULL };
	uint64_t *ns;
	double host_us, ferrite_us;

	if (parse_args(&c, argc, argv) < 0)
		return 2;
	snprintf(batches, sizeof(batches), "%d", c.batches);
	snprintf(count, sizeof(count), "%ld", c.count);
	ns = calloc((size_t)c.batches, sizeof(*ns));
	if (!ns)
		die("calloc");
	guest_argv(sim, modules, guest);
	printf("batches: %d x %ld fork + exec + wait\n", c.batches, c.count);
	host_us = time_loop(&c, host, ns);
	printf("host_spawn_median_us: %.1f\n", host_us);
	ferrite_us = time_loop(&c, sim, ns);
	printf("ferrite_spawn_median_us: %.1f\n", ferrite_us);
	printf("spawn_vs_host_ratio: %.2f\n", ferrite_us / host_us);
	free(ns);
	return 0;
}
