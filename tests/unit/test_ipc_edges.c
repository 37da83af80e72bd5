/*
 * Endpoints and replies when things go wrong: bad pointers at the call and
 * at delivery, timeouts (call, receive, awaited reply, polls), replies to a
 * caller that gave up, reply handles dropped unanswered, servers and
 * callers that die mid-call, and endpoints whose last receive right goes.
 */
#include "harness.h"

static struct endpoint *ep_of(struct thread *t, fe_handle_t h)
{
	return container_of(handle_obj(t, h), struct endpoint, obj);
}

/* Every malformed call fails with -FE_EFAULT and leaves no trace: the
 * waiting server is not woken, nothing is queued. */
START_TEST(test_bad_message_pointers_are_efault_and_change_nothing)
{
	struct ipc_pair pr;
	uint64_t ro, sm;
	struct fe_msg ok = { .handle = FE_NO_HANDLE };

	make_pair(&pr);
	ro = umap(pr.client->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);

	const struct fe_msg bad[] = {
		{ .buf = (void *)0x5000, .len = 1, .handle = FE_NO_HANDLE }, /* unmapped */
		{ .buf = (void *)(SCRATCH_BASE + SCRATCH_SIZE - 2),
		  .len = 3,
		  .handle = FE_NO_HANDLE }, /* runs off the mapping */
		{ .buf = (void *)UINT64_MAX, .len = 2, .handle = FE_NO_HANDLE }, /* wraps */
		{ .rbuf = (void *)ro, .rcap = 1, .handle = FE_NO_HANDLE },       /* read-only */
		{ .rbuf = (void *)0x5000, .rcap = 8, .handle = FE_NO_HANDLE },   /* unmapped */
		{ .rbuf = (void *)(SCRATCH_BASE + SCRATCH_SIZE - 8),
		  .rcap = 16,
		  .handle = FE_NO_HANDLE }, /* runs off the mapping */
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t m = umsg(pr.client, &bad[i]);

		ck_assert_msg(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER) == -FE_EFAULT,
		              "bad message %zu", i);
		ck_assert(still_blocked(pr.server));
	}
	/* The header itself: null, unmapped, read-only, straddling the end. */
	uput(pr.client->proc, ro, &ok, sizeof(ok));
	const uint64_t hdr[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 8 };
	for (size_t i = 0; i < ARRAY_SIZE(hdr); i++) {
		ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, hdr[i], FE_FOREVER),
		                 -FE_EFAULT);
	}
	ck_assert(still_blocked(pr.server));
	ck_assert(list_empty(&ep_of(pr.server, pr.sep)->callers));
	ck_assert_uint_eq(pr.client->proc->caps.used, 1);
	ck_assert_uint_eq(pr.server->proc->caps.used, 1);
}
END_TEST

START_TEST(test_bad_receive_pointers_are_efault)
{
	struct ipc_pair pr;
	uint64_t ro;

	make_pair(&pr);
	ro = umap(pr.server->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, 0, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, ro, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep,
	                     umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)ro, .rcap = 16 }),
	                     FE_FOREVER),
	                 -FE_EFAULT);
	ck_assert(list_empty(&ep_of(pr.server, pr.sep)->receivers));
	ck_assert_int_eq(pr.server->state, T_RUNNING);
}
END_TEST

