/*
 * Ferrite's shell: the types and functions its parts share.
 *
 * The shell reads text, cuts it into tokens (lex.c), parses the tokens into
 * a tree of nodes (parse.c), expands the words of each command when it runs
 * (expand.c, glob.c, arith.c) and runs the tree (exec.c, redir.c, builtin.c,
 * jobs.c). Variables live in var.c; input comes from input.c, and from the
 * line editor (lineedit.c) on a terminal.
 *
 * Memory: the nodes and words of one parsed command live in an arena that is
 * freed after the command has run, unless it defined a function, whose body
 * must outlive it. Everything else is malloc'd; running out of memory ends
 * the shell with a message (there is nothing sensible to carry on with).
 *
 * Output of the shell itself goes straight to file descriptors with write(),
 * never through stdio, so that nothing is left in a buffer when it forks.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

/* ---- util.c: memory, strings, output ---- */

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct strbuf {
	char *s;
	size_t len, cap;
};

void sb_init(struct strbuf *sb);
void sb_putc(struct strbuf *sb, char c);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putn(struct strbuf *sb, const char *s, size_t n);
char *sb_take(struct strbuf *sb);
void sb_free(struct strbuf *sb);

struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Write the whole string to fd; errors are ignored (nowhere to report). */
void out_str(int fd, const char *s);
void out_fmt(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "sh: " + message + newline on standard error. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int is_name_start(int c);
int is_name_char(int c);
/* Length of the NAME at s (0 if s does not start with one). */
size_t name_len(const char *s);

/* ---- lex.c ---- */

enum tok_kind {
	T_WORD,
	T_NEWLINE,
	T_SEMI,
	T_AMP,
	T_PIPE,
	T_AND_IF,
	T_OR_IF,
	T_LPAREN,
	T_RPAREN,
	T_DSEMI,
	T_LESS,
	T_GREAT,
	T_DGREAT,
	T_LESSAND,
	T_GREATAND,
	T_LESSGREAT,
	T_CLOBBER,
	T_DLESS,     /* << */
	T_DLESSDASH, /* <<- */
	T_EOF,
	T_ERROR,
};

struct token {
	enum tok_kind kind;
	char *text;    /* T_WORD: the raw word, quotes still in it */
	int io_number; /* redirection operators: the fd before them, or -1 */
	int line;
};

struct lexer {
	const char *src;
	size_t pos;
	int line;
	int incomplete; /* ran out of text inside a quote or $( ) */
	struct arena *arena;
};

void lex_init(struct lexer *lx, const char *src, int line, struct arena *arena);
void lex_next(struct lexer *lx, struct token *tok);
/* Read a here-document's body from where the lexer is (the start of the
 * line after the redirection): lines up to one that is exactly `delim`
 * (after leading tabs are dropped, with strip_tabs). Returns the body or
 * NULL if the text ends first. */
char *lex_heredoc(struct lexer *lx, const char *delim, int strip_tabs);
/* Where the word starting at s[i] ends; -1 if the text ends inside it. */
long word_end(const char *s, size_t i);
const char *tok_name(const struct token *tok);
/* s[i] opens a ( { or `: the index just past what closes it, or -1. */
long skip_paren(const char *s, size_t i);
long skip_brace(const char *s, size_t i);
long skip_backtick(const char *s, size_t i);

/* ---- parse.c: the tree ---- */

enum redir_kind {
	R_IN,      /* <  */
	R_OUT,     /* >  and >| */
	R_APPEND,  /* >> */
	R_DUPIN,   /* <& */
	R_DUPOUT,  /* >& */
	R_RDWR,    /* <> */
	R_HEREDOC, /* << and <<- */
};

struct redir {
	enum redir_kind kind;
	int fd;
	char *word;     /* the target; R_HEREDOC: the delimiter, then the body */
	int literal;    /* R_HEREDOC: the delimiter was quoted, no expansion */
	int strip_tabs; /* R_HEREDOC: <<- */
	struct redir *next;
};

enum node_kind {
	N_SIMPLE,
	N_PIPELINE,
	N_AND,
	N_OR,
	N_NOT,
	N_LIST,
	N_ASYNC,
	N_IF,
	N_WHILE,
	N_UNTIL,
	N_FOR,
	N_CASE,
	N_GROUP,
	N_SUBSHELL,
	N_FUNC,
};

struct case_item {
	char **patterns; /* NULL-terminated */
	struct node *body;
	struct case_item *next;
};

struct node {
	enum node_kind kind;
	int line;
	struct node *left, *right;         /* AND, OR, LIST; NOT/ASYNC use left */
	struct node *cond, *body, *orelse; /* IF, WHILE, UNTIL; FOR, GROUP... */
	char **words;                      /* SIMPLE argv, FOR list (NULL-terminated) */
	char **assigns;                    /* SIMPLE: NAME=value words */
	char *name;                        /* FOR variable, FUNC name, CASE word */
	struct node **cmds;                /* PIPELINE (NULL-terminated) */
	struct case_item *items;           /* CASE */
	struct redir *redirs;
	int for_all; /* FOR without `in`: iterate over "$@" */
};

enum parse_status {
	PARSE_OK,
	PARSE_EMPTY,      /* only blanks, comments and newlines */
	PARSE_INCOMPLETE, /* the text stops in the middle of a command */
	PARSE_ERROR,
};

struct parse_result {
	enum parse_status status;
	struct node *tree;
	int err_line;
	char err_msg[128];
};

/* Parse the whole of src (which starts on line `line`) into one tree. */
void parse_text(const char *src, int line, struct arena *arena, struct parse_result *res);

/* ---- var.c ---- */

void var_init(char **envp);
const char *var_get(const char *name);
/* Fails (returns -1, with a message) if the variable is read-only. */
int var_set(const char *name, const char *value);
void var_unset(const char *name);
void var_export(const char *name);
/* Print the variables as NAME='value' (as `export NAME='value'` and only
 * the exported ones with exported_only). */
void var_print(int fd, int exported_only);
/* A fresh NULL-terminated NAME=value array of the exported variables. */
char **var_environ(void);
int is_assignment(const char *word);

/* Positional parameters $0, $1... */
void params_set(const char *arg0, int argc, char **argv);
const char *param_get(int i);
int param_count(void);
char **params_save(int *argc);
void params_restore(char **argv, int argc);
void params_shift(int n);
const char *param_zero(void);

/* ---- expand.c, glob.c, arith.c ---- */

/* Expand words into fields (tilde, $..., $( ), $(( )), split, glob,
 * quotes removed). Returns a malloc'd NULL-terminated array; *count is set
 * to the number of fields. Returns NULL after an expansion error. */
char **expand_words(char **words, int *count);
/* A here-document's body: $-forms, `...` and backslashes before $ ` \ and
 * newline; quotes are plain characters. NULL after an error. */
char *expand_heredoc(const char *body);
/* Expand one word to one string, no splitting or globbing (redirection
 * targets, assignments, case words). NULL after an error. */
char *expand_word(const char *word);
/* Expand a pattern word: like expand_word, but glob characters that were
 * quoted come back escaped with a backslash. */
char *expand_pattern(const char *word);
void free_fields(char **fields);

/* Does `name` match `pattern` (*, ?, [...], backslash escapes)? */
int pattern_match(const char *pattern, const char *name);
int has_glob_chars(const char *pattern);
/* Pathname expansion: the matching paths, sorted, or NULL if none. */
char **glob_expand(const char *pattern, int *count);

/* Evaluate the text of $(( )); returns 0 and the value, or -1. */
int arith_eval(const char *expr, long *value);

/* ---- exec.c, redir.c, builtin.c, jobs.c ---- */

struct shell {
	pid_t pid; /* $$: the shell's, even in a subshell */
	int interactive;
	int last_status; /* $? */
	pid_t last_bg;   /* $! */
	int breaks;      /* pending `break` levels */
	int continues;   /* pending `continue` levels */
	int returning;   /* `return` ran in a function */
	int loop_depth;
	int func_depth;
	int in_child;               /* running in a forked copy: exit rather than return */
	int job_control;            /* interactive and not a copy: jobs get process groups */
	pid_t fg_pgid, fg_last;     /* job control: the foreground job's group, its last process */
	int opt_xtrace, opt_noglob; /* set -x, set -f */
	int opt_errexit;            /* set -e */
	int errexit_off;            /* > 0 while running a condition: set -e does not apply */
	const char *script_name;    /* for messages */
};

extern struct shell sh;

int exec_node(struct node *n);
/* Run a parsed tree in a forked child whose output goes to the returned
 * string (command substitution). */
char *exec_capture(const char *text);
/* Parse and run text all at once (eval, $( )). Returns the status. */
int exec_text(const char *text, int line);
/* Run a parsed tree and free its arena (unless a function needs it). */
int exec_tree(struct node *tree, struct arena *arena);
/* program.c: end the process (a forked child with _exit), fork (-1 and a
 * message on failure), reset signals in a child, run a program found
 * through PATH (never returns: status 127 or 126 when it can not). */
void sh_exit(int status) __attribute__((noreturn));
pid_t sh_fork(int async);
void child_signals(int async);
void exec_program(char **argv) __attribute__((noreturn));
char *path_lookup(const char *name);
int wait_status(int raw);

struct saved_fd {
	int fd, copy;
};
struct redir_save {
	struct saved_fd fds[16];
	int n;
};

/* Apply redirections. With save != NULL the old fds are kept so that
 * redir_restore can put them back. Returns 0 or -1 (message printed). */
int redir_apply(struct redir *r, struct redir_save *save);
void redir_restore(struct redir_save *save);

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name);
/* Should the program of the same name run instead (NAME --help)? */
int builtin_defers(int argc, char **argv);

