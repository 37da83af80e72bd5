/*
 * usertests that need the daemons: devices (null:, zero:, rand:), files
 * and stdio streams on the RAM filesystem, directories and the current
 * directory, pipes, descriptors across fork and exec, exec and posix_spawn
 * of this program (the --child modes below), terminals.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "usertests.h"

#define DIR_BASE "/usertests"

static void fresh_dir(const char *name, char *path, size_t cap)
{
	snprintf(path, cap, DIR_BASE "-%s", name);
	mkdir(path, 0755);
	CHECK(chdir(path) == 0);
}

static void test_devices(void)
{
	char buf[256];
	int fd = open("zero:", O_RDONLY), same = 1;

	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK(buf[i] == 0);
	close(fd);
	fd = open("null:", O_WRONLY);
	CHECK(fd >= 0 && write(fd, "gone", 4) == 4 && read(fd, buf, 4) <= 0);
	close(fd);
	fd = open("rand:", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 64) == 64);
	for (int i = 1; i < 64; i++)
		same &= buf[i] == buf[0];
	CHECK(!same);
	close(fd);
	/* the Unix names of the same devices */
	fd = open("/dev/null", O_WRONLY);
	CHECK(fd >= 0 && write(fd, "gone", 4) == 4);
	close(fd);
	fd = open("/dev/../dev/zero", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, 16) == 16 && buf[0] == 0 && buf[15] == 0);
	close(fd);
	CHECK(open("/dev/nonesuch", O_RDONLY) == -1 && errno == ENOENT);
}

static void test_files(void)
{
	char path[64], buf[8192];
	struct stat st;
	int fd;

	fresh_dir("files", path, sizeof(path));
	fd = open("a.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, "hello, world\n", 13) == 13);
	CHECK(lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 5) == 5 && memcmp(buf, "world", 5) == 0);
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 13);
	CHECK(lseek(fd, 0, SEEK_END) == 13 && read(fd, buf, 10) == 0);
	CHECK(ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
	close(fd);
	CHECK(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) == -1 && errno == EEXIST);
	fd = open("a.txt", O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "++", 2) == 2);
	close(fd);
	CHECK(stat("a.txt", &st) == 0 && st.st_size == 7);
	CHECK(rename("a.txt", "b.txt") == 0 && stat("a.txt", &st) == -1 && errno == ENOENT);
	fd = open("b.txt", O_RDONLY);
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 7 && memcmp(buf, "hello++", 7) == 0);
	close(fd);
	memset(buf, 'z', sizeof(buf));
	fd = creat("big", 0644);
	for (int i = 0; i < 128; i++)
		CHECK(write(fd, buf, sizeof(buf)) == sizeof(buf));
	close(fd);
	CHECK(stat("big", &st) == 0 && st.st_size == 128 * 8192);
	CHECK(unlink("big") == 0 && unlink("b.txt") == 0 && unlink("b.txt") == -1 &&
	      errno == ENOENT);
	CHECK(access(path, F_OK) == 0 && access("nothing", F_OK) == -1);
}