START_TEST(test_bad_reply_pointers_are_efault_and_the_call_stays)
{
	struct ipc_pair pr;
	fe_handle_t rh;
	uint64_t ro, cm;

	make_pair(&pr);
	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	ro = umap(pr.server->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, ro), -FE_EFAULT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .buf = (void *)0x5000,
	                                                       .len = 4,
	                                                       .handle = FE_NO_HANDLE })),
	                 -FE_EFAULT);
	ck_assert(still_blocked(pr.client));
	cm = umsg(pr.server, &(struct fe_msg){ .label = 1, .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, cm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
}
END_TEST

/* The sender's buffer disappears while it is queued: the delivery fails
 * the caller, and the server goes on waiting for the next one. */
START_TEST(test_sender_buffer_unmapped_while_queued_fails_the_caller)
{
	struct ipc_pair pr;
	uint64_t buf = 0x50000000, sm;
	struct thread *unmapper;

	make_pair(&pr);
	unmapper = new_thread(pr.client);
	umap(pr.client->proc, buf, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	ck_assert_int_eq(
		sys(pr.client, FE_SYS_CALL, pr.cep,
	            umsg(pr.client,
	                 &(struct fe_msg){ .buf = (void *)buf, .len = 16, .handle = FE_NO_HANDLE }),
	            FE_FOREVER),
		BLOCKED);
	ck_assert_int_eq(sys(unmapper, FE_SYS_MEM_UNMAP, buf, FE_PAGE_SIZE), 0);
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(woken(pr.client), -FE_EFAULT);
	ck_assert_int_eq(pr.server->wait, W_RECV);
	ck_assert_uint_eq(pr.server->proc->caps.used, 1);
}
END_TEST

/* The receiver's buffer disappears while it waits: the receiver is failed
 * and the caller stays queued for the next receiver. */
START_TEST(test_receiver_buffer_unmapped_while_waiting_fails_the_receiver)
{
	struct ipc_pair pr;
	uint64_t buf = 0x50000000;
	struct thread *unmapper;

	make_pair(&pr);
	unmapper = new_thread(pr.server);
	umap(pr.server->proc, buf, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep,
	                     umsg(pr.server, &(struct fe_msg){ .rbuf = (void *)buf, .rcap = 16 }),
	                     FE_FOREVER),
	                 BLOCKED);
	ck_assert_int_eq(sys(unmapper, FE_SYS_MEM_UNMAP, buf, FE_PAGE_SIZE), 0);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .buf = (void *)ualloc(pr.client, 4),
	                                                       .len = 4,
	                                                       .handle = FE_NO_HANDLE }),
	                     FE_FOREVER),
	                 BLOCKED);
	ck_assert_int_eq(woken(pr.server), -FE_EFAULT);
	ck_assert_int_eq(pr.client->wait, W_SEND);
	ck_assert_int_ge(sys(unmapper, FE_SYS_RECV, pr.sep, umsg(unmapper, &(struct fe_msg){ 0 }),
	                     FE_FOREVER),
	                 0);
	ck_assert_int_eq(pr.client->wait, W_REPLY);
}
END_TEST

START_TEST(test_call_times_out_without_a_server)
{
	struct ipc_pair pr;
	uint64_t m;

	make_pair(&pr);
	m = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	arch_test.now = 1000;
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, 500), BLOCKED);
	ck_assert_uint_eq(timer_next(), 1500);
	advance(499);
	ck_assert(still_blocked(pr.client));
	advance(1);
	ck_assert_int_eq(woken(pr.client), -FE_ETIMEDOUT);
	ck_assert(list_empty(&ep_of(pr.server, pr.sep)->callers));
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	/* The server now finds nobody. */
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }),
	                     FE_POLL),
	                 -FE_ETIMEDOUT);
}
END_TEST

/* A call that times out while queued lets go of the handle it was
 * sending; a negative timeout means no timeout at all. */
START_TEST(test_timed_out_call_releases_the_handle_it_was_sending)
{
	struct ipc_pair pr;
	unsigned mems;
	int64_t mo;

	make_pair(&pr);
	mems = arch_test.live_mems;
	mo = sys(pr.client, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = (fe_handle_t)mo }), 10),
	                 BLOCKED);
	advance(10);
	ck_assert_int_eq(woken(pr.client), -FE_ETIMEDOUT);
	run_as(pr.client);
	ck_assert_int_eq(sys(pr.client, FE_SYS_HANDLE_CLOSE, mo), 0);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE }), -2),
	                 BLOCKED);
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
}
END_TEST

START_TEST(test_recv_times_out_without_a_caller)
{
	struct ipc_pair pr;
	uint64_t m;

	make_pair(&pr);
	m = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, m, 10), BLOCKED);
	advance(9);
	ck_assert(still_blocked(pr.server));
	advance(1);
	ck_assert_int_eq(woken(pr.server), -FE_ETIMEDOUT);
	ck_assert(list_empty(&ep_of(pr.server, pr.sep)->receivers));
	/* A later caller is not handed to the departed receiver. */
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE }), FE_POLL),
	                 -FE_ETIMEDOUT);
}
END_TEST

/* The deadline covers the whole call, including the wait for the reply;
 * the server's late reply then finds nobody: -FE_EPIPE. */
START_TEST(test_call_times_out_when_the_reply_never_comes)
{
	struct ipc_pair pr;
	uint64_t sm, cm;
	int64_t rh;

	make_pair(&pr);
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	cm = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, 100), BLOCKED);
	advance(60);
	rh = sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	advance(39);
	ck_assert(still_blocked(pr.client));
	advance(1);
	ck_assert_int_eq(woken(pr.client), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = FE_NO_HANDLE })),
	                 -FE_EPIPE);
	ck_assert_ptr_null(handle_obj(pr.server, (fe_handle_t)rh));
	/* The client's header was not written by the late reply. */
	ck_assert_uint_eq(umsg_get(pr.client, cm).label, 0);
}
END_TEST

