/*
 * What bench/ipc, bench/spawn and bench/pipe share: a monotonic clock, the
 * median of samples, and time_batches, which times a program's batches by
 * the arrival of the lines it prints after each (the sim's own clock is
 * virtual, so a Ferrite program cannot time itself; a Linux baseline is
 * timed the same way, so both figures include the same line's trip).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

uint64_t now_ns(void);

/* Sorts v. */
double median(uint64_t *v, int n);

/* An option "--NAME VALUE": a count (1 to 10^9) into *num, or a string into str. */
struct bench_opt {
	const char *name;
	long *num;
	char *str;
	size_t size;
};

/*
 * Parses argv by opts (ended by a NULL name). "--help" prints `usage` and
 * exits with 0; a bad argument is reported with `usage` on stderr, status 2.
 */
void parse_opts(int argc, char **argv, const struct bench_opt *opts, const char *usage);

/* Prints "NAME: WHAT: strerror(errno)" and exits with status 1. */
_Noreturn void die(const char *what);

/*
 * Runs argv (argv[0] a path) with its standard output on a pipe. The
 * program prints "start" after its warm-up, then a line starting "batch"
 * after each of `batches` batches; ns[i] is the time from the line before
 * batch i's line to it. Other lines go to stderr. Returns 0 if every batch
 * was seen and the program then exited with status 0; else says why on
 * stderr and returns -1.
 */
int time_batches(char *const argv[], int batches, uint64_t *ns);

#endif
