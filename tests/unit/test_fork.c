/*
 * fork: the child's pid and handle, private memory copied and shared memory
 * objects shared, every handle and descriptor at the same number, the
 * grants, one thread continuing the call, and failures at each step leaving
 * nothing behind. exec is in test_exec.c.
 */
#include <string.h>

#include "images.h"
#include "schemes.h"

#define PROC_RIGHTS (FE_RIGHT_DUP | FE_RIGHT_TRANSFER | FE_RIGHT_WAIT | FE_RIGHT_KILL)
#define RW (FE_PROT_READ | FE_PROT_WRITE)

/* Fork t: the result, and the process handle written to *h (or -1). */
static int64_t fork_as(struct thread *t, fe_handle_t *h)
{
	uint64_t out = uput_new(t, &(fe_handle_t){ -1 }, sizeof(fe_handle_t));
	int64_t pid = sys(t, FE_SYS_FORK, out);

	uget(t->proc, out, h, sizeof(*h));
	return pid;
}

static struct process *fork_child(struct thread *t)
{
	fe_handle_t h;
	int64_t pid = fork_as(t, &h);

	ck_assert_int_gt(pid, 0);
	ck_assert_uint_eq(child_of(t, h)->pid, pid);
	return child_of(t, h);
}

static const struct vma *vma_at(struct process *p, uint64_t va)
{
	struct list *it;

	list_for_each(it, &p->vm.vmas) {
		const struct vma *v = list_entry(it, struct vma, link);

		if (v->start <= va && va < v->end)
			return v;
	}
	return NULL;
}

static void fill(unsigned char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(i * 31 + seed + (i >> 9));
}

START_TEST(test_fork_returns_the_childs_pid_and_a_handle)
{
	struct thread *t = new_proc("parent");
	uint32_t procs = process_count(), caps = t->proc->caps.used;
	struct process *c;
	fe_handle_t h;
	int64_t pid = fork_as(t, &h);

	ck_assert_int_eq(pid, t->proc->pid + 1);
	ck_assert_int_eq(t->state, T_RUNNING);
	ck_assert_int_ge(h, 0);
	ck_assert_uint_eq(handle_rights(t, h), PROC_RIGHTS);
	c = child_of(t, h);
	ck_assert_uint_eq(c->pid, pid);
	ck_assert_ptr_eq(process_find((uint32_t)pid), c);
	ck_assert_uint_eq(c->parent, t->proc->pid);
	ck_assert_str_eq(c->name, "parent");
	ck_assert(!c->dead);
	ck_assert_ptr_ne(c->vm.as, t->proc->vm.as);
	ck_assert_uint_eq(process_count(), procs + 1);
	ck_assert_uint_eq(t->proc->caps.used, caps + 1);
	/* A second fork is another child. */
	ck_assert_int_eq(fork_as(t, &h), pid + 1);
}
END_TEST

/* Private memory (scratch, anonymous mappings, both halves of a mapping
 * cut in two) is copied: the same addresses, sizes, protections and bytes
 * in new memory, so that writes on either side stay there. */