START_TEST(test_poll_call_and_recv_do_not_wait)
{
	struct ipc_pair pr;
	uint64_t cm, sm;

	make_pair(&pr);
	cm = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(pr.client->state, T_RUNNING);
	ck_assert_int_eq(pr.server->state, T_RUNNING);
	/* A polling call that finds a server is delivered and awaits its reply
	 * without a deadline. */
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_POLL), BLOCKED);
	ck_assert_int_ge(woken(pr.server), 0);
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	advance(1ull << 40);
	ck_assert(still_blocked(pr.client));
}
END_TEST

START_TEST(test_poll_recv_takes_a_queued_caller)
{
	struct ipc_pair pr;
	uint64_t sm;

	make_pair(&pr);
	ck_assert_int_eq(
		sys(pr.client, FE_SYS_CALL, pr.cep,
	            umsg(pr.client, &(struct fe_msg){ .label = 2, .handle = FE_NO_HANDLE }),
	            FE_FOREVER),
		BLOCKED);
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_ge(sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_POLL), 0);
	ck_assert_uint_eq(umsg_get(pr.server, sm).label, 2);
}
END_TEST

/* A reply carrying a handle to a caller whose table is full: the caller
 * gets -FE_EMFILE instead of the reply, and the reply handle is spent. */
START_TEST(test_reply_with_a_handle_to_a_full_caller)
{
	struct ipc_pair pr;
	fe_handle_t rh;
	int64_t n;

	make_pair(&pr);
	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	while (pr.client->proc->caps.used < CAP_MAX)
		give(pr.client, handle_obj(pr.client, pr.cep), 0);
	n = sys(pr.server, FE_SYS_NOTIFY_CREATE);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = (fe_handle_t)n })),
	                 0);
	ck_assert_int_eq(woken(pr.client), -FE_EMFILE);
	ck_assert_ptr_null(handle_obj(pr.server, rh));
	ck_assert_uint_eq(handle_obj(pr.server, (fe_handle_t)n)->refs, 1);
}
END_TEST

START_TEST(test_closing_the_reply_handle_unanswered_is_econnreset)
{
	struct ipc_pair pr;
	fe_handle_t rh;

	make_pair(&pr);
	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	ck_assert_int_eq(sys(pr.server, FE_SYS_HANDLE_CLOSE, rh), 0);
	ck_assert_int_eq(woken(pr.client), -FE_ECONNRESET);
	ck_assert_int_eq(pr.client->wait, W_NONE);
}
END_TEST

START_TEST(test_server_killed_mid_call_is_econnreset)
{
	struct ipc_pair pr;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct thread *queued;

	make_pair(&pr);
	queued = new_thread(pr.client);
	pending_call(pr.client, pr.cep, pr.server, pr.sep);
	ck_assert_int_eq(sys(queued, FE_SYS_CALL, pr.cep,
	                     umsg(queued, &(struct fe_msg){ .handle = FE_NO_HANDLE }), FE_FOREVER),
	                 BLOCKED);
	process_kill(pr.server->proc, &why);
	/* The call in progress is reset; the queued one finds no server. */
	ck_assert_int_eq(woken(pr.client), -FE_ECONNRESET);
	ck_assert_int_eq(woken(queued), -FE_EPIPE);
	run_as(pr.client);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE }),
	                     FE_FOREVER),
	                 -FE_EPIPE);
}
END_TEST

/* A caller that dies while its call is queued or awaiting its reply: the
 * handle it was sending is let go, and the server's reply is -FE_EPIPE. */
START_TEST(test_caller_killed_mid_call)
{
	struct ipc_pair pr;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct thread *other = new_proc("other");
	fe_handle_t rh, ocep;
	int64_t mo;
	unsigned mems;

	make_pair(&pr);
	ocep = share(pr.server, pr.sep, other, FE_RIGHT_CALL);
	rh = pending_call(other, ocep, pr.server, pr.sep);
	mems = arch_test.live_mems;
	mo = sys(pr.client, FE_SYS_MEMOBJ_CREATE, 4096);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = (fe_handle_t)mo }),
	                     FE_FOREVER),
	                 BLOCKED);
	process_kill(pr.client->proc, &why);
	process_kill(other->proc, &why);
	ck_assert(list_empty(&ep_of(pr.server, pr.sep)->callers));
	/* The memory object sent and both scratch areas are gone. */
	ck_assert_uint_eq(arch_test.live_mems, mems - 2);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = FE_NO_HANDLE })),
	                 -FE_EPIPE);
	ck_assert_int_eq(sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }),
	                     FE_POLL),
	                 -FE_ETIMEDOUT);
}
END_TEST

