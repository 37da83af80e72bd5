/*
 * Builtins: the commands the shell runs itself, because they change the
 * shell (cd, exit, export, set, ...) or because forking a program for
 * them would make every loop slow (echo, test, [, true).
 *
 * Each takes argc/argv like a program and returns its status. Output goes
 * to fd 1 and 2 with write(), so redirections apply as they would to a
 * program.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "sh.h"
#include "testexpr.h"

static int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* echo [-n] [-e] [-E] args: the same as the echo program. */
static int bi_echo(int argc, char **argv)
{
	int i = 1, newline = 1, escapes = 0, stop = 0;
	struct strbuf sb;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;

		if (strspn(o, "neE") != strlen(o))
			break;
		for (; *o; o++) {
			if (*o == 'n')
				newline = 0;
			else
				escapes = *o == 'e';
		}
	}
	sb_init(&sb);
	for (int first = i; i < argc && !stop; i++) {
		if (i > first)
			sb_putc(&sb, ' ');
		if (escapes) {
			char *buf = xmalloc(strlen(argv[i]) + 1);
			size_t n = unescape(argv[i], buf, 1, &stop);

			sb_putn(&sb, buf, n);
			free(buf);
		} else {
			sb_puts(&sb, argv[i]);
		}
	}
	if (newline && !stop)
		sb_putc(&sb, '\n');
	if (sb.len && write(1, sb.s, sb.len) < 0) {
		sb_free(&sb);
		return 1;
	}
	sb_free(&sb);
	return 0;
}

static int bi_test(int argc, char **argv)
{
	return test_eval(argc, argv);
}

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

/* One line from fd 0, a byte at a time so that nothing past the newline
 * is taken from a pipe the next command will read. Without -r a backslash
 * escapes the next character and joins lines. Returns -1 at end of input. */
static int read_line(struct strbuf *sb, int raw)
{
	char c;
	ssize_t r;
	int escaped = 0;

	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (escaped) {
			escaped = 0;
			if (c != '\n')
				sb_putc(sb, c);
			continue;
		}
		if (c == '\n')
			return 0;
		if (c == '\\' && !raw)
			escaped = 1;
		else
			sb_putc(sb, c);
	}
}

static int is_ifs(const char *ifs, char c)
{
	return c && strchr(ifs, c) != NULL;
}

static int is_ifs_blank(const char *ifs, char c)
{
	return is_ifs(ifs, c) && (c == ' ' || c == '\t' || c == '\n');
}

/* Give each name one field of the line, the last one the rest. */
static void read_assign(const char *line, char **names, int count)
{
	const char *ifs = var_get("IFS");
	const char *p = line;

	if (!ifs)
		ifs = " \t\n";
	for (int i = 0; i < count; i++) {
		const char *start, *end;
		char *value;

		while (is_ifs_blank(ifs, *p))
			p++;
		start = p;
		if (i == count - 1) {
			end = p + strlen(p);
			while (end > start && is_ifs_blank(ifs, end[-1]))
				end--;
		} else {
			while (*p && !is_ifs(ifs, *p))
				p++;
			end = p;
			if (*p)
				p++;
		}
		value = xstrndup(start, (size_t)(end - start));
		var_set(names[i], value);
		free(value);
	}
}

static int bi_read(int argc, char **argv)
{
	static char *reply[] = { "REPLY", NULL };
	struct strbuf sb;
	int raw = 0, i = 1, rc;

	if (i < argc && strcmp(argv[i], "-r") == 0) {
		raw = 1;
		i++;
	}
	for (int k = i; k < argc; k++) {
		if (name_len(argv[k]) != strlen(argv[k])) {
			sh_error("read: %s: bad variable name", argv[k]);
			return 2;
		}
	}
	sb_init(&sb);
	rc = read_line(&sb, raw);
	if (i < argc)
		read_assign(sb.s ? sb.s : "", argv + i, argc - i);
	else
		read_assign(sb.s ? sb.s : "", reply, 1);
	sb_free(&sb);
	return rc < 0 ? 1 : 0;
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
	{ "true", bi_true },
	{ "false", bi_false },
	{ "echo", bi_echo },
	{ "test", bi_test },
	{ "[", bi_test },
	{ "cd", bi_cd },
	{ "pwd", bi_pwd },
	{ "exit", bi_exit },
	{ "export", bi_export },
	{ "unset", bi_unset },
	{ "wait", bi_wait },
	{ "read", bi_read },
	{ "shift", bi_shift },
	{ "set", bi_set },
	{ "break", bi_break },
	{ "continue", bi_continue },
	{ "return", bi_return },
	{ "eval", bi_eval },
	{ ".", bi_dot },
	{ "exec", bi_exec },
};

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].fn;
	return NULL;
}