START_TEST(test_fork_copies_private_memory)
{
	static unsigned char a[3 * FE_PAGE_SIZE], b[3 * FE_PAGE_SIZE], got[3 * FE_PAGE_SIZE];
	struct thread *t = new_proc("parent");
	uint64_t at = SCRATCH_BASE + 5 * FE_PAGE_SIZE - 100, anon, ro;
	struct process *p = t->proc, *c;
	struct list *it;

	fill(a, sizeof(a), 1);
	uput(p, at, a, sizeof(a));
	ro = (uint64_t)sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, FE_PROT_READ);
	uput(p, ro, "ro", 3);
	anon = (uint64_t)sys(t, FE_SYS_MEM_MAP, 0, 4 * FE_PAGE_SIZE, RW);
	uput(p, anon + 3 * FE_PAGE_SIZE, "upper", 6);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, anon + FE_PAGE_SIZE, FE_PAGE_SIZE), 0);
	c = fork_child(t);

	ck_assert_uint_eq(c->vm.nvmas, p->vm.nvmas);
	ck_assert_uint_eq(c->vm.mapped, p->vm.mapped);
	list_for_each(it, &p->vm.vmas) {
		const struct vma *v = list_entry(it, struct vma, link), *cv = vma_at(c, v->start);
		const struct test_mapping *pm = arch_test_mapping_at(p->vm.as, v->start);
		const struct test_mapping *cm = arch_test_mapping_at(c->vm.as, v->start);

		ck_assert_ptr_nonnull(cv);
		ck_assert_uint_eq(cv->start, v->start);
		ck_assert_uint_eq(cv->end, v->end);
		ck_assert_uint_eq(cv->prot, v->prot);
		ck_assert_ptr_ne(cv->mo, v->mo);
		ck_assert_ptr_nonnull(cm);
		ck_assert_ptr_ne(cm->mem, pm->mem);
		ck_assert_uint_eq(cm->prot, v->prot);
	}
	uget(c, at, got, sizeof(got));
	ck_assert_mem_eq(got, a, sizeof(a));
	uget(c, anon + 3 * FE_PAGE_SIZE, got, 6);
	ck_assert_str_eq((char *)got, "upper");
	ck_assert_ptr_null(vma_at(c, anon + FE_PAGE_SIZE));
	uget(c, ro, got, 3);
	ck_assert_str_eq((char *)got, "ro");
	ck_assert_int_eq(vm_check(&c->vm, ro, 1, FE_PROT_WRITE), -FE_EFAULT);

	/* Writes do not cross, either way. */
	fill(b, sizeof(b), 2);
	uput(p, at, b, sizeof(b));
	uget(c, at, got, sizeof(got));
	ck_assert_mem_eq(got, a, sizeof(a));
	uput(c, anon, "child", 6);
	uput(p, anon, "parent", 7);
	uget(c, anon, got, 6);
	ck_assert_str_eq((char *)got, "child");
	uget(p, anon, got, 7);
	ck_assert_str_eq((char *)got, "parent");
}
END_TEST

/* Memory objects made with FE_SYS_MEMOBJ_CREATE are shared, as MAP_SHARED
 * memory is, even when their handle is gone: the same object at the same
 * offset, so writes on either side are seen on the other. */
START_TEST(test_fork_shares_memory_objects)
{
	struct thread *t = new_proc("parent");
	struct process *p = t->proc, *c;
	int64_t mo = sys(t, FE_SYS_MEMOBJ_CREATE, 2 * FE_PAGE_SIZE);
	int64_t mo2 = sys(t, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE);
	uint64_t whole, second, other;
	struct memobj *obj;
	uint32_t refs;
	char got[8];

	whole = (uint64_t)sys(t, FE_SYS_MEMOBJ_MAP, mo, 0, 2 * FE_PAGE_SIZE, RW, 0);
	second = (uint64_t)sys(t, FE_SYS_MEMOBJ_MAP, mo, 0, FE_PAGE_SIZE, FE_PROT_READ,
	                       FE_PAGE_SIZE);
	other = (uint64_t)sys(t, FE_SYS_MEMOBJ_MAP, mo2, 0, FE_PAGE_SIZE, RW, 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, mo2), 0);
	obj = container_of(handle_obj(t, (fe_handle_t)mo), struct memobj, obj);
	refs = obj->obj.refs;
	c = fork_child(t);

	ck_assert_ptr_eq(vma_at(c, whole)->mo, obj);
	ck_assert_ptr_eq(vma_at(c, second)->mo, obj);
	ck_assert_uint_eq(vma_at(c, second)->off, FE_PAGE_SIZE);
	ck_assert_uint_eq(vma_at(c, second)->prot, FE_PROT_READ);
	ck_assert_ptr_eq(vma_at(c, other)->mo, vma_at(p, other)->mo);
	ck_assert_ptr_eq(arch_test_mapping_at(c->vm.as, whole)->mem, obj->mem);
	/* Two mappings and the child's handle. */
	ck_assert_uint_eq(obj->obj.refs, refs + 3);

	uput(p, whole + FE_PAGE_SIZE, "parent", 7);
	uget(c, second, got, 7);
	ck_assert_str_eq(got, "parent");
	uput(c, whole, "child", 6);
	uget(p, whole, got, 6);
	ck_assert_str_eq(got, "child");
	uput(c, other, "other", 6);
	uget(p, other, got, 6);
	ck_assert_str_eq(got, "other");
}
END_TEST

