/*
 * Running the tree: one function per kind of node.
 *
 * A simple command is, in order: a function, a builtin (run in the shell,
 * its redirections undone afterwards) or a program (run in a forked child,
 * found through PATH by program.c). A pipeline forks one child per command and waits
 * for all of them; its status is the last one's. A subshell forks. Inside a
 * child that will exit anyway, a program replaces the child instead of
 * forking again (exec_in_child).
 *
 * `break`, `continue` and `return` set counters in `sh`; every list and
 * loop checks them after each command and unwinds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct shell sh;

static void __attribute__((noreturn)) exec_in_child(struct node *n);

static int unwinding(void)
{
	return sh.breaks || sh.continues || sh.returning;
}

/* ---- simple commands ---- */

static int assign_all(char **assigns, int export)
{
	for (int i = 0; assigns[i]; i++) {
		const char *eq = strchr(assigns[i], '=');
		char *name = xstrndup(assigns[i], (size_t)(eq - assigns[i]));
		char *value = expand_word(eq + 1);

		if (!value) {
			free(name);
			return -1;
		}
		var_set(name, value);
		if (export)
			var_export(name);
		free(name);
		free(value);
	}
	return 0;
}

static void trace(char **argv)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_puts(&sb, "+");
	for (int i = 0; argv[i]; i++) {
		sb_putc(&sb, ' ');
		sb_puts(&sb, argv[i]);
	}
	sb_putc(&sb, '\n');
	out_str(2, sb.s);
	sb_free(&sb);
}

static int call_function(struct node *body, int argc, char **argv)
{
	int saved_argc, status;
	char **saved = params_save(&saved_argc);

	params_set(NULL, argc - 1, argv + 1);
	sh.func_depth++;
	status = exec_node(body);
	if (sh.returning) {
		sh.returning = 0;
		status = sh.last_status;
	}
	sh.func_depth--;
	params_restore(saved, saved_argc);
	return status;
}

/* Builtins and functions run in the shell itself, with their
 * redirections and assignments undone afterwards. */
static int run_here(struct node *n, int argc, char **argv, builtin_fn fn, struct node *func)
{
	struct redir_save save = { .n = 0 };
	int status;

	if (redir_apply(n->redirs, &save) < 0) {
		redir_restore(&save);
		return 1;
	}
	if (assign_all(n->assigns, 0) < 0) {
		redir_restore(&save);
		return 1;
	}
	status = fn ? fn(argc, argv) : call_function(func, argc, argv);
	redir_restore(&save);
	return status;
}

/* `exec` with no program makes its redirections permanent. */
static int exec_builtin_exec(struct node *n, int argc, char **argv)
{
	if (redir_apply(n->redirs, NULL) < 0)
		return 1;
	if (argc < 2)
		return 0;
	if (assign_all(n->assigns, 1) < 0)
		return 1;
	child_signals(0);
	exec_program(argv + 1);
}

static void __attribute__((noreturn)) start_program(struct node *n, char **argv)
{
	if (redir_apply(n->redirs, NULL) < 0 || assign_all(n->assigns, 1) < 0)
		sh_exit(1);
	exec_program(argv);
}

static int exec_simple(struct node *n, int in_child)
{
	int argc = 0;
	char **argv = expand_words(n->words, &argc);
	builtin_fn fn;
	struct node *func;
	int status;
	pid_t pid;

	if (!argv)
		return 1;
	if (argc == 0) {
		struct redir_save save = { .n = 0 };

		free_fields(argv);
		sh.last_status = 0;
		status = assign_all(n->assigns, 0) < 0 ? 1 : sh.last_status;
		if (redir_apply(n->redirs, &save) < 0)
			status = 1;
		redir_restore(&save);
		return status;
	}
	if (sh.opt_xtrace)
		trace(argv);
	func = func_find(argv[0]);
	fn = func ? NULL : builtin_find(argv[0]);
	if (fn && builtin_defers(argc, argv))
		fn = NULL;
	if (!func && fn && strcmp(argv[0], "exec") == 0)
		status = exec_builtin_exec(n, argc, argv);
	else if (func || fn)
		status = run_here(n, argc, argv, fn, func);
	else if (in_child)
		start_program(n, argv);
	else if ((pid = sh_fork(0)) == 0)
		start_program(n, argv);
	else
		status = pid < 0 ? 1 : wait_child(pid);
	free_fields(argv);
	return status;
}

/* ---- pipelines, lists, background ---- */

static int exec_pipeline(struct node *n)
{
	int count = 0, in = -1, status = 0;
	pid_t *pids;

	while (n->cmds[count])
		count++;
	pids = xmalloc((size_t)count * sizeof(pid_t));
	for (int i = 0; i < count; i++) {
		int fds[2] = { -1, -1 };

		if (i < count - 1 && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			count = i;
			break;
		}
		pids[i] = sh_fork(0);
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (fds[1] >= 0) {
				close(fds[0]);
				dup2(fds[1], 1);
				close(fds[1]);
			}
			exec_in_child(n->cmds[i]);
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
	}
	if (in >= 0)
		close(in);
	for (int i = 0; i < count; i++)
		if (pids[i] > 0)
			status = wait_child(pids[i]);
	free(pids);
	return status;
}

static void stdin_from_null(void)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0)
		fd = open("null:", O_RDONLY);
	if (fd >= 0 && fd != 0) {
		dup2(fd, 0);
		close(fd);
	}
}

