/*
 * crashme: a process that faults is killed and reported, and the system
 * carries on. As the first process it starts itself from the boot archive
 * once per way of dying, one after another:
 *
 *     crashme null      writes to address 0            (page fault)
 *     crashme badcall   makes system call 9999         (invalid system call)
 *     crashme illegal   executes ud2                   (illegal instruction)
 *     crashme divide    divides by zero                (arithmetic fault)
 *
 * prints how each ended, then starts "crashme ok", which must exit 0, and
 * prints "crashme: system still running". The kernel's own report of each
 * death ("ferrite: process N 'crashme' killed: ...") is what the native
 * tests compare with the sim's, line for line.
 */
#include <stdint.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#define BAD_CALL 9999

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
	fe_printf("crashme %s: still alive\n", how);
	return 1;
}

static int run(const char *how, struct fe_exit *ex)
{
	const char *const argv[] = { "crashme", how, NULL };
	fe_handle_t proc;
	int rc = fe_spawn_boot("crashme", argv, NULL, 0, &proc);

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
	if (ex->code == FE_FAULT_PAGE || ex->code == FE_FAULT_BADCALL)
		fe_printf(" addr=%llx", (unsigned long long)ex->addr);
	fe_printf("\n");
}

static int parent(void)
{
	static const char *const ways[] = { "null", "badcall", "illegal", "divide" };
	struct fe_exit ex;
	int bad = 0;

	for (unsigned i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		if (run(ways[i], &ex) < 0)
			return 1;
		report(ways[i], &ex);
		bad += ex.kind != FE_EXIT_FAULT;
	}
	if (run("ok", &ex) < 0 || ex.kind != FE_EXIT_NORMAL || ex.code != 0)
		bad++;
	fe_printf("crashme: system still running%s\n", bad ? ", but FAILED" : "");
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	return argc >= 2 ? die(argv[1]) : parent();
}
