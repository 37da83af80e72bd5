/*
 * Unit tests of the pipe scheme's logic: making pipes and their ends, data
 * order, reads and writes that wait (kept requests answered later), end of
 * file, EPIPE, atomic writes, non-blocking ends, callers that leave.
 */
#include <stdio.h>
#include <string.h>

#include "pipe.h"
#include "thost.h"

static struct pipes ps;
static const struct t_server srv = { &pipe_ops, &ps, "pipe" };
static unsigned char big[3 * PIPE_CAPACITY];

static void setup(void)
{
	ck_assert_int_eq(pipes_init(&ps), 0);
	t_reset();
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7 + i / 251);
}

static void teardown(void)
{
	pipes_fini(&ps);
}

static int64_t open_as(const char *path, uint64_t flags, uint32_t pid)
{
	return t_call(&srv, FE_SCHEME_OPEN, 0, flags, 0, pid, path, strlen(path));
}

static uint64_t pipe_num(uint64_t id)
{
	struct fe_stat st;

	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, id, 0, 0, 1, NULL, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	ck_assert_uint_eq(st.mode & FE_S_IFMT, FE_S_IFIFO);
	return st.ino;
}

static uint64_t buffered(uint64_t id)
{
	struct fe_stat st;

	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, id, 0, 0, 1, NULL, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	return st.size;
}

/* A pipe made by pid 1: its read end in *r, its write end in *w. */
static void make(int64_t *r, int64_t *w, uint64_t wflags)
{
	char path[24];

	*r = open_as("", FE_O_RDONLY, 1);
	ck_assert_int_gt(*r, 0);
	snprintf(path, sizeof(path), "%llu", (unsigned long long)pipe_num((uint64_t)*r));
	*w = open_as(path, FE_O_WRONLY | wflags, 1);
	ck_assert_int_gt(*w, 0);
}

static int64_t put(int64_t w, const void *data, uint64_t len)
{
	return t_call(&srv, FE_SCHEME_WRITE, (uint64_t)w, 0, 0, 1, data, len);
}

START_TEST(pipe_ends)
{
	int64_t r = open_as("", FE_O_RDONLY, 1), w;

	ck_assert_int_eq(pipe_num((uint64_t)r), 1);
	ck_assert_int_eq(open_as("1", FE_O_WRONLY, 2), -FE_EACCES);
	ck_assert_int_eq(open_as("1", FE_O_RDONLY, 1), -FE_EINVAL);
	ck_assert_int_eq(open_as("1", FE_O_RDWR, 1), -FE_EINVAL);
	ck_assert_int_eq(open_as("2", FE_O_WRONLY, 1), -FE_ENOENT);
	ck_assert_int_eq(open_as("01", FE_O_WRONLY, 1), -FE_ENOENT);
	ck_assert_int_eq(open_as("1x", FE_O_WRONLY, 1), -FE_ENOENT);
	ck_assert_int_eq(open_as("99999999999", FE_O_WRONLY, 1), -FE_ENOENT);
	ck_assert_int_eq(open_as("", FE_O_WRONLY, 1), -FE_EINVAL);
	ck_assert_int_eq(open_as("", FE_O_RDONLY | FE_O_DIRECTORY, 1), -FE_EINVAL);
	w = open_as("/1", FE_O_WRONLY, 1);
	ck_assert_int_gt(w, 0);
	ck_assert_int_eq(open_as("1", FE_O_WRONLY, 1), -FE_EBUSY);
	ck_assert_int_eq(t_read(&srv, (uint64_t)w, 1), -FE_EBADF);
	ck_assert_int_eq(t_write(&srv, (uint64_t)r, "x"), -FE_EBADF);
	ck_assert_int_eq(t_read(&srv, 77, 1), -FE_EBADF);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, (uint64_t)r, 0, 0, 1, NULL, 0), -FE_ESPIPE);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FTRUNCATE, (uint64_t)w, 0, 0, 1, NULL, 0),
	                 -FE_EINVAL);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_READDIR, (uint64_t)r, 0, 0, 1, NULL, 0),
	                 -FE_ENOTDIR);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, 77, 0, 0, 1, NULL, 0), -FE_EBADF);
	t_close(&srv, (uint64_t)r);
	t_close(&srv, (uint64_t)w);
	ck_assert_int_eq(open_as("1", FE_O_WRONLY, 1), -FE_ENOENT);
}
END_TEST

