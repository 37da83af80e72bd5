/*
 * demo: the init that scripts/run boots until Ferrite has a shell. Prints a
 * banner, starts `hello` from the boot archive, reports how it ended and
 * exits 0 (which stops the machine).
 */
#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

int main(void)
{
	const char *const argv[] = { "hello", "from", "the", "demo", NULL };
	struct fe_exit ex;
	fe_handle_t proc;
	int rc;

	fe_printf("Ferrite demo: pid %ld, clock %llu ns\n", fe_getpid(),
	          (unsigned long long)fe_clock());
	rc = fe_spawn_boot("hello", argv, NULL, 0, &proc);
	if (rc < 0) {
		fe_printf("demo: cannot start hello: %d (%s)\n", rc, t_error_name(rc));
		return 1;
	}
	t_wait(proc, &ex);
	t_print_exit("hello", &ex);
	fe_printf("demo: done\n");
	return 0;
}