START_TEST(test_last_receive_right_closed_fails_callers_with_epipe)
{
	struct ipc_pair pr;
	struct thread *c2;
	int64_t dup;
	uint64_t m;

	make_pair(&pr);
	c2 = new_thread(pr.client);
	m = umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE });
	dup = sys(pr.server, FE_SYS_HANDLE_DUP, pr.sep, FE_RIGHT_RECV | FE_RIGHT_CALL);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(c2, FE_SYS_CALL, pr.cep, m, FE_FOREVER), BLOCKED);
	/* One receive right is left: nothing happens yet. */
	ck_assert_int_eq(sys(pr.server, FE_SYS_HANDLE_CLOSE, pr.sep), 0);
	ck_assert(still_blocked(pr.client) && still_blocked(c2));
	/* A handle that can only call does not keep the endpoint served. */
	give(pr.server, handle_obj(pr.client, pr.cep), FE_RIGHT_CALL);
	ck_assert_int_eq(sys(pr.server, FE_SYS_HANDLE_CLOSE, dup), 0);
	ck_assert_int_eq(woken(pr.client), -FE_EPIPE);
	ck_assert_int_eq(woken(c2), -FE_EPIPE);
	run_as(pr.client);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_FOREVER), -FE_EPIPE);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, m, FE_POLL), -FE_EPIPE);
}
END_TEST

/* A receive right that travels in a message keeps the endpoint served. */
START_TEST(test_transferred_receive_right_counts)
{
	struct ipc_pair pr;
	struct thread *third = new_proc("third");
	fe_handle_t tcep;
	uint64_t sm;

	make_pair(&pr);
	tcep = share(pr.server, pr.sep, third, FE_RIGHT_CALL);
	/* third calls the server, handing it nothing; the server replies with
	 * a receive right on its own endpoint, then drops its own. */
	fe_handle_t rh = pending_call(third, tcep, pr.server, pr.sep);

	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = pr.sep })),
	                 0);
	ck_assert_int_eq(woken(third), 0);
	run_as(third);
	ck_assert_int_eq(sys(pr.server, FE_SYS_HANDLE_CLOSE, pr.sep), 0);
	ck_assert_int_eq(
		sys(pr.client, FE_SYS_CALL, pr.cep,
	            umsg(pr.client, &(struct fe_msg){ .label = 5, .handle = FE_NO_HANDLE }),
	            FE_FOREVER),
		BLOCKED);
	sm = umsg(third, &(struct fe_msg){ 0 });
	ck_assert_int_ge(sys(third, FE_SYS_RECV, 1, sm, FE_POLL), 0);
	ck_assert_uint_eq(umsg_get(third, sm).label, 5);
}
END_TEST

START_TEST(test_reply_handle_can_be_passed_on)
{
	struct ipc_pair pr;
	struct thread *worker = new_proc("worker");
	fe_handle_t rh, wrh;
	int64_t wep;

	make_pair(&pr);
	/* The server hands the reply handle to a worker in a call of its own. */
	wep = sys(worker, FE_SYS_ENDPOINT_CREATE);
	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	fe_handle_t sw = share(worker, (fe_handle_t)wep, pr.server, FE_RIGHT_CALL);
	struct thread *fwd = new_thread(pr.server);
	uint64_t wm = umsg(worker, &(struct fe_msg){ 0 });

	ck_assert_int_eq(
		sys(fwd, FE_SYS_CALL, sw, umsg(fwd, &(struct fe_msg){ .handle = rh }), FE_FOREVER),
		BLOCKED);
	ck_assert_int_ge(sys(worker, FE_SYS_RECV, wep, wm, FE_FOREVER), 0);
	wrh = umsg_get(worker, wm).handle;
	ck_assert_uint_eq(handle_obj(worker, wrh)->type, FE_OBJ_REPLY);
	ck_assert_int_eq(sys(worker, FE_SYS_REPLY, wrh,
	                     umsg(worker, &(struct fe_msg){ .label = 77, .handle = FE_NO_HANDLE })),
	                 0);
	ck_assert_int_eq(woken(pr.client), 0);
	/* The server's copy is now spent. */
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh,
	                     umsg(pr.server, &(struct fe_msg){ .handle = FE_NO_HANDLE })),
	                 -FE_EPIPE);
}
END_TEST