/* func.c: a NULL body removes the function. */
void func_define(const char *name, struct node *body);
/* How many functions have been defined so far (exec_tree frees a parsed
 * command's arena only if it defined none). */
int func_generation(void);
struct node *func_find(const char *name);

void job_add(pid_t pid);
/* Job control: take the terminal for the shell's own group; put a child
 * just forked (pid, or 0 in the child, after child_signals) in its job's
 * group, a foreground job getting the terminal. */
void job_control_start(void);
void job_group(pid_t pid, int async);
/* Reap finished background jobs without blocking; report them when the
 * shell is interactive. */
void jobs_poll(void);
int jobs_wait_all(void);
int jobs_wait_pid(pid_t pid);
/* waitpid for a foreground child, noting background ones reaped meanwhile. */
int wait_child(pid_t pid);

/* ---- run.c: the read, parse, run loop ---- */

struct input;
/* Read and run commands one at a time until the input ends (or a syntax
 * error, when not interactive). Returns the last status. */
int run_input(struct input *in);
/* Run a script file (sh FILE, the . builtin, a program without #!). */
int exec_file(const char *path);

/* ---- input.c, lineedit.c, term_*.c ---- */

struct input *input_string(const char *text);
void input_free(struct input *in);
struct input *input_fd(int fd, int interactive);
/* The next line, with its newline if it had one; NULL at the end. */
char *input_line(struct input *in, const char *prompt);
int input_is_tty(struct input *in);

/* Read one line with editing on a terminal; NULL at end of input (Ctrl-D
 * on an empty line). The line has no newline. */
char *le_readline(int fd, const char *prompt);
void le_history_add(const char *line);

/* Terminal control (term_termios.c, or term_plain.c where there is none). */
int term_raw_enter(int fd);
void term_raw_leave(int fd);

#endif