START_TEST(pipe_order)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "hello "), 6);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "world"), 5);
	ck_assert_uint_eq(buffered((uint64_t)r), 11);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 4), 4);
	ck_assert_int_eq(memcmp(t_out, "hell", 4), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 100), 7);
	ck_assert_int_eq(memcmp(t_out, "o world", 7), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 0), 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, ""), 0);
}
END_TEST

START_TEST(pipe_read_waits)
{
	int64_t r, w;
	fe_handle_t first, second;

	make(&r, &w, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 3), SRV_DEFER);
	first = t_last_reply;
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 10), SRV_DEFER);
	second = t_last_reply;
	ck_assert_uint_eq(t_nanswers, 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "abcdefgh"), 8);
	ck_assert_uint_eq(t_nanswers, 2);
	ck_assert_int_eq(t_answers[0].reply, first);
	ck_assert_int_eq(t_answers[0].result, 3);
	ck_assert_int_eq(memcmp(t_answers[0].body, "abc", 3), 0);
	ck_assert_int_eq(t_answers[1].reply, second);
	ck_assert_int_eq(t_answers[1].result, 5);
	ck_assert_int_eq(memcmp(t_answers[1].body, "defgh", 5), 0);
	ck_assert_uint_eq(buffered((uint64_t)r), 0);
}
END_TEST

START_TEST(pipe_eof)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "xy"), 2);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 1), 1);
	t_close(&srv, (uint64_t)w);
	/* What was written is still read before end of file. */
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 10), 1);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 10), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 10), 0);
}
END_TEST

START_TEST(pipe_eof_wakes_reader)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 5), SRV_DEFER);
	t_close(&srv, (uint64_t)w);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 0);
}
END_TEST

START_TEST(pipe_not_yet_written)
{
	/* Before the write end is opened, a read waits rather than seeing EOF. */
	int64_t r = open_as("", FE_O_RDONLY, 1), w;

	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 5), SRV_DEFER);
	w = open_as("1", FE_O_WRONLY, 1);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "ok"), 2);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 2);
}
END_TEST

START_TEST(pipe_epipe)
{
	int64_t r, w;

	make(&r, &w, 0);
	t_close(&srv, (uint64_t)r);
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "x"), -FE_EPIPE);
	t_close(&srv, (uint64_t)w);
}
END_TEST

START_TEST(pipe_full_waits)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(put(w, big, PIPE_CAPACITY), PIPE_CAPACITY);
	ck_assert_int_eq(put(w, big + PIPE_CAPACITY, 10), SRV_DEFER);
	ck_assert_uint_eq(t_nanswers, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 100), 100);
	ck_assert_int_eq(memcmp(t_out, big, 100), 0);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 10);
	ck_assert_uint_eq(buffered((uint64_t)r), PIPE_CAPACITY - 90);
}
END_TEST

START_TEST(pipe_large_write)
{
	uint64_t got = 0, len = 60000 + 2 * PIPE_CAPACITY;
	int64_t r, w;

	/* One write that fits, then two of the largest size, which wait. */
	make(&r, &w, 0);
	ck_assert_int_eq(put(w, big, 60000), 60000);
	ck_assert_int_eq(put(w, big + 60000, PIPE_CAPACITY), SRV_DEFER);
	ck_assert_int_eq(put(w, big + 60000 + PIPE_CAPACITY, PIPE_CAPACITY), SRV_DEFER);
	while (got < len) {
		int64_t n = t_read(&srv, (uint64_t)r, 5000);

		ck_assert_int_gt(n, 0);
		ck_assert_int_eq(memcmp(t_out, big + got, (size_t)n), 0);
		got += (uint64_t)n;
	}
	ck_assert_uint_eq(t_nanswers, 2);
	ck_assert_int_eq(t_answers[0].result, PIPE_CAPACITY);
	ck_assert_int_eq(t_answers[1].result, PIPE_CAPACITY);
}
END_TEST

