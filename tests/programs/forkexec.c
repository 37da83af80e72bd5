/*
 * fork and exec with their POSIX meanings, checked from the inside.
 *
 * fork: the child sees a copy of memory (its writes do not reach the
 * parent), comes back from the call with 0 and every callee-saved register
 * the parent had, and its exit status reaches the parent; a memory object
 * with a handle stays shared. exec: a bad image fails and leaves the caller
 * running; a good one replaces the program, keeps the pid, and the new
 * program's exit status is the process's.
 */
#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

static int counter = 100;

static long fork_proc(fe_handle_t *h)
{
	return fe_syscall(FE_SYS_FORK, (long)h, 0, 0, 0, 0);
}

static long exec_image(const void *image, uint64_t len, const char *args, uint64_t args_len,
                       uint32_t argc)
{
	struct fe_spawn sa = { .args = args, .args_len = args_len, .argc = argc };

	return fe_syscall(FE_SYS_EXEC, (long)image, (long)len, (long)&sa, 0, 0);
}

/* Values live in callee-saved registers across the call. */
static __attribute__((noinline)) long fork_keeps_registers(fe_handle_t *h, long *sum)
{
	register long a = 0x1111, b = 0x2222, c = 0x3333, d = 0x4444;
	long pid;

	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
	pid = fork_proc(h);
	__asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
	*sum = a + b + c + d;
	return pid;
}

static int check_fork(void)
{
	fe_handle_t h = FE_NO_HANDLE;
	struct fe_exit ex;
	long sum, pid = fork_keeps_registers(&h, &sum);

	if (pid < 0) {
		fe_printf("forkexec: fork failed: %ld\n", pid);
		return 1;
	}
	if (pid == 0) {
		counter += 1;
		fe_printf("forkexec: child: counter %d, registers %s\n", counter,
		          sum == 0xaaaa ? "kept" : "LOST");
		fe_exit(sum == 0xaaaa ? 7 : 99);
	}
	t_wait(h, &ex);
	fe_printf("forkexec: parent: counter %d, child pid %s, child exit kind %u code %d\n",
	          counter, pid > fe_getpid() ? "new" : "BAD", ex.kind, ex.code);
	return counter == 100 && ex.kind == FE_EXIT_NORMAL && ex.code == 7 ? 0 : 1;
}

static int check_shared(void)
{
	fe_handle_t mo = fe_memobj_create(FE_PAGE_SIZE), h;
	volatile int *shared;
	struct fe_exit ex;
	void *p;
	long pid;

	if (mo < 0 ||
	    fe_memobj_map(mo, NULL, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE, 0, &p) < 0)
		return 1;
	shared = p;
	*shared = 1;
	pid = fork_proc(&h);
	if (pid == 0) {
		*shared = 42;
		fe_exit(0);
	}
	t_wait(h, &ex);
	fe_printf("forkexec: shared memory after the child wrote: %d\n", *shared);
	return *shared == 42 ? 0 : 1;
}

static int check_exec(void)
{
	static const char args[] = "hello\0from\0exec";
	const void *image;
	uint64_t len;
	fe_handle_t h;
	struct fe_exit ex;
	long pid, rc;

	if (fe_boot_find("hello", &image, &len) < 0)
		return 1;
	rc = exec_image(args, sizeof(args), args, sizeof(args), 3);
	fe_printf("forkexec: exec of a bad image: %ld, still running\n", rc);
	if (rc != -FE_ENOEXEC)
		return 1;
	pid = fork_proc(&h);
	if (pid == 0) {
		exec_image(image, len, args, sizeof(args), 3);
		fe_exit(99); /* not reached */
	}
	t_wait(h, &ex);
	fe_printf("forkexec: exec'd child exit kind %u code %d\n", ex.kind, ex.code);
	return ex.kind == FE_EXIT_NORMAL && ex.code == 0 ? 0 : 1;
}

int main(void)
{
	int bad = check_fork() + check_shared() + check_exec();

	fe_printf("forkexec: %s\n", bad ? "FAIL" : "ok");
	return bad;
}
