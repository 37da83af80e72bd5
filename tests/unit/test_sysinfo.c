/*
 * FE_SYS_SYSINFO: whether the console is a terminal, the list of live
 * processes (every field, a buffer too small for all of them, bad
 * buffers), the memory figures, and unknown requests.
 */
#include <string.h>

#include "images.h"

#define INFO_SIZE sizeof(struct fe_procinfo)

/* Read the process list into fresh memory of t with room for `room`
 * entries: how many there are; the entries in out. */
static int64_t procs(struct thread *t, struct fe_procinfo *out, uint64_t room)
{
	uint64_t buf = ualloc(t, room * INFO_SIZE + 1);
	int64_t n = sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, buf, room * INFO_SIZE);

	if (n > 0)
		uget(t->proc, buf, out, (n < (int64_t)room ? (uint64_t)n : room) * INFO_SIZE);
	return n;
}

static const struct fe_procinfo *find_pid(const struct fe_procinfo *list, int64_t n, uint32_t pid)
{
	for (int64_t i = 0; i < n; i++)
		if (list[i].pid == pid)
			return &list[i];
	return NULL;
}

START_TEST(test_sysinfo_console)
{
	struct thread *t = new_proc("p");

	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_CONSOLE, 0, 0), 0);
	console_init(true);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_CONSOLE, 0, 0), FE_CONSOLE_TTY);
	/* The buffer arguments are not used. */
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_CONSOLE, 0x5000, UINT64_MAX),
	                 FE_CONSOLE_TTY);
	console_init(false);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_CONSOLE, 0, 0), 0);
}
END_TEST

/* Every live process, in creation order, with its pid, parent, threads,
 * state, mapped bytes, start time and name. */
START_TEST(test_sysinfo_procs_describes_every_process)
{
	struct fe_procinfo list[8];
	struct thread *a, *b, *b2;
	struct process *child;
	const struct fe_procinfo *p;
	struct elf e;
	int64_t n;

	arch_test.now = 1000;
	a = new_proc("alpha");
	arch_test.now = 2000;
	b = new_proc("a-rather-long-process-name-cut-at-31");
	b2 = new_thread(b);
	ck_assert_int_eq(sys(b2, FE_SYS_SLEEP, 100), BLOCKED);
	good_elf(&e);
	child = child_of(a, spawn_simple(a, &e));
	n = procs(a, list, ARRAY_SIZE(list));
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(n, process_count());
	ck_assert_uint_eq(list[0].pid, 1);
	ck_assert_uint_eq(list[1].pid, a->proc->pid);
	ck_assert_uint_eq(list[2].pid, b->proc->pid);
	ck_assert_uint_eq(list[3].pid, child->pid);

	p = &list[0]; /* init: no threads yet, so nothing can run */
	ck_assert_str_eq(p->name, "init");
	ck_assert_uint_eq(p->parent, 0);
	ck_assert_uint_eq(p->threads, 0);
	ck_assert_uint_eq(p->state, FE_PROC_BLOCKED);
	ck_assert_uint_eq(p->memory, 0);

	p = &list[1];
	ck_assert_str_eq(p->name, "alpha");
	ck_assert_uint_eq(p->parent, 0);
	ck_assert_uint_eq(p->threads, 1);
	ck_assert_uint_eq(p->state, FE_PROC_RUNNING);
	ck_assert_uint_eq(p->memory, a->proc->vm.mapped);
	ck_assert_uint_eq(p->memory, SCRATCH_SIZE);
	ck_assert_uint_eq(p->start_ns, 1000);

	p = &list[2];
	ck_assert_str_eq(p->name, "a-rather-long-process-name-cut-");
	ck_assert_uint_eq(strlen(p->name), 31);
	ck_assert_uint_eq(p->threads, 2);
	ck_assert_uint_eq(p->state, FE_PROC_RUNNING);
	ck_assert_uint_eq(p->start_ns, 2000);

	p = &list[3];
	ck_assert_str_eq(p->name, "prog");
	ck_assert_uint_eq(p->parent, a->proc->pid);
	ck_assert_uint_eq(p->threads, 1);
	ck_assert_uint_eq(p->state, FE_PROC_RUNNING);
	ck_assert_uint_eq(p->memory, child->vm.mapped);
	ck_assert_uint_eq(p->memory, 0x3000 + STACK_SIZE);
}
END_TEST