static void test_stdio_files(void)
{
	char path[64], line[64], *lp = NULL;
	size_t cap = 0;
	FILE *f;
	int n = 0;

	fresh_dir("stdio", path, sizeof(path));
	f = fopen("data", "w");
	CHECK(f != NULL);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %d %.2f\n", i, i / 4.0);
	CHECK(fclose(f) == 0);
	f = fopen("data", "r");
	CHECK(f != NULL && fgets(line, sizeof(line), f) && strcmp(line, "line 0 0.00\n") == 0);
	while (getline(&lp, &cap, f) > 0)
		n++;
	CHECK(n == 999 && feof(f) && !ferror(f));
	free(lp);
	CHECK(fseek(f, 5, SEEK_SET) == 0 && fgetc(f) == '0' && ftell(f) == 6);
	CHECK(ungetc('X', f) == 'X' && fgetc(f) == 'X' && fgetc(f) == ' ');
	fclose(f);
	f = fopen("data", "a+");
	CHECK(f != NULL && fputs("appended\n", f) >= 0 && fflush(f) == 0);
	fclose(f);
	f = fopen("data", "r");
	fseek(f, -9, SEEK_END);
	CHECK(fgets(line, sizeof(line), f) && strcmp(line, "appended\n") == 0);
	fclose(f);
	f = tmpfile();
	CHECK(f != NULL);
	fwrite("temp", 1, 4, f);
	rewind(f);
	CHECK(fread(line, 1, 4, f) == 4 && memcmp(line, "temp", 4) == 0);
	fclose(f);
	CHECK(remove("data") == 0 && fopen("data", "r") == NULL && errno == ENOENT);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_dirs(void)
{
	char path[64], cwd[128], *names[8];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int n = 0;

	fresh_dir("dirs", path, sizeof(path));
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, path) == 0);
	CHECK(mkdir("sub", 0755) == 0 && mkdir("sub", 0755) == -1 && errno == EEXIST);
	CHECK(mkdir("sub/deeper", 0755) == 0 && close(creat("sub/file", 0644)) == 0);
	CHECK(stat("sub", &st) == 0 && S_ISDIR(st.st_mode));
	CHECK(chdir("sub/deeper/..") == 0 && getcwd(cwd, sizeof(cwd)));
	CHECK(strcmp(cwd, DIR_BASE "-dirs/sub") == 0 && strcmp(getenv("PWD"), cwd) == 0);
	d = opendir(".");
	CHECK(d != NULL);
	while ((e = readdir(d)) && n < 8)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), by_name);
	CHECK(n == 2 && strcmp(names[0], "deeper") == 0 && strcmp(names[1], "file") == 0);
	CHECK(chdir("..") == 0 && rmdir("sub") == -1 && errno == ENOTEMPTY);
	CHECK(unlink("sub/file") == 0 && rmdir("sub/deeper") == 0 && rmdir("sub") == 0);
	CHECK(chdir("nowhere") == -1 && errno == ENOENT && opendir("nowhere") == NULL);
	CHECK(chdir("initfs:/") == 0 && stat(self_path, &st) == 0 && S_ISREG(st.st_mode));
}

static void test_pipes(void)
{
	char buf[100000];
	int fds[2], st;
	pid_t pid;
	size_t got = 0;
	ssize_t n;

	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], "ping", 4) == 4 && read(fds[0], buf, 10) == 4);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		memset(buf, 'p', sizeof(buf));
		_exit(write(fds[1], buf, sizeof(buf)) == sizeof(buf) ? 0 : 1);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf + got, sizeof(buf) - got)) > 0)
		got += (size_t)n;
	CHECK(got == sizeof(buf) && buf[sizeof(buf) - 1] == 'p');
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(fds[0]);
	CHECK(pipe(fds) == 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	CHECK(write(fds[1], "x", 1) == -1 && errno == EPIPE);
	close(fds[1]);
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

/* Read the pipe with a SIGUSR1 handler (flags: its sa_flags): 7 if the read
 * failed with EINTR, or, with SA_RESTART, went on and got "hi". */
static void read_with_handler(int fd, int flags)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = flags };
	char buf[8];
	ssize_t n;

	sigaction(SIGUSR1, &sa, NULL);
	n = read(fd, buf, sizeof(buf));
	if (!got_usr1)
		_exit(1);
	if (flags & SA_RESTART)
		_exit(n == 2 && memcmp(buf, "hi", 2) == 0 ? 7 : 2);
	_exit(n == -1 && errno == EINTR ? 7 : 3);
}

/* A signal to a process blocked reading an empty pipe interrupts the read
 * (EINTR), or, with SA_RESTART, the read goes on. */
static void test_read_interrupted(void)
{
	static const int flags[] = { 0, SA_RESTART };
	int fds[2], st;

	for (int i = 0; i < 2; i++) {
		pid_t pid;

		CHECK(pipe(fds) == 0);
		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			read_with_handler(fds[0], flags[i]);
		}
		close(fds[0]);
		wait_blocked(pid);
		CHECK(kill(pid, SIGUSR1) == 0);
		if (flags[i] & SA_RESTART) {
			wait_blocked(pid);
			CHECK(write(fds[1], "hi", 2) == 2);
		}
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
		close(fds[1]);
	}
}

