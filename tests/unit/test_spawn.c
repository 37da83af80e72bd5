/*
 * Spawning good images (segments, bss, the initial stack, argv, names,
 * handles, priority), bad argv, handles, pointers and lengths, and running
 * out of resources. A failed spawn must leave nothing behind. Bad images
 * are in test_elf.c.
 */
#include <elf.h>
#include <string.h>

#include "images.h"

#define PROC_RIGHTS (FE_RIGHT_DUP | FE_RIGHT_TRANSFER | FE_RIGHT_WAIT | FE_RIGHT_KILL)

START_TEST(test_spawn_loads_a_good_image)
{
	struct thread *t = new_proc("parent");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE), n = sys(t, FE_SYS_NOTIFY_CREATE);
	fe_handle_t hs[2] = { (fe_handle_t)n, (fe_handle_t)ep };
	static const char args[] = "/bin/prog\0arg one\0";
	struct elf e;
	unsigned char got[0x400 + 0x2000];
	struct process *c;
	int64_t h;

	good_elf(&e);
	h = spawn_as(t, &e, args, sizeof(args) - 1, 2, hs, 2, 0);
	ck_assert_int_ge(h, 0);
	ck_assert_uint_eq(handle_rights(t, (fe_handle_t)h), PROC_RIGHTS);
	c = child_of(t, h);
	ck_assert_str_eq(c->name, "prog");
	ck_assert(!c->dead);
	/* The segment: the file's bytes, then zeros, read+exec. */
	uget(c, BASE, got, sizeof(got));
	ck_assert_mem_eq(got, e.b, e.len);
	for (size_t i = e.len; i < sizeof(got); i++)
		ck_assert_uint_eq(got[i], 0);
	ck_assert_uint_eq(arch_test_mapping_at(c->vm.as, BASE)->prot, FE_PROT_READ | FE_PROT_EXEC);
	ck_assert_int_eq(vm_check(&c->vm, BASE, 1, FE_PROT_WRITE), -FE_EFAULT);
	/* The handles, at 0 and 1 with their rights; the parent keeps its own. */
	ck_assert_uint_eq(c->caps.used, 2);
	ck_assert_ptr_eq(c->caps.slots[0].obj, handle_obj(t, (fe_handle_t)n));
	ck_assert_ptr_eq(c->caps.slots[1].obj, handle_obj(t, (fe_handle_t)ep));
	ck_assert_uint_eq(c->caps.slots[1].rights, FE_RIGHTS_ALL);
	ck_assert_uint_eq(t->proc->caps.used, 3);
	/* One thread, ready, at the entry point with the caller's priority. */
	struct thread *ct = first_thread(c);
	ck_assert_uint_eq(c->nthreads, 1);
	ck_assert_int_eq(ct->state, T_READY);
	ck_assert_uint_eq(ct->prio, t->prio);
	ck_assert_uint_eq(ct->arch->entry, ENTRY);
	ck_assert_ptr_eq(ct->arch->as, c->vm.as);
}
END_TEST

/* The System V initial stack: argc, argv[], NULL, envp NULL, auxv. */
START_TEST(test_spawn_builds_the_initial_stack)
{
	struct thread *t = new_proc("parent");
	static const char args[] = "/bin/prog\0arg one\0\0last\0";
	struct elf e;
	struct process *c;
	uint64_t sp, w[16];
	char s[16];

	good_elf(&e);
	c = child_of(t, spawn_as(t, &e, args, sizeof(args) - 1, 4, NULL, 0, 0));
	sp = first_thread(c)->arch->sp;
	ck_assert_uint_eq(sp % 16, 0);
	ck_assert_uint_lt(sp, TEST_USER_HI - FE_PAGE_SIZE);
	ck_assert_uint_ge(sp, TEST_USER_HI - FE_PAGE_SIZE - STACK_SIZE);
	/* The page above the stack stays unmapped. */
	ck_assert_int_eq(vm_check(&c->vm, TEST_USER_HI - FE_PAGE_SIZE, 1, 0), -FE_EFAULT);
	uget(c, sp, w, sizeof(w));
	ck_assert_uint_eq(w[0], 4);
	const char *want[] = { "/bin/prog", "arg one", "", "last" };
	for (int i = 0; i < 4; i++) {
		uget(c, w[1 + i], s, strlen(want[i]) + 1);
		ck_assert_str_eq(s, want[i]);
	}
	ck_assert_uint_eq(w[5], 0); /* argv end */
	ck_assert_uint_eq(w[6], 0); /* envp end */
	ck_assert_uint_eq(w[7], AT_PAGESZ);
	ck_assert_uint_eq(w[8], FE_PAGE_SIZE);
	ck_assert_uint_eq(w[9], AT_ENTRY);
	ck_assert_uint_eq(w[10], ENTRY);
	ck_assert_uint_eq(w[11], AT_FERRITE_GATE);
	ck_assert_uint_eq(w[12], TEST_GATE_ADDR);
	ck_assert_uint_eq(w[13], AT_NULL);
	ck_assert_uint_eq(first_thread(c)->arch->arg, 0);
}
END_TEST

