/*
 * Handles and capability tables: close, dup, info, lookups of bad, closed,
 * wrong-type and under-privileged handles by every system call that takes
 * one, slot reuse and a full table.
 */
#include "harness.h"

/* Handles of every object type held by one process, with all rights. */
struct zoo {
	struct thread *t, *peer;
	fe_handle_t ep, notify, mo, proc, thread, reply;
};

static void make_zoo(struct zoo *z)
{
	struct thread *other;

	z->t = new_proc("zoo");
	z->peer = new_proc("peer");
	other = new_proc("other");
	z->ep = (fe_handle_t)sys(z->t, FE_SYS_ENDPOINT_CREATE);
	z->notify = (fe_handle_t)sys(z->t, FE_SYS_NOTIFY_CREATE);
	z->mo = (fe_handle_t)sys(z->t, FE_SYS_MEMOBJ_CREATE, 8192);
	z->proc = give(z->t, &other->proc->obj, FE_RIGHTS_ALL);
	z->thread = (fe_handle_t)sys(z->t, FE_SYS_THREAD_CREATE, SCRATCH_BASE, SCRATCH_BASE, 0);
	ck_assert_int_ge(z->ep, 0);
	ck_assert_int_ge(z->notify, 0);
	ck_assert_int_ge(z->mo, 0);
	ck_assert_int_ge(z->thread, 0);
	z->reply = pending_call(z->peer, share(z->t, z->ep, z->peer, FE_RIGHT_CALL), z->t, z->ep);
}

START_TEST(test_close_removes_the_handle)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_NOTIFY_CREATE);
	uint64_t info = ualloc(t, sizeof(struct fe_handle_info));

	ck_assert_int_ge(h, 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, h), 0);
	ck_assert_ptr_null(handle_obj(t, (fe_handle_t)h));
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, info), -FE_EBADF);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, h, 1), -FE_EBADF);
}
END_TEST

START_TEST(test_close_twice_is_ebadf)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, h), 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, h), -FE_EBADF);
}
END_TEST

START_TEST(test_close_of_the_last_handle_destroys_the_object)
{
	struct thread *t = new_proc("p");
	unsigned mems = arch_test.live_mems;
	int64_t h = sys(t, FE_SYS_MEMOBJ_CREATE, 4096);

	ck_assert_uint_eq(arch_test.live_mems, mems + 1);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, h), 0);
	ck_assert_uint_eq(arch_test.live_mems, mems);
}
END_TEST

/* Handle numbers that are negative, too big, or alias a live handle in
 * their low 32 bits: every call that takes a handle must say -FE_EBADF and
 * leave the live handle alone. */
START_TEST(test_negative_and_huge_handles_are_ebadf)
{
	static const uint64_t bad[] = {
		(uint64_t)-1, (uint64_t)INT32_MIN, 0x7fffffffull, 0x80000000ull, 0xffffffffull,
		CAP_MAX,      (1ull << 32),        (1ull << 63),
	};
	static const uint64_t calls[] = {
		FE_SYS_HANDLE_CLOSE, FE_SYS_HANDLE_DUP, FE_SYS_HANDLE_INFO,   FE_SYS_CALL,
		FE_SYS_RECV,         FE_SYS_REPLY,      FE_SYS_NOTIFY_SIGNAL, FE_SYS_NOTIFY_WAIT,
		FE_SYS_MEMOBJ_MAP,   FE_SYS_PROC_WAIT,  FE_SYS_PROC_KILL,
	};
	struct thread *t = new_proc("p");
	struct fe_msg m = { .handle = FE_NO_HANDLE };
	uint64_t msg = umsg(t, &m), out = ualloc(t, 64);
	int64_t h = sys(t, FE_SYS_NOTIFY_CREATE);

	ck_assert_int_eq(h, 0);
	for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
		for (size_t j = 0; j < ARRAY_SIZE(bad); j++) {
			uint64_t a1 = calls[i] == FE_SYS_HANDLE_DUP   ? FE_RIGHT_DUP
			              : calls[i] == FE_SYS_MEMOBJ_MAP ? 0
			              : calls[i] == FE_SYS_CALL || calls[i] == FE_SYS_RECV ||
			                              calls[i] == FE_SYS_REPLY
			                      ? msg
			                      : out;

			ck_assert_msg(sys(t, calls[i], bad[j], a1, 4096, FE_PROT_READ, 0) ==
			                      -FE_EBADF,
			              "call %llu with handle %llx", (unsigned long long)calls[i],
			              (unsigned long long)bad[j]);
			ck_assert_ptr_nonnull(handle_obj(t, 0));
		}
	}
	ck_assert_uint_eq(t->proc->caps.used, 1);
}
END_TEST

