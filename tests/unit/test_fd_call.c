/*
 * FE_SYS_FD_CALL: bad descriptors and labels, what the server is told (the
 * file id and pid it can trust), whose buffers are used (the caller's, both
 * ways), what the caller gets back (the reply's label), timeouts, and
 * servers that die or are gone.
 */
#include "schemes.h"

START_TEST(test_fd_call_bad_descriptors_are_ebadf)
{
	struct scheme_pair sp;
	struct fe_msg m = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };
	const int64_t bad[] = { -1,
		                2,
		                15,
		                16,
		                FE_OPEN_MAX - 1,
		                FE_OPEN_MAX,
		                INT32_MAX,
		                (int64_t)INT32_MAX + 1,
		                (int64_t)1 << 32,
		                INT64_MIN };

	two_files(&sp);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
	ck_assert_int_eq(fd_call(sp.client, 1, &m, FE_FOREVER), -FE_EBADF);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(fd_call(sp.client, bad[i], &m, FE_FOREVER) == -FE_EBADF, "fd %lld",
		              (long long)bad[i]);
	/* Descriptors are per process. */
	ck_assert_int_eq(fd_call(sp.server, 0, &m, FE_FOREVER), -FE_EBADF);
	assert_close_posted(sp.server, sp.sep, 11);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* OPEN and CLOSE are the kernel's to send; labels beyond the protocol are
 * refused too. */
START_TEST(test_fd_call_refuses_open_close_and_unknown_labels)
{
	struct scheme_pair sp;
	const uint64_t labels[] = { 0,
		                    FE_SCHEME_OPEN,
		                    FE_SCHEME_CLOSE,
		                    FE_SCHEME_OP_COUNT,
		                    FE_SCHEME_OP_COUNT + 1,
		                    UINT64_MAX };

	two_files(&sp);
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		struct fe_msg m = { .label = labels[i], .handle = FE_NO_HANDLE };

		ck_assert_msg(fd_call(sp.client, 0, &m, FE_FOREVER) == -FE_EINVAL, "label %llu",
		              (unsigned long long)labels[i]);
	}
	assert_nothing_waiting(sp.server, sp.sep);
	ck_assert_int_eq(sp.client->state, T_RUNNING);
}
END_TEST

START_TEST(test_fd_call_accepts_every_file_operation)
{
	struct scheme_pair sp;

	two_files(&sp);
	for (uint64_t op = FE_SCHEME_READ; op < FE_SCHEME_OP_COUNT; op++) {
		struct fe_msg m = { .label = op, .handle = FE_NO_HANDLE };
		struct request rq;

		ck_assert_int_eq(fd_call(sp.client, 1, &m, FE_FOREVER), BLOCKED);
		rq = recv_now(sp.server, sp.sep);
		ck_assert_uint_eq(rq.m.label, op);
		ck_assert_uint_eq(rq.m.w[0], 11);
		ck_assert_int_eq(reply_label(sp.server, rq.rh, (int64_t)op), 0);
		ck_assert_int_eq(resume(sp.client), (int64_t)op);
	}
}
END_TEST

/* The words the server trusts are the kernel's: w[0] the file's id, w[3]
 * the caller's pid, no handle. The rest are the caller's. */
START_TEST(test_fd_call_fills_in_the_trusted_words)
{
	struct scheme_pair sp;
	int64_t n;
	struct fe_msg m = { .label = FE_SCHEME_SEEK, .w = { 999, 123, 2, 4242 } };
	struct request rq;

	two_files(&sp);
	n = sys(sp.client, FE_SYS_NOTIFY_CREATE);
	m.handle = (fe_handle_t)n;
	ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sp.client->wait, W_SEND);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_SEEK);
	ck_assert_uint_eq(rq.m.w[0], 10);
	ck_assert_uint_eq(rq.m.w[1], 123);
	ck_assert_uint_eq(rq.m.w[2], 2);
	ck_assert_uint_eq(rq.m.w[3], sp.client->proc->pid);
	ck_assert_int_eq(rq.m.handle, FE_NO_HANDLE);
	ck_assert_uint_eq(rq.m.rlen, 0);
	/* The server got nothing but its reply handle. */
	ck_assert_uint_eq(sp.server->proc->caps.used, 2);
}
END_TEST

