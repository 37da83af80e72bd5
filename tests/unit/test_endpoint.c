/*
 * Endpoints and replies when things go right: delivery in both orders, the
 * message header, payloads copied byte for byte across address spaces and
 * page boundaries, truncation, the size limit, handle transfer in both
 * directions, FIFO order, and the one-shot reply handle.
 */
#include <string.h>

#include "harness.h"

static void fill_pattern(unsigned char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 31 + seed + (i >> 8));
}

START_TEST(test_call_then_recv_delivers_the_request)
{
	struct ipc_pair pr;
	struct fe_msg m = { .label = 7, .w = { 1, 2, 3, UINT64_MAX }, .handle = FE_NO_HANDLE };
	struct fe_msg r = { .handle = 5, .flags = 9, .rlen = 77 };
	uint64_t cm, sm, sbuf;
	int64_t rh;

	make_pair(&pr);
	m.buf = (const void *)uput_new(pr.client, "hello", 5);
	m.len = 5;
	cm = umsg(pr.client, &m);
	sbuf = ualloc(pr.server, 64);
	r.rbuf = (void *)sbuf;
	r.rcap = 64;
	sm = umsg(pr.server, &r);

	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(pr.client->wait, W_SEND);
	rh = sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	ck_assert_uint_eq(handle_obj(pr.server, (fe_handle_t)rh)->type, FE_OBJ_REPLY);
	ck_assert_int_eq(pr.client->wait, W_REPLY);
	ck_assert(still_blocked(pr.client));

	r = umsg_get(pr.server, sm);
	ck_assert_uint_eq(r.label, 7);
	ck_assert_mem_eq(r.w, m.w, sizeof(m.w));
	ck_assert_uint_eq(r.rlen, 5);
	ck_assert_uint_eq(r.flags, 0);
	ck_assert_int_eq(r.handle, FE_NO_HANDLE);
	ck_assert_ptr_eq(r.rbuf, (void *)sbuf);
	ck_assert_uint_eq(r.rcap, 64);
	char got[6] = { 0 };
	uget(pr.server->proc, sbuf, got, 5);
	ck_assert_str_eq(got, "hello");
}
END_TEST

START_TEST(test_recv_then_call_delivers_the_request)
{
	struct ipc_pair pr;
	struct fe_msg m = { .label = 99, .handle = FE_NO_HANDLE };
	uint64_t cm, sm;

	make_pair(&pr);
	m.buf = (const void *)uput_new(pr.client, "abc", 3);
	m.len = 3;
	cm = umsg(pr.client, &m);
	sm = umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)ualloc(pr.server, 8), .rcap = 8 });

	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(pr.server->wait, W_RECV);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(pr.client->wait, W_REPLY);
	ck_assert_int_ge(woken(pr.server), 0);
	ck_assert_uint_eq(umsg_get(pr.server, sm).label, 99);
	ck_assert_uint_eq(umsg_get(pr.server, sm).rlen, 3);
}
END_TEST

START_TEST(test_reply_completes_the_call)
{
	struct ipc_pair pr;
	struct fe_msg c = { .handle = FE_NO_HANDLE }, rep = { .label = 0x55, .w = { 9, 8, 7, 6 } };
	uint64_t cm, rm, cbuf;
	fe_handle_t rh;

	make_pair(&pr);
	cbuf = ualloc(pr.client, 32);
	c.rbuf = (void *)cbuf;
	c.rcap = 32;
	c.label = 1;
	cm = umsg(pr.client, &c);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep,
	                      umsg(pr.server, &(struct fe_msg){ 0 }), FE_FOREVER);
	ck_assert_int_ge(rh, 0);

	rep.buf = (const void *)uput_new(pr.server, "response", 8);
	rep.len = 8;
	rep.handle = FE_NO_HANDLE;
	rm = umsg(pr.server, &rep);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	c = umsg_get(pr.client, cm);
	ck_assert_uint_eq(c.label, 0x55);
	ck_assert_mem_eq(c.w, rep.w, sizeof(rep.w));
	ck_assert_uint_eq(c.rlen, 8);
	ck_assert_uint_eq(c.flags, 0);
	ck_assert_int_eq(c.handle, FE_NO_HANDLE);
	char got[9] = { 0 };
	uget(pr.client->proc, cbuf, got, 8);
	ck_assert_str_eq(got, "response");
	/* The reply handle was used up. */
	ck_assert_ptr_null(handle_obj(pr.server, rh));
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), -FE_EBADF);
}
END_TEST

