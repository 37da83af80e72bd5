/*
 * Word expansion: what turns the raw words of a command into its argv.
 *
 * In order: tilde, parameters ($X ${X} ${X:-w} ...), command substitution
 * ($(...) and `...`), arithmetic ($((...))); then field splitting on IFS;
 * then pathname expansion (glob.c); quotes are gone by then.
 *
 * The first stage writes every resulting character with a flag saying how
 * it got there: quoted (never split or globbed), produced by an unquoted
 * expansion (split on IFS, globbed), or written plainly in the word
 * (globbed, not split). Two marker entries carry what characters can not:
 * a quoted empty string ("" must make a field) and a forced field break
 * (between the parameters of "$@").
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

enum {
	F_PLAIN = 0,
	F_QUOTED = 1,
	F_SPLIT = 2,
	F_QEMPTY = 4, /* marker: a quoted part, possibly empty */
	F_BREAK = 8,  /* marker: end the field here */
};

struct xctx {
	struct strbuf chars;
	struct strbuf flags;
	int error;
	int empty_at; /* "$@" just expanded to nothing */
};

static void xput(struct xctx *x, char c, int flag)
{
	sb_putc(&x->chars, c);
	sb_putc(&x->flags, (char)flag);
}

static void xputs(struct xctx *x, const char *s, int flag)
{
	for (; *s; s++)
		xput(x, *s, flag);
}

static void expand_into(struct xctx *x, const char *s, size_t len, int dq);

/* ---- parameters ---- */

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

static char *num_str(long v)
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
static char *expand_sub(struct xctx *x, const char *s, size_t len)
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
static void expand_brace(struct xctx *x, const char *s, size_t i, size_t end, int dq)
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

/* ---- command substitution and arithmetic ---- */

static void put_capture(struct xctx *x, const char *text, int dq)
{
	char *out = exec_capture(text);
	size_t n = strlen(out);

	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	xputs(x, out, dq ? F_QUOTED : F_SPLIT);
	free(out);
}

static void put_capture_text(struct xctx *x, const char *s, size_t len, int dq)
{
	char *text = xstrndup(s, len);

	put_capture(x, text, dq);
	free(text);
}

static void put_arith(struct xctx *x, const char *s, size_t len, int dq)
{
	char *text = expand_sub(x, s, len);
	long value;

	if (arith_eval(text, &value) < 0) {
		x->error = 1;
	} else {
		char *num = num_str(value);

		xputs(x, num, dq ? F_QUOTED : F_SPLIT);
		free(num);
	}
	free(text);
}

/* `...`: backslash keeps its meaning only before $ ` and \. */
static void put_backtick(struct xctx *x, const char *s, size_t len, int dq)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && strchr("$`\\", s[i + 1]))
			i++;
		sb_putc(&sb, s[i]);
	}
	put_capture(x, sb.s ? sb.s : "", dq);
	sb_free(&sb);
}

/* s[i] is '$'; returns the index after the whole form. */
static size_t expand_dollar(struct xctx *x, const char *s, size_t i, size_t len, int dq)
{
	size_t n;
	long end;

	if (s[i + 1] == '(') {
		end = skip_paren(s, i + 1);
		if (end < 0 || (size_t)end > len)
			return len;
		if (s[i + 2] == '(' && s[end - 2] == ')')
			put_arith(x, s + i + 3, (size_t)end - i - 5, dq);
		else
			put_capture_text(x, s + i + 2, (size_t)end - i - 3, dq);
		return (size_t)end;
	}
	if (s[i + 1] == '{') {
		end = skip_brace(s, i + 1);
		if (end < 0 || (size_t)end > len)
			return len;
		expand_brace(x, s, i + 1, (size_t)end, dq);
		return (size_t)end;
	}
	n = param_name_len(s + i + 1, 0);
	if (n == 0 || i + 1 + n > len) {
		xput(x, '$', dq ? F_QUOTED : F_PLAIN);
		return i + 1;
	} else {
		char name[64];
		char *value;

		n = n < sizeof(name) ? n : sizeof(name) - 1;
		memcpy(name, s + i + 1, n);
		name[n] = '\0';
		value = param_value(name);
		put_value(x, name, value, dq);
		free(value);
	}
	return i + 1 + n;
}

/* ---- the word ---- */

static size_t expand_tilde(struct xctx *x, const char *s, size_t len)
{
	const char *home = var_get("HOME");

	if (len < 1 || s[0] != '~' || (len > 1 && s[1] != '/') || !home)
		return 0;
	xputs(x, home, F_QUOTED);
	return 1;
}

/* Inside "...": s[i] is the first character after the opening quote.
 * "$@" with no parameters makes no field at all, not an empty one. */
static size_t expand_dquote(struct xctx *x, const char *s, size_t i, size_t len)
{
	size_t start = x->chars.len;

	x->empty_at = 0;
	xput(x, '\0', F_QEMPTY);
	while (i < len && s[i] != '"') {
		if (s[i] == '\\' && i + 1 < len && strchr("$`\"\\\n", s[i + 1])) {
			if (s[i + 1] != '\n')
				xput(x, s[i + 1], F_QUOTED);
			i += 2;
		} else if (s[i] == '$') {
			i = expand_dollar(x, s, i, len, 1);
		} else if (s[i] == '`') {
			long end = skip_backtick(s, i);

			if (end < 0)
				return len;
			put_backtick(x, s + i + 1, (size_t)end - i - 2, 1);
			i = (size_t)end;
		} else {
			xput(x, s[i++], F_QUOTED);
		}
	}
	if (x->empty_at && x->chars.len == start + 1)
		x->chars.len = x->flags.len = start;
	return i + 1;
}

