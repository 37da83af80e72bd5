/*
 * crashme: a process that faults is killed and reported, and the system
 * carries on. As the first process ("crashme [faults|preempt]", both when
 * neither is given) it starts itself from the boot archive once per way of
 * dying, one after another:
 *
 *     crashme null      writes to address 0            (page fault)
 *     crashme badcall   makes system call 9999         (invalid system call)
 *     crashme illegal   executes ud2                   (illegal instruction)
 *     crashme divide    divides by zero                (arithmetic fault)
 *
 * and prints how each ended (faults); starts "crashme spin", which computes
 * forever without a system call, sleeps 10 ms (which only the timer's
 * preemption lets it do) and kills it (preempt); then "crashme ok", which
 * must exit 0, and prints "crashme: system still running". The kernel's
 * own report of each
 * death ("ferrite: process N 'crashme' killed: ...") is what the native
 * tests compare with the sim's, line for line.
 */
#include <stdint.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#define BAD_CALL 9999
#define SPIN_NS 10000000

static volatile uintptr_t null_addr; /* 0, out of the compiler's sight */
static volatile int zero;

static int die(const char *how)
{
	if (strcmp(how, "null") == 0)
		*(volatile int *)null_addr = 1;
	else if (strcmp(how, "badcall") == 0)
		fe_syscall(BAD_CALL, 0, 0, 0, 0, 0);
	else if (strcmp(how, "illegal") == 0)
		__asm__ volatile("ud2");
	else if (strcmp(how, "divide") == 0)
		return 100 / zero;
	else if (strcmp(how, "ok") == 0)
		return 0;
	else if (strcmp(how, "spin") == 0)
		for (;;)
			zero = zero;
	fe_printf("crashme %s: still alive\n", how);
	return 1;
}

/* Start "crashme how"; kill it after `kill_after` ns unless that is < 0. */
static int run(const char *how, int64_t kill_after, struct fe_exit *ex)
{
	const char *const argv[] = { "crashme", how, NULL };
	fe_handle_t proc;
	int rc = fe_spawn_boot("crashme", argv, NULL, 0, &proc);

	if (rc == 0 && kill_after >= 0) {
		rc = fe_sleep(kill_after);
		if (rc == 0)
			rc = fe_proc_kill(proc);
	}
	if (rc == 0)
		rc = fe_proc_wait(proc, ex, FE_FOREVER);
	if (rc < 0)
		fe_printf("crashme: cannot run '%s': %d\n", how, rc);
	return rc;
}

/* The address only where it does not depend on the build: the faulting
 * data address and the bad call number. */
static void report(const char *how, const struct fe_exit *ex)
{
	fe_printf("crashme: %s: exit kind=%u code=%d", how, (unsigned)ex->kind, ex->code);
	if (ex->kind == FE_EXIT_FAULT &&
	    (ex->code == FE_FAULT_PAGE || ex->code == FE_FAULT_BADCALL))
		fe_printf(" addr=%llx", (unsigned long long)ex->addr);
	fe_printf("\n");
}

static int faults(void)
{
	static const char *const ways[] = { "null", "badcall", "illegal", "divide" };
	struct fe_exit ex;
	int bad = 0;

	for (unsigned i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		if (run(ways[i], -1, &ex) < 0)
			return 1;
		report(ways[i], &ex);
		bad += ex.kind != FE_EXIT_FAULT;
	}
	return bad;
}

static int preempt(void)
{
	struct fe_exit ex;

	if (run("spin", SPIN_NS, &ex) < 0)
		return 1;
	report("spin", &ex);
	return ex.kind != FE_EXIT_KILLED;
}

static int parent(const char *mode)
{
	struct fe_exit ex;
	int bad = 0;

	if (!mode || strcmp(mode, "faults") == 0)
		bad += faults();
	if (!mode || strcmp(mode, "preempt") == 0)
		bad += preempt();
	if (run("ok", -1, &ex) < 0 || ex.kind != FE_EXIT_NORMAL || ex.code != 0)
		bad++;
	fe_printf("crashme: system still running%s\n", bad ? ", but FAILED" : "");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "faults") == 0 || strcmp(argv[1], "preempt") == 0)
		return parent(argc < 2 ? NULL : argv[1]);
	return die(argv[1]);
}