/* WRITE: the server's body is read straight from the caller's buffer. */
START_TEST(test_fd_call_write_sends_the_callers_buffer)
{
	struct scheme_pair sp;
	static unsigned char data[REQ_BODY];
	struct fe_msg m = { .label = FE_SCHEME_WRITE, .handle = FE_NO_HANDLE };
	struct request rq;

	two_files(&sp);
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 13 + 5);
	m.buf = (const void *)(ualloc(sp.client, sizeof(data) + 4096) + 4093);
	m.len = sizeof(data);
	uput(sp.client->proc, (uint64_t)m.buf, data, sizeof(data));
	ck_assert_int_eq(fd_call(sp.client, 1, &m, FE_FOREVER), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_WRITE);
	ck_assert_uint_eq(rq.m.rlen, sizeof(data));
	ck_assert_uint_eq(rq.m.flags, 0);
	ck_assert_mem_eq(rq.body, data, sizeof(data));
	ck_assert_int_eq(reply_label(sp.server, rq.rh, sizeof(data)), 0);
	ck_assert_int_eq(resume(sp.client), sizeof(data));
}
END_TEST

/* READ: the reply's body lands in the caller's rbuf, and the reply's header
 * (its words, the full length) in the caller's message. */
START_TEST(test_fd_call_read_fills_the_callers_rbuf)
{
	struct scheme_pair sp;
	struct fe_msg m = { .label = FE_SCHEME_READ, .w = { 0, 16 }, .handle = FE_NO_HANDLE };
	struct fe_msg rep = { .label = 5, .w = { 1, 2, 3, 4 }, .handle = FE_NO_HANDLE };
	uint64_t rbuf, cm;
	fe_handle_t rh;
	char got[17];
	struct request rq;

	two_files(&sp);
	rbuf = ualloc(sp.client, sizeof(got));
	uput(sp.client->proc, rbuf, ".................", 17);
	m.rbuf = (void *)rbuf;
	m.rcap = 16;
	cm = umsg(sp.client, &m);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_CALL, 0, cm, FE_FOREVER), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.w[1], 16);
	rh = (fe_handle_t)rq.rh;
	rep.buf = (const void *)uput_new(sp.server, "hello", 5);
	rep.len = 5;
	ck_assert_int_eq(sys(sp.server, FE_SYS_REPLY, rh, umsg(sp.server, &rep)), 0);
	ck_assert_int_eq(resume(sp.client), 5);
	uget(sp.client->proc, rbuf, got, sizeof(got));
	ck_assert_mem_eq(got, "hello............", 17);
	m = umsg_get(sp.client, cm);
	ck_assert_uint_eq(m.label, 5);
	ck_assert_mem_eq(m.w, rep.w, sizeof(rep.w));
	ck_assert_uint_eq(m.rlen, 5);
	ck_assert_uint_eq(m.flags, 0);
	ck_assert_ptr_eq(m.rbuf, (void *)rbuf);

	/* A body longer than rbuf is cut, and says so. */
	m.label = FE_SCHEME_READ;
	uput(sp.client->proc, cm, &m, sizeof(m));
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_CALL, 0, cm, FE_FOREVER), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_int_eq(reply_body(sp.server, rq.rh, 20, "abcdefghijklmnopqrst", 20), 0);
	ck_assert_int_eq(resume(sp.client), 20);
	uget(sp.client->proc, rbuf, got, sizeof(got));
	ck_assert_mem_eq(got, "abcdefghijklmnop.", 17);
	ck_assert_uint_eq(umsg_get(sp.client, cm).rlen, 20);
	ck_assert_uint_eq(umsg_get(sp.client, cm).flags, FE_MSG_TRUNCATED);
}
END_TEST

/* Whatever label the server answers with is the call's result. */
START_TEST(test_fd_call_result_is_the_reply_label)
{
	struct scheme_pair sp;
	const int64_t labels[] = { 0, 1, -FE_EIO, -FE_ENOTTY, INT64_MAX, -4095 };
	struct fe_msg m = { .label = FE_SCHEME_IOCTL, .handle = FE_NO_HANDLE };

	two_files(&sp);
	for (size_t i = 0; i < ARRAY_SIZE(labels); i++) {
		struct request rq;

		ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_FOREVER), BLOCKED);
		rq = recv_now(sp.server, sp.sep);
		ck_assert_int_eq(reply_label(sp.server, rq.rh, labels[i]), 0);
		ck_assert_int_eq(resume(sp.client), labels[i]);
	}
}
END_TEST

