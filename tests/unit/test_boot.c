/*
 * The core's entry point and main loop (kernel/main.c), booted for real on
 * the test machine: arch_run plays a script of traps for the first
 * process, and arch_halt ends the test. Covers starting init with its
 * argv and boot archive, bad boot images and arguments, faults, idling
 * until a timer, timer and event traps, upcalls, and the event trace.
 */
#include <stdlib.h>
#include <string.h>

#include "images.h"
#include "trace.h"

#define NO_RET INT64_MAX
#define CALL0(n)                                \
	{                                       \
		.kind = TRAP_SYSCALL, .nr = (n) \
	}
#define CALL1(n, a)                                             \
	{                                                       \
		.kind = TRAP_SYSCALL, .nr = (n), .args = {(a) } \
	}
#define TRAP(k)             \
	{                   \
		.kind = (k) \
	}

struct step {
	enum trap_kind kind;
	uint64_t nr;
	uint64_t args[5];
	struct fe_exit exit;
};

static const struct step *script;
static int nsteps, at;
static int64_t seen[16]; /* the thread's result when each step began */
static uint64_t seen_now[16];
static void (*inspect)(int step, struct arch_thread *t);

static void scripted_run(struct arch_thread *t, struct trap *tr)
{
	ck_assert_msg(at < nsteps, "the kernel ran init past the end of the script");
	seen[at] = t->ret_set ? t->ret : NO_RET;
	seen_now[at] = arch_test.now;
	t->ret_set = false;
	if (inspect)
		inspect(at, t);
	tr->kind = script[at].kind;
	tr->nr = script[at].nr;
	memcpy(tr->args, script[at].args, sizeof(tr->args));
	tr->exit = script[at].exit;
	at++;
}

static struct elf init_image;
static char bootfs[] = "BOOTFS:the boot archive";

static struct boot_info boot_with(const char *args, size_t len, uint32_t argc)
{
	struct boot_info b = {
		.heap = test_heap_alloc(),
		.heap_size = TEST_HEAP_SIZE,
		.init_image = init_image.b,
		.init_size = init_image.len,
		.init_args = args,
		.init_args_len = len,
		.init_argc = argc,
		.bootfs = bootfs,
		.bootfs_size = sizeof(bootfs),
		.seed = 99,
	};

	return b;
}

/* Boot with `steps` as init's behaviour; returns the halt status. */
static int boot(struct boot_info *b, const struct step *steps, int n)
{
	script = steps;
	nsteps = n;
	at = 0;
	arch_test.run = scripted_run;
	EXPECT_HALT(kernel_main(b));
	test_heap_free(b->heap);
	return arch_test.halt_status;
}

static struct boot_info good_boot(void)
{
	good_elf(&init_image);
	return boot_with("/sbin/init\0-v\0", 14, 2);
}

START_TEST(test_boot_runs_init_until_it_exits)
{
	static const struct step steps[] = {
		CALL0(FE_SYS_GETPID),
		CALL1(FE_SYS_PROC_EXIT, 7),
	};
	struct boot_info b = good_boot();

	ck_assert_int_eq(boot(&b, steps, 2), 7);
	ck_assert_int_eq(at, 2);
	ck_assert_int_eq(seen[0], NO_RET);
	ck_assert_int_eq(seen[1], 1); /* getpid */
	ck_assert_uint_eq(arch_test.runs, 2);
	ck_assert_uint_eq(arch_test.threads_made, 1);
}
END_TEST

static void check_init(int step, struct arch_thread *t)
{
	struct process *p = process_find(1);
	struct cap c;
	struct memobj *mo;

	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "init");
	ck_assert_uint_eq(t->entry, ENTRY);
	ck_assert_uint_eq(uget64(p, t->sp), 2); /* argc */
	ck_assert_uint_eq(p->caps.used, 1);
	ck_assert_int_eq(cap_get(&p->caps, 0, FE_OBJ_MEMOBJ, 0, &c), 0);
	ck_assert_uint_eq(c.rights, FE_RIGHT_READ | FE_RIGHT_DUP | FE_RIGHT_TRANSFER);
	mo = container_of(c.obj, struct memobj, obj);
	ck_assert_uint_eq(mo->size, FE_PAGE_SIZE);
	ck_assert_mem_eq(arch_mem_ptr(mo->mem, 0), bootfs, sizeof(bootfs));
	ck_assert_uint_eq(mo->obj.refs, 1); /* only init's handle holds it */
}

START_TEST(test_boot_gives_init_the_boot_archive_as_handle_0)
{
	static const struct step steps[] = {
		CALL1(FE_SYS_PROC_EXIT, 0),
	};
	struct boot_info b = good_boot();

	inspect = check_init;
	ck_assert_int_eq(boot(&b, steps, 1), 0);
	ck_assert_int_eq(at, 1);
}
END_TEST

START_TEST(test_boot_with_a_bad_image_halts_with_1)
{
	struct boot_info b = good_boot();

	ehdr(&init_image)->e_machine = EM_386;
	ck_assert_int_eq(boot(&b, NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "cannot start the first process"));
	ck_assert_uint_eq(arch_test.runs, 0);
}
END_TEST

START_TEST(test_boot_with_bad_arguments_halts_with_1)
{
	static const char *const args[] = { "init\0", "init\0", "init", "" };
	static const size_t lens[] = { 5, 5, 4, 0 };
	static const uint32_t argcs[] = { 2, 0, 1, 1 };

	good_elf(&init_image);
	for (int i = 0; i < 4; i++) {
		struct boot_info b = boot_with(args[i], lens[i], argcs[i]);

		arch_test_reset();
		ck_assert_int_eq(boot(&b, NULL, 0), 1);
		ck_assert_ptr_nonnull(strstr(arch_test.console, "bad arguments"));
	}
}
END_TEST

