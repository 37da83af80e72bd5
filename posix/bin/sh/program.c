/*
 * Starting programs: forking the shell, putting signals back for the
 * child, and finding a program through PATH.
 *
 * PATH entries are directories ("/bin") or scheme prefixes ("initfs:"): an
 * entry that starts with a scheme name keeps its ':' and runs to the next
 * ':', so the default "/bin:initfs:" is "/bin" then "initfs:", and `ls` is
 * looked for as /bin/ls, then initfs:ls. Every candidate is simply tried
 * with execve: whatever fails with "no such file" moves on to the next.
 * A file that exists but is no program (ENOEXEC) is run as a script.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

void sh_exit(int status)
{
	if (sh.in_child)
		_exit(status & 0xff);
	exit(status & 0xff);
}

/* In a child: signals back to what programs expect. Background children
 * of a shell without job control ignore ^C, as POSIX asks. */
void child_signals(int async)
{
	signal(SIGINT, async && !sh.interactive ? SIG_IGN : SIG_DFL);
	signal(SIGQUIT, async && !sh.interactive ? SIG_IGN : SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
}

pid_t sh_fork(int async)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		sh.in_child = 1;
		child_signals(async);
		if (sh.job_control) {
			job_group(0, async);
			signal(SIGTTOU, SIG_DFL);
			signal(SIGTTIN, SIG_DFL);
		}
		sh.job_control = 0;
		sh.interactive = 0;
	} else if (sh.job_control) {
		job_group(pid, async);
	}
	return pid;
}

/* The length of a scheme prefix ("initfs:") at p, or 0. */
static size_t scheme_len(const char *p)
{
	size_t n = 0;

	if (!((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
		return 0;
	while (p[n] && (is_name_char(p[n]) || p[n] == '-' || p[n] == '.'))
		n++;
	return p[n] == ':' ? n + 1 : 0;
}

/* Copy the next PATH entry into `entry`; returns where the one after it
 * starts, or NULL when there are no more. */
static const char *path_next(const char *p, struct strbuf *entry)
{
	size_t n = scheme_len(p);
	const char *end = strchr(p + n, ':');
	size_t len = end ? (size_t)(end - p) : strlen(p);

	entry->len = 0;
	sb_putn(entry, p, len);
	return end ? end + 1 : NULL;
}

static void candidate(struct strbuf *out, const char *dir, const char *name)
{
	out->len = 0;
	sb_puts(out, "");
	sb_puts(out, dir);
	if (dir[0] && dir[strlen(dir) - 1] != ':' && dir[strlen(dir) - 1] != '/')
		sb_putc(out, '/');
	sb_puts(out, name);
}

static void __attribute__((noreturn)) run_script(const char *path, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	params_set(path, argc - 1, argv + 1);
	sh.script_name = NULL;
	sh_exit(exec_file(path));
}

/* Try to execute one file; returns the errno if it could not be. */
static int try_exec(const char *path, char **argv, char **envp)
{
	execve(path, argv, envp);
	if (errno == ENOEXEC)
		run_script(path, argv);
	return errno;
}

/* Where exec_program would find `name` (for command -v): the first PATH
 * candidate that is an executable regular file; malloc'd, or NULL. */
char *path_lookup(const char *name)
{
	const char *path = var_get("PATH");
	struct strbuf dir, file;
	struct stat st;

	if (strchr(name, '/') || strchr(name, ':'))
		return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
	sb_init(&dir);
	sb_init(&file);
	for (const char *p = path; p;) {
		p = path_next(p, &dir);
		candidate(&file, dir.s ? dir.s : "", name);
		if (stat(file.s, &st) == 0 && S_ISREG(st.st_mode) && access(file.s, X_OK) == 0) {
			sb_free(&dir);
			return sb_take(&file);
		}
	}
	sb_free(&dir);
	sb_free(&file);
	return NULL;
}

void exec_program(char **argv)
{
	char **envp = var_environ();
	const char *path = var_get("PATH");
	int err = ENOENT;

	if (strchr(argv[0], '/') || strchr(argv[0], ':')) {
		err = try_exec(argv[0], argv, envp);
	} else if (path) {
		struct strbuf dir, file;

		sb_init(&dir);
		sb_init(&file);
		for (const char *p = path; p;) {
			int e;

			p = path_next(p, &dir);
			candidate(&file, dir.s ? dir.s : "", argv[0]);
			e = try_exec(file.s, argv, envp);
			if (e == EACCES || (e != ENOENT && e != ENOTDIR))
				err = e;
		}
	}
	if (err == ENOENT || err == ENOTDIR) {
		sh_error("%s: not found", argv[0]);
		sh_exit(127);
	}
	sh_error("%s: %s", argv[0], strerror(err));
	sh_exit(126);
}
