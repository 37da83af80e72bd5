/*
 * The kernel's event trace: one line per system call, result, scheduling
 * decision and death, stamped with (virtual) time. It contains nothing that
 * depends on the host, so the same seed gives the same trace byte for byte.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdbool.h>
#include <stdint.h>

struct thread;

extern bool trace_on;

void trace_syscall(const struct thread *t, const char *name, const uint64_t *args, int nargs);
void trace_ret(const struct thread *t, int64_t ret);
void trace_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* With tracing off, an event costs one test: its arguments are not even
 * evaluated. */
#define trace_event(...)                           \
	do {                                       \
		if (trace_on)                      \
			trace_printf(__VA_ARGS__); \
	} while (0)

#endif