/* Reply objects are recycled once dead (reply.c). A handle the server
 * still holds for a call that timed out keeps its object alive, so the next
 * call gets another one, and the stale handle cannot answer it. */
START_TEST(test_stale_reply_handle_never_answers_a_later_call)
{
	struct ipc_pair pr;
	uint64_t cm, sm, late, answer;
	fe_handle_t stale, rh;

	make_pair(&pr);
	cm = umsg(pr.client, &(struct fe_msg){ .label = 1, .handle = FE_NO_HANDLE });
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, 10), BLOCKED);
	stale = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	ck_assert_int_ge(stale, 0);
	advance(10);
	ck_assert_int_eq(woken(pr.client), -FE_ETIMEDOUT);
	run_as(pr.client);

	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	ck_assert_ptr_ne(handle_obj(pr.server, rh), handle_obj(pr.server, stale));
	late = umsg(pr.server, &(struct fe_msg){ .label = 66, .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, stale, late), -FE_EPIPE);
	ck_assert(still_blocked(pr.client));
	answer = umsg(pr.server, &(struct fe_msg){ .label = 77, .handle = FE_NO_HANDLE });
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, answer), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	ck_assert_uint_eq(umsg_get(pr.client, cm).label, 77);
}
END_TEST

/* The next call's reply object, recycled or not, is a new object: a new
 * id, one reference (its handle), and a handle that answers only once. */
START_TEST(test_next_call_gets_a_new_reply_object)
{
	struct ipc_pair pr;
	uint64_t cm, sm, rm;
	struct kobj *first;
	uint64_t koid;
	fe_handle_t rh;

	make_pair(&pr);
	cm = umsg(pr.client, &(struct fe_msg){ .label = 1, .handle = FE_NO_HANDLE });
	sm = umsg(pr.server, &(struct fe_msg){ 0 });
	rm = umsg(pr.server, &(struct fe_msg){ .label = 5, .handle = FE_NO_HANDLE });
	rh = pending_call(pr.client, pr.cep, pr.server, pr.sep);
	first = handle_obj(pr.server, rh);
	koid = first->koid;
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	run_as(pr.client);

	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep, cm, FE_FOREVER), BLOCKED);
	rh = (fe_handle_t)sys(pr.server, FE_SYS_RECV, pr.sep, sm, FE_FOREVER);
	first = handle_obj(pr.server, rh);
	ck_assert_uint_gt(first->koid, koid);
	ck_assert_int_eq(first->refs, 1);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), 0);
	ck_assert_int_eq(woken(pr.client), 0);
	ck_assert_uint_eq(umsg_get(pr.client, cm).label, 5);
	ck_assert_int_eq(sys(pr.server, FE_SYS_REPLY, rh, rm), -FE_EBADF);
}
END_TEST

Suite *suite_ipc_edges(void)
{
	Suite *s = suite_create("ipc-edges");

	ADD_TEST(s, test_bad_message_pointers_are_efault_and_change_nothing);
	ADD_TEST(s, test_bad_receive_pointers_are_efault);
	ADD_TEST(s, test_bad_reply_pointers_are_efault_and_the_call_stays);
	ADD_TEST(s, test_sender_buffer_unmapped_while_queued_fails_the_caller);
	ADD_TEST(s, test_receiver_buffer_unmapped_while_waiting_fails_the_receiver);
	ADD_TEST(s, test_call_times_out_without_a_server);
	ADD_TEST(s, test_timed_out_call_releases_the_handle_it_was_sending);
	ADD_TEST(s, test_recv_times_out_without_a_caller);
	ADD_TEST(s, test_call_times_out_when_the_reply_never_comes);
	ADD_TEST(s, test_poll_call_and_recv_do_not_wait);
	ADD_TEST(s, test_poll_recv_takes_a_queued_caller);
	ADD_TEST(s, test_reply_with_a_handle_to_a_full_caller);
	ADD_TEST(s, test_closing_the_reply_handle_unanswered_is_econnreset);
	ADD_TEST(s, test_server_killed_mid_call_is_econnreset);
	ADD_TEST(s, test_caller_killed_mid_call);
	ADD_TEST(s, test_last_receive_right_closed_fails_callers_with_epipe);
	ADD_TEST(s, test_transferred_receive_right_counts);
	ADD_TEST(s, test_reply_handle_can_be_passed_on);
	ADD_TEST(s, test_stale_reply_handle_never_answers_a_later_call);
	ADD_TEST(s, test_next_call_gets_a_new_reply_object);
	return s;
}
