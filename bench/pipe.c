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
#include <stdio.h>

#include "bench.h"
#include "bench_config.h"
#include "guest.h"

static const char usage[] =
	"usage: pipe [--batches N] [--kib N] [--chunk N]\n"
	"Times a pipe between two processes in ferrite-sim and on Linux: batches\n"
	"(default 9) of KIB KiB (default 16384) in reads and writes of CHUNK bytes\n"
	"(default 65536); prints the median throughput in MB/s and the ratio.\n";

int main(int argc, char **argv)
{
	long batches = 9, kib = 16384, chunk = 65536;
	const struct bench_opt opts[] = { { "batches", &batches, NULL, 0 },
		                          { "kib", &kib, NULL, 0 },
		                          { "chunk", &chunk, NULL, 0 },
		                          { NULL, NULL, NULL, 0 } };
	char nb[24], nk[24], nc[24];
	char *modules[] = { PIPE_LOOP, NULL };
	char *guest[] = { "pipe_loop", nb, nk, nc, NULL };
	char *host[] = { PIPE_LOOP_HOST, nb, nk, nc, NULL };
	double ns[2], host_mbs, ferrite_mbs;

	parse_opts(argc, argv, opts, usage);
	snprintf(nb, sizeof(nb), "%ld", batches);
	snprintf(nk, sizeof(nk), "%ld", kib);
	snprintf(nc, sizeof(nc), "%ld", chunk);
	printf("batches: %ld x %ld KiB in %ld-byte writes\n", batches, kib, chunk);
	time_host_and_guest((int)batches, host, modules, guest, ns);
	/* MB/s: bytes per µs. */
	host_mbs = (double)kib * 1024.0 / (ns[0] / 1000.0);
	ferrite_mbs = (double)kib * 1024.0 / (ns[1] / 1000.0);
	printf("host_pipe_median_mb_s: %.1f\n", host_mbs);
	printf("ferrite_pipe_median_mb_s: %.1f\n", ferrite_mbs);
	printf("pipe_throughput_vs_host_ratio: %.3f\n", ferrite_mbs / host_mbs);
	return 0;
}