/* Both buffers span page boundaries and, on the sending side, two separate
 * mappings; the full FE_MSG_MAX_BUF bytes go each way. */
START_TEST(test_payload_is_copied_byte_for_byte_across_pages)
{
	static unsigned char out[FE_MSG_MAX_BUF], in[FE_MSG_MAX_BUF + 2];
	const uint64_t n = FE_MSG_MAX_BUF;
	struct ipc_pair pr;
	uint64_t src = 0x40000000, dst, cm, sm, rm;
	struct fe_msg c = { .handle = FE_NO_HANDLE }, s = { 0 }, rep = { .handle = FE_NO_HANDLE };
	fe_handle_t rh;

	make_pair(&pr);
	umap(pr.client->proc, src, 8 * FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	umap(pr.client->proc, src + 8 * FE_PAGE_SIZE, 16 * FE_PAGE_SIZE,
	     FE_PROT_READ | FE_PROT_WRITE);
	src += 4093; /* 3 bytes before a page boundary */
	fill_pattern(out, n, 1);
	uput(pr.client->proc, src, out, n);
	dst = ualloc(pr.server, n + 4096) + 4095;
	c = (struct fe_msg){ .buf = (const void *)src,
		             .len = n,
		             .handle = FE_NO_HANDLE,
		             .rbuf = (void *)(src + 1),
		             .rcap = n };
	s = (struct fe_msg){ .rbuf = (void *)dst, .rcap = n + 1 };
	cm = umsg(pr.client, &c);
	sm = umsg(pr.server, &s);

	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	uget(pr.server->proc, dst, in, n + 1);
	ck_assert_mem_eq(in, out, n);
	ck_assert_uint_eq(in[n], 0);
	ck_assert_uint_eq(umsg_get(pr.server, sm).rlen, n);

	/* And back: the server replies with a different pattern. */
	fill_pattern(out, n, 2);
	uput(pr.server->proc, dst, out, n);
	rep.buf = (const void *)dst;
	rep.len = n;
	rm = umsg(pr.server, &rep);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	uget(pr.client->proc, src + 1, in, n);
	ck_assert_mem_eq(in, out, n);
	uget(pr.client->proc, src, in, 1);
	ck_assert_uint_eq(in[0], (unsigned char)(1)); /* the byte before rbuf is untouched */
}
END_TEST

START_TEST(test_truncated_request_sets_the_flag_and_full_length)
{
	struct ipc_pair pr;
	unsigned char out[100], in[12];
	uint64_t sbuf, cm, sm;
	struct fe_msg r;

	make_pair(&pr);
	fill_pattern(out, sizeof(out), 3);
	cm = umsg(pr.client,
	          &(struct fe_msg){ .buf = (const void *)uput_new(pr.client, out, sizeof(out)),
	                            .len = sizeof(out),
	                            .handle = FE_NO_HANDLE });
	sbuf = ualloc(pr.server, 16);
	uput(pr.server->proc, sbuf, "\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee\xee", 12);
	sm = umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)sbuf, .rcap = 10 });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	ck_assert_int_ge(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), 0);
	r = umsg_get(pr.server, sm);
	ck_assert_uint_eq(r.rlen, 100);
	ck_assert_uint_eq(r.flags & FE_MSG_TRUNCATED, FE_MSG_TRUNCATED);
	uget(pr.server->proc, sbuf, in, 12);
	ck_assert_mem_eq(in, out, 10);
	ck_assert_uint_eq(in[10], 0xee);
	ck_assert_uint_eq(in[11], 0xee);
}
END_TEST

START_TEST(test_truncated_reply_sets_the_flag_and_full_length)
{
	struct ipc_pair pr;
	uint64_t cbuf, cm, rm;
	fe_handle_t rh;
	struct fe_msg c;
	char in[4];

	make_pair(&pr);
	cbuf = ualloc(pr.client, 4);
	uput(pr.client->proc, cbuf, "....", 4);
	cm = umsg(pr.client,
	          &(struct fe_msg){ .rbuf = (void *)cbuf, .rcap = 3, .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep,
	                      umsg(pr.server, &(struct fe_msg){ 0 }), FE_FOREVER);
	rm = umsg(pr.server, &(struct fe_msg){ .buf = (const void *)uput_new(pr.server, "xyzw", 4),
	                                       .len = 4,
	                                       .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	c = umsg_get(pr.client, cm);
	ck_assert_uint_eq(c.rlen, 4);
	ck_assert_uint_eq(c.flags, FE_MSG_TRUNCATED);
	uget(pr.client->proc, cbuf, in, 4);
	ck_assert_mem_eq(in, "xyz.", 4);
}
END_TEST

START_TEST(test_exact_fit_is_not_truncated)
{
	struct ipc_pair pr;
	uint64_t sm;

	make_pair(&pr);
	sm = umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)ualloc(pr.server, 4), .rcap = 4 });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(
		sys(pr.client, FE_SYS_CALL, pr.cep,
	            umsg(pr.client, &(struct fe_msg){ .buf = (void *)uput_new(pr.client, "1234", 4),
	                                              .len = 4,
	                                              .handle = FE_NO_HANDLE }),
	            FE_FOREVER),
		BLOCKED);
	ck_assert_int_ge(woken(pr.server), 0);
	ck_assert_uint_eq(umsg_get(pr.server, sm).flags, 0);
	ck_assert_uint_eq(umsg_get(pr.server, sm).rlen, 4);
}
END_TEST