START_TEST(pipe_atomic)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(put(w, big, PIPE_CAPACITY - 100), PIPE_CAPACITY - 100);
	/* 200 bytes do not fit in 100: the write waits whole, nothing goes in. */
	ck_assert_int_eq(put(w, big, 200), SRV_DEFER);
	ck_assert_uint_eq(buffered((uint64_t)r), PIPE_CAPACITY - 100);
	/* A later small write keeps its place behind it. */
	ck_assert_int_eq(put(w, big, 10), SRV_DEFER);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 50), 50);
	ck_assert_uint_eq(t_nanswers, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 100), 100);
	ck_assert_uint_eq(t_nanswers, 2);
	ck_assert_int_eq(t_answers[0].result, 200);
	ck_assert_int_eq(t_answers[1].result, 10);
}
END_TEST

START_TEST(pipe_nonblock)
{
	int64_t r, w, r2;

	make(&r, &w, FE_O_NONBLOCK);
	r2 = open_as("", FE_O_RDONLY | FE_O_NONBLOCK, 1);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r2, 5), -FE_EAGAIN);
	ck_assert_int_eq(put(w, big, PIPE_CAPACITY - 10), PIPE_CAPACITY - 10);
	ck_assert_int_eq(put(w, big, 100), -FE_EAGAIN);
	ck_assert_int_eq(put(w, big, 5000), 10);
	ck_assert_int_eq(put(w, big, 5000), -FE_EAGAIN);
	ck_assert_uint_eq(t_nanswers, 0);
}
END_TEST

START_TEST(pipe_reader_left)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 5), SRV_DEFER);
	t_gone[t_ngone++] = t_last_reply;
	ck_assert_int_eq(t_read(&srv, (uint64_t)r, 5), SRV_DEFER);
	/* The first reader's caller is gone: its answer fails, so the bytes go
	 * to the second one. */
	ck_assert_int_eq(t_write(&srv, (uint64_t)w, "12345"), 5);
	ck_assert_uint_eq(t_nanswers, 1);
	ck_assert_int_eq(t_answers[0].result, 5);
	ck_assert_int_eq(memcmp(t_answers[0].body, "12345", 5), 0);
}
END_TEST

START_TEST(pipe_reader_closes_on_writer)
{
	int64_t r, w;

	make(&r, &w, 0);
	ck_assert_int_eq(put(w, big, PIPE_CAPACITY - 10), PIPE_CAPACITY - 10);
	ck_assert_int_eq(put(w, big, 5000), SRV_DEFER);
	ck_assert_int_eq(put(w, big, 100), SRV_DEFER);
	t_close(&srv, (uint64_t)r);
	ck_assert_uint_eq(t_nanswers, 2);
	ck_assert_int_eq(t_answers[0].result, 10);
	ck_assert_int_eq(t_answers[1].result, -FE_EPIPE);
}
END_TEST

START_TEST(pipe_many)
{
	int64_t r[50], w[50];

	for (int i = 0; i < 50; i++)
		make(&r[i], &w[i], 0);
	for (int i = 0; i < 50; i++)
		ck_assert_int_eq(put(w[i], big + i, 1), 1);
	for (int i = 0; i < 50; i++) {
		ck_assert_int_eq(t_read(&srv, (uint64_t)r[i], 9), 1);
		ck_assert_uint_eq(t_out[0], big[i]);
		t_close(&srv, (uint64_t)w[i]);
		t_close(&srv, (uint64_t)r[i]);
	}
	make(&r[0], &w[0], 0);
	ck_assert_uint_eq(pipe_num((uint64_t)r[0]), 1);
}
END_TEST

Suite *suite_pipe(void)
{
	Suite *s = suite_create("pipe");
	TCase *tc = tcase_create("pipe");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pipe_ends);
	tcase_add_test(tc, pipe_order);
	tcase_add_test(tc, pipe_read_waits);
	tcase_add_test(tc, pipe_eof);
	tcase_add_test(tc, pipe_eof_wakes_reader);
	tcase_add_test(tc, pipe_not_yet_written);
	tcase_add_test(tc, pipe_epipe);
	tcase_add_test(tc, pipe_full_waits);
	tcase_add_test(tc, pipe_large_write);
	tcase_add_test(tc, pipe_atomic);
	tcase_add_test(tc, pipe_nonblock);
	tcase_add_test(tc, pipe_reader_left);
	tcase_add_test(tc, pipe_reader_closes_on_writer);
	tcase_add_test(tc, pipe_many);
	suite_add_tcase(s, tc);
	return s;
}
