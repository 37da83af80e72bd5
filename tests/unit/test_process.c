/*
 * Processes and threads as objects: wait (live, dead, timeout, bad
 * arguments), kill (rights, twice, self), exit status, unknown system
 * calls, the release of everything a dead process held, zombies, thread
 * creation and exit, death from outside, and process 1 halting the machine.
 * Also the small calls about the caller: debug_write, random, clock, getpid.
 */
#include <string.h>

#include "harness.h"

#define PROC_RIGHTS (FE_RIGHT_DUP | FE_RIGHT_TRANSFER | FE_RIGHT_WAIT | FE_RIGHT_KILL)

static struct fe_exit exit_at(struct thread *t, uint64_t at)
{
	struct fe_exit e;

	uget(t->proc, at, &e, sizeof(e));
	return e;
}

START_TEST(test_wait_on_a_live_process_blocks_until_it_exits)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));
	struct arch_thread *cat = child->arch;
	struct fe_exit e;

	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(parent->wait, W_PROC);
	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 3), BLOCKED);
	ck_assert(cat->destroyed);
	ck_assert_int_eq(woken(parent), 0);
	e = exit_at(parent, out);
	ck_assert_uint_eq(e.kind, FE_EXIT_NORMAL);
	ck_assert_int_eq(e.code, 3);
}
END_TEST

START_TEST(test_wait_on_a_dead_process_returns_at_once)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));

	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 250), BLOCKED);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_FOREVER), 0);
	ck_assert_int_eq(exit_at(parent, out).code, 250);
	/* Again, and with a poll: the exit is remembered. */
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
	ck_assert_int_eq(exit_at(parent, out).code, 250);
}
END_TEST

START_TEST(test_wait_times_out)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));
	struct process *cp = child->proc;

	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, 1000000), BLOCKED);
	advance(999999);
	ck_assert(still_blocked(parent));
	advance(1);
	ck_assert_int_eq(woken(parent), -FE_ETIMEDOUT);
	ck_assert(list_empty(&cp->waiters));
	/* The child's later exit wakes nobody and writes nothing. */
	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 1), BLOCKED);
	ck_assert_uint_eq(exit_at(parent, out).kind, 0);
	ck_assert_int_eq(exit_at(parent, out).code, 0);
	ck_assert(!parent->arch->ret_set);
}
END_TEST

START_TEST(test_wait_with_bad_arguments)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	fe_handle_t self = give(parent, &parent->proc->obj, PROC_RIGHTS);
	uint64_t ro = umap(parent->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));

	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, 0, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, ro, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(
		sys(parent, FE_SYS_PROC_WAIT, h, SCRATCH_BASE + SCRATCH_SIZE - 8, FE_FOREVER),
		-FE_EFAULT);
	/* Waiting for oneself would never end. */
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, self, out, FE_FOREVER), -FE_EINVAL);
	ck_assert(list_empty(&child->proc->waiters));
	ck_assert_int_eq(parent->state, T_RUNNING);
}
END_TEST

START_TEST(test_kill_needs_the_kill_right)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t weak = give(parent, &child->proc->obj, FE_RIGHT_WAIT);
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));
	struct process *cp = child->proc;

	ck_assert_int_eq(sys(parent, FE_SYS_PROC_KILL, weak), -FE_EACCES);
	ck_assert(!cp->dead);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_KILL, h), 0);
	ck_assert(cp->dead);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, weak, out, FE_POLL), 0);
	ck_assert_uint_eq(exit_at(parent, out).kind, FE_EXIT_KILLED);
	ck_assert_int_eq(exit_at(parent, out).code, 0);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_KILL, h), -FE_ESRCH);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "'child' killed"));
}
END_TEST