START_TEST(test_spawn_with_the_largest_argv)
{
	struct thread *t = new_proc("parent");
	static char args[FE_SPAWN_MAX_ARGS];
	struct elf e;
	struct process *c;
	uint64_t sp, argv1;
	char s[4];

	good_elf(&e);
	for (size_t i = 0; i < sizeof(args); i++)
		args[i] = i % 4 == 3 ? '\0' : (char)('a' + i / 4 % 26);
	c = child_of(t, spawn_as(t, &e, args, sizeof(args), sizeof(args) / 4, NULL, 0, 0));
	sp = first_thread(c)->arch->sp;
	ck_assert_uint_eq(uget64(c, sp), sizeof(args) / 4);
	argv1 = uget64(c, sp + 16);
	uget(c, argv1, s, 4);
	ck_assert_str_eq(s, "bbb");
}
END_TEST

START_TEST(test_spawn_priority)
{
	struct thread *t = new_proc("parent");
	struct elf e;
	struct census c0;

	good_elf(&e);
	ck_assert_uint_eq(first_thread(child_of(t, spawn_as(t, &e, "p", 2, 1, NULL, 0, 5)))->prio,
	                  5);
	ck_assert_uint_eq(
		first_thread(child_of(t, spawn_as(t, &e, "p", 2, 1, NULL, 0, FE_PRIO_MAX)))->prio,
		FE_PRIO_MAX);
	c0 = census(t);
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, NULL, 0, FE_PRIO_MAX + 1), -FE_EINVAL);
	assert_census(t, c0);
}
END_TEST

/* Two segments and a PT_NOTE: text read+exec, data read+write at an
 * unaligned address with file bytes spanning pages, then bss. */
START_TEST(test_spawn_loads_several_segments)
{
	struct thread *t = new_proc("parent");
	struct elf e;
	struct process *c;
	const uint64_t dva = 0x600123;
	unsigned char got[0x3000];

	good_elf(&e);
	ehdr(&e)->e_phnum = 3;
	*phdr(&e, 1) = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = 0x10, .p_filesz = 8 };
	*phdr(&e, 2) = (Elf64_Phdr){ .p_type = PT_LOAD,
		                     .p_flags = PF_R | PF_W,
		                     .p_offset = 0x1000,
		                     .p_vaddr = dva,
		                     .p_filesz = 0x1800,
		                     .p_memsz = 0x2800 };
	for (size_t i = 0x1000; i < 0x2800; i++)
		e.b[i] = (unsigned char)(i ^ (i >> 8));
	e.len = 0x2800;
	phdr(&e, 0)->p_filesz = 0x200;
	c = child_of(t, spawn_simple(t, &e));
	uget(c, dva, got, 0x2800);
	ck_assert_mem_eq(got, e.b + 0x1000, 0x1800);
	for (size_t i = 0x1800; i < 0x2800; i++)
		ck_assert_uint_eq(got[i], 0);
	ck_assert_uint_eq(arch_test_mapping_at(c->vm.as, dva)->prot, FE_PROT_READ | FE_PROT_WRITE);
	ck_assert_uint_eq(arch_test_mapping_at(c->vm.as, dva)->va, 0x600000);
	/* The bytes before dva in its first page are zero, not file bytes. */
	uget(c, 0x600000, got, 0x123);
	for (size_t i = 0; i < 0x123; i++)
		ck_assert_uint_eq(got[i], 0);
}
END_TEST