static void expand_into(struct xctx *x, const char *s, size_t len, int dq)
{
	size_t i = dq ? 0 : expand_tilde(x, s, len);

	while (i < len && !x->error) {
		char c = s[i];

		if (c == '\'') {
			const char *end = memchr(s + i + 1, '\'', len - i - 1);
			size_t stop = end ? (size_t)(end - s) : len;

			xput(x, '\0', F_QEMPTY);
			for (i++; i < stop; i++)
				xput(x, s[i], F_QUOTED);
			i++;
		} else if (c == '"') {
			i = expand_dquote(x, s, i + 1, len);
		} else if (c == '\\') {
			if (i + 1 < len && s[i + 1] != '\n')
				xput(x, s[i + 1], F_QUOTED);
			i += 2;
		} else if (c == '$') {
			i = expand_dollar(x, s, i, len, dq);
		} else if (c == '`') {
			long end = skip_backtick(s, i);

			if (end < 0 || (size_t)end > len)
				break;
			put_backtick(x, s + i + 1, (size_t)end - i - 2, dq);
			i = (size_t)end;
		} else {
			xput(x, c, dq ? F_QUOTED : F_PLAIN);
			i++;
		}
	}
}

/* ---- fields ---- */

struct fields {
	char **v;
	int n, cap;
};

static void fields_push(struct fields *f, char *s)
{
	if (f->n + 2 > f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xrealloc(f->v, (size_t)f->cap * sizeof(char *));
	}
	f->v[f->n++] = s;
	f->v[f->n] = NULL;
}

/* One finished field: globbed if it has unquoted glob characters. */
static void field_done(struct fields *out, struct strbuf *text, struct strbuf *flags)
{
	struct strbuf pat;
	int globbing = 0;
	char **matches;
	int n;

	sb_init(&pat);
	for (size_t i = 0; i < text->len; i++) {
		char c = text->s[i];
		int quoted = flags->s[i] & F_QUOTED;

		if (quoted && strchr("*?[]\\", c))
			sb_putc(&pat, '\\');
		else if (!quoted && strchr("*?[", c))
			globbing = 1;
		sb_putc(&pat, c);
	}
	matches = globbing && !sh.opt_noglob ? glob_expand(pat.s, &n) : NULL;
	sb_free(&pat);
	if (matches) {
		for (int i = 0; i < n; i++)
			fields_push(out, matches[i]);
		free(matches);
	} else {
		fields_push(out, text->s ? xstrndup(text->s, text->len) : xstrdup(""));
	}
	text->len = flags->len = 0;
}

static int is_ifs_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* IFS white space around a field is one separator; any other IFS
 * character ends a field by itself, so "a::b" splits into a, "", b. */
static void split_fields(struct xctx *x, struct fields *out)
{
	const char *ifs = var_get("IFS");
	struct strbuf text, flags;
	int exists = 0, after_space = 0;

	if (!ifs)
		ifs = " \t\n";
	sb_init(&text);
	sb_init(&flags);
	for (size_t i = 0; i < x->chars.len; i++) {
		char c = x->chars.s[i];
		int f = x->flags.s[i];
		int sep = (f & F_SPLIT) && c && strchr(ifs, c);
		int have = text.len || exists;

		if (f & F_QEMPTY) {
			exists = 1;
			continue;
		}
		if ((f & F_BREAK) || (sep && is_ifs_space(c))) {
			if (have)
				field_done(out, &text, &flags);
			after_space = have && !(f & F_BREAK);
			exists = 0;
			continue;
		}
		if (sep) {
			if (have || !after_space)
				field_done(out, &text, &flags);
			after_space = 0;
			exists = 0;
			continue;
		}
		after_space = 0;
		sb_putc(&text, c);
		sb_putc(&flags, (char)f);
	}
	if (text.len || exists)
		field_done(out, &text, &flags);
	sb_free(&text);
	sb_free(&flags);
}

static int expand_one(const char *word, struct xctx *x)
{
	memset(x, 0, sizeof(*x));
	expand_into(x, word, strlen(word), 0);
	if (x->error) {
		sb_free(&x->chars);
		sb_free(&x->flags);
		return -1;
	}
	return 0;
}

char **expand_words(char **words, int *count)
{
	struct fields out = { 0 };

	fields_push(&out, NULL);
	out.n = 0;
	for (int i = 0; words[i]; i++) {
		struct xctx x;

		if (expand_one(words[i], &x) < 0) {
			free_fields(out.v);
			return NULL;
		}
		split_fields(&x, &out);
		sb_free(&x.chars);
		sb_free(&x.flags);
	}
	*count = out.n;
	return out.v;
}

/* Join the expansion into one string; `escape` backslash-escapes quoted
 * glob characters (for patterns). */
static char *expand_joined(const char *word, int escape)
{
	struct strbuf sb;
	struct xctx x;

	if (expand_one(word, &x) < 0)
		return NULL;
	sb_init(&sb);
	for (size_t i = 0; i < x.chars.len; i++) {
		int f = x.flags.s[i];
		char c = x.chars.s[i];

		if (f & F_QEMPTY)
			continue;
		if (f & F_BREAK)
			c = ' ';
		else if (escape && (f & F_QUOTED) && strchr("*?[]\\", c))
			sb_putc(&sb, '\\');
		sb_putc(&sb, c);
	}
	sb_free(&x.chars);
	sb_free(&x.flags);
	return sb_take(&sb);
}

char *expand_word(const char *word)
{
	return expand_joined(word, 0);
}

char *expand_pattern(const char *word)
{
	return expand_joined(word, 1);
}

void free_fields(char **fields)
{
	if (!fields)
		return;
	for (int i = 0; fields[i]; i++)
		free(fields[i]);
	free(fields);
}