START_TEST(test_message_over_the_maximum_is_emsgsize)
{
	struct ipc_pair pr;
	uint64_t big, cm, rm;
	fe_handle_t rh;

	make_pair(&pr);
	big = ualloc(pr.client, FE_MSG_MAX_BUF + 1);
	cm = umsg(pr.client, &(struct fe_msg){ .buf = (const void *)big,
	                                       .len = FE_MSG_MAX_BUF + 1,
	                                       .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), -FE_EMSGSIZE);
	cm = umsg(pr.client, &(struct fe_msg){ .buf = (const void *)big,
	                                       .len = UINT64_MAX,
	                                       .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), -FE_EMSGSIZE);
	ck_assert(list_empty(
		&container_of(handle_obj(pr.client, pr.cep), struct endpoint, obj)->callers));

	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	big = ualloc(pr.server, FE_MSG_MAX_BUF + 1);
	rm = umsg(pr.server, &(struct fe_msg){ .buf = (const void *)big,
	                                       .len = FE_MSG_MAX_BUF + 1,
	                                       .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), -FE_EMSGSIZE);
	ck_assert(still_blocked(pr.client));
	ck_assert_ptr_nonnull(handle_obj(pr.server, rh));
}
END_TEST

/* A receive buffer larger than the maximum is fine: it is only used up to
 * FE_MSG_MAX_BUF bytes. */
START_TEST(test_receive_capacity_over_the_maximum_is_accepted)
{
	struct ipc_pair pr;
	uint64_t sm;

	make_pair(&pr);
	sm = umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)ualloc(pr.server, FE_MSG_MAX_BUF),
	                                       .rcap = UINT64_MAX });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_POLL), -FE_ETIMEDOUT);
}
END_TEST

START_TEST(test_handle_is_transferred_in_a_call)
{
	struct ipc_pair pr;
	int64_t n = 0;
	uint64_t sm;
	struct fe_msg r;
	uint32_t rights = FE_RIGHT_TRANSFER | FE_RIGHT_SIGNAL;

	make_pair(&pr);
	n = sys(pr.client, FE_SYS_NOTIFY_CREATE);
	n = sys(pr.client, FE_SYS_HANDLE_DUP, n, rights);
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = (fe_handle_t)n }),
	                     FE_FOREVER),
	                 BLOCKED);
	ck_assert_int_ge(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), 0);
	r = umsg_get(pr.server, sm);
	ck_assert_int_ge(r.handle, 0);
	ck_assert_ptr_eq(handle_obj(pr.server, r.handle), handle_obj(pr.client, (fe_handle_t)n));
	ck_assert_uint_eq(handle_rights(pr.server, r.handle), rights);
	ck_assert_uint_eq(handle_rights(pr.client, (fe_handle_t)n), rights);
	/* The copy works: the server signals, the client's original sees it. */
	ck_assert_int_eq(sys(pr.server, FE_SYS_NOTIFY_SIGNAL, r.handle, 4), 0);
	ck_assert_uint_eq(
		container_of(handle_obj(pr.client, (fe_handle_t)n), struct notify, obj)->bits, 4);
}
END_TEST

