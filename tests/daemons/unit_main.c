/*
 * daemon-unit: the Check unit tests of the daemons' logic, built hosted
 * (thost.h). Each test runs in its own forked process. CK_RUN_SUITE /
 * CK_RUN_CASE pick one suite or test by name.
 */
#include <stdlib.h>

#include "thost.h"

int main(void)
{
	SRunner *sr = srunner_create(suite_lib());
	int failed;

	srunner_add_suite(sr, suite_dev());
	srunner_add_suite(sr, suite_pipe());
	srunner_add_suite(sr, suite_ramfs());
	srunner_add_suite(sr, suite_initfs());
	srunner_add_suite(sr, suite_sys());
	srunner_add_suite(sr, suite_console());
	srunner_add_suite(sr, suite_pattern());
	srunner_add_suite(sr, suite_hostfs());
	srunner_add_suite(sr, suite_manifest());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