START_TEST(test_boot_fault_in_init_halts_with_128_plus_the_fault)
{
	static const struct step steps[] = {
		{ .kind = TRAP_FAULT,
		  .exit = { FE_EXIT_FAULT, FE_FAULT_PAGE, 0xdead000, 0x401234 } },
	};
	struct boot_info b = good_boot();

	ck_assert_int_eq(boot(&b, steps, 1), 128 + FE_FAULT_PAGE);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "page fault at dead000 (ip 401234)"));
}
END_TEST

START_TEST(test_boot_bad_syscall_in_init_halts)
{
	static const struct step steps[] = {
		CALL0(4242),
	};
	struct boot_info b = good_boot();

	ck_assert_int_eq(boot(&b, steps, 1), 128 + FE_FAULT_BADCALL);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "invalid system call"));
}
END_TEST

/* Init sleeps; with nothing to run the kernel idles until the timer, then
 * runs init again. */
START_TEST(test_boot_idles_until_the_timer)
{
	static const struct step steps[] = {
		CALL1(FE_SYS_SLEEP, 5000),
		CALL1(FE_SYS_PROC_EXIT, 0),
	};
	struct boot_info b = good_boot();

	ck_assert_int_eq(boot(&b, steps, 2), 0);
	ck_assert_uint_eq(arch_test.idles, 1);
	ck_assert_int_eq(seen[1], 0);
	ck_assert_uint_eq(seen_now[1], 5000);
}
END_TEST

/* Timer and event traps leave the thread as it was; the timer is armed for
 * the end of its slice before each run. */
START_TEST(test_boot_timer_and_event_traps_resume_the_thread)
{
	static const struct step steps[] = {
		TRAP(TRAP_TIMER),
		TRAP(TRAP_EVENT),
		CALL0(FE_SYS_CLOCK),
		CALL1(FE_SYS_PROC_EXIT, 5),
	};
	struct boot_info b = good_boot();

	ck_assert_int_eq(boot(&b, steps, 4), 5);
	ck_assert_int_eq(seen[1], NO_RET);
	ck_assert_int_eq(seen[2], NO_RET);
	ck_assert_int_eq(seen[3], 0); /* the clock never moved */
	ck_assert_uint_ge(arch_test.timer_sets, 4);
	ck_assert_uint_ge(arch_test.timer_deadline, 2000000);
	ck_assert_uint_lt(arch_test.timer_deadline, 4000000);
}
END_TEST

static void kill_from_outside(int step, struct arch_thread *t)
{
	struct fe_exit why = { .kind = FE_EXIT_KILLED, .code = 1 };

	kernel_as_died(t->as, &why);
}

START_TEST(test_boot_init_killed_from_outside_halts)
{
	static const struct step steps[] = {
		TRAP(TRAP_EVENT),
	};
	struct boot_info b = good_boot();

	inspect = kill_from_outside;
	ck_assert_int_eq(boot(&b, steps, 1), 129);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "killed from outside"));
}
END_TEST

START_TEST(test_boot_writes_the_event_trace)
{
	static const struct step steps[] = {
		CALL0(FE_SYS_GETPID),
		CALL1(FE_SYS_PROC_EXIT, 0),
	};
	struct boot_info b = good_boot();

	b.trace = true;
	ck_assert_int_eq(boot(&b, steps, 2), 0);
	ck_assert_ptr_nonnull(arch_test.trace);
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "0 boot seed 99\n"));
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "process 1 'init' created\n"));
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "1.1 getpid()\n"));
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "1.1 = 1\n"));
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "1.1 proc_exit(0)\n"));
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "process 1 exit kind 0 code 0\n"));
	ck_assert_ptr_null(strstr(arch_test.console, "getpid"));
	trace_on = false;
}
END_TEST

/* Trace lines are cut to their buffer, never overflowing it. */
START_TEST(test_trace_lines_are_bounded)
{
	static const uint64_t args[5] = { UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX,
		                          UINT64_MAX };
	char name[300];
	struct thread *t;
	struct process *p;

	p = process_create("p");
	t = thread_create(p, SCRATCH_BASE, SCRATCH_BASE, 0, 1);
	trace_on = true;
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	trace_syscall(t, name, args, 5);
	trace_event("%s", name);
	trace_ret(t, INT64_MIN);
	trace_on = false;
	ck_assert_uint_le(strlen(arch_test.trace), 255 + 255 + 95);
	ck_assert_ptr_nonnull(strstr(arch_test.trace, "= -9223372036854775808\n"));
}
END_TEST

Suite *suite_boot(void)
{
	Suite *s = suite_create("boot");

	ADD_BARE_TEST(s, test_boot_runs_init_until_it_exits);
	ADD_BARE_TEST(s, test_boot_gives_init_the_boot_archive_as_handle_0);
	ADD_BARE_TEST(s, test_boot_with_a_bad_image_halts_with_1);
	ADD_BARE_TEST(s, test_boot_with_bad_arguments_halts_with_1);
	ADD_BARE_TEST(s, test_boot_fault_in_init_halts_with_128_plus_the_fault);
	ADD_BARE_TEST(s, test_boot_bad_syscall_in_init_halts);
	ADD_BARE_TEST(s, test_boot_idles_until_the_timer);
	ADD_BARE_TEST(s, test_boot_timer_and_event_traps_resume_the_thread);
	ADD_BARE_TEST(s, test_boot_init_killed_from_outside_halts);
	ADD_BARE_TEST(s, test_boot_writes_the_event_trace);
	ADD_TEST(s, test_trace_lines_are_bounded);
	return s;
}
