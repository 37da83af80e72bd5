/*
 * Builtins: the commands the shell runs itself, because they change the
 * shell (cd, exit, export, set, ...), because forking a program for them
 * would make every loop slow (echo, test, [, true).
 * This file has the table and the ones that change the shell's state;
 * builtin_io.c the ones that stand in for programs.
 *
 * Each takes argc/argv like a program and returns its status. Output goes
 * to fd 1 and 2 with write(), so redirections apply as they would to a
 * program.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "sh.h"

static int bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char cwd[4096];

	if (!dir) {
		sh_error("cd: HOME not set");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_error("cd: OLDPWD not set");
			return 1;
		}
		out_fmt(1, "%s\n", dir);
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (var_get("PWD"))
		var_set("OLDPWD", var_get("PWD"));
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd);
	return 0;
}

static int bi_pwd(int argc, char **argv)
{
	char cwd[4096];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	out_fmt(1, "%s\n", cwd);
	return 0;
}

static int parse_count(const char *what, const char *s, long *n)
{
	char *end;

	*n = strtol(s, &end, 10);
	if (!s[0] || *end || *n < 0) {
		sh_error("%s: %s: numeric argument required", what, s);
		return -1;
	}
	return 0;
}

static int bi_exit(int argc, char **argv)
{
	long n = sh.last_status;

	if (argc > 1 && parse_count("exit", argv[1], &n) < 0)
		n = 2;
	sh_exit((int)n);
}

static int bi_export(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "-p") == 0)
		i++;
	if (i == argc) {
		var_print(1, 1);
		return 0;
	}
	for (; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		char *name = xstrndup(argv[i], eq ? (size_t)(eq - argv[i]) : strlen(argv[i]));

		if (name_len(name) != strlen(name)) {
			sh_error("export: %s: bad variable name", name);
			free(name);
			return 1;
		}
		if (eq)
			var_set(name, eq + 1);
		var_export(name);
		free(name);
	}
	return 0;
}

static int bi_unset(int argc, char **argv)
{
	int funcs = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-f") == 0)
			funcs = 1;
		else if (strcmp(argv[i], "-v") == 0)
			funcs = 0;
		else if (funcs)
			func_define(argv[i], NULL);
		else
			var_unset(argv[i]);
	}
	return 0;
}

static int bi_wait(int argc, char **argv)
{
	int status = 0;

	if (argc == 1)
		return jobs_wait_all();
	for (int i = 1; i < argc; i++) {
		long pid;

		if (parse_count("wait", argv[i], &pid) < 0)
			return 2;
		status = jobs_wait_pid((pid_t)pid);
	}
	return status;
}

static int bi_shift(int argc, char **argv)
{
	long n = 1;

	if (argc > 1 && parse_count("shift", argv[1], &n) < 0)
		return 2;
	if (n > param_count()) {
		sh_error("shift: can't shift that many");
		return 1;
	}
	params_shift((int)n);
	return 0;
}

static int set_option(const char *arg)
{
	int on = arg[0] == '-';

	for (const char *o = arg + 1; *o; o++) {
		if (*o == 'x') {
			sh.opt_xtrace = on;
		} else if (*o == 'e') {
			sh.opt_errexit = on;
		} else if (*o == 'f') {
			sh.opt_noglob = on;
		} else {
			sh_error("set: %c%c: unknown option", arg[0], *o);
			return -1;
		}
	}
	return 0;
}

static int bi_set(int argc, char **argv)
{
	int i = 1;

	if (argc == 1) {
		var_print(1, 0);
		return 0;
	}
	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			params_set(NULL, argc - i, argv + i);
			return 0;
		}
		if (set_option(argv[i]) < 0)
			return 2;
	}
	if (i < argc)
		params_set(NULL, argc - i, argv + i);
	return 0;
}

static int loop_control(int argc, char **argv, int *counter)
{
	long n = 1;

	if (argc > 1 && (parse_count(argv[0], argv[1], &n) < 0 || n < 1))
		return 1;
	if (sh.loop_depth == 0)
		return 0;
	*counter = n > sh.loop_depth ? sh.loop_depth : (int)n;
	return 0;
}

static int bi_break(int argc, char **argv)
{
	return loop_control(argc, argv, &sh.breaks);
}

static int bi_continue(int argc, char **argv)
{
	return loop_control(argc, argv, &sh.continues);
}

static int bi_return(int argc, char **argv)
{
	long n = sh.last_status;

	if (argc > 1 && parse_count("return", argv[1], &n) < 0)
		n = 2;
	if (sh.func_depth == 0) {
		sh_error("return: not in a function");
		return 1;
	}
	sh.last_status = (int)(n & 0xff);
	sh.returning = 1;
	return sh.last_status;
}

static int bi_eval(int argc, char **argv)
{
	struct strbuf sb;
	int status;

	sb_init(&sb);
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_putc(&sb, ' ');
		sb_puts(&sb, argv[i]);
	}
	status = exec_text(sb.s ? sb.s : "", 1);
	sb_free(&sb);
	return status;
}

static int bi_dot(int argc, char **argv)
{
	if (argc < 2) {
		sh_error(".: filename argument required");
		return 2;
	}
	return exec_file(argv[1]);
}

/* command -v NAME...: how each name would run (a path, or the name of a
 * builtin or function); status 1 if one would not. */
static int command_v(int argc, char **argv)
{
	int status = 0;

	for (int i = 0; i < argc; i++) {
		char *path;

		if (func_find(argv[i]) || builtin_find(argv[i])) {
			out_fmt(1, "%s\n", argv[i]);
		} else if ((path = path_lookup(argv[i])) != NULL) {
			out_fmt(1, "%s\n", path);
			free(path);
		} else {
			status = 1;
		}
	}
	return status;
}

/* command NAME ARG...: run a builtin or program, never a function. */
static int bi_command(int argc, char **argv)
{
	builtin_fn fn;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "-v") == 0)
		return command_v(argc - 2, argv + 2);
	if (argc < 2)
		return 0;
	fn = builtin_find(argv[1]);
	if (fn)
		return fn(argc - 1, argv + 1);
	pid = sh_fork(0);
	if (pid == 0)
		exec_program(argv + 1);
	return pid < 0 ? 1 : wait_child(pid);
}

/* `exec` itself is handled in exec.c: it needs the redirections. */
static int bi_exec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const struct {
	const char *name;
	builtin_fn fn;
} builtins[] = {
	{ ":", bi_true },
	{ ".", bi_dot },
	{ "[", bi_test },
	{ "break", bi_break },
	{ "cd", bi_cd },
	{ "command", bi_command },
	{ "continue", bi_continue },
	{ "echo", bi_echo },
	{ "eval", bi_eval },
	{ "exec", bi_exec },
	{ "exit", bi_exit },
	{ "export", bi_export },
	{ "false", bi_false },
	{ "pwd", bi_pwd },
	{ "read", bi_read },
	{ "return", bi_return },
	{ "set", bi_set },
	{ "shift", bi_shift },
	{ "test", bi_test },
	{ "true", bi_true },
	{ "unset", bi_unset },
	{ "wait", bi_wait },
};

/* Builtins that are also programs leave `NAME --help` to the program,
 * which has the usage text. */
int builtin_defers(int argc, char **argv)
{
	static const char *const tools[] = { "echo", "test", "[", "true", "false", "pwd", NULL };

	if (argc < 2)
		return 0;
	for (int i = 0; tools[i]; i++)
		if (strcmp(tools[i], argv[0]) == 0)
			return argc == 2 && strcmp(argv[1], "--help") == 0;
	return 0;
}

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return NULL;
}
