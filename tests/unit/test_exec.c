/*
 * exec: a bad image, bad arguments or a machine out of resources change
 * nothing; a good image ends every thread (undoing their waits), replaces
 * the memory, closes the close-on-exec descriptors and starts one thread at
 * the entry, keeping the pid, handles, other descriptors and grants.
 */
#include <string.h>

#include "images.h"
#include "schemes.h"

/* A good image: every thread of the process ends (waits undone), the old
 * memory goes, close-on-exec descriptors are closed, and one thread starts
 * the new program; the pid, handles and other descriptors stay. */
START_TEST(test_exec_replaces_the_program)
{
	static const char args[] = "/bin/new\0arg\0";
	struct scheme_pair sp;
	struct thread *t, *receiver, *caller, *nt;
	struct process *p;
	struct arch_as *old_as;
	struct request held;
	struct cap saved[8];
	struct elf e;
	int64_t ep;
	uint32_t pid, caps;
	unsigned live_as, live_threads;

	make_scheme(&sp, "x");
	t = sp.client;
	p = t->proc;
	ck_assert_int_eq(open_file(&sp, "x:keep", 10), 0);
	ck_assert_int_eq(open_file(&sp, "x:drop", 11), 1);
	ck_assert_int_eq(sys(t, FE_SYS_FD_FLAGS, 1, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	ck_assert_int_eq(sys(t, FE_SYS_DUP, 0, 2, FE_FD_CLOEXEC), 2);
	ck_assert_int_eq(sys(t, FE_SYS_SET_PRIORITY, 20), 0);
	ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	sys(t, FE_SYS_NOTIFY_CREATE);
	/* Another thread waits to receive, a third waits for a reply. */
	receiver = new_thread(t);
	caller = new_thread(t);
	ck_assert_int_eq(
		sys(receiver, FE_SYS_RECV, ep, umsg(receiver, &(struct fe_msg){ 0 }), FE_FOREVER),
		BLOCKED);
	ck_assert_int_eq(
		fd_call(caller, 0, &(struct fe_msg){ .label = FE_SCHEME_FSYNC }, FE_FOREVER),
		BLOCKED);
	held = recv_now(sp.server, sp.sep);
	pid = p->pid;
	caps = p->caps.used;
	ck_assert_uint_le(caps, ARRAY_SIZE(saved));
	memcpy(saved, p->caps.slots, caps * sizeof(saved[0]));
	old_as = p->vm.as;
	live_as = arch_test.live_as;
	live_threads = arch_test.live_threads;
	kobj_retain(&t->obj);
	kobj_retain(&receiver->obj);
	kobj_retain(&caller->obj);

	good_elf(&e);
	ck_assert_int_eq(exec_as(t, &e, args, sizeof(args) - 1, 2, NULL), BLOCKED);
	ck_assert_int_eq(t->state, T_DEAD);
	ck_assert_int_eq(receiver->state, T_DEAD);
	ck_assert_int_eq(caller->state, T_DEAD);
	kobj_release(&t->obj);
	kobj_release(&receiver->obj);
	kobj_release(&caller->obj);
	/* The process: same pid, new name, one new thread at the entry. */
	ck_assert(!p->dead);
	ck_assert_ptr_eq(process_find(pid), p);
	ck_assert_str_eq(p->name, "new");
	ck_assert_uint_eq(p->nthreads, 1);
	nt = first_thread(p);
	ck_assert_int_eq(nt->state, T_READY);
	ck_assert_uint_eq(nt->prio, 20);
	ck_assert_uint_eq(nt->arch->entry, ENTRY);
	ck_assert_ptr_null(nt->arch->forked_from);
	ck_assert_ptr_eq(nt->arch->as, p->vm.as);
	ck_assert_uint_eq(uget64(p, nt->arch->sp), 2);
	ck_assert_uint_eq(arch_test.live_threads, live_threads - 3 + 1);
	/* Memory: a new address space holding only the image and the stack. */
	ck_assert_ptr_ne(p->vm.as, old_as);
	ck_assert(old_as->destroyed);
	ck_assert_uint_eq(arch_test.live_as, live_as);
	ck_assert_int_eq(vm_check(&p->vm, SCRATCH_BASE, 1, 0), -FE_EFAULT);
	ck_assert_uint_eq(p->vm.nvmas, 2);
	ck_assert_uint_eq(p->vm.mapped, 0x3000 + STACK_SIZE);
	ck_assert_uint_eq(arch_test_mapping_at(p->vm.as, BASE)->prot, FE_PROT_READ | FE_PROT_EXEC);
	/* Handles: all kept; the endpoint lost its waiting receiver only. */
	ck_assert_uint_eq(p->caps.used, caps);
	for (uint32_t i = 0; i < caps; i++) {
		ck_assert_ptr_eq(p->caps.slots[i].obj, saved[i].obj);
		ck_assert_uint_eq(p->caps.slots[i].rights, saved[i].rights);
	}
	ck_assert(list_empty(&container_of(saved[ep].obj, struct endpoint, obj)->receivers));
	ck_assert_uint_eq(container_of(saved[ep].obj, struct endpoint, obj)->recv_caps, 1);
	/* Descriptors: 0 stays; 1 and 2 are closed, which closes file 11 only. */
	ck_assert_uint_eq(fd_get(&p->fds, 0)->id, 10);
	ck_assert_ptr_null(fd_get(&p->fds, 1));
	ck_assert_ptr_null(fd_get(&p->fds, 2));
	ck_assert_uint_eq(fd_get(&p->fds, 0)->obj.refs, 1);
	assert_close_posted(sp.server, sp.sep, 11);
	assert_nothing_waiting(sp.server, sp.sep);
	/* The call in progress lost its caller. */
	ck_assert_int_eq(reply_label(sp.server, held.rh, 0), -FE_EPIPE);
}
END_TEST

START_TEST(test_exec_priority_and_grants)
{
	struct thread *t = new_proc("p");
	struct process *p = t->proc;
	const struct fe_grant g = { .kind = FE_GRANT_OPEN, .name = "x" };
	struct elf e;

	good_elf(&e);
	ck_assert_int_eq(grants_narrow(&p->grants, &init_proc->grants, &g, 1), 0);
	ck_assert_int_eq(exec_as(t, &e, "a", 2, 1, &(struct fe_spawn){ .priority = 3 }), BLOCKED);
	ck_assert_uint_eq(first_thread(p)->prio, 3);
	ck_assert_str_eq(p->name, "a");
	/* The grants stay with the process. */
	ck_assert(!p->grants.all);
	ck_assert_uint_eq(p->grants.n, 1);
	ck_assert_str_eq(p->grants.list[0].name, "x");
}
END_TEST

/* Whatever is wrong, exec fails and the caller goes on as it was: same
 * thread, memory, handles, descriptors, name. */
START_TEST(test_exec_failures_leave_the_caller_untouched)
{
	struct scheme_pair sp;
	struct thread *t;
	struct process *p;
	struct census c0;
	struct elf e, bad;
	uint64_t mapped, nvmas, img, sa;
	int64_t n;

	make_scheme(&sp, "x");
	t = sp.client;
	p = t->proc;
	ck_assert_int_eq(open_file(&sp, "x:a", 10), 0);
	ck_assert_int_eq(sys(t, FE_SYS_FD_FLAGS, 0, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	n = sys(t, FE_SYS_NOTIFY_CREATE);
	good_elf(&e);
	img = uput_new(t, e.b, e.len);
	sa = uput_new(t,
	              &(struct fe_spawn){
			      .args = (const char *)uput_new(t, "x", 2), .args_len = 2, .argc = 1 },
	              sizeof(struct fe_spawn));
	mapped = p->vm.mapped;
	nvmas = p->vm.nvmas;
	c0 = census(t);

	ck_assert_int_eq(sys(t, FE_SYS_EXEC, img, 0, sa), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_EXEC, img, IMAGE_MAX + 1, sa), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_EXEC, 0x5000, e.len, sa), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_EXEC, img, SCRATCH_SIZE, sa), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_EXEC, img, e.len, 0x5000), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_EXEC, img, e.len - 1, sa), -FE_ENOEXEC);
	/* argv: none, not NUL-terminated, unmapped. */
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 0, NULL), -FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "xy", 2, 1, NULL), -FE_EINVAL);
	ck_assert_int_eq(
		sys(t, FE_SYS_EXEC, img, e.len,
	            uput_new(t,
	                     &(struct fe_spawn){ .args = (void *)0x5000, .args_len = 2, .argc = 1 },
	                     sizeof(struct fe_spawn))),
		-FE_EFAULT);
	/* The priority, handles (exec keeps the table as it is) and flags. */
	ck_assert_int_eq(
		exec_as(t, &e, "x", 2, 1, &(struct fe_spawn){ .priority = FE_PRIO_MAX + 1 }),
		-FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1,
	                         &(struct fe_spawn){ .nhandles = 1, .handles = { (int)n } }),
	                 -FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, &(struct fe_spawn){ .flags = FE_SPAWN_FDS }),
	                 -FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, &(struct fe_spawn){ .flags = FE_SPAWN_GRANTS }),
	                 -FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, &(struct fe_spawn){ .ngrants = 1 }), -FE_EINVAL);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, &(struct fe_spawn){ .flags = 4 }), -FE_EINVAL);
	/* Bad images: the header, the entry point, a segment where the stack
	 * goes (found only once the image is loaded). */
	for (int k = 0; k < 3; k++) {
		bad = e;
		if (k == 0) {
			ehdr(&bad)->e_ident[0] = 0;
		} else if (k == 1) {
			ehdr(&bad)->e_entry = 0x10;
		} else {
			phdr(&bad, 0)->p_vaddr = TEST_USER_HI - FE_PAGE_SIZE - STACK_SIZE;
			ehdr(&bad)->e_entry = phdr(&bad, 0)->p_vaddr + 0x100;
		}
		ck_assert_msg(exec_as(t, &bad, "x", 2, 1, NULL) == -FE_ENOEXEC, "image %d", k);
	}
	/* The machine running out: the address space, the segment or the
	 * stack's memory, either mapping. */
	int *const knobs[] = { &arch_test.as_fail_after, &arch_test.mem_fail_after,
		               &arch_test.map_fail_after };
	for (size_t k = 0; k < ARRAY_SIZE(knobs); k++) {
		for (int i = 0; i < (k ? 2 : 1); i++) {
			*knobs[k] = i;
			ck_assert_msg(exec_as(t, &e, "x", 2, 1, NULL) == -FE_ENOMEM,
			              "knob %zu step %d", k, i);
			*knobs[k] = -1;
		}
	}
	ck_assert_int_eq(t->state, T_RUNNING);
	assert_census(t, c0);
	ck_assert_uint_eq(p->vm.mapped, mapped);
	ck_assert_uint_eq(p->vm.nvmas, nvmas);
	ck_assert_str_eq(p->name, "client");
	ck_assert_uint_eq(fd_get(&p->fds, 0)->id, 10);
	ck_assert_uint_eq(p->nthreads, 1);
	assert_nothing_waiting(sp.server, sp.sep);
	/* And then it works. */
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, NULL), BLOCKED);
	assert_close_posted(sp.server, sp.sep, 10);
}
END_TEST