START_TEST(test_kill_of_oneself_does_not_return)
{
	struct thread *t = new_proc("self");
	fe_handle_t h = give(t, &t->proc->obj, PROC_RIGHTS);
	struct process *p = t->proc;
	struct arch_thread *at = t->arch;

	kobj_retain(&p->obj);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_KILL, h), BLOCKED);
	ck_assert(p->dead);
	ck_assert(at->destroyed);
	ck_assert(!at->ret_set);
	ck_assert_uint_eq(p->exit.kind, FE_EXIT_KILLED);
	kobj_release(&p->obj);
}
END_TEST

START_TEST(test_exit_status_is_reported_whole)
{
	struct thread *parent = new_proc("parent");
	const int codes[] = { 0, 1, 255, 256, -1, INT32_MIN };
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));

	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		struct thread *child = new_proc("child");
		fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);

		ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, (uint64_t)(int64_t)codes[i]),
		                 BLOCKED);
		ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
		ck_assert_uint_eq(exit_at(parent, out).kind, FE_EXIT_NORMAL);
		ck_assert_int_eq(exit_at(parent, out).code, codes[i]);
	}
}
END_TEST

START_TEST(test_unknown_syscall_kills_the_caller)
{
	const uint64_t bad[] = { 0, FE_SYS_COUNT, FE_SYS_COUNT + 1, 1000, 1ull << 32, UINT64_MAX };
	struct thread *parent = new_proc("parent");
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct thread *t = new_proc("bad"), *other = new_thread(t);
		fe_handle_t h = give(parent, &t->proc->obj, PROC_RIGHTS);
		struct arch_thread *at = t->arch, *oat = other->arch;
		struct fe_exit e;

		ck_assert_int_eq(sys(t, bad[i], 1, 2, 3, 4, 5), BLOCKED);
		ck_assert(at->destroyed && oat->destroyed);
		ck_assert(!at->ret_set);
		ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
		e = exit_at(parent, out);
		ck_assert_uint_eq(e.kind, FE_EXIT_FAULT);
		ck_assert_int_eq(e.code, FE_FAULT_BADCALL);
		ck_assert_uint_eq(e.addr, bad[i]);
	}
	ck_assert_ptr_nonnull(strstr(arch_test.console, "invalid system call"));
}
END_TEST

/* Everything a dead process held is released: threads, address space,
 * memory, handles. Its endpoint loses its receive right, so its clients
 * get -FE_EPIPE. */
START_TEST(test_killing_a_process_releases_its_objects)
{
	unsigned mems = arch_test.live_mems, ases = arch_test.live_as;
	unsigned threads = arch_test.live_threads;
	struct ipc_pair pr;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct process *sp;

	make_pair(&pr);
	sp = pr.server->proc;
	new_thread(pr.server);
	new_thread(pr.server);
	ck_assert_int_gt(sys(pr.server, FE_SYS_MEM_MAP, 0, 8 * FE_PAGE_SIZE, FE_PROT_READ), 0);
	ck_assert_int_ge(sys(pr.server, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE), 0);
	ck_assert_int_ge(sys(pr.server, FE_SYS_NOTIFY_CREATE), 0);
	ck_assert_int_eq(
		sys(pr.server, FE_SYS_RECV, pr.sep, umsg(pr.server, &(struct fe_msg){ 0 }), 100),
		BLOCKED);
	ck_assert_uint_eq(process_count(), 3);
	process_kill(sp, &why);
	ck_assert_uint_eq(process_count(), 2);
	ck_assert_ptr_null(process_find(sp->pid));
	ck_assert_uint_eq(arch_test.live_as, ases + 1);         /* the client's */
	ck_assert_uint_eq(arch_test.live_threads, threads + 1); /* the client's */
	ck_assert_uint_eq(arch_test.live_mems, mems + 1);       /* the client's scratch */
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	ck_assert_int_eq(sys(pr.client, FE_SYS_CALL, pr.cep,
	                     umsg(pr.client, &(struct fe_msg){ .handle = FE_NO_HANDLE }),
	                     FE_FOREVER),
	                 -FE_EPIPE);
	/* Killing it again changes nothing. */
	process_kill(sp, &why);
	ck_assert_uint_eq(process_count(), 2);
}
END_TEST

