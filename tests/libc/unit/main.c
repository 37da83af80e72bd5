/*
 * The libc unit tests: one Check suite per area of libc's pure parts.
 */
#include <stdlib.h>

#include "fl.h"

int main(void)
{
	SRunner *sr = srunner_create(string_suite());
	int failed;

	srunner_add_suite(sr, printf_suite());
	srunner_add_suite(sr, scanf_suite());
	srunner_add_suite(sr, strtod_suite());
	srunner_add_suite(sr, math_suite());
	srunner_add_suite(sr, sort_suite());
	srunner_add_suite(sr, time_suite());
	srunner_add_suite(sr, malloc_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
