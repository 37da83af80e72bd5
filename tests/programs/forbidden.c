/*
 * forbidden: the sandbox kills a process that makes a host system call.
 *
 * As the first process it spawns itself twice from the boot archive: once as
 * "forbidden bad", which prints "about to misbehave" and then executes a raw
 * Linux openat (syscall 257) instead of going through the gate, and once as
 * "forbidden good", a well-behaved sibling that yields 1000 times and exits
 * 0. It waits for both and checks that the bad one ended with
 * FE_EXIT_SANDBOX / 257 and the good one normally with 0.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

#define HOST_OPENAT 257
#define AT_FDCWD (-100)
#define YIELDS 1000

/* A host system call made directly, bypassing the gate. */
static long host_openat(const char *path)
{
	register long r10 __asm__("r10") = 0;
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"((long)HOST_OPENAT), "D"((long)AT_FDCWD), "S"(path), "d"(0L), "r"(r10)
	                 : "rcx", "r11", "memory");
	return ret;
}

static int misbehave(void)
{
	long rc;

	fe_printf("about to misbehave\n");
	rc = host_openat("/etc/passwd");
	fe_printf("forbidden: the host call returned %ld and I am still alive\n", rc);
	return 3;
}

static int behave(void)
{
	for (int i = 0; i < YIELDS; i++) {
		int rc = fe_yield();

		if (rc != 0) {
			fe_printf("counter: yield %d = %d\n", i, rc);
			return 1;
		}
	}
	fe_printf("counter: %d yields done\n", YIELDS);
	return 0;
}

static fe_handle_t spawn(const char *mode)
{
	const char *const argv[] = { "forbidden", mode, NULL };
	fe_handle_t proc;
	int rc = fe_spawn_boot("forbidden", argv, NULL, 0, &proc);

	if (rc < 0) {
		fe_printf("FAIL: spawn forbidden %s = %d (%s)\n", mode, rc, t_error_name(rc));
		fe_exit(1);
	}
	return proc;
}

static int parent(void)
{
	fe_handle_t bad = spawn("bad"), good = spawn("good");
	struct fe_exit bad_ex, good_ex;
	bool ok;

	t_wait(bad, &bad_ex);
	t_wait(good, &good_ex);
	t_print_exit("forbidden", &bad_ex);
	t_print_exit("counter", &good_ex);
	ok = bad_ex.kind == FE_EXIT_SANDBOX && bad_ex.code == HOST_OPENAT &&
	     good_ex.kind == FE_EXIT_NORMAL && good_ex.code == 0;
	fe_printf("forbidden: %s\n", ok ? "sandbox ok" : "FAIL");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "bad") == 0)
		return misbehave();
	if (argc >= 2 && strcmp(argv[1], "good") == 0)
		return behave();
	return parent();
}
