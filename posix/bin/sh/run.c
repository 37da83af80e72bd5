/*
 * The shell's main loop: read a line, and once the text read so far parses
 * as whole commands, run them; when it stops in the middle of a command
 * (an open quote, `if` without `fi`, a trailing `|`), read another line.
 *
 * Commands run as soon as they are complete, so that `exit` on line 2 ends
 * the shell before line 3 is even read, and a syntax error on line 5 of a
 * script comes after lines 1-4 have run. A syntax error ends a
 * non-interactive shell with status 2; an interactive one carries on.
 *
 * Also here: running a script file, text parsed all at once (eval, $( )),
 * and command substitution's capture of a child's output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static int count_newlines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static const char *prompt(int continuation)
{
	const char *p = var_get(continuation ? "PS2" : "PS1");

	if (p)
		return p;
	return continuation ? "> " : "$ ";
}

static void syntax_error(struct parse_result *res)
{
	sh_error("line %d: %s", res->err_line, res->err_msg);
	sh.last_status = 2;
}

/* Parse what has been read; returns 1 when the text is used up (run or
 * rejected), 0 when more lines are needed, -1 to stop on an error. */
static int try_run(struct strbuf *text, int line, int at_end)
{
	struct arena *arena = arena_new();
	struct parse_result res;

	parse_text(text->s, line, arena, &res);
	if (res.status == PARSE_INCOMPLETE && !at_end) {
		arena_free(arena);
		return 0;
	}
	if (res.status == PARSE_OK) {
		exec_tree(res.tree, arena);
		return 1;
	}
	arena_free(arena);
	if (res.status == PARSE_EMPTY)
		return 1;
	syntax_error(&res);
	return sh.interactive ? 1 : -1;
}

int run_input(struct input *in)
{
	struct strbuf text;
	int line = 1, rc = 1;

	sb_init(&text);
	for (;;) {
		char *l;

		if (sh.interactive)
			jobs_poll();
		l = input_line(in, prompt(text.len > 0));
		if (!l) {
			if (text.len)
				rc = try_run(&text, line, 1);
			break;
		}
		sb_puts(&text, l);
		free(l);
		rc = try_run(&text, line, 0);
		if (rc == 0)
			continue;
		line += count_newlines(text.s);
		text.len = 0;
		text.s[0] = '\0';
		if (rc < 0)
			break;
	}
	sb_free(&text);
	return sh.last_status;
}

static char *read_file(const char *path)
{
	struct strbuf sb;
	char buf[4096];
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return NULL;
	sb_init(&sb);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			close(fd);
			sb_free(&sb);
			errno = e;
			return NULL;
		}
		sb_putn(&sb, buf, (size_t)r);
	}
	close(fd);
	return sb_take(&sb);
}

int exec_file(const char *path)
{
	const char *saved_name = sh.script_name;
	int saved_interactive = sh.interactive;
	char *text = read_file(path);
	struct input *in;
	int status;

	if (!text) {
		sh_error("%s: %s", path, strerror(errno));
		return 127;
	}
	in = input_string(text);
	free(text);
	sh.script_name = path;
	sh.interactive = 0;
	status = run_input(in);
	sh.script_name = saved_name;
	sh.interactive = saved_interactive;
	input_free(in);
	return status;
}

/* Run a parsed command, then free its arena, unless a function defined
 * while it ran points into it. */
int exec_tree(struct node *tree, struct arena *arena)
{
	int before = func_generation();
	int status = exec_node(tree);

	if (func_generation() == before)
		arena_free(arena);
	return status;
}

int exec_text(const char *text, int line)
{
	struct arena *arena = arena_new();
	struct parse_result res;

	parse_text(text, line, arena, &res);
	if (res.status == PARSE_OK)
		return exec_tree(res.tree, arena);
	arena_free(arena);
	if (res.status == PARSE_EMPTY)
		return 0;
	sh_error("line %d: %s", res.err_line, res.err_msg);
	return 2;
}

char *exec_capture(const char *text)
{
	struct strbuf sb;
	int fds[2];
	pid_t pid;
	char buf[512];
	ssize_t r;

	sb_init(&sb);
	if (pipe(fds) < 0) {
		sh_error("pipe: %s", strerror(errno));
		return sb_take(&sb);
	}
	pid = sh_fork(0);
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		sh_exit(exec_text(text, 1));
	}
	close(fds[1]);
	while ((r = read(fds[0], buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		for (ssize_t i = 0; i < r; i++)
			if (buf[i])
				sb_putc(&sb, buf[i]);
	}
	close(fds[0]);
	if (pid > 0)
		sh.last_status = wait_child(pid);
	return sb_take(&sb);
}