/* A process is RUNNING while any of its threads could run, BLOCKED when
 * all of them wait; a dead one is not listed, even as a zombie. */
START_TEST(test_sysinfo_procs_state_and_death)
{
	struct fe_procinfo list[8];
	struct thread *t = new_proc("watcher"), *w = new_proc("waiter"), *w2 = new_thread(w);
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	int64_t n, h;

	ck_assert_int_eq(sys(w, FE_SYS_SLEEP, 100), BLOCKED);
	n = procs(t, list, ARRAY_SIZE(list));
	ck_assert_uint_eq(find_pid(list, n, w->proc->pid)->state, FE_PROC_RUNNING);
	ck_assert_int_eq(sys(w2, FE_SYS_SLEEP, 100), BLOCKED);
	n = procs(t, list, ARRAY_SIZE(list));
	ck_assert_uint_eq(find_pid(list, n, w->proc->pid)->state, FE_PROC_BLOCKED);
	advance(100);
	n = procs(t, list, ARRAY_SIZE(list));
	ck_assert_uint_eq(find_pid(list, n, w->proc->pid)->state, FE_PROC_RUNNING);
	h = give(t, &w->proc->obj, FE_RIGHT_WAIT);
	process_kill(w->proc, &why);
	n = procs(t, list, ARRAY_SIZE(list));
	ck_assert_int_eq(n, 2);
	ck_assert_ptr_null(find_pid(list, n, (uint32_t)(t->proc->pid + 1)));
	ck_assert_ptr_nonnull(handle_obj(t, (fe_handle_t)h));
}
END_TEST

/* A buffer too small for every entry gets as many as fit; the count is
 * still the number of processes. Bytes past the last whole entry are not
 * touched. */
START_TEST(test_sysinfo_procs_small_buffer)
{
	struct thread *t = new_proc("p");
	struct fe_procinfo got[2];
	uint64_t buf = ualloc(t, 3 * INFO_SIZE);
	unsigned char tail[INFO_SIZE], ff[INFO_SIZE];

	new_proc("q");
	new_proc("r");
	memset(ff, 0xff, sizeof(ff));
	uput(t->proc, buf, ff, sizeof(ff));
	uput(t->proc, buf + INFO_SIZE, ff, sizeof(ff));
	uput(t->proc, buf + 2 * INFO_SIZE, ff, sizeof(ff));
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, buf, 0), 4);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, buf, INFO_SIZE - 1), 4);
	uget(t->proc, buf, tail, sizeof(tail));
	ck_assert_mem_eq(tail, ff, sizeof(ff));
	/* Room for two and a half. */
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, buf, 2 * INFO_SIZE + 10), 4);
	uget(t->proc, buf, got, sizeof(got));
	ck_assert_uint_eq(got[0].pid, 1);
	ck_assert_uint_eq(got[1].pid, t->proc->pid);
	uget(t->proc, buf + 2 * INFO_SIZE, tail, sizeof(tail));
	ck_assert_mem_eq(tail, ff, sizeof(ff));
	/* With no room, the buffer is not looked at. */
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, 0, 0), 4);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, 0x5000, INFO_SIZE - 1), 4);
}
END_TEST