/* The process is named after argv[0] without its directories, cut to fit. */
START_TEST(test_spawn_names_the_process_after_argv0)
{
	struct thread *t = new_proc("parent");
	char args[100];
	struct elf e;

	good_elf(&e);
	memset(args, 'x', sizeof(args));
	memcpy(args, "/a/b/", 5);
	args[sizeof(args) - 1] = '\0';
	ck_assert_str_eq(child_of(t, spawn_as(t, &e, args, sizeof(args), 1, NULL, 0, 0))->name,
	                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	ck_assert_str_eq(child_of(t, spawn_as(t, &e, "dir/\0", 5, 1, NULL, 0, 0))->name, "");
	ck_assert_str_eq(child_of(t, spawn_as(t, &e, "tool\0/x\0", 8, 2, NULL, 0, 0))->name,
	                 "tool");
}
END_TEST

START_TEST(test_spawn_bad_argv_is_einval)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;

	good_elf(&e);
	ck_assert_int_eq(spawn_as(t, &e, "a\0b\0", 4, 3, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "a\0b\0", 4, 1, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "a\0b", 3, 2, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "ab", 2, 1, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "a", 2, 0, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "", 0, 1, NULL, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "", 0, 0, NULL, 0, 0), -FE_EINVAL);
	assert_census(t, c0);
}
END_TEST

START_TEST(test_spawn_argv_too_long_or_unmapped)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;
	struct fe_spawn sa = { .argc = 1, .args_len = FE_SPAWN_MAX_ARGS + 1 };
	uint64_t img;

	good_elf(&e);
	img = uput_new(t, e.b, e.len);
	sa.args = (const char *)ualloc(t, FE_SPAWN_MAX_ARGS + 1);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len, uput_new(t, &sa, sizeof(sa))),
	                 -FE_EINVAL);
	sa.args_len = 2;
	sa.args = (const char *)0x5000;
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len, uput_new(t, &sa, sizeof(sa))),
	                 -FE_EFAULT);
	sa.args = (const char *)(SCRATCH_BASE + SCRATCH_SIZE - 1);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len, uput_new(t, &sa, sizeof(sa))),
	                 -FE_EFAULT);
	assert_census(t, c0);
}
END_TEST

START_TEST(test_spawn_bad_handles)
{
	struct thread *t = new_proc("parent");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	int64_t weak = sys(t, FE_SYS_HANDLE_DUP, n, FE_RIGHT_SIGNAL);
	fe_handle_t hs[FE_SPAWN_MAX_HANDLES] = { 0 };
	struct census c0 = census(t);
	struct elf e;

	good_elf(&e);
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, hs, FE_SPAWN_MAX_HANDLES + 1, 0), -FE_EINVAL);
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, hs, UINT32_MAX, 0), -FE_EINVAL);
	hs[1] = (fe_handle_t)weak;
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, hs, 2, 0), -FE_EACCES);
	hs[1] = 77;
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, hs, 2, 0), -FE_EBADF);
	hs[1] = -5;
	ck_assert_int_eq(spawn_as(t, &e, "p", 2, 1, hs, 2, 0), -FE_EBADF);
	assert_census(t, c0);
	/* The most handles allowed, all the same one, land at 0..15. */
	for (int i = 0; i < FE_SPAWN_MAX_HANDLES; i++)
		hs[i] = (fe_handle_t)n;
	struct process *c = child_of(t, spawn_as(t, &e, "p", 2, 1, hs, FE_SPAWN_MAX_HANDLES, 0));
	ck_assert_uint_eq(c->caps.used, FE_SPAWN_MAX_HANDLES);
	for (int i = 0; i < FE_SPAWN_MAX_HANDLES; i++)
		ck_assert_ptr_eq(c->caps.slots[i].obj, handle_obj(t, (fe_handle_t)n));
}
END_TEST

