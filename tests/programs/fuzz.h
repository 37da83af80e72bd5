/*
 * The hostile test's system-call fuzzer (fuzz.c), run inside its own process.
 */
#ifndef TESTS_FUZZ_H
#define TESTS_FUZZ_H

#include <stdint.h>

/* Make `count` system calls with arguments drawn from `seed`; prints a
 * summary and returns 0, or 2 when it could not set itself up. */
int fuzz_run(uint64_t seed, uint64_t count);

#endif
