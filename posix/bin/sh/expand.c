/*
 * Word expansion: what turns the raw words of a command into its argv.
 *
 * In order: tilde, parameters ($X ${X} ${X:-w} ..., in param.c), command
 * substitution ($(...) and `...`), arithmetic ($((...)), arith.c); then
 * field splitting on IFS; then pathname expansion (glob.c); quotes are gone
 * by then.
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

#include "expand.h"
#include "sh.h"

void xput(struct xctx *x, char c, int flag)
{
	sb_putc(&x->chars, c);
	sb_putc(&x->flags, (char)flag);
}

void xputs(struct xctx *x, const char *s, int flag)
{
	for (; *s; s++)
		xput(x, *s, flag);
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
	return expand_name(x, s, i, len, dq);
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

/* Quoted text up to `stop` ('"', or '\0' for a here-document), from s[i]:
 * only $, ` and the backslashes before the characters in `escapes` keep
 * their meaning. Returns the index of the stop (or len). */
static size_t expand_quoted(struct xctx *x, const char *s, size_t i, size_t len, char stop,
                            const char *escapes)
{
	while (i < len && (s[i] != stop || !stop)) {
		if (s[i] == '\\' && i + 1 < len && strchr(escapes, s[i + 1])) {
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
	return i;
}

/* Inside "...": s[i] is the first character after the opening quote.
 * "$@" with no parameters makes no field at all, not an empty one. */
static size_t expand_dquote(struct xctx *x, const char *s, size_t i, size_t len)
{
	size_t start = x->chars.len;

	x->empty_at = 0;
	xput(x, '\0', F_QEMPTY);
	i = expand_quoted(x, s, i, len, '"', "$`\"\\\n");
	if (x->empty_at && x->chars.len == start + 1)
		x->chars.len = x->flags.len = start;
	return i + 1;
}

void expand_into(struct xctx *x, const char *s, size_t len, int dq)
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

char *expand_heredoc(const char *body)
{
	struct xctx x;
	char *out;

	memset(&x, 0, sizeof(x));
	expand_quoted(&x, body, 0, strlen(body), '\0', "$`\\\n");
	if (x.error) {
		sb_free(&x.chars);
		sb_free(&x.flags);
		return NULL;
	}
	out = x.chars.s ? xstrndup(x.chars.s, x.chars.len) : xstrdup("");
	sb_free(&x.chars);
	sb_free(&x.flags);
	return out;
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