START_TEST(test_dup_with_fewer_rights)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);
	int64_t d = sys(t, FE_SYS_HANDLE_DUP, h, FE_RIGHT_CALL | FE_RIGHT_DUP);
	uint64_t info = ualloc(t, sizeof(struct fe_handle_info));
	struct fe_handle_info a, b;

	ck_assert_int_eq(d, h + 1);
	ck_assert_uint_eq(handle_rights(t, (fe_handle_t)d), FE_RIGHT_CALL | FE_RIGHT_DUP);
	ck_assert_uint_eq(handle_rights(t, (fe_handle_t)h), FE_RIGHTS_ALL);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, info), 0);
	uget(t->proc, info, &a, sizeof(a));
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, d, info), 0);
	uget(t->proc, info, &b, sizeof(b));
	ck_assert_uint_eq(a.koid, b.koid);
	/* A duplicate with no rights at all is allowed, and useless. */
	d = sys(t, FE_SYS_HANDLE_DUP, d, 0);
	ck_assert_int_ge(d, 0);
	ck_assert_uint_eq(handle_rights(t, (fe_handle_t)d), 0);
}
END_TEST

START_TEST(test_dup_with_more_rights_is_eacces)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);
	int64_t d = sys(t, FE_SYS_HANDLE_DUP, h, FE_RIGHT_CALL | FE_RIGHT_DUP);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, d, FE_RIGHT_CALL | FE_RIGHT_DUP | FE_RIGHT_RECV),
	                 -FE_EACCES);
	ck_assert_uint_eq(t->proc->caps.used, 2);
}
END_TEST

START_TEST(test_dup_without_the_dup_right_is_eacces)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);
	int64_t d = sys(t, FE_SYS_HANDLE_DUP, h, FE_RIGHT_CALL);

	ck_assert_int_ge(d, 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, d, FE_RIGHT_CALL), -FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, d, 0), -FE_EACCES);
}
END_TEST

START_TEST(test_dup_with_unknown_rights_is_einval)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, h, FE_RIGHTS_ALL + 1), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, h, 1ull << 32), -FE_EINVAL);
	ck_assert_uint_eq(t->proc->caps.used, 1);
}
END_TEST

static struct fe_handle_info info_of(struct thread *t, fe_handle_t h)
{
	uint64_t at = ualloc(t, sizeof(struct fe_handle_info));
	struct fe_handle_info info;

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, at), 0);
	uget(t->proc, at, &info, sizeof(info));
	return info;
}

START_TEST(test_handle_info_on_every_object_type)
{
	struct zoo z;
	const struct {
		fe_handle_t *h;
		uint32_t type;
	} want[] = {
		{ &z.ep, FE_OBJ_ENDPOINT },   { &z.notify, FE_OBJ_NOTIFY },
		{ &z.mo, FE_OBJ_MEMOBJ },     { &z.proc, FE_OBJ_PROCESS },
		{ &z.thread, FE_OBJ_THREAD }, { &z.reply, FE_OBJ_REPLY },
	};

	make_zoo(&z);
	for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
		struct fe_handle_info info = info_of(z.t, *want[i].h);

		ck_assert_uint_eq(info.type, want[i].type);
		ck_assert_uint_eq(info.rights, handle_rights(z.t, *want[i].h));
		ck_assert_uint_eq(info.koid, handle_obj(z.t, *want[i].h)->koid);
		for (size_t j = 0; j < i; j++)
			ck_assert_uint_ne(info.koid, info_of(z.t, *want[j].h).koid);
	}
	ck_assert_uint_eq(info_of(z.t, z.mo).rights, FE_RIGHT_DUP | FE_RIGHT_TRANSFER |
	                                                     FE_RIGHT_READ | FE_RIGHT_WRITE |
	                                                     FE_RIGHT_EXEC);
	ck_assert_uint_eq(info_of(z.t, z.thread).rights, FE_RIGHT_DUP | FE_RIGHT_TRANSFER);
	ck_assert_uint_eq(info_of(z.t, z.reply).rights, FE_RIGHT_TRANSFER);
}
END_TEST

START_TEST(test_handle_info_with_a_bad_pointer_is_efault)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_ENDPOINT_CREATE);
	uint64_t ro = umap(t->proc, 0, 4096, FE_PROT_READ);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, ro), -FE_EFAULT);
	/* The last bytes would fall off the end of the scratch mapping. */
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, SCRATCH_BASE + SCRATCH_SIZE - 8),
	                 -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_INFO, h, UINT64_MAX - 4), -FE_EFAULT);
}
END_TEST

