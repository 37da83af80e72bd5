/*
 * The checks of the daemon system tests (tests/daemons/dmtest_*.c), which
 * run inside the sim as the first process. Each check prints one line, "ok"
 * or "FAIL" with what was got and wanted; t_finish prints
 * "PASS <name> <n> checks" only if none failed, which is the line the
 * .expected files look for, and returns the exit status.
 */
#ifndef TESTS_DAEMONS_TCHECK_H
#define TESTS_DAEMONS_TCHECK_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>

/* got == want (results and error codes: -FE_E* print by name). */
bool t_eq(const char *what, long got, long want);
/* cond holds. */
bool t_true(const char *what, bool cond);
/* got >= 0 (a result that is not an error). */
bool t_ok(const char *what, long got);
int t_finish(const char *name);

/* Start the boot-archive service `program` (with the archive if asked);
 * its process handle. Exits the test on failure. */
fe_handle_t t_service(const char *program, bool archive);

const char *t_errname(long rc);

#endif
