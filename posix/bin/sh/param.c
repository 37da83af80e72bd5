/*
 * Parameter expansion: $name, $1, the special parameters ($? $$ $! $# $@
 * $* $0 $-) and the ${...} forms: ${X} ${#X} ${X:-w} ${X-w} ${X:=w}
 * ${X:+w} ${X:?w} and ${X%p} ${X%%p} ${X#p} ${X##p}. Values are written
 * into the expansion with expand.c's flags: quoted inside "...", to be
 * split and globbed outside.
 */
#include <stdlib.h>
#include <string.h>

#include "expand.h"
#include "sh.h"

static char *join_params(const char *sep)
{
	struct strbuf sb;

	sb_init(&sb);
	for (int i = 1; i <= param_count(); i++) {
		if (i > 1)
			sb_puts(&sb, sep);
		sb_puts(&sb, param_get(i));
	}
	return sb_take(&sb);
}

char *num_str(long v)
{
	struct strbuf sb;
	char buf[32];
	int i = 0;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	do {
		buf[i++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	sb_init(&sb);
	if (v < 0)
		sb_putc(&sb, '-');
	while (i > 0)
		sb_putc(&sb, buf[--i]);
	return sb_take(&sb);
}

/* The value of a named or special parameter, malloc'd; NULL if unset. */
static char *param_value(const char *name)
{
	const char *v;

	if (name[0] >= '0' && name[0] <= '9') {
		v = param_get(atoi(name));
		return v ? xstrdup(v) : NULL;
	}
	if (name[1] == '\0') {
		switch (name[0]) {
		case '?':
			return num_str(sh.last_status);
		case '$':
			return num_str((long)sh.pid);
		case '!':
			return sh.last_bg ? num_str((long)sh.last_bg) : NULL;
		case '#':
			return num_str(param_count());
		case '*':
		case '@':
			return join_params(" ");
		case '-':
			return xstrdup(sh.interactive ? "i" : "");
		}
	}
	v = var_get(name);
	return v ? xstrdup(v) : NULL;
}

/* Length of the parameter name at s: NAME, digits, or one special. */
static size_t param_name_len(const char *s, int braced)
{
	size_t n = name_len(s);

	if (n)
		return n;
	if (s[0] >= '0' && s[0] <= '9') {
		if (!braced)
			return 1;
		while (s[n] >= '0' && s[n] <= '9')
			n++;
		return n;
	}
	if (s[0] && strchr("?$!#*@-", s[0]))
		return 1;
	return 0;
}

/* "$@" and unquoted $@ / $*: one field per parameter. */
static void put_all_params(struct xctx *x, int dq)
{
	if (param_count() == 0)
		x->empty_at = 1;
	for (int i = 1; i <= param_count(); i++) {
		if (i > 1)
			xput(x, '\0', F_BREAK);
		if (dq)
			xput(x, '\0', F_QEMPTY);
		xputs(x, param_get(i), dq ? F_QUOTED : F_SPLIT);
	}
}

static void put_value(struct xctx *x, const char *name, const char *value, int dq)
{
	if (strcmp(name, "@") == 0 || (strcmp(name, "*") == 0 && !dq)) {
		put_all_params(x, dq);
		return;
	}
	if (strcmp(name, "*") == 0 && dq) {
		const char *ifs = var_get("IFS");
		char sep[2] = { ifs ? ifs[0] : ' ', '\0' };
		char *all = join_params(sep);

		xputs(x, all, F_QUOTED);
		free(all);
		return;
	}
	if (value)
		xputs(x, value, dq ? F_QUOTED : F_SPLIT);
}

/* The word after an operator in ${...}, expanded to a plain string. */
char *expand_sub(struct xctx *x, const char *s, size_t len)
{
	struct xctx sub = { 0 };
	char *out;

	expand_into(&sub, s, len, 0);
	if (sub.error)
		x->error = 1;
	out = sub.chars.s ? xstrndup(sub.chars.s, sub.chars.len) : xstrdup("");
	sb_free(&sub.chars);
	sb_free(&sub.flags);
	return out;
}

/* ${X%pat} ${X%%pat} ${X#pat} ${X##pat}: remove a matching suffix or
 * prefix, the shortest or the longest. */
static char *trim(const char *value, const char *pat, int suffix, int longest)
{
	size_t len = strlen(value);
	char *tmp = xstrdup(value);

	for (size_t k = 0; k <= len; k++) {
		size_t n = longest ? len - k : k;
		int ok;

		if (suffix) {
			ok = pattern_match(pat, value + len - n);
		} else {
			memcpy(tmp, value, n);
			tmp[n] = '\0';
			ok = pattern_match(pat, tmp);
		}
		if (ok) {
			char *r = suffix ? xstrndup(value, len - n) : xstrdup(value + n);

			free(tmp);
			return r;
		}
	}
	free(tmp);
	return xstrdup(value);
}

/* Apply the operator of ${name OP word}; returns the new value (malloc'd
 * or NULL), taking ownership of `value`. */
static char *apply_op(struct xctx *x, const char *name, char *value, const char *op,
                      const char *word, size_t wlen)
{
	int colon = op[0] == ':';
	char c = op[colon];
	int unset = !value || (colon && !value[0]);
	char *w;

	if (c == '%' || c == '#') {
		int longest = op[1] == c;
		char *pat = expand_sub(x, word, wlen);
		char *r = value ? trim(value, pat, c == '%', longest) : NULL;

		free(pat);
		free(value);
		return r;
	}
	if ((c == '+') == unset)
		return c == '+' ? (free(value), NULL) : value;
	free(value);
	w = expand_sub(x, word, wlen);
	if (c == '=') {
		var_set(name, w);
	} else if (c == '?') {
		sh_error("%s: %s", name, w[0] ? w : "parameter not set");
		x->error = 1;
	}
	return w;
}

static size_t op_len(const char *s)
{
	if (s[0] == ':' && s[1] && strchr("-=+?", s[1]))
		return 2;
	if (s[0] && strchr("-=+?", s[0]))
		return 1;
	if ((s[0] == '%' || s[0] == '#') && s[1] == s[0])
		return 2;
	if (s[0] == '%' || s[0] == '#')
		return 1;
	return 0;
}

/* s[i] is the '{' of ${...}, `end` just past its '}'. */
void expand_brace(struct xctx *x, const char *s, size_t i, size_t end, int dq)
{
	const char *body = s + i + 1;
	size_t blen = end - i - 2;
	int length = body[0] == '#' && blen > 1;
	size_t n = param_name_len(body + length, 1);
	char name[64], *value;
	size_t k;

	if (n == 0 || n >= sizeof(name)) {
		sh_error("${%.*s}: bad substitution", (int)blen, body);
		x->error = 1;
		return;
	}
	memcpy(name, body + length, n);
	name[n] = '\0';
	value = param_value(name);
	k = length + n;
	if (length && k == blen) {
		char *len = num_str(value ? (long)strlen(value) : 0);

		xputs(x, len, dq ? F_QUOTED : F_SPLIT);
		free(len);
		free(value);
		return;
	}
	if (k < blen) {
		size_t ol = op_len(body + k);
		char op[3] = { 0 };

		if (ol == 0 || length) {
			sh_error("${%.*s}: bad substitution", (int)blen, body);
			free(value);
			x->error = 1;
			return;
		}
		memcpy(op, body + k, ol);
		value = apply_op(x, name, value, op, body + k + ol, blen - k - ol);
	}
	put_value(x, name, value, dq);
	free(value);
}

/* $name, $1, $?...: s[i] is the '$'. A '$' that starts no name is
 * itself. Returns the index after the form. */
size_t expand_name(struct xctx *x, const char *s, size_t i, size_t len, int dq)
{
	size_t n = param_name_len(s + i + 1, 0);
	char name[64];
	char *value;

	if (n == 0 || i + 1 + n > len) {
		xput(x, '$', dq ? F_QUOTED : F_PLAIN);
		return i + 1;
	}
	n = n < sizeof(name) ? n : sizeof(name) - 1;
	memcpy(name, s + i + 1, n);
	name[n] = '\0';
	value = param_value(name);
	put_value(x, name, value, dq);
	free(value);
	return i + 1 + n;
}