START_TEST(test_handle_is_transferred_in_a_reply)
{
	struct ipc_pair pr;
	fe_handle_t rh;
	int64_t mo;
	uint64_t cm;
	struct fe_msg c;

	make_pair(&pr);
	cm = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep,
	                      umsg(pr.server, &(struct fe_msg){ 0 }), FE_FOREVER);
	mo = sys(pr.server, FE_SYS_MEMOBJ_CREATE, 4096);
	mo = sys(pr.server, FE_SYS_HANDLE_DUP, mo, FE_RIGHT_READ | FE_RIGHT_TRANSFER);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = (fe_handle_t)mo })),
	                 0);
	ck_assert_int_eq(woken(pr.client), 0);
	c = umsg_get(pr.client, cm);
	ck_assert_int_ge(c.handle, 0);
	ck_assert_ptr_eq(handle_obj(pr.client, c.handle), handle_obj(pr.server, (fe_handle_t)mo));
	ck_assert_uint_eq(handle_rights(pr.client, c.handle), FE_RIGHT_READ | FE_RIGHT_TRANSFER);
	ck_assert_ptr_nonnull(handle_obj(pr.server, (fe_handle_t)mo));
}
END_TEST

START_TEST(test_handle_without_transfer_right_is_eacces)
{
	struct ipc_pair pr;
	fe_handle_t rh;
	int64_t n;
	uint64_t m;

	make_pair(&pr);
	n = sys(pr.client, FE_SYS_NOTIFY_CREATE);
	n = sys(pr.client, FE_SYS_HANDLE_DUP, n, FE_RIGHTS_ALL & ~FE_RIGHT_TRANSFER);
	m = umsg(pr.client, &(struct fe_msg){ .handle = (fe_handle_t)n });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }),
	                     FE_FOREVER),
	                 BLOCKED);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER), -FE_EACCES);
	ck_assert(still_blocked(pr.server));
	/* A closed handle number is -FE_EBADF. */
	m = umsg(pr.client, &(struct fe_msg){ .handle = 1000 });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER), -FE_EBADF);
	ck_assert(still_blocked(pr.server));

	m = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)woken(pr.server);
	run_as(pr.server);
	n = sys(pr.server, FE_SYS_NOTIFY_CREATE);
	n = sys(pr.server, FE_SYS_HANDLE_DUP, n, FE_RIGHT_WAIT);
	m = umsg(pr.server, &(struct fe_msg){ .handle = (fe_handle_t)n });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, m), -FE_EACCES);
	ck_assert(still_blocked(pr.client));
	ck_assert_uint_eq(handle_obj(pr.server, rh)->type, FE_OBJ_REPLY);
}
END_TEST

START_TEST(test_callers_are_served_in_fifo_order)
{
	struct ipc_pair pr;
	struct thread *c[4];
	uint64_t sm;

	make_pair(&pr);
	c[0] = pr.client;
	for (int i = 1; i < 4; i++)
		c[i] = new_thread(pr.client);
	for (int i = 0; i < 4; i++) {
		uint64_t m = umsg(c[i], &(struct fe_msg){ .label = 100 + (uint64_t)i,
		                                          .handle = FE_NO_HANDLE });

		ck_assert_int_eq(sys(c[i], FE_SYS_CALL, pr.cep, m, FE_FOREVER), BLOCKED);
	}
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	for (int i = 0; i < 4; i++) {
		int64_t rh = sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);

		ck_assert_int_ge(rh, 0);
		ck_assert_uint_eq(umsg_get(pr.server, sm).label, 100 + (uint64_t)i);
		ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
		                     umsg(pr.server, &(struct fe_msg){ .label = (uint64_t)i,
		                                                       .handle = FE_NO_HANDLE })),
		                 0);
		ck_assert_int_eq(woken(c[i]), 0);
		for (int j = i + 1; j < 4; j++)
			ck_assert(still_blocked(c[j]));
	}
}
END_TEST

START_TEST(test_receivers_are_served_in_fifo_order)
{
	struct ipc_pair pr;
	struct thread *s[3];
	uint64_t sm[3];

	make_pair(&pr);
	s[0] = pr.server;
	s[1] = new_thread(pr.server);
	s[2] = new_thread(pr.server);
	for (int i = 0; i < 3; i++) {
		sm[i] = umsg(s[i], &(struct fe_msg){ 0 });
		ck_assert_int_eq(sys(s[i], FE_SYS_RECV, pr.sep, sm[i], FE_FOREVER), BLOCKED);
	}
	for (int i = 0; i < 3; i++) {
		struct thread *c = new_thread(pr.client);

		ck_assert_int_eq(sys(c, FE_SYS_CALL, pr.cep,
		                     umsg(c, &(struct fe_msg){ .label = (uint64_t)i,
		                                               .handle = FE_NO_HANDLE }),
		                     FE_FOREVER),
		                 BLOCKED);
		ck_assert_int_ge(woken(s[i]), 0);
		ck_assert_uint_eq(umsg_get(s[i], sm[i]).label, (uint64_t)i);
		for (int j = i + 1; j < 3; j++)
			ck_assert(still_blocked(s[j]));
	}
}
END_TEST