/* Held by a handle, a dead process stays readable; the last close frees it. */
START_TEST(test_zombie_stays_readable_while_a_handle_exists)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	struct process *cp = child->proc;
	fe_handle_t h = give(parent, &cp->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));
	uint64_t info = ualloc(parent, sizeof(struct fe_handle_info));
	uint64_t koid = cp->obj.koid;
	struct fe_handle_info hi;

	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 9), BLOCKED);
	ck_assert(cp->dead);
	ck_assert_ptr_null(process_find(cp->pid));
	ck_assert_uint_eq(cp->obj.refs, 1); /* only the handle keeps it */
	ck_assert_int_eq(sys(parent, FE_SYS_HANDLE_INFO, h, info), 0);
	uget(parent->proc, info, &hi, sizeof(hi));
	ck_assert_uint_eq(hi.type, FE_OBJ_PROCESS);
	ck_assert_uint_eq(hi.koid, koid);
	ck_assert_uint_eq(hi.pid, cp->pid);
	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
	ck_assert_int_eq(exit_at(parent, out).code, 9);
	ck_assert_int_eq(sys(parent, FE_SYS_HANDLE_CLOSE, h), 0);
	ck_assert_int_eq(sys(parent, FE_SYS_HANDLE_INFO, h, info), -FE_EBADF);
}
END_TEST

START_TEST(test_waiters_are_all_woken_and_a_dead_waiter_is_not)
{
	struct thread *a = new_proc("a"), *b = new_proc("b"), *c = new_proc("c");
	struct thread *child = new_proc("child");
	fe_handle_t ha = give(a, &child->proc->obj, PROC_RIGHTS);
	fe_handle_t hb = give(b, &child->proc->obj, PROC_RIGHTS);
	fe_handle_t hc = give(c, &child->proc->obj, PROC_RIGHTS);
	uint64_t oa = ualloc(a, 32), ob = ualloc(b, 32), oc = ualloc(c, 32);
	struct fe_exit why = { .kind = FE_EXIT_KILLED };

	ck_assert_int_eq(sys(a, FE_SYS_PROC_WAIT, ha, oa, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(b, FE_SYS_PROC_WAIT, hb, ob, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(c, FE_SYS_PROC_WAIT, hc, oc, FE_FOREVER), BLOCKED);
	process_kill(b->proc, &why);
	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 4), BLOCKED);
	ck_assert_int_eq(woken(a), 0);
	ck_assert_int_eq(woken(c), 0);
	ck_assert_int_eq(exit_at(a, oa).code, 4);
	ck_assert_int_eq(exit_at(c, oc).code, 4);
}
END_TEST

/* The machine reports that an address space died (the sim's host process
 * was killed from outside): its process dies with the reason given. */
START_TEST(test_address_space_death_kills_its_process)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");
	fe_handle_t h = give(parent, &child->proc->obj, PROC_RIGHTS);
	uint64_t out = ualloc(parent, sizeof(struct fe_exit));
	struct fe_exit why = { .kind = FE_EXIT_SANDBOX, .code = 59, .addr = 0x401000 }, e;
	struct arch_as *as = child->proc->vm.as;

	ck_assert_int_eq(sys(parent, FE_SYS_PROC_WAIT, h, out, FE_FOREVER), BLOCKED);
	kernel_as_died(as, &why);
	ck_assert_int_eq(woken(parent), 0);
	e = exit_at(parent, out);
	ck_assert_uint_eq(e.kind, FE_EXIT_SANDBOX);
	ck_assert_int_eq(e.code, 59);
	ck_assert_uint_eq(e.addr, 0x401000);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "forbidden host call 59"));
	/* An address space nobody owns any more is ignored. */
	kernel_as_died(as, &why);
	ck_assert_uint_eq(process_count(), 2);
}
END_TEST

START_TEST(test_process_1_exiting_halts_with_its_status)
{
	EXPECT_HALT(process_exit(init_proc, 0x1ff));
	ck_assert_int_eq(arch_test.halt_status, 0xff);
}
END_TEST

