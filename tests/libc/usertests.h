/*
 * usertests: the libc checked from inside Ferrite, in the style of xv6's
 * usertests. Each test is a function that returns 0 or calls fail(); the
 * harness runs each one in a child process (fork), so a test that crashes
 * is reported as failed and the others still run.
 */
#ifndef USERTESTS_H
#define USERTESTS_H

#include <stdbool.h>

struct usertest {
	const char *name;
	void (*fn)(void);
	bool needs_files; /* skipped without the daemons (no null: scheme) */
};

/* End the current test as failed, with a message (never returns). */
_Noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(cond)                                                   \
	do {                                                          \
		if (!(cond))                                          \
			fail("%s:%d: %s", __FILE__, __LINE__, #cond); \
	} while (0)

#define CHECK_STR(got, want)                                                            \
	do {                                                                            \
		const char *g_ = (got), *w_ = (want);                                   \
		if (strcmp(g_, w_) != 0)                                                \
			fail("%s:%d: '%s', expected '%s'", __FILE__, __LINE__, g_, w_); \
	} while (0)

/* Wait until process pid is blocked in a system call or gone. */
void wait_blocked(int pid);

/* The program's own path, for the tests that exec it again. */
extern const char *self_path;

extern const struct usertest core_tests[];
extern const struct usertest file_tests[];
extern const struct usertest misc_tests[];

/* usertests --child MODE ...: the modes the exec tests start. */
int child_mode(int argc, char **argv);
int misc_child_mode(int argc, char **argv);

#endif