/* A server calling its own endpoint (same process, another thread). */
START_TEST(test_call_within_one_process)
{
	struct thread *srv = new_proc("self"), *cl = new_thread(srv);
	int64_t ep = sys(srv, FE_SYS_ENDPOINT_CREATE);
	fe_handle_t rh;
	uint64_t cm = umsg(cl, &(struct fe_msg){ .label = 3, .handle = (fe_handle_t)ep });

	ck_assert_int_eq(sys(cl, FE_SYS_CALL, ep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(srv, FE_SYS_RECV, ep, umsg(srv, &(struct fe_msg){ 0 }), FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	ck_assert_int_eq(sys(srv, FE_SYS_REPLY, rh,
	                     umsg(srv, &(struct fe_msg){ .label = 4, .handle = FE_NO_HANDLE })),
	                 0);
	ck_assert_int_eq(woken(cl), 0);
	ck_assert_uint_eq(umsg_get(cl, cm).label, 4);
}
END_TEST

/* A header may lie anywhere: unaligned, or across a page boundary, it is
 * read and written through the copies instead of in place. Either way a
 * receipt sets only label, words, rlen, handle and flags. */
START_TEST(test_header_unaligned_or_across_pages)
{
	struct ipc_pair pr;
	struct fe_msg m = { .label = 3, .w = { 4, 5, 6, 7 }, .handle = FE_NO_HANDLE };
	struct fe_msg r = { .buf = (const void *)0x5678, .rlen = 9, .flags = 9 };
	uint64_t cm, sm, edge;
	int64_t rh;

	make_pair(&pr);
	cm = ualloc(pr.client, 2 * sizeof(m)) + 4;
	uput(pr.client->proc, cm, &m, sizeof(m));
	edge = (ualloc(pr.server, 3 * FE_PAGE_SIZE) + FE_PAGE_SIZE) & ~(uint64_t)(FE_PAGE_SIZE - 1);
	sm = edge + FE_PAGE_SIZE - 40;
	uput(pr.server->proc, sm, &r, sizeof(r));

	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = woken(pr.server);
	ck_assert_int_ge(rh, 0);
	r = umsg_get(pr.server, sm);
	ck_assert_uint_eq(r.label, 3);
	ck_assert_mem_eq(r.w, m.w, sizeof(m.w));
	ck_assert_uint_eq(r.rlen, 0);
	ck_assert_uint_eq(r.flags, 0);
	ck_assert_int_eq(r.handle, FE_NO_HANDLE);
	ck_assert_ptr_eq(r.buf, (const void *)0x5678);

	run_as(pr.server);
	r = (struct fe_msg){ .label = 8, .w = { 9 }, .handle = FE_NO_HANDLE };
	uput(pr.server->proc, sm, &r, sizeof(r));
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, sm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	m = umsg_get(pr.client, cm);
	ck_assert_uint_eq(m.label, 8);
	ck_assert_uint_eq(m.w[0], 9);
	ck_assert_uint_eq(m.w[3], 0);
	ck_assert_int_eq(m.handle, FE_NO_HANDLE);
}
END_TEST

Suite *suite_endpoint(void)
{
	Suite *s = suite_create("endpoint");

	ADD_TEST(s, test_call_then_recv_delivers_the_request);
	ADD_TEST(s, test_recv_then_call_delivers_the_request);
	ADD_TEST(s, test_reply_completes_the_call);
	ADD_TEST(s, test_payload_is_copied_byte_for_byte_across_pages);
	ADD_TEST(s, test_truncated_request_sets_the_flag_and_full_length);
	ADD_TEST(s, test_truncated_reply_sets_the_flag_and_full_length);
	ADD_TEST(s, test_exact_fit_is_not_truncated);
	ADD_TEST(s, test_message_over_the_maximum_is_emsgsize);
	ADD_TEST(s, test_receive_capacity_over_the_maximum_is_accepted);
	ADD_TEST(s, test_handle_is_transferred_in_a_call);
	ADD_TEST(s, test_handle_is_transferred_in_a_reply);
	ADD_TEST(s, test_handle_without_transfer_right_is_eacces);
	ADD_TEST(s, test_callers_are_served_in_fifo_order);
	ADD_TEST(s, test_receivers_are_served_in_fifo_order);
	ADD_TEST(s, test_call_within_one_process);
	ADD_TEST(s, test_header_unaligned_or_across_pages);
	return s;
}
