/*
 * Arithmetic expansion, $(( )): integer expressions in C's syntax and
 * precedence (without assignment or increment), over signed longs.
 *
 * Operands are numbers (decimal, 0x hex, 0 octal) and variable names,
 * whose values are read as numbers (unset or empty is 0). By the time this
 * runs, $-forms in the text have already been expanded.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct arith {
	const char *s;
	int error;
};

static long expr_ternary(struct arith *a);

static void blanks(struct arith *a)
{
	while (isspace((unsigned char)*a->s))
		a->s++;
}

static void bad(struct arith *a, const char *why)
{
	if (!a->error)
		sh_error("arithmetic: %s", why);
	a->error = 1;
}

static int take(struct arith *a, const char *op)
{
	size_t n = strlen(op);

	blanks(a);
	if (strncmp(a->s, op, n) != 0)
		return 0;
	/* "<" must not take the first half of "<<" or "<=", and so on. */
	if (n == 1 && a->s[1] == a->s[0] && strchr("<>&|", op[0]))
		return 0;
	if (n == 1 && strchr("<>!=", op[0]) && a->s[1] == '=')
		return 0;
	a->s += n;
	return 1;
}

static long number(struct arith *a, const char *text)
{
	char *end;
	long v;

	if (*text == '\0')
		return 0;
	v = strtol(text, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		bad(a, "not a number");
	return v;
}

static long primary(struct arith *a)
{
	size_t n;

	blanks(a);
	if (take(a, "(")) {
		long v = expr_ternary(a);

		if (!take(a, ")"))
			bad(a, "missing ')'");
		return v;
	}
	if (isdigit((unsigned char)*a->s)) {
		char *end;
		long v = strtol(a->s, &end, 0);

		a->s = end;
		return v;
	}
	n = name_len(a->s);
	if (n > 0) {
		char *name = xstrndup(a->s, n);
		const char *val = var_get(name);
		long v;

		free(name);
		a->s += n;
		v = number(a, val ? val : "");
		return v;
	}
	bad(a, *a->s ? "syntax error" : "missing operand");
	return 0;
}

static long unary(struct arith *a)
{
	if (take(a, "-"))
		return -unary(a);
	if (take(a, "+"))
		return unary(a);
	if (take(a, "!"))
		return !unary(a);
	if (take(a, "~"))
		return ~unary(a);
	return primary(a);
}

static long mul(struct arith *a)
{
	long v = unary(a);

	for (;;) {
		int op = take(a, "*") ? '*' : take(a, "/") ? '/' : take(a, "%") ? '%' : 0;
		long r;

		if (!op)
			return v;
		r = unary(a);
		if (op == '*') {
			v *= r;
		} else if (r == 0) {
			bad(a, "division by zero");
			return 0;
		} else {
			v = op == '/' ? v / r : v % r;
		}
	}
}

static long add(struct arith *a)
{
	long v = mul(a);

	for (;;) {
		if (take(a, "+"))
			v += mul(a);
		else if (take(a, "-"))
			v -= mul(a);
		else
			return v;
	}
}

static long shift(struct arith *a)
{
	long v = add(a);

	for (;;) {
		if (take(a, "<<"))
			v = (long)((unsigned long)v << (add(a) & 63));
		else if (take(a, ">>"))
			v >>= add(a) & 63;
		else
			return v;
	}
}

static long compare(struct arith *a)
{
	long v = shift(a);

	for (;;) {
		if (take(a, "<="))
			v = v <= shift(a);
		else if (take(a, ">="))
			v = v >= shift(a);
		else if (take(a, "<"))
			v = v < shift(a);
		else if (take(a, ">"))
			v = v > shift(a);
		else
			return v;
	}
}

static long equality(struct arith *a)
{
	long v = compare(a);

	for (;;) {
		if (take(a, "=="))
			v = v == compare(a);
		else if (take(a, "!="))
			v = v != compare(a);
		else
			return v;
	}
}

static long bit_and(struct arith *a)
{
	long v = equality(a);

	while (take(a, "&"))
		v &= equality(a);
	return v;
}

static long bit_xor(struct arith *a)
{
	long v = bit_and(a);

	while (take(a, "^"))
		v ^= bit_and(a);
	return v;
}

static long bit_or(struct arith *a)
{
	long v = bit_xor(a);

	while (take(a, "|"))
		v |= bit_xor(a);
	return v;
}

static long logic_and(struct arith *a)
{
	long v = bit_or(a);

	while (take(a, "&&")) {
		long r = bit_or(a);

		v = v && r;
	}
	return v;
}

static long logic_or(struct arith *a)
{
	long v = logic_and(a);

	while (take(a, "||")) {
		long r = logic_and(a);

		v = v || r;
	}
	return v;
}

static long expr_ternary(struct arith *a)
{
	long c = logic_or(a);

	if (take(a, "?")) {
		long x = expr_ternary(a);
		long y;

		if (!take(a, ":"))
			bad(a, "missing ':'");
		y = expr_ternary(a);
		return c ? x : y;
	}
	return c;
}

int arith_eval(const char *expr, long *value)
{
	struct arith a = { expr, 0 };

	*value = expr_ternary(&a);
	blanks(&a);
	if (*a.s && !a.error)
		bad(&a, "syntax error");
	return a.error ? -1 : 0;
}
