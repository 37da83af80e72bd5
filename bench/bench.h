/*
 * What bench/ipc, bench/spawn and bench/pipe share: a monotonic clock, the
 * median of samples, and time_batches, which times a program's batches by
 * the arrival of the lines it prints after each (the sim's own clock is
 * virtual, so a Ferrite program cannot time itself; a Linux baseline is
 * timed the same way, so both figures include the same line's trip).
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stdint.h>

uint64_t now_ns(void);

/* Sorts v. */
double median(uint64_t *v, int n);

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
