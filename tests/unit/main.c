/*
 * unit-core: the Check unit tests of the kernel core, run against the test
 * machine (arch_test.c). Every test runs in its own forked process, so the
 * core's global state starts fresh each time. Exits non-zero if any fails.
 *
 * CK_RUN_SUITE / CK_RUN_CASE select a suite or a single test by name; with
 * CK_FORK=no a single test can be run under a debugger (several cannot:
 * they would share the core's state).
 */
#include <stdlib.h>

#include "harness.h"

int main(void)
{
	SRunner *sr = srunner_create(suite_handles());
	int failed;

	srunner_add_suite(sr, suite_endpoint());
	srunner_add_suite(sr, suite_ipc_edges());
	srunner_add_suite(sr, suite_notify());
	srunner_add_suite(sr, suite_memory());
	srunner_add_suite(sr, suite_process());
	srunner_add_suite(sr, suite_spawn());
	srunner_add_suite(sr, suite_elf());
	srunner_add_suite(sr, suite_sched());
	srunner_add_suite(sr, suite_lib());
	srunner_add_suite(sr, suite_boot());
	srunner_add_suite(sr, suite_scheme());
	srunner_add_suite(sr, suite_open());
	srunner_add_suite(sr, suite_fd());
	srunner_add_suite(sr, suite_fd_call());
	srunner_add_suite(sr, suite_console());
	srunner_add_suite(sr, suite_sysinfo());
	srunner_add_suite(sr, suite_fork());
	srunner_add_suite(sr, suite_exec());
	srunner_add_suite(sr, suite_signal());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