static int exec_async(struct node *n)
{
	int interactive = sh.interactive;
	pid_t pid = sh_fork(1);

	if (pid == 0) {
		if (!interactive)
			stdin_from_null();
		exec_in_child(n->left);
	}
	if (pid < 0)
		return 1;
	sh.last_bg = pid;
	job_add(pid);
	return 0;
}

static int exec_subshell(struct node *n)
{
	pid_t pid = sh_fork(0);

	if (pid == 0) {
		if (redir_apply(n->redirs, NULL) < 0)
			sh_exit(1);
		sh_exit(exec_node(n->body));
	}
	return pid < 0 ? 1 : wait_child(pid);
}

static void exec_in_child(struct node *n)
{
	if (n->kind == N_SIMPLE)
		sh_exit(exec_simple(n, 1));
	if (n->kind == N_SUBSHELL) {
		if (redir_apply(n->redirs, NULL) < 0)
			sh_exit(1);
		sh_exit(exec_node(n->body));
	}
	sh_exit(exec_node(n));
}

/* ---- compound commands ---- */

/* A condition's failure is an answer, not an error: set -e ignores it. */
static int exec_condition(struct node *n)
{
	int status;

	sh.errexit_off++;
	status = exec_node(n);
	sh.errexit_off--;
	return status;
}

static int exec_if(struct node *n)
{
	int c = exec_condition(n->cond);

	if (unwinding())
		return c;
	if (c == 0)
		return exec_node(n->body);
	return n->orelse ? exec_node(n->orelse) : 0;
}

/* After a loop's body: 1 if the loop must stop. */
static int loop_should_stop(void)
{
	if (sh.breaks) {
		sh.breaks--;
		return 1;
	}
	if (sh.continues) {
		sh.continues--;
		return sh.continues > 0;
	}
	return sh.returning;
}

static int exec_while(struct node *n)
{
	int status = 0;

	sh.loop_depth++;
	for (;;) {
		int c = exec_condition(n->cond);

		if (unwinding() && loop_should_stop())
			break;
		if ((c == 0) != (n->kind == N_WHILE))
			break;
		status = exec_node(n->body);
		if (unwinding() && loop_should_stop())
			break;
	}
	sh.loop_depth--;
	return status;
}

static int exec_for(struct node *n)
{
	static char *all[] = { "\"$@\"", NULL };
	int count, status = 0;
	char **list = expand_words(n->for_all ? all : n->words, &count);

	if (!list)
		return 1;
	sh.loop_depth++;
	for (int i = 0; i < count; i++) {
		var_set(n->name, list[i]);
		status = exec_node(n->body);
		if (unwinding() && loop_should_stop())
			break;
	}
	sh.loop_depth--;
	free_fields(list);
	return status;
}

static int exec_case(struct node *n)
{
	char *word = expand_word(n->name);

	if (!word)
		return 1;
	for (struct case_item *it = n->items; it; it = it->next) {
		for (int i = 0; it->patterns[i]; i++) {
			char *pat = expand_pattern(it->patterns[i]);
			int hit = pat && pattern_match(pat, word);

			free(pat);
			if (hit) {
				free(word);
				return it->body ? exec_node(it->body) : 0;
			}
		}
	}
	free(word);
	return 0;
}

static int with_redirs(struct node *n, int (*fn)(struct node *))
{
	struct redir_save save = { .n = 0 };
	int status;

	if (!n->redirs)
		return fn(n);
	if (redir_apply(n->redirs, &save) < 0) {
		redir_restore(&save);
		return 1;
	}
	status = fn(n);
	redir_restore(&save);
	return status;
}

static int exec_group(struct node *n)
{
	return exec_node(n->body);
}

static int exec_compound(struct node *n)
{
	switch (n->kind) {
	case N_IF:
		return exec_if(n);
	case N_WHILE:
	case N_UNTIL:
		return exec_while(n);
	case N_FOR:
		return exec_for(n);
	case N_CASE:
		return exec_case(n);
	default:
		return exec_group(n);
	}
}

static int exec_list(struct node *n)
{
	int status = exec_node(n->left);

	if (unwinding())
		return status;
	return exec_node(n->right);
}

static int exec_and_or(struct node *n)
{
	int status = exec_condition(n->left);

	if (unwinding())
		return status;
	if ((status == 0) == (n->kind == N_AND))
		return exec_node(n->right);
	return status;
}

static int exec_kind(struct node *n)
{
	switch (n->kind) {
	case N_SIMPLE:
		return exec_simple(n, 0);
	case N_PIPELINE:
		return exec_pipeline(n);
	case N_AND:
	case N_OR:
		return exec_and_or(n);
	case N_NOT:
		return !exec_condition(n->left);
	case N_LIST:
		return exec_list(n);
	case N_ASYNC:
		return exec_async(n);
	case N_SUBSHELL:
		return exec_subshell(n);
	case N_FUNC:
		func_define(n->name, n->body);
		return 0;
	default:
		return with_redirs(n, exec_compound);
	}
}

/* set -e: a failed command ends the shell, unless it was a condition
 * (if, while, until, left of && or ||, after !). Compound commands pass
 * on the status of a command that was already judged. */
static int fails_errexit(struct node *n, int status)
{
	if (!sh.opt_errexit || sh.errexit_off || status == 0)
		return 0;
	return n->kind == N_SIMPLE || n->kind == N_PIPELINE || n->kind == N_SUBSHELL;
}

int exec_node(struct node *n)
{
	int status = exec_kind(n);

	if (!sh.returning)
		sh.last_status = status;
	if (fails_errexit(n, status))
		sh_exit(status);
	return status;
}