/* Every handle, at the same number with the same rights, holes included;
 * the child really holds them (it can receive on the parent's endpoint). */
START_TEST(test_fork_copies_every_handle_at_the_same_number)
{
	struct thread *t = new_proc("parent"), *ct;
	struct thread *caller = new_proc("caller");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE), n = sys(t, FE_SYS_NOTIFY_CREATE);
	int64_t gap = sys(t, FE_SYS_NOTIFY_CREATE), mo = sys(t, FE_SYS_MEMOBJ_CREATE, 4096);
	int64_t weak = sys(t, FE_SYS_HANDLE_DUP, ep, FE_RIGHT_CALL);
	struct endpoint *e = container_of(handle_obj(t, (fe_handle_t)ep), struct endpoint, obj);
	struct cap_table *pc = &t->proc->caps, *cc;
	fe_handle_t h, cep;
	struct process *c;
	uint32_t recv_caps = e->recv_caps;
	int64_t rh;

	ck_assert_int_eq(mo, 3);
	ck_assert_int_eq(weak, 4);
	for (int i = 0; i < 20; i++)
		give(t, handle_obj(t, (fe_handle_t)n), FE_RIGHT_WAIT);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, gap), 0);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, 17), 0);
	ck_assert_int_gt(fork_as(t, &h), 0);
	ck_assert_int_eq(h, gap); /* the parent's new handle takes the hole */
	c = child_of(t, h);
	cc = &c->caps;
	ck_assert_uint_eq(cc->used, pc->used - 1);
	for (uint32_t i = 0; i < pc->size; i++) {
		if (i == (uint32_t)h) {
			ck_assert_ptr_null(cc->slots[i].obj);
			continue;
		}
		ck_assert_ptr_eq(i < cc->size ? cc->slots[i].obj : NULL, pc->slots[i].obj);
		if (pc->slots[i].obj)
			ck_assert_uint_eq(cc->slots[i].rights, pc->slots[i].rights);
	}
	ck_assert_ptr_null(cc->slots[17].obj);
	ck_assert_uint_eq(e->recv_caps, recv_caps + 1);

	ct = first_thread(c);
	run_as(ct);
	cep = share(t, (fe_handle_t)ep, caller, FE_RIGHT_CALL);
	rh = pending_call(caller, cep, ct, (fe_handle_t)ep);
	ck_assert_uint_eq(handle_obj(ct, (fe_handle_t)rh)->type, FE_OBJ_REPLY);
}
END_TEST

/* A reply handle answers one call: fork leaves it with the parent, so the
 * caller learns at once when the parent drops it unanswered. */
START_TEST(test_fork_leaves_reply_handles_with_the_parent)
{
	struct thread *t = new_proc("server"), *caller = new_proc("caller");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	fe_handle_t cep = share(t, (fe_handle_t)ep, caller, FE_RIGHT_CALL), h;
	fe_handle_t rh = pending_call(caller, cep, t, (fe_handle_t)ep);
	struct process *c;

	ck_assert_int_gt(fork_as(t, &h), 0);
	c = child_of(t, h);
	ck_assert_ptr_null((uint32_t)rh < c->caps.size ? c->caps.slots[rh].obj : NULL);
	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, rh), 0);
	ck_assert_int_eq(resume(caller), -FE_ECONNRESET);
}
END_TEST

/* Every descriptor, close-on-exec ones too, at the same number with the
 * same flags, sharing the open file: it is closed once, when the last
 * descriptor in either process goes. */
