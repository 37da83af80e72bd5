/*
 * The failure path of assert: the message glibc prints, then abort.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

extern const char *__fe_argv0;

_Noreturn void __fe_assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s: %s:%d: %s: Assertion `%s' failed.\n", __fe_argv0 ? __fe_argv0 : "",
	        file, line, func, expr);
	fflush(stderr);
	abort();
}