START_TEST(test_fd_call_bad_message_is_efault)
{
	struct scheme_pair sp;
	uint64_t ro;
	struct fe_msg ok = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };

	two_files(&sp);
	ro = umap(sp.client->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	uput(sp.client->proc, ro, &ok, sizeof(ok));
	const uint64_t hdr[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 8 };
	for (size_t i = 0; i < ARRAY_SIZE(hdr); i++)
		ck_assert_int_eq(sys(sp.client, FE_SYS_FD_CALL, 0, hdr[i], FE_FOREVER), -FE_EFAULT);
	const struct fe_msg bad[] = {
		{ .label = FE_SCHEME_WRITE, .buf = (void *)0x5000, .len = 1 },
		{ .label = FE_SCHEME_WRITE,
		  .buf = (void *)(SCRATCH_BASE + SCRATCH_SIZE - 2),
		  .len = 3 },
		{ .label = FE_SCHEME_READ, .rbuf = (void *)ro, .rcap = 1 },
		{ .label = FE_SCHEME_READ, .rbuf = (void *)0x5000, .rcap = 8 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(fd_call(sp.client, 0, &bad[i], FE_FOREVER) == -FE_EFAULT,
		              "message %zu", i);
	ck_assert_int_eq(fd_call(sp.client, 0,
	                         &(struct fe_msg){ .label = FE_SCHEME_WRITE,
	                                           .buf = (void *)SCRATCH_BASE,
	                                           .len = FE_MSG_MAX_BUF + 1 },
	                         FE_FOREVER),
	                 -FE_EMSGSIZE);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* The server dies with the call in hand: -FE_ECONNRESET; calls still
 * queued, and every later one, find no server: -FE_EPIPE. */
START_TEST(test_fd_call_to_a_dying_server)
{
	struct scheme_pair sp;
	struct thread *queued;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct fe_msg m = { .label = FE_SCHEME_FSYNC, .handle = FE_NO_HANDLE };

	two_files(&sp);
	queued = new_thread(sp.client);
	ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(fd_call(queued, 1, &m, FE_FOREVER), BLOCKED);
	recv_now(sp.server, sp.sep);
	process_kill(sp.server->proc, &why);
	ck_assert_int_eq(resume(sp.client), -FE_ECONNRESET);
	ck_assert_int_eq(resume(queued), -FE_EPIPE);
	ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_FOREVER), -FE_EPIPE);
	ck_assert_int_eq(fd_call(queued, 1, &m, FE_POLL), -FE_EPIPE);
	/* The descriptors stay until closed. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
}
END_TEST

/* The call's timeout covers it whole, as FE_SYS_CALL's does: a poll finds
 * no server receiving; a timeout expires while queued or while the server
 * holds the call, whose late reply then finds nobody. */
START_TEST(test_fd_call_times_out)
{
	struct scheme_pair sp;
	struct fe_msg m = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };
	struct request rq;

	two_files(&sp);
	ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(fd_call(sp.client, 0, &m, 1000), BLOCKED);
	advance(999);
	ck_assert(still_blocked(sp.client));
	advance(1);
	ck_assert_int_eq(resume(sp.client), -FE_ETIMEDOUT);
	assert_nothing_waiting(sp.server, sp.sep);

	ck_assert_int_eq(fd_call(sp.client, 0, &m, 1000), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	advance(1000);
	ck_assert_int_eq(resume(sp.client), -FE_ETIMEDOUT);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), -FE_EPIPE);
}
END_TEST

Suite *suite_fd_call(void)
{
	Suite *s = suite_create("fd_call");

	ADD_TEST(s, test_fd_call_bad_descriptors_are_ebadf);
	ADD_TEST(s, test_fd_call_refuses_open_close_and_unknown_labels);
	ADD_TEST(s, test_fd_call_accepts_every_file_operation);
	ADD_TEST(s, test_fd_call_fills_in_the_trusted_words);
	ADD_TEST(s, test_fd_call_write_sends_the_callers_buffer);
	ADD_TEST(s, test_fd_call_read_fills_the_callers_rbuf);
	ADD_TEST(s, test_fd_call_result_is_the_reply_label);
	ADD_TEST(s, test_fd_call_bad_message_is_efault);
	ADD_TEST(s, test_fd_call_to_a_dying_server);
	ADD_TEST(s, test_fd_call_times_out);
	return s;
}
