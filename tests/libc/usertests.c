/*
 * usertests: the harness and the tests that need no daemons — memory,
 * strings, formatting, conversions, math, setjmp, sorting, time, the
 * environment, signals (also between processes), fork and wait, errno,
 * getopt, atexit. The tests that need files, pipes and exec are in
 * usertests_fs.c, the smaller corners (execve, local time, assert, limits,
 * locale) in usertests_misc.c.
 *
 * Run as the first process it prints each test's result to the debug
 * console; under init (with every daemon) it also runs the file tests.
 * Exit status 0 when every test that ran passed.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <fnmatch.h>
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "usertests.h"

const char *self_path = "usertests";
static const char *current = "";

_Noreturn void fail(const char *fmt, ...)
{
	va_list ap;

	printf("usertests: %s: FAILED: ", current);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	_exit(1);
}

static void test_malloc(void)
{
	enum { N = 2000 };
	static char *p[N];
	static size_t len[N];

	for (int round = 0; round < 20; round++)
		for (int i = 0; i < N; i++) {
			if (p[i]) {
				for (size_t j = 0; j < len[i]; j++)
					CHECK(p[i][j] == (char)(i + round));
				free(p[i]);
			}
			len[i] = (size_t)((i * 7919 + round * 104729) %
			                  (i % 10 == 0 ? 300000 : 3000));
			p[i] = malloc(len[i]);
			CHECK(p[i] != NULL && (uintptr_t)p[i] % 16 == 0);
			memset(p[i], (char)(i + round + 1), len[i]);
			p[i] = realloc(p[i], len[i] + 10);
			CHECK(p[i] != NULL);
			memset(p[i], (char)(i + round + 1), len[i]);
		}
	for (int i = 0; i < N; i++)
		free(p[i]);
	p[0] = calloc(1000, 1000);
	for (int i = 0; i < 1000000; i++)
		CHECK(p[0][i] == 0);
	free(p[0]);
	CHECK(malloc(SIZE_MAX / 2) == NULL && errno == ENOMEM);
}

static void test_strings(void)
{
	char buf[64], *save, *tok;

	CHECK(strlen("hello") == 5 && strcmp("abc", "abd") < 0 && strncmp("abc", "abd", 2) == 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0 && strchr("hello", 'l') == strchr("hello", 'l'));
	CHECK_STR(strcpy(buf, "foo"), "foo");
	CHECK_STR(strcat(buf, "bar"), "foobar");
	CHECK(strstr(buf, "oba") == buf + 2 && strrchr(buf, 'o') == buf + 2);
	CHECK(strspn("aaab", "a") == 3 && strcspn("abc", "c") == 2);
	strcpy(buf, " a b  c ");
	tok = strtok_r(buf, " ", &save);
	CHECK(tok && strcmp(tok, "a") == 0);
	CHECK_STR(strtok_r(NULL, " ", &save), "b");
	CHECK_STR(strtok_r(NULL, " ", &save), "c");
	CHECK(strtok_r(NULL, " ", &save) == NULL);
	memset(buf, 'x', sizeof(buf));
	memmove(buf + 1, buf, 10);
	CHECK(memcmp(buf, "xxxxxxxxxxx", 11) == 0);
	save = strdup("dup");
	CHECK_STR(save, "dup");
	free(save);
	CHECK_STR(strerror(ENOENT), "No such file or directory");
}

static void test_printf(void)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%d %5s|%-4d|%04x|%lld|%zu|%c|%%", -12, "ab", 7, 255u,
	         (long long)INT64_MIN, (size_t)99, 'z');
	CHECK_STR(buf, "-12    ab|7   |00ff|-9223372036854775808|99|z|%");
	snprintf(buf, sizeof(buf), "%.3f %e %g %g %a %.0f %.0f", 3.14159, 12345.678, 0.0001, 1e20,
	         1.0, 0.5, 1.5);
	CHECK_STR(buf, "3.142 1.234568e+04 0.0001 1e+20 0x1p+0 0 2");
	snprintf(buf, sizeof(buf), "%.17g %.20f %g %f", 0.1, 0.1, DBL_MAX, -HUGE_VAL);
	CHECK_STR(buf, "0.10000000000000001 0.10000000000000000555 1.79769e+308 -inf");
	snprintf(buf, sizeof(buf), "%10.4f|%-10.2e|%+g", M_PI, -M_E, 2.5);
	CHECK_STR(buf, "    3.1416|-2.72e+00 |+2.5");
	CHECK(snprintf(buf, 4, "%s", "truncated") == 9 && strcmp(buf, "tru") == 0);
}

static void test_conversions(void)
{
	char *end, s[32];
	int a, n;
	double d;
	unsigned x;

	CHECK(strtol("  -123xyz", &end, 10) == -123 && *end == 'x');
	CHECK(strtoul("0x1F", NULL, 0) == 31 && strtol("0777", NULL, 0) == 511);
	errno = 0;
	CHECK(strtol("99999999999999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
	CHECK(strtod("0.1", NULL) == 0.1 && strtod("1e-320", NULL) == 1e-320);
	CHECK(strtod("0x1.8p1", NULL) == 3.0 && isinf(strtod("1e999", NULL)));
	CHECK(strtof("3.4028235e38", NULL) == FLT_MAX && atof("2.5") == 2.5 && atoi("42") == 42);
	CHECK(sscanf("12 0x1f 2.5 word", "%d %x %lf %31s%n", &a, &x, &d, s, &n) == 4);
	CHECK(a == 12 && x == 31 && d == 2.5 && strcmp(s, "word") == 0 && n == 16);
	CHECK(sscanf("", "%d", &a) == EOF);
}

static void test_math(void)
{
	char buf[128];

	CHECK(sqrt(2.0) == 0x1.6a09e667f3bcdp+0 && pow(2, 10) == 1024 && exp(0) == 1);
	CHECK(fabs(sin(M_PI / 6) - 0.5) < 1e-15 && cos(0) == 1 && fabs(tan(M_PI / 4) - 1) < 1e-15);
	CHECK(log(M_E) == 1 && log10(1000) == 3 && log2(8) == 3 &&
	      fabs(atan2(1, 1) - M_PI_4) < 1e-16);
	CHECK(floor(-1.5) == -2 && ceil(-1.5) == -1 && round(2.5) == 3 && trunc(-2.7) == -2);
	CHECK(fmod(7.5, 2) == 1.5 && hypot(3, 4) == 5 && cbrt(-27) == -3 && fma(2, 3, 4) == 10);
	CHECK(isnan(sqrt(-1)) && isinf(log(0)) && signbit(-0.0) &&
	      fpclassify(1e-310) == FP_SUBNORMAL);
	snprintf(buf, sizeof(buf), "%.17g %.17g %.17g %.17g", sin(1e22), exp(1), log(10),
	         pow(1.1, 100));
	CHECK_STR(buf,
	          "-0.85220084976718879 2.7182818284590451 2.3025850929940459 13780.612339822381");
	CHECK(sinf(0) == 0 && sqrtf(4) == 2 && powf(2, 3) == 8);
	CHECK(tgamma(5) == 24 && fabs(erf(1) - 0.8427007929497149) < 1e-16);
}

static jmp_buf jump;

static void deep(int n);
static void (*volatile descend)(int) = deep;

/* n frames down, then jump all the way back to setjmp. */
static void deep(int n)
{
	if (n <= 0)
		longjmp(jump, 42);
	descend(n - 1);
}

