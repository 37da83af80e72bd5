/*
 * The test machine: every hook of arch/arch.h in ordinary hosted C, so the
 * unit tests can drive the kernel core directly and look at what it asked
 * the machine to do.
 *
 * Memory is calloc'd; an address space is a list of the mappings the core
 * made; a thread context records how it was created and the last value the
 * core gave it; time is a counter the tests advance; the console and trace
 * are captured in buffers. The machine also checks the contract: a call the
 * core promises never to make (mapping over a mapping, destroying memory
 * that is still mapped, using a destroyed object) fails the test at once.
 *
 * Nothing here is reset between tests: Check runs each test in its own
 * forked process, and arch_test_reset() only clears what a fixture needs.
 */
#ifndef TESTS_UNIT_ARCH_TEST_H
#define TESTS_UNIT_ARCH_TEST_H

#include <arch.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arch_mem {
	uint64_t size;
	unsigned char *base;
	struct arch_mem *next; /* live memory, for the teardown */
};

struct test_mapping {
	uint64_t va, len, off;
	struct arch_mem *mem;
	unsigned prot;
};

#define TEST_AS_MAX_MAPS 8192

struct arch_as {
	struct test_mapping *maps;
	size_t nmaps;
	unsigned map_calls, unmap_calls;
	bool destroyed;
	struct arch_as *next;
};

struct arch_thread {
	struct arch_as *as;
	uint64_t entry, sp, arg;
	int64_t ret;  /* the last value given by arch_thread_set_ret */
	bool ret_set; /* set since the harness last looked */
	bool destroyed;
	struct arch_thread *forked_from; /* arch_thread_fork's parent, or NULL */
	struct arch_thread *next;
};

/* A script for arch_run: fill `trap` for `t`. The kernel_main tests use it. */
typedef void (*arch_run_fn)(struct arch_thread *t, struct trap *trap);

struct arch_test {
	uint64_t now;            /* arch_time_now() */
	uint64_t timer_deadline; /* the last arch_timer_set() */
	unsigned timer_sets;

	char *console, *trace; /* captured output, NUL-terminated, never NULL */
	size_t console_len, trace_len;

	/* Resources that still exist, and how many were ever made. */
	unsigned live_mems, live_as, live_threads;
	unsigned mems_made, as_made, threads_made;

	/* Fault injection: after this many more successes, creating memory,
	 * an address space, a thread or a mapping fails. -1: never. */
	int mem_fail_after, as_fail_after, thread_fail_after, map_fail_after;

	/* arch_halt() longjmps here when armed, else fails the test. */
	jmp_buf *halt_jmp;
	int halt_status;
	bool halted;

	arch_run_fn run;
	unsigned runs, idles;
};

extern struct arch_test arch_test;

#define TEST_GATE_ADDR 0x7ff000ull
#define TEST_USER_LO 0x10000ull
#define TEST_USER_HI 0x7f0000000000ull

void arch_test_reset(void);
/* Free everything the machine still holds (so LeakSanitizer stays quiet). */
void arch_test_release(void);

/* The mapping of `as` that covers `va`, or NULL. */
const struct test_mapping *arch_test_mapping_at(const struct arch_as *as, uint64_t va);

/*
 * Run `stmt`, which must end in arch_halt(); the status is left in
 * arch_test.halt_status. Fails the test if stmt returns normally.
 */
#define EXPECT_HALT(stmt)                                                                \
	do {                                                                             \
		jmp_buf jb_;                                                             \
		arch_test.halted = false;                                                \
		arch_test.halt_jmp = &jb_;                                               \
		if (setjmp(jb_) == 0) {                                                  \
			stmt;                                                            \
		}                                                                        \
		arch_test.halt_jmp = NULL;                                               \
		ck_assert_msg(arch_test.halted, "expected arch_halt() from: %s", #stmt); \
	} while (0)

#endif