START_TEST(test_process_1_faulting_halts_with_128_plus_the_fault)
{
	struct fe_exit fault = { .kind = FE_EXIT_FAULT, .code = FE_FAULT_PAGE };

	EXPECT_HALT(process_kill(init_proc, &fault));
	ck_assert_int_eq(arch_test.halt_status, 128 + FE_FAULT_PAGE);
}
END_TEST

START_TEST(test_thread_create_syscall)
{
	struct thread *t = new_proc("p"), *nt;
	int64_t h;
	const uint64_t bad[][2] = {
		{ 0, SCRATCH_BASE },
		{ TEST_USER_LO - 1, SCRATCH_BASE },
		{ TEST_USER_HI, SCRATCH_BASE },
		{ SCRATCH_BASE, TEST_USER_HI + 1 },
		{ SCRATCH_BASE, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_int_eq(sys(t, FE_SYS_THREAD_CREATE, bad[i][0], bad[i][1], 0), -FE_EINVAL);
	ck_assert_uint_eq(t->proc->nthreads, 1);
	ck_assert_int_eq(sys(t, FE_SYS_SET_PRIORITY, 20), 0);
	h = sys(t, FE_SYS_THREAD_CREATE, SCRATCH_BASE + 0x40, TEST_USER_HI, 0xabcdef);
	ck_assert_int_ge(h, 0);
	ck_assert_uint_eq(handle_rights(t, (fe_handle_t)h), FE_RIGHT_DUP | FE_RIGHT_TRANSFER);
	nt = container_of(handle_obj(t, (fe_handle_t)h), struct thread, obj);
	ck_assert_int_eq(nt->state, T_READY);
	ck_assert_uint_eq(nt->prio, 20);
	ck_assert_uint_eq(nt->arch->entry, SCRATCH_BASE + 0x40);
	ck_assert_uint_eq(nt->arch->sp, TEST_USER_HI);
	ck_assert_uint_eq(nt->arch->arg, 0xabcdef);
	ck_assert_ptr_eq(nt->arch->as, t->proc->vm.as);
	ck_assert_ptr_eq(sched_pick(), nt);
	arch_test.thread_fail_after = 0;
	ck_assert_int_eq(sys(t, FE_SYS_THREAD_CREATE, SCRATCH_BASE, SCRATCH_BASE, 0), -FE_ENOMEM);
	ck_assert_uint_eq(t->proc->nthreads, 2);
}
END_TEST

START_TEST(test_thread_exit_ends_the_thread_then_the_process)
{
	struct thread *t = new_proc("p"), *t2 = new_thread(t);
	struct process *p = t->proc;
	struct arch_thread *a2 = t2->arch;
	fe_handle_t th = give(t, &t2->obj, FE_RIGHT_DUP);

	ck_assert_int_eq(sys(t2, FE_SYS_THREAD_EXIT), BLOCKED);
	ck_assert(a2->destroyed);
	ck_assert(!p->dead);
	ck_assert_uint_eq(p->nthreads, 1);
	/* The dead thread's handle still names a thread. */
	ck_assert_uint_eq(handle_obj(t, th)->type, FE_OBJ_THREAD);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, th), 0);
	kobj_retain(&p->obj);
	ck_assert_int_eq(sys(t, FE_SYS_THREAD_EXIT), BLOCKED);
	ck_assert(p->dead);
	ck_assert_uint_eq(p->exit.kind, FE_EXIT_NORMAL);
	ck_assert_int_eq(p->exit.code, 0);
	kobj_release(&p->obj);
}
END_TEST