START_TEST(test_fork_copies_every_descriptor)
{
	struct scheme_pair sp;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct fd_table *pf, *cf;
	struct process *c;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_file(&sp, "x:a", 10), 0);
	ck_assert_int_eq(open_file(&sp, "x:b", 11), 1);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 1, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 33, 0), 33);
	pf = &sp.client->proc->fds;
	c = fork_child(sp.client);
	cf = &c->fds;
	for (int i = 0; i < FE_OPEN_MAX; i++) {
		ck_assert_ptr_eq(fd_get(cf, i), fd_get(pf, i));
		if (fd_get(pf, i))
			ck_assert_uint_eq(cf->slots[i].flags, pf->slots[i].flags);
	}
	ck_assert_uint_eq(cf->slots[1].flags, FE_FD_CLOEXEC);
	ck_assert_uint_eq(fd_get(pf, 0)->obj.refs, 4);
	ck_assert_uint_eq(fd_get(pf, 1)->obj.refs, 2);
	/* The child's calls go to the same files. */
	struct thread *ct = first_thread(c);
	struct request rq;
	run_as(ct);
	ck_assert_int_eq(fd_call(ct, 33, &(struct fe_msg){ .label = FE_SCHEME_FSYNC }, FE_FOREVER),
	                 BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.w[0], 10);
	ck_assert_uint_eq(rq.m.w[3], c->pid);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), 0);
	ck_assert_int_eq(resume(ct), 0);

	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 33), 0);
	assert_nothing_waiting(sp.server, sp.sep);
	process_kill(c, &why);
	assert_close_posted(sp.server, sp.sep, 11);
	assert_close_posted(sp.server, sp.sep, 10);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* One thread, however many the parent has: a copy of the caller's context
 * (arch_thread_fork) whose call returns 0, ready to run at the caller's
 * priority. It runs as the child. */
START_TEST(test_fork_child_has_one_thread_continuing_the_call)
{
	struct thread *t = new_proc("parent"), *other = new_thread(t), *ct;
	uint64_t out = ualloc(t, sizeof(struct fe_exit));
	struct fe_exit ex;
	struct process *c;
	fe_handle_t h;
	int64_t pid;

	ck_assert_int_eq(sys(other, FE_SYS_SLEEP, 1000), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_SET_PRIORITY, 20), 0);
	t->arch->sp = 0x123450;
	pid = fork_as(t, &h);
	c = child_of(t, h);
	ck_assert_uint_eq(c->nthreads, 1);
	ct = first_thread(c);
	ck_assert_ptr_eq(ct->arch->forked_from, t->arch);
	ck_assert_ptr_eq(ct->arch->as, c->vm.as);
	ck_assert_uint_eq(ct->arch->entry, t->arch->entry);
	ck_assert_uint_eq(ct->arch->sp, 0x123450);
	ck_assert(ct->arch->ret_set);
	ck_assert_int_eq(ct->arch->ret, 0);
	ck_assert_int_eq(ct->state, T_READY);
	ck_assert_uint_eq(ct->prio, 20);
	ck_assert_ptr_ne(ct, t);
	ck_assert_uint_ne(ct->tid, t->tid);
	ck_assert_uint_eq(t->proc->nthreads, 2);

	run_as(ct);
	ck_assert_int_eq(sys(ct, FE_SYS_GETPID), pid);
	ck_assert_int_eq(sys(ct, FE_SYS_PROC_EXIT, 7), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
	uget(t->proc, out, &ex, sizeof(ex));
	ck_assert_uint_eq(ex.kind, FE_EXIT_NORMAL);
	ck_assert_int_eq(ex.code, 7);
}
END_TEST

START_TEST(test_fork_bad_out_pointer_is_efault)
{
	struct thread *t = new_proc("parent");
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	const uint64_t bad[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 2, UINT64_MAX - 1 };
	struct census c0 = census(t);

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_msg(sys(t, FE_SYS_FORK, bad[i]) == -FE_EFAULT, "pointer %zu", i);
		assert_census(t, c0);
	}
}
END_TEST

START_TEST(test_fork_with_a_full_table_is_emfile)
{
	struct thread *t = new_proc("parent");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	struct census c0;
	fe_handle_t h;

	while (t->proc->caps.used < CAP_MAX)
		give(t, handle_obj(t, (fe_handle_t)n), 0);
	c0 = census(t);
	ck_assert_int_eq(fork_as(t, &h), -FE_EMFILE);
	ck_assert_int_eq(h, -1);
	assert_census(t, c0);
}
END_TEST

/* The machine running out at each step of a fork (the address space, each
 * copy of private memory, each mapping, the thread): -FE_ENOMEM, and the
 * parent's objects are as they were: no process, memory, handle, thread
 * or reference is left, and the server hears of no file. */