START_TEST(test_spawn_bad_pointers_and_lengths)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;
	struct fe_spawn sa = { .argc = 1, .args_len = 2 };
	uint64_t img, sp;

	good_elf(&e);
	img = uput_new(t, e.b, e.len);
	sa.args = (const char *)uput_new(t, "p", 2);
	sp = uput_new(t, &sa, sizeof(sa));
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, 0x5000, e.len, sp), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, SCRATCH_BASE + SCRATCH_SIZE - 0x100, e.len, sp),
	                 -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, 0, sp), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, IMAGE_MAX + 1, sp), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, UINT64_MAX, sp), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len, SCRATCH_BASE + SCRATCH_SIZE - 8),
	                 -FE_EFAULT);
	/* A length shorter than the image cuts it: its segment runs past it. */
	ck_assert_int_eq(sys(t, FE_SYS_PROC_SPAWN, img, e.len - 1, sp), -FE_ENOEXEC);
	assert_census(t, c0);
	ck_assert_int_ge(sys(t, FE_SYS_PROC_SPAWN, img, e.len, sp), 0);
}
END_TEST

/* Running out of memory, address spaces, threads or mappings at each step
 * of a spawn: -FE_ENOMEM, and nothing is left behind. */
START_TEST(test_spawn_out_of_resources)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;

	good_elf(&e);
	arch_test.as_fail_after = 0;
	ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOMEM);
	arch_test.as_fail_after = -1;
	for (int i = 0; i < 2; i++) {
		arch_test.mem_fail_after = i; /* the segment, then the stack */
		ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOMEM);
		assert_census(t, c0);
	}
	arch_test.mem_fail_after = -1;
	arch_test.thread_fail_after = 0;
	ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOMEM);
	assert_census(t, c0);
	arch_test.thread_fail_after = -1;
	for (int i = 0; i < 2; i++) {
		arch_test.map_fail_after = i; /* mapping the segment, then the stack */
		ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOMEM);
		assert_census(t, c0);
	}
	arch_test.map_fail_after = -1;
	ck_assert_int_ge(spawn_simple(t, &e), 0);
}
END_TEST

START_TEST(test_spawn_with_a_full_table_is_emfile)
{
	struct thread *t = new_proc("parent");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	struct elf e;
	struct census c0;

	good_elf(&e);
	while (t->proc->caps.used < CAP_MAX)
		give(t, handle_obj(t, (fe_handle_t)n), 0);
	c0 = census(t);
	ck_assert_int_eq(spawn_simple(t, &e), -FE_EMFILE);
	assert_census(t, c0);
}
END_TEST

START_TEST(test_spawned_child_can_be_killed_and_waited)
{
	struct thread *t = new_proc("parent");
	struct elf e;
	int64_t h;
	uint64_t out = ualloc(t, sizeof(struct fe_exit));
	struct fe_exit ex;
	unsigned as = arch_test.live_as;

	good_elf(&e);
	h = spawn_simple(t, &e);
	ck_assert_uint_eq(arch_test.live_as, as + 1);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_WAIT, h, out, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_KILL, h), 0);
	ck_assert_int_eq(sys(t, FE_SYS_PROC_WAIT, h, out, FE_POLL), 0);
	uget(t->proc, out, &ex, sizeof(ex));
	ck_assert_uint_eq(ex.kind, FE_EXIT_KILLED);
	ck_assert_uint_eq(arch_test.live_as, as);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "'prog' killed"));
}
END_TEST

Suite *suite_spawn(void)
{
	Suite *s = suite_create("spawn");

	ADD_TEST(s, test_spawn_loads_a_good_image);
	ADD_TEST(s, test_spawn_builds_the_initial_stack);
	ADD_TEST(s, test_spawn_with_the_largest_argv);
	ADD_TEST(s, test_spawn_priority);
	ADD_TEST(s, test_spawn_loads_several_segments);
	ADD_TEST(s, test_spawn_names_the_process_after_argv0);
	ADD_TEST(s, test_spawn_bad_argv_is_einval);
	ADD_TEST(s, test_spawn_argv_too_long_or_unmapped);
	ADD_TEST(s, test_spawn_bad_handles);
	ADD_TEST(s, test_spawn_bad_pointers_and_lengths);
	ADD_TEST(s, test_spawn_out_of_resources);
	ADD_TEST(s, test_spawn_with_a_full_table_is_emfile);
	ADD_TEST(s, test_spawned_child_can_be_killed_and_waited);
	return s;
}