/* exec installs no handle, so a full handle table does not stop it. */
START_TEST(test_exec_with_a_full_handle_table)
{
	struct thread *t = new_proc("p");
	struct process *p = t->proc;
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	struct elf e;

	good_elf(&e);
	while (p->caps.used < CAP_MAX)
		give(t, handle_obj(t, (fe_handle_t)n), 0);
	ck_assert_int_eq(exec_as(t, &e, "x", 2, 1, NULL), BLOCKED);
	ck_assert_uint_eq(p->caps.used, CAP_MAX);
	ck_assert_uint_eq(first_thread(p)->arch->entry, ENTRY);
}
END_TEST

/* Past the point of no return, a thread that cannot be made kills the
 * process: its files are closed and its waiters learn it was killed. */
START_TEST(test_exec_without_a_thread_kills_the_process)
{
	struct scheme_pair sp;
	struct thread *watcher = new_proc("watcher");
	uint64_t out = ualloc(watcher, sizeof(struct fe_exit));
	struct fe_exit ex;
	struct process *p;
	fe_handle_t h;
	struct elf e;

	make_scheme(&sp, "x");
	p = sp.client->proc;
	ck_assert_int_eq(open_file(&sp, "x:a", 10), 0);
	h = give(watcher, &p->obj, FE_RIGHT_WAIT);
	ck_assert_int_eq(sys(watcher, FE_SYS_PROC_WAIT, h, out, FE_FOREVER), BLOCKED);
	good_elf(&e);
	arch_test.thread_fail_after = 0;
	ck_assert_int_eq(exec_as(sp.client, &e, "x", 2, 1, NULL), BLOCKED);
	arch_test.thread_fail_after = -1;
	ck_assert(p->dead);
	ck_assert_int_eq(woken(watcher), 0);
	uget(watcher->proc, out, &ex, sizeof(ex));
	ck_assert_uint_eq(ex.kind, FE_EXIT_KILLED);
	assert_close_posted(sp.server, sp.sep, 10);
}
END_TEST

Suite *suite_exec(void)
{
	Suite *s = suite_create("exec");

	ADD_TEST(s, test_exec_replaces_the_program);
	ADD_TEST(s, test_exec_priority_and_grants);
	ADD_TEST(s, test_exec_failures_leave_the_caller_untouched);
	ADD_TEST(s, test_exec_with_a_full_handle_table);
	ADD_TEST(s, test_exec_without_a_thread_kills_the_process);
	return s;
}