START_TEST(test_fork_out_of_resources_leaves_nothing_behind)
{
	struct scheme_pair sp;
	struct thread *t;
	struct endpoint *e;
	struct file *f;
	struct census c0;
	uint32_t recv_caps, frefs, mrefs;
	int64_t ep, mo;
	fe_handle_t h;
	struct memobj *m;
	unsigned maps;

	make_scheme(&sp, "x");
	t = sp.client;
	ck_assert_int_eq(open_file(&sp, "x:a", 10), 0);
	ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	mo = sys(t, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE);
	ck_assert_int_gt(sys(t, FE_SYS_MEMOBJ_MAP, mo, 0, FE_PAGE_SIZE, RW, 0), 0);
	ck_assert_int_gt(sys(t, FE_SYS_MEM_MAP, 0, 2 * FE_PAGE_SIZE, RW), 0);
	e = container_of(handle_obj(t, (fe_handle_t)ep), struct endpoint, obj);
	m = container_of(handle_obj(t, (fe_handle_t)mo), struct memobj, obj);
	f = fd_get(&t->proc->fds, 0);
	recv_caps = e->recv_caps;
	frefs = f->obj.refs;
	mrefs = m->obj.refs;
	maps = t->proc->vm.as->map_calls;
	c0 = census(t);

	int *const knobs[] = { &arch_test.as_fail_after, &arch_test.mem_fail_after,
		               &arch_test.map_fail_after, &arch_test.thread_fail_after };
	const int steps[] = { 1, 2, 3, 1 }; /* two private copies, three mappings */
	for (size_t k = 0; k < ARRAY_SIZE(knobs); k++) {
		for (int i = 0; i < steps[k]; i++) {
			*knobs[k] = i;
			ck_assert_msg(fork_as(t, &h) == -FE_ENOMEM, "knob %zu step %d", k, i);
			*knobs[k] = -1;
			ck_assert_int_eq(h, -1);
			assert_census(t, c0);
			ck_assert_uint_eq(e->recv_caps, recv_caps);
			ck_assert_uint_eq(f->obj.refs, frefs);
			ck_assert_uint_eq(m->obj.refs, mrefs);
			ck_assert_uint_eq(t->proc->vm.as->map_calls, maps);
			ck_assert_int_eq(t->state, T_RUNNING);
			assert_nothing_waiting(sp.server, sp.sep);
		}
	}
	ck_assert_ptr_null(strstr(arch_test.console, "killed"));
	ck_assert_int_gt(fork_as(t, &h), 0);
	ck_assert_uint_eq(f->obj.refs, frefs + 1);
}
END_TEST

/* The child holds what its parent may reach: the same grants, its own copy. */
START_TEST(test_fork_copies_the_grants)
{
	struct thread *t = new_proc("parent");
	const struct fe_grant g[] = { { .kind = FE_GRANT_OPEN, .name = "x" },
		                      { .kind = FE_GRANT_IRQ, .lo = 3, .hi = 4 } };
	struct process *c;

	ck_assert(fork_child(t)->grants.all);
	ck_assert_int_eq(grants_narrow(&t->proc->grants, &init_proc->grants, g, 2), 0);
	c = fork_child(t);
	ck_assert(!c->grants.all);
	ck_assert_uint_eq(c->grants.n, 2);
	ck_assert_ptr_ne(c->grants.list, t->proc->grants.list);
	ck_assert_mem_eq(c->grants.list, t->proc->grants.list, sizeof(g));
}
END_TEST

Suite *suite_fork(void)
{
	Suite *s = suite_create("fork");

	ADD_TEST(s, test_fork_returns_the_childs_pid_and_a_handle);
	ADD_TEST(s, test_fork_copies_private_memory);
	ADD_TEST(s, test_fork_shares_memory_objects);
	ADD_TEST(s, test_fork_copies_every_handle_at_the_same_number);
	ADD_TEST(s, test_fork_leaves_reply_handles_with_the_parent);
	ADD_TEST(s, test_fork_copies_every_descriptor);
	ADD_TEST(s, test_fork_child_has_one_thread_continuing_the_call);
	ADD_TEST(s, test_fork_bad_out_pointer_is_efault);
	ADD_TEST(s, test_fork_with_a_full_table_is_emfile);
	ADD_TEST(s, test_fork_out_of_resources_leaves_nothing_behind);
	ADD_TEST(s, test_fork_copies_the_grants);
	return s;
}