START_TEST(test_debug_write_copies_to_the_console)
{
	struct thread *t = new_proc("p");
	uint64_t s = uput_new(t, "hello, console", 14);
	uint64_t big = ualloc(t, 5000);

	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, s, 14), 14);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "hello, console"));
	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, s, 0), 0);
	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, 0x5000, 1), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, SCRATCH_BASE + SCRATCH_SIZE - 1, 2),
	                 -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, big, 4097), -FE_EINVAL);
	/* A long write spans the kernel's bounce buffer and a page boundary. */
	size_t before = arch_test.console_len;
	char pattern[4096];
	for (size_t i = 0; i < sizeof(pattern); i++)
		pattern[i] = (char)('a' + i % 26);
	uput(t->proc, big, pattern, sizeof(pattern));
	ck_assert_int_eq(sys(t, FE_SYS_DEBUG_WRITE, big, 4096), 4096);
	ck_assert_uint_eq(arch_test.console_len, before + 4096);
	ck_assert_mem_eq(arch_test.console + before, pattern, 4096);
}
END_TEST

START_TEST(test_random_fills_the_buffer_deterministically)
{
	struct thread *t = new_proc("p");
	uint64_t buf = ualloc(t, 64);
	unsigned char got[64], zero[64] = { 0 }, first[13];

	random_seed(42);
	ck_assert_int_eq(sys(t, FE_SYS_RANDOM, buf, 13), 13);
	uget(t->proc, buf, got, 64);
	ck_assert_mem_ne(got, zero, 13);
	ck_assert_mem_eq(got + 13, zero, 64 - 13);
	memcpy(first, got, sizeof(first));
	ck_assert_int_eq(sys(t, FE_SYS_RANDOM, buf, 0), 0);
	ck_assert_int_eq(sys(t, FE_SYS_RANDOM, 0x5000, 8), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_RANDOM, buf, 4097), -FE_EINVAL);
	/* The same seed gives the same bytes. */
	random_seed(42);
	ck_assert_int_eq(sys(t, FE_SYS_RANDOM, buf, 13), 13);
	uget(t->proc, buf, got, 13);
	ck_assert_mem_eq(got, first, 13);
}
END_TEST

START_TEST(test_clock_and_getpid)
{
	struct thread *t = new_proc("p"), *u = new_proc("q");

	arch_test.now = 123456789;
	ck_assert_int_eq(sys(t, FE_SYS_CLOCK), 123456789);
	ck_assert_int_eq(sys(t, FE_SYS_GETPID), t->proc->pid);
	ck_assert_int_eq(sys(u, FE_SYS_GETPID), t->proc->pid + 1);
	ck_assert_ptr_eq(process_find(u->proc->pid), u->proc);
	ck_assert_ptr_eq(process_by_as(u->proc->vm.as), u->proc);
}
END_TEST

Suite *suite_process(void)
{
	Suite *s = suite_create("process");

	ADD_TEST(s, test_wait_on_a_live_process_blocks_until_it_exits);
	ADD_TEST(s, test_wait_on_a_dead_process_returns_at_once);
	ADD_TEST(s, test_wait_times_out);
	ADD_TEST(s, test_wait_with_bad_arguments);
	ADD_TEST(s, test_kill_needs_the_kill_right);
	ADD_TEST(s, test_kill_of_oneself_does_not_return);
	ADD_TEST(s, test_exit_status_is_reported_whole);
	ADD_TEST(s, test_unknown_syscall_kills_the_caller);
	ADD_TEST(s, test_killing_a_process_releases_its_objects);
	ADD_TEST(s, test_zombie_stays_readable_while_a_handle_exists);
	ADD_TEST(s, test_waiters_are_all_woken_and_a_dead_waiter_is_not);
	ADD_TEST(s, test_address_space_death_kills_its_process);
	ADD_TEST(s, test_process_1_exiting_halts_with_its_status);
	ADD_TEST(s, test_process_1_faulting_halts_with_128_plus_the_fault);
	ADD_TEST(s, test_thread_create_syscall);
	ADD_TEST(s, test_thread_exit_ends_the_thread_then_the_process);
	ADD_TEST(s, test_debug_write_copies_to_the_console);
	ADD_TEST(s, test_random_fills_the_buffer_deterministically);
	ADD_TEST(s, test_clock_and_getpid);
	return s;
}