/* Every call that takes a handle of one type, given each other type. */
START_TEST(test_wrong_type_handle_is_ebadf_for_every_syscall)
{
	static const struct {
		uint64_t nr;
		uint32_t type;
	} calls[] = {
		{ FE_SYS_CALL, FE_OBJ_ENDPOINT },      { FE_SYS_RECV, FE_OBJ_ENDPOINT },
		{ FE_SYS_REPLY, FE_OBJ_REPLY },        { FE_SYS_NOTIFY_SIGNAL, FE_OBJ_NOTIFY },
		{ FE_SYS_NOTIFY_WAIT, FE_OBJ_NOTIFY }, { FE_SYS_MEMOBJ_MAP, FE_OBJ_MEMOBJ },
		{ FE_SYS_PROC_WAIT, FE_OBJ_PROCESS },  { FE_SYS_PROC_KILL, FE_OBJ_PROCESS },
	};
	struct zoo z;
	struct fe_msg m = { .handle = FE_NO_HANDLE };
	uint64_t msg, out;

	make_zoo(&z);
	msg = umsg(z.t, &m);
	out = ualloc(z.t, 64);
	fe_handle_t all[] = { z.ep, z.notify, z.mo, z.proc, z.thread, z.reply };
	uint32_t used = z.t->proc->caps.used;

	for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
		bool ipc = calls[i].nr == FE_SYS_CALL || calls[i].nr == FE_SYS_RECV ||
		           calls[i].nr == FE_SYS_REPLY;
		uint64_t a1 = calls[i].nr == FE_SYS_MEMOBJ_MAP ? 0 : ipc ? msg : out;

		for (size_t j = 0; j < ARRAY_SIZE(all); j++) {
			if (handle_obj(z.t, all[j])->type == calls[i].type)
				continue;
			ck_assert_msg(sys(z.t, calls[i].nr, all[j], a1, 4096, FE_PROT_READ, 0) ==
			                      -FE_EBADF,
			              "syscall %llu on handle type %u",
			              (unsigned long long)calls[i].nr,
			              handle_obj(z.t, all[j])->type);
		}
	}
	ck_assert_uint_eq(z.t->proc->caps.used, used);
	ck_assert(still_blocked(z.peer));
}
END_TEST

/* Each call given a handle of the right type that lacks the right it needs. */
START_TEST(test_missing_right_is_eacces_for_every_syscall)
{
	static const struct {
		uint64_t nr;
		uint32_t right;
		uint64_t prot; /* FE_SYS_MEMOBJ_MAP only */
	} calls[] = {
		{ FE_SYS_HANDLE_DUP, FE_RIGHT_DUP, 0 },
		{ FE_SYS_CALL, FE_RIGHT_CALL, 0 },
		{ FE_SYS_RECV, FE_RIGHT_RECV, 0 },
		{ FE_SYS_NOTIFY_SIGNAL, FE_RIGHT_SIGNAL, 0 },
		{ FE_SYS_NOTIFY_WAIT, FE_RIGHT_WAIT, 0 },
		{ FE_SYS_MEMOBJ_MAP, FE_RIGHT_READ, FE_PROT_READ },
		{ FE_SYS_MEMOBJ_MAP, FE_RIGHT_WRITE, FE_PROT_WRITE },
		{ FE_SYS_MEMOBJ_MAP, FE_RIGHT_EXEC, FE_PROT_EXEC },
		{ FE_SYS_PROC_WAIT, FE_RIGHT_WAIT, 0 },
		{ FE_SYS_PROC_KILL, FE_RIGHT_KILL, 0 },
	};
	struct zoo z;
	struct fe_msg m = { .handle = FE_NO_HANDLE };
	uint64_t msg, out;

	make_zoo(&z);
	msg = umsg(z.t, &m);
	out = ualloc(z.t, 64);
	for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
		uint32_t type = calls[i].nr == FE_SYS_HANDLE_DUP || calls[i].nr == FE_SYS_CALL ||
		                                calls[i].nr == FE_SYS_RECV
		                        ? FE_OBJ_ENDPOINT
		                : calls[i].nr == FE_SYS_MEMOBJ_MAP ? FE_OBJ_MEMOBJ
		                : calls[i].nr == FE_SYS_PROC_WAIT || calls[i].nr == FE_SYS_PROC_KILL
		                        ? FE_OBJ_PROCESS
		                        : FE_OBJ_NOTIFY;
		fe_handle_t src = type == FE_OBJ_ENDPOINT  ? z.ep
		                  : type == FE_OBJ_MEMOBJ  ? z.mo
		                  : type == FE_OBJ_PROCESS ? z.proc
		                                           : z.notify;
		fe_handle_t h = give(z.t, handle_obj(z.t, src), FE_RIGHTS_ALL & ~calls[i].right);
		uint64_t a1 = calls[i].nr == FE_SYS_HANDLE_DUP                           ? 0
		              : calls[i].nr == FE_SYS_MEMOBJ_MAP                         ? 0
		              : calls[i].nr == FE_SYS_CALL || calls[i].nr == FE_SYS_RECV ? msg
		                                                                         : out;

		ck_assert_msg(sys(z.t, calls[i].nr, h, a1, 4096, calls[i].prot, 0) == -FE_EACCES,
		              "syscall %llu without right %x", (unsigned long long)calls[i].nr,
		              calls[i].right);
		ck_assert_int_eq(sys(z.t, FE_SYS_HANDLE_CLOSE, h), 0);
	}
	ck_assert(!container_of(handle_obj(z.t, z.proc), struct process, obj)->dead);
}
END_TEST

