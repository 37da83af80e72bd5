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
#include <stdio.h>

#include "bench.h"
#include "bench_config.h"
#include "guest.h"

static const char usage[] =
	"usage: spawn [--batches N] [--count N]\n"
	"Times fork + exec + wait of a tiny program in ferrite-sim and on Linux,\n"
	"COUNT spawns per batch (default 11 x 20); prints the median per spawn in\n"
	"microseconds and the ratio.\n";

int main(int argc, char **argv)
{
	long batches = 11, count = 20;
	const struct bench_opt opts[] = { { "batches", &batches, NULL, 0 },
		                          { "count", &count, NULL, 0 },
		                          { NULL, NULL, NULL, 0 } };
	char nb[24], nc[24];
	char *modules[] = { SPAWN_LOOP, SPAWN_TRUE, NULL };
	char *guest[] = { "spawn_loop", nb, nc, "initfs:/spawn_true", NULL };
	char *host[] = { SPAWN_LOOP_HOST, nb, nc, SPAWN_TRUE_HOST, NULL };
	double ns[2];

	parse_opts(argc, argv, opts, usage);
	snprintf(nb, sizeof(nb), "%ld", batches);
	snprintf(nc, sizeof(nc), "%ld", count);
	printf("batches: %ld x %ld fork + exec + wait\n", batches, count);
	time_host_and_guest((int)batches, host, modules, guest, ns);
	printf("host_spawn_median_us: %.1f\n", ns[0] / (double)count / 1000.0);
	printf("ferrite_spawn_median_us: %.1f\n", ns[1] / (double)count / 1000.0);
	printf("spawn_vs_host_ratio: %.2f\n", ns[1] / ns[0]);
	return 0;
}
