/*
 * Console input: bytes the machine hands in (kernel_console_input) wait in
 * the kernel's ring until FE_SYS_CONSOLE_READ takes them. Reads that find
 * data return at once, others wait (first come, first served) or time out;
 * the end of input is 0 after the data; a full ring takes fewer bytes and
 * loses none.
 */
#include <string.h>

#include "harness.h"

#define RING 65536u

static int64_t read_into(struct thread *t, uint64_t buf, uint64_t len, int64_t timeout)
{
	return sys(t, FE_SYS_CONSOLE_READ, buf, len, (uint64_t)timeout);
}

static void input(const char *s)
{
	size_t n = strlen(s);

	ck_assert_uint_eq(kernel_console_input(s, n), n);
}

static void assert_read(struct thread *t, uint64_t buf, const char *want)
{
	char got[64] = { 0 };

	ck_assert_uint_lt(strlen(want), sizeof(got));
	uget(t->proc, buf, got, strlen(want));
	ck_assert_str_eq(got, want);
}

START_TEST(test_console_read_takes_buffered_input)
{
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, 64);

	input("hello\n");
	ck_assert_int_eq(read_into(t, buf, 64, FE_FOREVER), 6);
	assert_read(t, buf, "hello\n");
	ck_assert_int_eq(read_into(t, buf, 64, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(t->state, T_RUNNING);
}
END_TEST

START_TEST(test_console_read_waits_for_input)
{
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, 64);

	ck_assert_int_eq(read_into(t, buf, 64, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(t->wait, W_CONSOLE);
	ck_assert(still_blocked(t));
	input("abc");
	ck_assert_int_eq(woken(t), 3);
	assert_read(t, buf, "abc");
	/* Nothing is left over for the next read. */
	run_as(t);
	ck_assert_int_eq(read_into(t, buf, 64, FE_POLL), -FE_ETIMEDOUT);
}
END_TEST

/* A read takes at most its length; the rest waits for the next one. */
START_TEST(test_console_partial_reads)
{
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, 64);

	input("abcdef");
	input("gh");
	ck_assert_int_eq(read_into(t, buf, 2, FE_FOREVER), 2);
	assert_read(t, buf, "ab");
	ck_assert_int_eq(read_into(t, buf + 10, 3, FE_FOREVER), 3);
	assert_read(t, buf + 10, "cde");
	ck_assert_int_eq(read_into(t, buf + 20, 64, FE_FOREVER), 3);
	assert_read(t, buf + 20, "fgh");
	/* A waiting reader with a short buffer leaves the rest to the next. */
	ck_assert_int_eq(read_into(t, buf, 1, FE_FOREVER), BLOCKED);
	input("xyz");
	ck_assert_int_eq(woken(t), 1);
	run_as(t);
	ck_assert_int_eq(read_into(t, buf + 1, 8, FE_POLL), 2);
	assert_read(t, buf, "xyz");
}
END_TEST

/* Waiting readers are served in the order they came, each taking what
 * it can while bytes last. */
START_TEST(test_console_readers_are_served_in_order)
{
	struct thread *a = new_proc("a"), *b = new_proc("b"), *c = new_thread(b);
	uint64_t ab = ualloc(a, 16), bb = ualloc(b, 16), cb = ualloc(b, 16);

	ck_assert_int_eq(read_into(a, ab, 16, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(read_into(b, bb, 2, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(read_into(c, cb, 16, FE_FOREVER), BLOCKED);
	input("first");
	ck_assert_int_eq(woken(a), 5);
	assert_read(a, ab, "first");
	ck_assert(still_blocked(b) && still_blocked(c));
	input("xyz");
	ck_assert_int_eq(woken(b), 2);
	ck_assert_int_eq(woken(c), 1);
	assert_read(b, bb, "xy");
	assert_read(b, cb, "z");
	/* A reader arriving later waits behind none: all were served. */
	run_as(a);
	ck_assert_int_eq(read_into(a, ab, 16, FE_POLL), -FE_ETIMEDOUT);
}
END_TEST

/* The end of input: what is left first, then 0 for every read, waiting
 * or not. */
START_TEST(test_console_end_of_input)
{
	struct thread *t = new_proc("reader"), *u = new_proc("other");
	uint64_t buf = ualloc(t, 64), ub = ualloc(u, 8);

	ck_assert_int_eq(read_into(u, ub, 8, FE_FOREVER), BLOCKED);
	input("tail");
	ck_assert_int_eq(woken(u), 4);
	run_as(u);
	input("more");
	ck_assert_uint_eq(kernel_console_input("", 0), 0);
	ck_assert_int_eq(read_into(t, buf, 2, FE_FOREVER), 2);
	ck_assert_int_eq(read_into(t, buf + 2, 64, FE_FOREVER), 2);
	assert_read(t, buf, "more");
	ck_assert_int_eq(read_into(t, buf, 64, FE_FOREVER), 0);
	ck_assert_int_eq(read_into(t, buf, 64, FE_POLL), 0);
	ck_assert_int_eq(read_into(u, ub, 8, FE_FOREVER), 0);
}
END_TEST

START_TEST(test_console_end_wakes_every_waiting_reader)
{
	struct thread *t = new_proc("reader"), *u = new_thread(t);
	uint64_t buf = ualloc(t, 64);

	ck_assert_int_eq(read_into(t, buf, 64, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(read_into(u, buf, 64, 5000), BLOCKED);
	ck_assert_uint_eq(kernel_console_input("", 0), 0);
	ck_assert_int_eq(woken(t), 0);
	ck_assert_int_eq(woken(u), 0);
	/* u's timeout was cancelled with its wait. */
	advance(10000);
	ck_assert_int_eq(u->state, T_READY);
	ck_assert(!u->arch->ret_set);
}
END_TEST

/* The ring holds RING bytes: input beyond that is refused (the machine
 * keeps it and offers it again), and every byte taken comes out once, in
 * order, across the ring's wrap. */
START_TEST(test_console_ring_capacity)
{
	static char in[RING + 1000], out[RING + 1000];
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, RING);
	size_t fed, got;

	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (char)(i * 7 + i / 251);
	fed = kernel_console_input(in, sizeof(in));
	ck_assert_uint_eq(fed, RING);
	ck_assert_uint_eq(kernel_console_input(in + fed, sizeof(in) - fed), 0);
	/* Make room for 1000 bytes, then offer the rest again. */
	ck_assert_int_eq(read_into(t, buf, 1000, FE_FOREVER), 1000);
	uget(t->proc, buf, out, 1000);
	got = 1000;
	ck_assert_uint_eq(kernel_console_input(in + fed, sizeof(in) - fed), 1000);
	ck_assert_uint_eq(kernel_console_input("x", 1), 0);
	/* Drain it in reads that straddle the wrap. */
	while (got < sizeof(in)) {
		int64_t n = read_into(t, buf, 4093, FE_POLL);

		ck_assert_int_gt(n, 0);
		uget(t->proc, buf, out + got, (uint64_t)n);
		got += (size_t)n;
	}
	ck_assert_uint_eq(got, sizeof(in));
	ck_assert_mem_eq(out, in, sizeof(in));
	ck_assert_int_eq(read_into(t, buf, 16, FE_POLL), -FE_ETIMEDOUT);
}
END_TEST

/* A read of the ring's whole size is allowed and takes everything. */
START_TEST(test_console_read_of_the_whole_ring)
{
	static char in[RING], out[RING];
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, RING);

	memset(in, 'q', sizeof(in));
	in[0] = 'a';
	in[RING - 1] = 'z';
	ck_assert_uint_eq(kernel_console_input(in, RING), RING);
	ck_assert_int_eq(read_into(t, buf, RING, FE_POLL), RING);
	uget(t->proc, buf, out, RING);
	ck_assert_mem_eq(out, in, RING);
}
END_TEST

START_TEST(test_console_read_times_out)
{
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, 16);

	ck_assert_int_eq(read_into(t, buf, 16, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(read_into(t, buf, 16, 1000), BLOCKED);
	advance(999);
	ck_assert(still_blocked(t));
	advance(1);
	ck_assert_int_eq(woken(t), -FE_ETIMEDOUT);
	/* Input after the timeout waits in the ring for the next read. */
	input("late");
	ck_assert_int_eq(t->state, T_READY);
	ck_assert(!t->arch->ret_set);
	run_as(t);
	ck_assert_int_eq(read_into(t, buf, 16, 1000), 4);
	assert_read(t, buf, "late");
	/* A negative timeout waits for ever. */
	ck_assert_int_eq(read_into(t, buf, 16, -5), BLOCKED);
	advance(UINT64_MAX / 4);
	ck_assert(still_blocked(t));
	input("x");
	ck_assert_int_eq(woken(t), 1);
}
END_TEST

/* A reader that dies while waiting is forgotten: the input goes to the next
 * one. */
START_TEST(test_console_reader_killed_while_waiting)
{
	struct thread *t = new_proc("doomed"), *u = new_proc("next");
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	uint64_t ub = ualloc(u, 16);

	ck_assert_int_eq(read_into(t, ualloc(t, 16), 16, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(read_into(u, ub, 16, FE_FOREVER), BLOCKED);
	process_kill(t->proc, &why);
	input("hi");
	ck_assert_int_eq(woken(u), 2);
	assert_read(u, ub, "hi");
}
END_TEST

START_TEST(test_console_read_bad_buffers_are_efault)
{
	struct thread *t = new_proc("reader");
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ), buf = ualloc(t, 16);
	const uint64_t bad[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 4, UINT64_MAX - 4 };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_msg(read_into(t, bad[i], 8, FE_FOREVER) == -FE_EFAULT, "buffer %zu", i);
		ck_assert_int_eq(t->state, T_RUNNING);
	}
	/* Nothing was taken by the failed reads, with or without input. */
	input("data");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_int_eq(read_into(t, bad[i], 8, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(read_into(t, buf, 16, FE_FOREVER), 4);
	assert_read(t, buf, "data");
}
END_TEST

/* A waiting reader whose buffer was unmapped meanwhile gets -FE_EFAULT
 * when input comes; the input stays for the next reader. */
START_TEST(test_console_reader_whose_buffer_went_is_efault)
{
	struct thread *t = new_proc("reader"), *u = new_thread(t);
	uint64_t gone = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	uint64_t buf = ualloc(t, 16);

	ck_assert_int_eq(read_into(t, gone, 16, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(u, FE_SYS_MEM_UNMAP, gone, FE_PAGE_SIZE), 0);
	input("kept");
	ck_assert_int_eq(woken(t), -FE_EFAULT);
	ck_assert_int_eq(read_into(u, buf, 16, FE_POLL), 4);
	assert_read(u, buf, "kept");
}
END_TEST

START_TEST(test_console_read_bad_lengths_are_einval)
{
	struct thread *t = new_proc("reader");
	uint64_t buf = ualloc(t, 16);

	input("abc");
	ck_assert_int_eq(read_into(t, buf, 0, FE_FOREVER), -FE_EINVAL);
	ck_assert_int_eq(read_into(t, buf, RING + 1, FE_FOREVER), -FE_EINVAL);
	ck_assert_int_eq(read_into(t, buf, 1ull << 32, FE_FOREVER), -FE_EINVAL);
	ck_assert_int_eq(read_into(t, buf, UINT64_MAX, FE_FOREVER), -FE_EINVAL);
	ck_assert_int_eq(read_into(t, 0, 0, FE_FOREVER), -FE_EINVAL);
	ck_assert_int_eq(read_into(t, buf, 16, FE_FOREVER), 3);
	assert_read(t, buf, "abc");
}
END_TEST

Suite *suite_console(void)
{
	Suite *s = suite_create("console");

	ADD_TEST(s, test_console_read_takes_buffered_input);
	ADD_TEST(s, test_console_read_waits_for_input);
	ADD_TEST(s, test_console_partial_reads);
	ADD_TEST(s, test_console_readers_are_served_in_order);
	ADD_TEST(s, test_console_end_of_input);
	ADD_TEST(s, test_console_end_wakes_every_waiting_reader);
	ADD_TEST(s, test_console_ring_capacity);
	ADD_TEST(s, test_console_read_of_the_whole_ring);
	ADD_TEST(s, test_console_read_times_out);
	ADD_TEST(s, test_console_reader_killed_while_waiting);
	ADD_TEST(s, test_console_read_bad_buffers_are_efault);
	ADD_TEST(s, test_console_reader_whose_buffer_went_is_efault);
	ADD_TEST(s, test_console_read_bad_lengths_are_einval);
	return s;
}