START_TEST(test_lowest_free_slot_is_reused)
{
	struct thread *t = new_proc("p");
	int64_t h[5];

	for (int i = 0; i < 5; i++) {
		h[i] = sys(t, FE_SYS_NOTIFY_CREATE);
		ck_assert_int_eq(h[i], i);
	}
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, 3), 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, 1), 0);
	ck_assert_int_eq(sys(t, FE_SYS_ENDPOINT_CREATE), 1);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, 0, FE_RIGHT_WAIT), 3);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_CREATE), 5);
}
END_TEST

/* Fill the table to CAP_MAX: every call that makes a handle says -FE_EMFILE
 * and changes nothing; after one close they work again. */
START_TEST(test_full_table_is_emfile)
{
	struct thread *t = new_proc("p");
	struct thread *client = new_proc("client");
	struct fe_msg m = { .handle = FE_NO_HANDLE };
	uint64_t msg = umsg(t, &m), cmsg = umsg(client, &m);
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	fe_handle_t cep = share(t, (fe_handle_t)ep, client, FE_RIGHT_CALL);
	unsigned mems = arch_test.live_mems, threads = arch_test.live_threads;

	while (t->proc->caps.used < CAP_MAX)
		give(t, handle_obj(t, (fe_handle_t)ep), FE_RIGHT_CALL);
	ck_assert_int_eq(sys(t, FE_SYS_ENDPOINT_CREATE), -FE_EMFILE);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_CREATE), -FE_EMFILE);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, 4096), -FE_EMFILE);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_DUP, ep, FE_RIGHT_CALL), -FE_EMFILE);
	ck_assert_int_eq(sys(t, FE_SYS_THREAD_CREATE, SCRATCH_BASE, SCRATCH_BASE, 0), -FE_EMFILE);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	ck_assert_uint_eq(arch_test.live_threads, threads);
	ck_assert_uint_eq(t->proc->nthreads, 1);
	/* A receive has no slot for the reply handle: the caller stays queued. */
	ck_assert_int_eq(sys(client, FE_SYS_CALL, cep, cmsg, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_RECV, ep, msg, FE_FOREVER), -FE_EMFILE);
	ck_assert(still_blocked(client));
	ck_assert_uint_eq(t->proc->caps.used, CAP_MAX);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, CAP_MAX - 1), 0);
	ck_assert_int_eq(sys(t, FE_SYS_RECV, ep, msg, FE_FOREVER), CAP_MAX - 1);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, CAP_MAX - 1), 0);
	ck_assert_int_eq(woken(client), -FE_ECONNRESET);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_CREATE), CAP_MAX - 1);
}
END_TEST

START_TEST(test_koids_are_never_reused)
{
	struct thread *t = new_proc("p");
	uint64_t last = 0;

	for (int i = 0; i < 10; i++) {
		int64_t h = sys(t, FE_SYS_NOTIFY_CREATE);
		uint64_t koid = handle_obj(t, (fe_handle_t)h)->koid;

		ck_assert_uint_gt(koid, last);
		last = koid;
		ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, h), 0);
	}
}
END_TEST

Suite *suite_handles(void)
{
	Suite *s = suite_create("handles");

	ADD_TEST(s, test_close_removes_the_handle);
	ADD_TEST(s, test_close_twice_is_ebadf);
	ADD_TEST(s, test_close_of_the_last_handle_destroys_the_object);
	ADD_TEST(s, test_negative_and_huge_handles_are_ebadf);
	ADD_TEST(s, test_dup_with_fewer_rights);
	ADD_TEST(s, test_dup_with_more_rights_is_eacces);
	ADD_TEST(s, test_dup_without_the_dup_right_is_eacces);
	ADD_TEST(s, test_dup_with_unknown_rights_is_einval);
	ADD_TEST(s, test_handle_info_on_every_object_type);
	ADD_TEST(s, test_handle_info_with_a_bad_pointer_is_efault);
	ADD_TEST(s, test_wrong_type_handle_is_ebadf_for_every_syscall);
	ADD_TEST(s, test_missing_right_is_eacces_for_every_syscall);
	ADD_TEST(s, test_lowest_free_slot_is_reused);
	ADD_TEST(s, test_full_table_is_emfile);
	ADD_TEST(s, test_koids_are_never_reused);
	return s;
}