static void test_setjmp(void)
{
	volatile int count = 0, value = 0;
	sigjmp_buf sj;
	sigset_t set;

	switch (setjmp(jump)) {
	case 0:
		count++;
		deep(100);
		break;
	case 42:
		value = 42;
		break;
	}
	CHECK(value == 42 && count == 1);
	if (setjmp(jump) == 0)
		longjmp(jump, 0); /* comes back as 1 */
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (sigsetjmp(sj, 1) == 0) {
		sigaddset(&set, SIGUSR1);
		sigprocmask(SIG_BLOCK, &set, NULL);
		siglongjmp(sj, 1);
	}
	sigprocmask(SIG_BLOCK, NULL, &set);
	CHECK(!sigismember(&set, SIGUSR1));
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_sort(void)
{
	static int v[10000];
	int key = 4242;

	for (int i = 0; i < 10000; i++)
		v[i] = (i * 7919) % 10007;
	qsort(v, 10000, sizeof(int), cmp_int);
	for (int i = 1; i < 10000; i++)
		CHECK(v[i - 1] <= v[i]);
	CHECK(bsearch(&key, v, 10000, sizeof(int), cmp_int) != NULL);
	key = -1;
	CHECK(bsearch(&key, v, 10000, sizeof(int), cmp_int) == NULL);
}

static void test_time(void)
{
	struct timespec a, b, nap = { 0, 20000000 };
	time_t t = 1700000000;
	struct tm tm, *g;
	char buf[64];

	CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	CHECK(nanosleep(&nap, NULL) == 0);
	CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
	CHECK((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= 20000000);
	CHECK(time(NULL) >= 0 && clock() >= 0 && usleep(1000) == 0 && sleep(0) == 0);
	g = gmtime_r(&t, &tm);
	CHECK(g && tm.tm_year == 123 && tm.tm_mon == 10 && tm.tm_mday == 14 && tm.tm_wday == 2);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %j", &tm);
	CHECK_STR(buf, "2023-11-14 22:13:20 Tue 318");
	tm.tm_mday += 20;
	CHECK(mktime(&tm) == t + 20 * 86400 && tm.tm_mon == 11 && tm.tm_mday == 4);
	CHECK_STR(asctime(&tm), "Mon Dec  4 22:13:20 2023\n");
	CHECK(difftime(10, 4) == 6.0);
}

static void test_env(void)
{
	CHECK(setenv("USERTESTS_A", "one", 1) == 0 && strcmp(getenv("USERTESTS_A"), "one") == 0);
	CHECK(setenv("USERTESTS_A", "two", 0) == 0 && strcmp(getenv("USERTESTS_A"), "one") == 0);
	CHECK(putenv("USERTESTS_B=three") == 0 && strcmp(getenv("USERTESTS_B"), "three") == 0);
	CHECK(unsetenv("USERTESTS_A") == 0 && getenv("USERTESTS_A") == NULL);
	CHECK(setenv("BAD=NAME", "x", 1) == -1 && errno == EINVAL);
}

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

/* Fork a child that runs fn; its status word. */
static int child_status(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	return status;
}

static void raise_term(void)
{
	raise(SIGTERM);
}

static void call_abort(void)
{
	abort();
}

static void test_signals(void)
{
	sigset_t set;
	int st;

	CHECK(signal(SIGUSR1, on_signal) == SIG_DFL);
	CHECK(raise(SIGUSR1) == 0 && caught == SIGUSR1);
	signal(SIGUSR1, SIG_IGN);
	caught = 0;
	CHECK(raise(SIGUSR1) == 0 && caught == 0);
	signal(SIGUSR2, on_signal);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	CHECK(caught == 0);
	sigpending(&set);
	CHECK(sigismember(&set, SIGUSR2) == 1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	CHECK(caught == SIGUSR2);
	CHECK(kill(getpid(), 0) == 0);
	st = child_status(raise_term);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	st = child_status(call_abort);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

/* From the kernel's process list. */
void wait_blocked(pid_t pid)
{
	static struct fe_procinfo list[64];
	bool running = true;

	while (running) {
		long n = fe_sysinfo(FE_INFO_PROCS, list, sizeof(list));

		running = false;
		for (long i = 0; i < n && i < 64; i++)
			if (list[i].pid == (uint32_t)pid && list[i].state != FE_PROC_BLOCKED)
				running = true;
		if (running)
			usleep(1000);
	}
}

/* The pid of a child of `parent` (from the kernel's list), 0 if none. */
static pid_t child_of(pid_t parent)
{
	static struct fe_procinfo list[64];
	long n = fe_sysinfo(FE_INFO_PROCS, list, sizeof(list));

	for (long i = 0; i < n && i < 64; i++)
		if (list[i].parent == (uint32_t)parent)
			return (pid_t)list[i].pid;
	return 0;
}

static void pause_forever(void)
{
	for (;;)
		pause();
}

static int exited_with(pid_t pid)
{
	int st;

	CHECK(waitpid(pid, &st, 0) == pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void sleep_until_signalled(void)
{
	unsigned left = sleep(100);

	_exit(caught == SIGUSR1 && left > 0 ? 7 : 1);
}

/* Wait for a grandchild that pauses until SIGUSR1; 7 when the wait was
 * interrupted by SIGUSR1 and restarted (SA_RESTART), 4 on EINTR. */
static void wait_restarting(void)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	pid_t gc;

	sigaction(SIGUSR1, &sa, NULL);
	gc = fork();
	if (gc == 0) {
		while (!caught)
			pause();
		_exit(0);
	}
	if (waitpid(gc, NULL, 0) == gc)
		_exit(caught == SIGUSR1 ? 7 : 1);
	_exit(errno == EINTR ? 4 : 1);
}

/* Signals between processes: a handler runs for another process's signal
 * and cuts a sleep short; SA_RESTART; a sibling's kill; waitpid(-1) waits
 * for SIGCHLD; process groups; errors. */
static void test_signals_between(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	pid_t pid, sib, gc;
	int st;

	caught = 0;
	sigaction(SIGUSR1, &sa, NULL);
	pid = fork();
	if (pid == 0)
		sleep_until_signalled();
	wait_blocked(pid);
	CHECK(kill(pid, SIGUSR1) == 0);
	CHECK(exited_with(pid) == 7);

	pid = fork();
	if (pid == 0)
		wait_restarting();
	wait_blocked(pid);
	while (!(gc = child_of(pid)))
		usleep(1000);
	wait_blocked(gc);
	CHECK(kill(pid, SIGUSR1) == 0);
	wait_blocked(pid);
	CHECK(kill(gc, SIGUSR1) == 0);
	CHECK(exited_with(pid) == 7);

	sib = fork();
	if (sib == 0)
		pause_forever();
	pid = fork();
	if (pid == 0)
		_exit(kill(sib, SIGTERM) == 0 ? 0 : 1);
	CHECK(exited_with(pid) == 0);
	CHECK(exited_with(sib) == 128 + SIGTERM);

	sib = fork();
	if (sib == 0)
		pause_forever();
	pid = fork();
	if (pid == 0)
		_exit(3);
	CHECK(waitpid(-1, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3);
	CHECK(kill(sib, SIGKILL) == 0);
	CHECK(waitpid(-1, &st, 0) == sib && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		pause_forever();
	}
	setpgid(pid, pid);
	sib = fork();
	if (sib == 0) {
		setpgid(0, pid);
		pause_forever();
	}
	setpgid(sib, pid);
	CHECK(getpgid(sib) == pid && getpgid(0) != pid && getsid(sib) == getsid(0));
	CHECK(kill(-pid, SIGINT) == 0);
	CHECK(exited_with(pid) == 128 + SIGINT && exited_with(sib) == 128 + SIGINT);
	CHECK(kill(-pid, SIGINT) == -1 && errno == ESRCH);
	CHECK(kill(99999, SIGTERM) == -1 && errno == ESRCH);
	CHECK(kill(getpid(), NSIG) == -1 && errno == EINVAL);
}

static void test_fork_wait(void)
{
	static int shared = 1;
	pid_t parent = getpid(), pid, pids[5];
	int st;

	pid = fork();
	if (pid == 0) {
		shared = 2;
		_exit(getppid() == parent ? 42 : 1);
	}
	CHECK(pid > parent);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42);
	CHECK(shared == 1);
	for (int i = 0; i < 5; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(10 + i);
	}
	for (int i = 0, sum = 0; i < 5; i++) {
		pid = wait(&st);
		CHECK(pid > 0 && WIFEXITED(st));
		sum += WEXITSTATUS(st);
		if (i == 4)
			CHECK(sum == 10 + 11 + 12 + 13 + 14);
	}
	CHECK(wait(&st) == -1 && errno == ECHILD);
	pid = fork();
	if (pid == 0) {
		for (;;)
			sleep(1);
	}
	CHECK(waitpid(pid, &st, WNOHANG) == 0);
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void test_errno(void)
{
	char c;

	errno = 0;
	CHECK(close(-1) == -1 && errno == EBADF);
	CHECK(read(77, &c, 1) == -1 && errno == EBADF);
	CHECK(dup2(77, 78) == -1 && errno == EBADF);
	CHECK(fcntl(77, F_GETFD) == -1 && errno == EBADF);
	CHECK(open("nosuchscheme:x", O_RDONLY) == -1 && errno == ENODEV);
	CHECK_STR(strerror(EPIPE), "Broken pipe");
}

static void test_getopt(void)
{
	char *argv[] = { "prog", "-a", "-b", "val", "-cfoo", "--long=7", "--flag", "rest", NULL };
	static const struct option opts[] = { { "long", required_argument, NULL, 'l' },
		                              { "flag", no_argument, NULL, 'f' },
		                              { NULL, 0, NULL, 0 } };
	int c, seen = 0;

	optind = 0;
	while ((c = getopt_long(8, argv, "ab:c:", opts, NULL)) != -1) {
		if (c == 'b')
			CHECK_STR(optarg, "val");
		if (c == 'c')
			CHECK_STR(optarg, "foo");
		if (c == 'l')
			CHECK_STR(optarg, "7");
		seen += c;
	}
	CHECK(seen == 'a' + 'b' + 'c' + 'l' + 'f' && optind == 7);
	CHECK(isalpha('a') && !isalpha('1') && isspace('\t') && toupper('q') == 'Q' &&
	      isxdigit('F'));
}

static int order;

static void second(void)
{
	order = 2;
}

static void first(void)
{
	_exit(order == 2 ? 77 : 78);
}

static void register_exits(void)
{
	atexit(first);
	atexit(second);
	exit(0);
}

static void test_atexit(void)
{
	int st = child_status(register_exits);

	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 77);
}

static int recurse(int n)
{
	volatile int pad[128];

	pad[0] = n;
	return n == 0 ? 0 : recurse(n - 1) + pad[0] - n + 1;
}

static void test_stack_and_memstreams(void)
{
	char *text = NULL, buf[32];
	size_t len = 0;
	FILE *f;

	CHECK(recurse(200) == 200);
	f = open_memstream(&text, &len);
	CHECK(f != NULL);
	fprintf(f, "%s %d", "memstream", 5);
	fclose(f);
	CHECK(len == 11 && strcmp(text, "memstream 5") == 0);
	free(text);
	f = fmemopen(buf, sizeof(buf), "w+");
	CHECK(f != NULL);
	fputs("line one\nline two\n", f);
	rewind(f);
	CHECK(fgets(buf + 20, 12, f) && strcmp(buf + 20, "line one\n") == 0);
	fclose(f);
}

static void test_system_info(void)
{
	struct timeval tv = { 0, 1000 };
	struct utsname u;
	struct rlimit rl;
	char path[] = "/usr/lib/", name[] = "a/b.c";

	CHECK(uname(&u) == 0 && strcmp(u.sysname, "Ferrite") == 0 &&
	      strcmp(u.machine, "x86_64") == 0);
	CHECK(getpwuid(0) && strcmp(getpwuid(getuid())->pw_name, "root") == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == (rlim_t)sysconf(_SC_OPEN_MAX));
	CHECK(select(0, NULL, NULL, NULL, &tv) == 0 && sysconf(_SC_PAGESIZE) == 4096);
	CHECK(fnmatch("*.c", "main.c", 0) == 0 && fnmatch("[a-c]?", "bz", 0) == 0);
	CHECK(fnmatch("*.c", "dir/x.c", FNM_PATHNAME) != 0 && fnmatch(".*", ".x", FNM_PERIOD) == 0);
	CHECK_STR(basename(path), "lib");
	CHECK_STR(dirname(name), "a");
}

const struct usertest core_tests[] = {
	{ "malloc", test_malloc, false },
	{ "strings", test_strings, false },
	{ "printf", test_printf, false },
	{ "conversions", test_conversions, false },
	{ "math", test_math, false },
	{ "setjmp", test_setjmp, false },
	{ "sort", test_sort, false },
	{ "time", test_time, false },
	{ "env", test_env, false },
	{ "signals", test_signals, false },
	{ "signals-between", test_signals_between, false },
	{ "fork-wait", test_fork_wait, false },
	{ "errno", test_errno, false },
	{ "getopt-ctype", test_getopt, false },
	{ "atexit", test_atexit, false },
	{ "stack-memstreams", test_stack_and_memstreams, false },
	{ "system-info", test_system_info, false },
	{ NULL, NULL, false },
};

/* Are the daemons there? open("null:") says ENODEV when no server has
 * registered the scheme; any other failure is a failure of its own. */
static bool have_files(int *failed)
{
	int fd = open("null:", O_RDWR);

	if (fd >= 0) {
		close(fd);
		return true;
	}
	if (errno != ENODEV) {
		printf("usertests: open(\"null:\"): FAILED: %s\n", strerror(errno));
		(*failed)++;
	}
	return false;
}

/* Run one test in a child; 1 if it failed. */
static int run(const struct usertest *t, bool files)
{
	pid_t pid;
	int st;

	if (t->needs_files && !files) {
		printf("usertests: %s: SKIPPED (no null: scheme: the file tests need the daemons;"
		       " run usertests under init)\n",
		       t->name);
		return 0;
	}
	current = t->name;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		t->fn();
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid) {
		printf("usertests: %s: FAILED: cannot fork (%s)\n", t->name, strerror(errno));
		return 1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		printf("usertests: %s: OK\n", t->name);
		return 0;
	}
	if (WIFSIGNALED(st))
		printf("usertests: %s: FAILED: killed by signal %d\n", t->name, WTERMSIG(st));
	return 1;
}

int main(int argc, char **argv)
{
	bool files;
	int failed = 0;

	if (argc > 1 && strcmp(argv[1], "--child") == 0)
		return child_mode(argc, argv);
	self_path = argv[0];
	files = have_files(&failed);
	printf("usertests: starting (%s)\n", files ? "with files" : "no daemons");
	for (int i = 0; core_tests[i].name; i++)
		failed += run(&core_tests[i], files);
	for (int i = 0; file_tests[i].name; i++)
		failed += run(&file_tests[i], files);
	for (int i = 0; misc_tests[i].name; i++)
		failed += run(&misc_tests[i], files);
	if (failed)
		printf("usertests: %d FAILED\n", failed);
	else
		printf("usertests: ALL TESTS PASSED\n");
	return failed ? 1 : 0;
}