START_TEST(test_sysinfo_procs_bad_buffers_are_efault)
{
	struct thread *t = new_proc("p");
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	const uint64_t bad[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - INFO_SIZE + 1,
		                 UINT64_MAX - INFO_SIZE };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, bad[i], INFO_SIZE) ==
		                      -FE_EFAULT,
		              "buffer %zu", i);
	/* The whole room given must be writable, not only what is used. */
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS,
	                     SCRATCH_BASE + SCRATCH_SIZE - 4 * INFO_SIZE, 8 * INFO_SIZE),
	                 -FE_EFAULT);
	/* A huge length is room for as many as the kernel lists. */
	ck_assert_int_eq(
		sys(t, FE_SYS_SYSINFO, FE_INFO_PROCS, ualloc(t, 256 * INFO_SIZE), UINT64_MAX), 2);
}
END_TEST

START_TEST(test_sysinfo_memory)
{
	struct thread *t = new_proc("p"), *u = new_proc("q");
	uint64_t buf = ualloc(t, sizeof(struct fe_meminfo));
	struct fe_meminfo m;
	uint64_t used, size;

	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_MEMORY, buf, sizeof(m)), 0);
	uget(t->proc, buf, &m, sizeof(m));
	kmem_stats(&used, &size);
	ck_assert_uint_eq(m.kernel_heap_size, size);
	ck_assert_uint_le(m.kernel_heap_size, TEST_HEAP_SIZE);
	ck_assert_uint_gt(m.kernel_heap_size, TEST_HEAP_SIZE - 16);
	ck_assert_uint_gt(m.kernel_heap_used, 0);
	ck_assert_uint_le(m.kernel_heap_used, used);
	ck_assert_uint_eq(m.user_mapped, 2 * SCRATCH_SIZE);
	/* Mapping more shows. */
	ck_assert_int_gt(sys(u, FE_SYS_MEM_MAP, 0, 3 * FE_PAGE_SIZE, FE_PROT_READ), 0);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_MEMORY, buf, 1000), 0);
	uget(t->proc, buf, &m, sizeof(m));
	ck_assert_uint_eq(m.user_mapped, 2 * SCRATCH_SIZE + 3 * FE_PAGE_SIZE);
}
END_TEST

START_TEST(test_sysinfo_memory_bad_buffers)
{
	struct thread *t = new_proc("p");
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	const uint64_t bad[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 8 };

	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_MEMORY, ualloc(t, 64), 0), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, FE_INFO_MEMORY, ualloc(t, 64),
	                     sizeof(struct fe_meminfo) - 1),
	                 -FE_EINVAL);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(sys(t, FE_SYS_SYSINFO, FE_INFO_MEMORY, bad[i],
		                  sizeof(struct fe_meminfo)) == -FE_EFAULT,
		              "buffer %zu", i);
}
END_TEST

START_TEST(test_sysinfo_unknown_request_is_einval)
{
	struct thread *t = new_proc("p");
	uint64_t buf = ualloc(t, 4096);
	const uint64_t what[] = { 0, FE_INFO_MEMORY + 1, 100, 1ull << 32 | FE_INFO_CONSOLE,
		                  UINT64_MAX };

	for (size_t i = 0; i < ARRAY_SIZE(what); i++)
		ck_assert_int_eq(sys(t, FE_SYS_SYSINFO, what[i], buf, 4096), -FE_EINVAL);
}
END_TEST

Suite *suite_sysinfo(void)
{
	Suite *s = suite_create("sysinfo");

	ADD_TEST(s, test_sysinfo_console);
	ADD_TEST(s, test_sysinfo_procs_describes_every_process);
	ADD_TEST(s, test_sysinfo_procs_state_and_death);
	ADD_TEST(s, test_sysinfo_procs_small_buffer);
	ADD_TEST(s, test_sysinfo_procs_bad_buffers_are_efault);
	ADD_TEST(s, test_sysinfo_memory);
	ADD_TEST(s, test_sysinfo_memory_bad_buffers);
	ADD_TEST(s, test_sysinfo_unknown_request_is_einval);
	return s;
}