static void test_descriptors(void)
{
	int fd = open("null:", O_RDWR), fd2, fl;

	CHECK(fd >= 0);
	fd2 = dup(fd);
	CHECK(fd2 > fd && dup2(fd, 20) == 20 && fcntl(20, F_GETFD) == 0);
	CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
	CHECK(fcntl(fd, F_DUPFD, 30) == 30);
	fl = fcntl(fd2, F_GETFL);
	CHECK(fl >= 0 && (fl & O_ACCMODE) == O_RDWR);
	CHECK(close(fd) == 0 && close(fd2) == 0 && close(20) == 0 && close(30) == 0);
	CHECK(isatty(1) == 0 || isatty(1) == 1);
	fd = open("null:", O_RDWR);
	CHECK(isatty(fd) == 0);
	close(fd);
}

/* Run `usertests --child MODE ARGS...` and return its status. */
static int run_child(char *const argv[], bool spawn)
{
	pid_t pid;
	int st = -1;

	if (spawn) {
		CHECK(posix_spawnp(&pid, self_path, NULL, NULL, argv, environ) == 0);
	} else {
		pid = fork();
		if (pid == 0) {
			execvp(self_path, argv);
			_exit(127);
		}
	}
	CHECK(waitpid(pid, &st, 0) == pid);
	return st;
}

static void test_exec(void)
{
	char *env_args[] = { (char *)self_path, "--child", "env", "two words", NULL };
	char *fd_args[] = { (char *)self_path, "--child", "fds", NULL };
	char path[64];
	int fds[2], st;
	char buf[32] = "";

	fresh_dir("exec", path, sizeof(path));
	setenv("USERTESTS_ENV", "inherited", 1);
	st = run_child(env_args, false);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	st = run_child(env_args, true);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(pipe(fds) == 0 && dup2(fds[1], 9) == 9 && fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0);
	st = run_child(fd_args, false);
	close(9);
	close(fds[1]);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && read(fds[0], buf, sizeof(buf)) == 8);
	CHECK(memcmp(buf, "via fd 9", 8) == 0);
	close(fds[0]);
	CHECK(execl("/no/such/program", "x", (char *)NULL) == -1 && errno == ENOENT);
}

int child_mode(int argc, char **argv)
{
	char cwd[128];

	if (argc >= 3 && strcmp(argv[2], "env") == 0) {
		const char *v = getenv("USERTESTS_ENV");

		if (argc != 4 || strcmp(argv[3], "two words") != 0)
			return 2;
		if (!v || strcmp(v, "inherited") != 0)
			return 3;
		if (!getcwd(cwd, sizeof(cwd)) || strcmp(cwd, DIR_BASE "-exec") != 0)
			return 4;
		return 0;
	}
	if (argc >= 3 && strcmp(argv[2], "fds") == 0) {
		/* 9 was inherited; the pipe's original write end was close-on-exec */
		if (write(9, "via fd 9", 8) != 8)
			return 5;
		return 0;
	}
	if (argc >= 3 && strcmp(argv[2], "only-env") == 0)
		return misc_child_mode(argc, argv);
	return 99;
}

static void test_terminal(void)
{
	struct termios t;
	int fd = open("null:", O_RDWR);

	CHECK(fd >= 0 && tcgetattr(fd, &t) == -1);
	close(fd);
	if (isatty(0))
		CHECK(tcgetattr(0, &t) == 0 && tcsetattr(0, TCSANOW, &t) == 0);
}

const struct usertest file_tests[] = {
	{ "devices", test_devices, true },
	{ "files", test_files, true },
	{ "stdio-files", test_stdio_files, true },
	{ "dirs", test_dirs, true },
	{ "pipes", test_pipes, true },
	{ "read-interrupted", test_read_interrupted, true },
	{ "descriptors", test_descriptors, true },
	{ "exec", test_exec, true },
	{ "terminal", test_terminal, true },
	{ NULL, NULL, false },
};
