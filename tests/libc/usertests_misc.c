/*
 * usertests: the smaller corners of the libc that a portable program leans
 * on without thinking — execve with an environment of its own, local time,
 * a failing assert, the limits and the inttypes formats, the C locale.
 */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "usertests.h"

/* Where the boot archive holds this program, for execve (no PATH search). */
#define SELF_IN_ARCHIVE "initfs:/usertests"

static void test_execve(void)
{
	char *argv[] = { "usertests", "--child", "only-env", NULL };
	char *envp[] = { "ONLY=this", NULL };
	pid_t pid;
	int st;

	setenv("USERTESTS_NOT_PASSED", "1", 1);
	pid = fork();
	if (pid == 0) {
		execve(SELF_IN_ARCHIVE, argv, envp);
		_exit(127);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail("the child's status is %#x", st);
	CHECK(execve("initfs:/no-such-program", argv, envp) == -1 && errno == ENOENT);
}

/* The child of test_execve: its environment is exactly envp, plus the PWD
 * through which Ferrite carries the working directory (docs/libc.md). */
int misc_child_mode(int argc, char **argv)
{
	extern char **environ;
	int only = 0, n = 0;

	(void)argv;
	if (argc != 3 || !environ)
		return 2;
	for (; environ[n]; n++) {
		if (strcmp(environ[n], "ONLY=this") == 0)
			only++;
		else if (strncmp(environ[n], "PWD=", 4) != 0)
			return 3;
	}
	return only == 1 && n <= 2 ? 0 : 4;
}

/* Ferrite has no time zones: local time is UTC, both ways. */
static void test_localtime(void)
{
	time_t t = 951782400; /* 2000-02-29 00:00:00 UTC, a leap day */
	struct tm lt, gt;
	char buf[32];

	memset(&lt, 0, sizeof(lt)); /* the padding too: memcmp compares it */
	memset(&gt, 0, sizeof(gt));
	CHECK(localtime_r(&t, &lt) && gmtime_r(&t, &gt));
	CHECK(lt.tm_year == 100 && lt.tm_mon == 1 && lt.tm_mday == 29 && lt.tm_yday == 59);
	CHECK(memcmp(&lt, &gt, sizeof(lt)) == 0);
	CHECK(strftime(buf, sizeof(buf), "%F %T %Z", localtime(&t)) > 0);
	CHECK_STR(buf, "2000-02-29 00:00:00 UTC");
	lt.tm_hour = 24; /* normalised into the next day */
	CHECK(mktime(&lt) == t + 86400 && lt.tm_mon == 2 && lt.tm_mday == 1);
}

/* assert: a false one names its expression and ends the child with
 * SIGABRT; a true one, and any under NDEBUG, does nothing. */
static void test_assert(void)
{
	int fds[2], st, one = 1;
	char msg[256] = "";
	ssize_t n;
	pid_t pid;

	assert(one == 1);
	CHECK(pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		assert(one == 2);
		_exit(0);
	}
	close(fds[1]);
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	n = read(fds[0], msg, sizeof(msg) - 1);
	close(fds[0]);
	CHECK(n > 0);
	CHECK(strstr(msg, "one == 2") && strstr(msg, "usertests_misc.c"));
}

static void test_limits(void)
{
	char buf[96];
	int64_t a;
	uint32_t b;

	CHECK(CHAR_BIT == 8 && INT_MAX == 2147483647 && INT_MIN == -INT_MAX - 1);
	CHECK(LONG_MAX == INT64_MAX && ULLONG_MAX == UINT64_MAX && SIZE_MAX == UINT64_MAX);
	CHECK(PATH_MAX >= 256 && sizeof(intptr_t) == sizeof(void *));
	snprintf(buf, sizeof(buf), "%" PRId64 " %" PRIu32 " %" PRIx64 " %" PRIdMAX, INT64_MIN,
	         UINT32_MAX, (uint64_t)0xfeedULL, (intmax_t)-7);
	CHECK_STR(buf, "-9223372036854775808 4294967295 feed -7");
	CHECK(sscanf("-42 ff", "%" SCNd64 " %" SCNx32, &a, &b) == 2 && a == -42 && b == 0xff);
	CHECK(strtoimax("-123x", NULL, 10) == -123 && strtoumax("0x10", NULL, 0) == 16);
	errno = 0;
	CHECK(strtoimax("99999999999999999999", NULL, 10) == INTMAX_MAX && errno == ERANGE);
	CHECK(imaxabs(-5) == 5 && imaxdiv(7, 2).quot == 3 && imaxdiv(7, 2).rem == 1);
}

/* The one locale is "C" (also what "" and "POSIX" give); others are refused. */
static void test_locale(void)
{
	struct lconv *lc;

	CHECK_STR(setlocale(LC_ALL, NULL), "C");
	CHECK_STR(setlocale(LC_ALL, ""), "C");
	CHECK(setlocale(LC_ALL, "POSIX") != NULL);
	CHECK(setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL);
	lc = localeconv();
	CHECK(lc && strcmp(lc->decimal_point, ".") == 0 && strcmp(lc->thousands_sep, "") == 0);
}

const struct usertest misc_tests[] = {
	{ "execve", test_execve, true },  { "localtime", test_localtime, false },
	{ "assert", test_assert, true },  { "limits-inttypes", test_limits, false },
	{ "locale", test_locale, false }, { NULL, NULL, false },
};
