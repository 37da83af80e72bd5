/*
 * portable: an ordinary POSIX C program, written with no knowledge of
 * Ferrite, that uses files, directories, fork/exec/wait, pipes, the
 * environment, floating-point printf, qsort, setjmp and time formatting.
 * The test builds it twice — with the host's compiler and C library, and
 * with ferrite-cc — runs both and requires the same output (run-portable).
 * It prints nothing that legitimately differs between systems: no pids,
 * addresses, current times or random numbers.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKDIR "portable_tmp"

static int die(const char *what)
{
	fflush(stdout);
	perror(what);
	exit(1);
}

static void section(const char *name)
{
	printf("== %s\n", name);
}

static void files(void)
{
	char line[128];
	struct stat st;
	FILE *f;
	int fd, n = 0;

	section("files");
	f = fopen("numbers.txt", "w");
	if (!f)
		die("fopen");
	for (int i = 1; i <= 5; i++)
		fprintf(f, "%d squared is %d\n", i, i * i);
	fclose(f);
	if (stat("numbers.txt", &st) != 0)
		die("stat");
	printf("numbers.txt: %ld bytes, regular %d\n", (long)st.st_size, S_ISREG(st.st_mode));
	f = fopen("numbers.txt", "r");
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "squared") && ++n % 2)
			printf("read: %s", line);
	fclose(f);
	fd = open("numbers.txt", O_RDWR);
	lseek(fd, -3, SEEK_END);
	n = (int)read(fd, line, sizeof(line));
	printf("last %d bytes: [%.*s]\n", n, n - 1, line);
	close(fd);
	if (rename("numbers.txt", "renamed.txt") != 0)
		die("rename");
	printf("old name gone: %d, new name there: %d\n", access("numbers.txt", F_OK) != 0,
	       access("renamed.txt", F_OK) == 0);
	unlink("renamed.txt");
	fd = open("missing", O_RDONLY);
	printf("open missing file: %d, %s\n", fd, strerror(errno));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void directories(void)
{
	static const char *const made[] = { "zeta", "alpha", "mu", "beta" };
	char *names[16], cwd[512];
	struct dirent *e;
	DIR *d;
	int n = 0;

	section("directories");
	mkdir("tree", 0755);
	for (int i = 0; i < 4; i++) {
		char path[64];

		snprintf(path, sizeof(path), "tree/%s", made[i]);
		if (i % 2)
			mkdir(path, 0755);
		else
			fclose(fopen(path, "w"));
	}
	d = opendir("tree");
	if (!d)
		die("opendir");
	while ((e = readdir(d)) != NULL && n < 16)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	for (int i = 0; i < n; i++) {
		char path[64];
		struct stat st;

		snprintf(path, sizeof(path), "tree/%s", names[i]);
		stat(path, &st);
		printf("%s %s\n", S_ISDIR(st.st_mode) ? "dir " : "file", names[i]);
		if (S_ISDIR(st.st_mode))
			rmdir(path);
		else
			unlink(path);
		free(names[i]);
	}
	chdir("tree");
	getcwd(cwd, sizeof(cwd));
	printf("in tree: %s\n", strrchr(cwd, '/') + 1);
	chdir("..");
	printf("rmdir tree: %d\n", rmdir("tree"));
}

static void processes(const char *self)
{
	char *args[] = { (char *)self, "child", "7", NULL };
	int status;
	pid_t pid;

	section("processes");
	fflush(stdout);
	setenv("PORTABLE_GREETING", "hello from the parent", 1);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		execvp(self, args);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	printf("child exited: %d, status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	pid = fork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("child signaled: %d, signal %d\n", WIFSIGNALED(status), WTERMSIG(status));
}

static void pipes(void)
{
	int fds[2], status, total = 0, value;
	FILE *in;
	pid_t pid;

	section("pipes");
	if (pipe(fds) != 0)
		die("pipe");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		FILE *out = fdopen(fds[1], "w");

		close(fds[0]);
		for (int i = 1; i <= 100; i++)
			fprintf(out, "%d\n", i);
		fclose(out);
		_exit(0);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (fscanf(in, "%d", &value) == 1)
		total += value;
	fclose(in);
	waitpid(pid, &status, 0);
	printf("sum through the pipe: %d\n", total);
}

static void floats(void)
{
	static const double v[] = { 0.1, 1.0 / 3, 2.5, 1e-10, 123456789.125, 6.02214076e23, -0.0 };

	section("floats");
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		printf("%f | %.3e | %g | %.17g | %a\n", v[i], v[i], v[i], v[i], v[i]);
	printf("%8.3f|%-10.2e|%+.0f|%#g|%.0f %.0f %.0f\n", 3.14159, 2.71828, 1.5, 1.0, 0.5, 1.5,
	       2.5);
	printf("sqrt(2) = %.15f, exp(1) = %.15f, pi = %.15f\n", sqrt(2), exp(1), 4 * atan(1));
	printf("sin(0.5) = %.12f, log(10) = %.12f, pow(2, 0.5) = %.12f\n", sin(0.5), log(10),
	       pow(2, 0.5));
	printf("strtod: %.17g %.17g %g\n", strtod("0.1", NULL), strtod("1e-300", NULL),
	       strtod("1e999", NULL));
}

struct city {
	const char *name;
	int population;
};

static int by_population(const void *a, const void *b)
{
	const struct city *x = a, *y = b;

	if (x->population != y->population)
		return x->population < y->population ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int descending(const void *a, const void *b)
{
	return *(const int *)b - *(const int *)a;
}

static void sorting(void)
{
	struct city c[] = { { "Lyon", 522 },  { "Paris", 2161 },    { "Nice", 342 },
		            { "Lille", 232 }, { "Marseille", 870 }, { "Rennes", 222 } };
	int nums[20];

	section("sorting");
	qsort(c, 6, sizeof(c[0]), by_population);
	for (int i = 0; i < 6; i++)
		printf("%-10s %5d\n", c[i].name, c[i].population);
	for (int i = 0; i < 20; i++)
		nums[i] = (i * 37 + 11) % 23;
	qsort(nums, 20, sizeof(int), descending);
	printf("sorted:");
	for (int i = 0; i < 20; i++)
		printf(" %d", nums[i]);
	printf("\n");
}

static jmp_buf recover;

static double safe_divide(double a, double b)
{
	if (b == 0)
		longjmp(recover, 1);
	return a / b;
}

static void jumping(void)
{
	volatile int attempts = 0;

	section("setjmp");
	if (setjmp(recover) != 0)
		printf("recovered after %d attempt(s)\n", attempts);
	while (attempts < 3) {
		attempts++;
		printf("10 / %d = %g\n", 3 - attempts, safe_divide(10, 3 - attempts));
	}
}

static void times(void)
{
	static const time_t stamps[] = { 0, 951782400, 1234567890, 1700000000, 4102444800 };
	char buf[128];
	struct tm tm, *g;

	section("time");
	setenv("TZ", "UTC0", 1);
	tzset();
	for (size_t i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++) {
		g = gmtime(&stamps[i]);
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %A %B, day %j, week %U", g);
		printf("%ld: %s\n", (long)stamps[i], buf);
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2024 - 1900;
	tm.tm_mon = 1;
	tm.tm_mday = 30;
	tm.tm_hour = 25;
	printf("mktime: %ld ", (long)mktime(&tm));
	strftime(buf, sizeof(buf), "%c", &tm);
	printf("normalized to %s\n", buf);
	printf("difftime: %.1f\n", difftime(stamps[3], stamps[2]));
}

static int child(int argc, char **argv)
{
	const char *greeting = getenv("PORTABLE_GREETING");

	printf("child: argc %d, argument %s, greeting '%s'\n", argc, argv[2],
	       greeting ? greeting : "(none)");
	return atoi(argv[2]);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(argc, argv);
	mkdir(WORKDIR, 0755);
	if (chdir(WORKDIR) != 0)
		die("chdir");
	files();
	directories();
	processes(argv[0]);
	pipes();
	floats();
	sorting();
	jumping();
	times();
	chdir("..");
	printf("cleanup: %d\n", rmdir(WORKDIR));
	return 0;
}
