/*
 * test / [ : evaluate a condition given as separate arguments.
 *
 * Up to four arguments follow POSIX's rules by count, which settle the
 * ambiguous cases (`test -f` is a non-empty string, `test ! = x` compares);
 * longer expressions are parsed by recursive descent:
 *   or := and ('-o' and)*    and := not ('-a' not)*
 *   not := '!' not | '(' or ')' | UNARY arg | arg BINARY arg | arg
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testexpr.h"

struct texpr {
	char **args;
	int n, pos;
	int error;
	const char *prog;
};

static void terror(struct texpr *t, const char *fmt, const char *arg)
{
	if (t->error)
		return;
	t->error = 1;
	fprintf(stderr, "%s: ", t->prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
}

static int is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] && strchr("bcdefhLnprsStwxz", op[1]);
}

static int is_binary(const char *op)
{
	static const char *const ops[] = { "=",   "!=",  "==",  "<",   ">",   "-eq", "-ne",
		                           "-lt", "-le", "-gt", "-ge", "-nt", "-ot", NULL };

	for (int i = 0; ops[i]; i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

static int file_test(char op, const char *path)
{
	struct stat st;

	if (op == 'h' || op == 'L')
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (op == 'r' || op == 'w' || op == 'x')
		return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
	if (stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'f':
		return S_ISREG(st.st_mode);
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 'S':
		return S_ISSOCK(st.st_mode);
	case 's':
		return st.st_size > 0;
	default: /* e */
		return 1;
	}
}

static long to_int(struct texpr *t, const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!s[0] || *end || errno)
		terror(t, "%s: integer expression expected", s);
	return v;
}

static int unary(struct texpr *t, const char *op, const char *arg)
{
	switch (op[1]) {
	case 'n':
		return arg[0] != '\0';
	case 'z':
		return arg[0] == '\0';
	case 't':
		return isatty((int)to_int(t, arg));
	default:
		return file_test(op[1], arg);
	}
}

static int mtime_cmp(const char *a, const char *b)
{
	struct stat sa, sb;
	int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;

	if (!ha || !hb)
		return ha - hb;
	return (sa.st_mtime > sb.st_mtime) - (sa.st_mtime < sb.st_mtime);
}

static int binary(struct texpr *t, const char *a, const char *op, const char *b)
{
	long x, y;

	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(a, b) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(a, b) > 0;
	if (strcmp(op, "-nt") == 0)
		return mtime_cmp(a, b) > 0;
	if (strcmp(op, "-ot") == 0)
		return mtime_cmp(a, b) < 0;
	x = to_int(t, a);
	y = to_int(t, b);
	if (strcmp(op, "-eq") == 0)
		return x == y;
	if (strcmp(op, "-ne") == 0)
		return x != y;
	if (strcmp(op, "-lt") == 0)
		return x < y;
	if (strcmp(op, "-le") == 0)
		return x <= y;
	if (strcmp(op, "-gt") == 0)
		return x > y;
	return x >= y;
}

static const char *next(struct texpr *t)
{
	if (t->pos >= t->n) {
		terror(t, "%sargument expected", "");
		return "";
	}
	return t->args[t->pos++];
}

static int parse_or(struct texpr *t);

static int parse_primary(struct texpr *t)
{
	const char *a = next(t);

	if (strcmp(a, "!") == 0)
		return !parse_primary(t);
	if (strcmp(a, "(") == 0 && t->pos < t->n) {
		int v = parse_or(t);

		if (t->pos >= t->n || strcmp(t->args[t->pos], ")") != 0)
			terror(t, "%smissing ')'", "");
		t->pos++;
		return v;
	}
	if (t->pos + 1 < t->n && is_binary(t->args[t->pos])) {
		const char *op = t->args[t->pos];

		t->pos += 2;
		return binary(t, a, op, t->args[t->pos - 1]);
	}
	if (is_unary(a) && t->pos < t->n)
		return unary(t, a, next(t));
	return a[0] != '\0';
}

static int parse_and(struct texpr *t)
{
	int v = parse_primary(t);

	while (t->pos < t->n && strcmp(t->args[t->pos], "-a") == 0) {
		t->pos++;
		v = parse_primary(t) && v;
	}
	return v;
}

static int parse_or(struct texpr *t)
{
	int v = parse_and(t);

	while (t->pos < t->n && strcmp(t->args[t->pos], "-o") == 0) {
		t->pos++;
		v = parse_and(t) || v;
	}
	return v;
}

/* POSIX's rules for one to four arguments; -1 if they do not apply. */
static int by_count(struct texpr *t, char **a, int n)
{
	if (n == 0)
		return 0;
	if (n == 1)
		return a[0][0] != '\0';
	if (n == 2 && strcmp(a[0], "!") == 0)
		return !by_count(t, a + 1, 1);
	if (n == 2 && is_unary(a[0]))
		return unary(t, a[0], a[1]);
	if (n == 3 && is_binary(a[1]))
		return binary(t, a[0], a[1], a[2]);
	if (n == 3 && strcmp(a[0], "!") == 0)
		return !by_count(t, a + 1, 2);
	if (n == 3 && strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
		return a[1][0] != '\0';
	if (n == 4 && strcmp(a[0], "!") == 0)
		return !by_count(t, a + 1, 3);
	if (n == 4 && strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
		return by_count(t, a + 1, 2);
	return -1;
}

int test_eval(int argc, char **argv)
{
	struct texpr t = { argv + 1, argc - 1, 0, 0, argv[0] };
	int v;

	if (strcmp(argv[0], "[") == 0) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			fprintf(stderr, "[: missing ']'\n");
			return 2;
		}
		t.n--;
	}
	v = t.n <= 4 ? by_count(&t, t.args, t.n) : -1;
	if (v < 0 && !t.error) {
		v = parse_or(&t);
		if (t.pos < t.n)
			terror(&t, "%s: unexpected argument", t.args[t.pos]);
	}
	if (t.error)
		return 2;
	return v ? 0 : 1;
}
