/*
 * The lexer: cuts shell text into words, operators and newlines.
 *
 * A word keeps its quotes, backslashes and $-forms exactly as written; they
 * only mean something when the word is expanded (expand.c). The lexer only
 * has to know where a word ends, which means following quotes, $( ),
 * ${ } and backquotes, however nested. Reserved words (if, then, ...) are
 * ordinary words here: whether `if` is reserved depends on where it stands,
 * which only the parser knows.
 *
 * When the text ends inside a quote or a $( ), the lexer sets `incomplete`
 * so that the reader can fetch another line and try again.
 */
#include <ctype.h>
#include <string.h>

#include "sh.h"

void lex_init(struct lexer *lx, const char *src, int line, struct arena *arena)
{
	lx->src = src;
	lx->pos = 0;
	lx->line = line;
	lx->incomplete = 0;
	lx->arena = arena;
}

static int is_meta(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

/* s[i] is the opening quote; return the index just past the closing one. */
static long skip_squote(const char *s, size_t i)
{
	const char *end = strchr(s + i + 1, '\'');

	return end ? (long)(end - s) + 1 : -1;
}

long skip_backtick(const char *s, size_t i)
{
	for (i++; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1])
			i++;
		else if (s[i] == '`')
			return (long)i + 1;
	}
	return -1;
}

/* s[i] is '$': skip the $( ), $(( )) or ${ } it starts, if any. */
static long skip_dollar(const char *s, size_t i)
{
	if (s[i + 1] == '(')
		return skip_paren(s, i + 1);
	if (s[i + 1] == '{')
		return skip_brace(s, i + 1);
	return (long)i + 1;
}

static long skip_dquote(const char *s, size_t i)
{
	long r;

	for (i++; s[i];) {
		if (s[i] == '"')
			return (long)i + 1;
		if (s[i] == '\\' && s[i + 1]) {
			i += 2;
			continue;
		}
		if (s[i] == '$')
			r = skip_dollar(s, i);
		else if (s[i] == '`')
			r = skip_backtick(s, i);
		else
			r = (long)i + 1;
		if (r < 0)
			return -1;
		i = (size_t)r;
	}
	return -1;
}

/* One step inside a $( ) or ${ }: quotes and nested forms are skipped
 * whole. Returns the next index, or -1 if the text ends first. */
static long skip_inner(const char *s, size_t i)
{
	switch (s[i]) {
	case '\\':
		return s[i + 1] ? (long)i + 2 : -1;
	case '\'':
		return skip_squote(s, i);
	case '"':
		return skip_dquote(s, i);
	case '`':
		return skip_backtick(s, i);
	case '$':
		return skip_dollar(s, i);
	default:
		return (long)i + 1;
	}
}

/* s[i] is '(': return the index past its matching ')'. */
long skip_paren(const char *s, size_t i)
{
	int depth = 0;
	long r;

	while (s[i]) {
		if (s[i] == '(') {
			depth++;
		} else if (s[i] == ')') {
			if (--depth == 0)
				return (long)i + 1;
		} else if (s[i] != '$') {
			r = skip_inner(s, i);
			if (r < 0)
				return -1;
			i = (size_t)r;
			continue;
		} else if (s[i + 1] == '{') {
			r = skip_brace(s, i + 1);
			if (r < 0)
				return -1;
			i = (size_t)r;
			continue;
		}
		i++;
	}
	return -1;
}

long skip_brace(const char *s, size_t i)
{
	long r;

	for (i++; s[i];) {
		if (s[i] == '}')
			return (long)i + 1;
		r = skip_inner(s, i);
		if (r < 0)
			return -1;
		i = (size_t)r;
	}
	return -1;
}

long word_end(const char *s, size_t i)
{
	long r;

	while (!is_meta(s[i])) {
		if (s[i] == '\\')
			r = s[i + 1] && !(s[i + 1] == '\n' && !s[i + 2]) ? (long)i + 2 : -1;
		else if (s[i] == '\'')
			r = skip_squote(s, i);
		else if (s[i] == '"')
			r = skip_dquote(s, i);
		else if (s[i] == '`')
			r = skip_backtick(s, i);
		else if (s[i] == '$')
			r = skip_dollar(s, i);
		else
			r = (long)i + 1;
		if (r < 0)
			return -1;
		i = (size_t)r;
	}
	return (long)i;
}

static int count_lines(const char *s, size_t from, size_t to)
{
	int n = 0;

	for (size_t i = from; i < to; i++)
		n += s[i] == '\n';
	return n;
}

static void skip_blanks(struct lexer *lx)
{
	const char *s = lx->src;

	for (;;) {
		if (s[lx->pos] == ' ' || s[lx->pos] == '\t') {
			lx->pos++;
		} else if (s[lx->pos] == '\\' && s[lx->pos + 1] == '\n') {
			lx->pos += 2;
			lx->line++;
			lx->incomplete |= s[lx->pos] == '\0'; /* the line goes on */
		} else if (s[lx->pos] == '#') {
			while (s[lx->pos] && s[lx->pos] != '\n')
				lx->pos++;
		} else {
			return;
		}
	}
}

struct op {
	const char *text;
	enum tok_kind kind;
};

/* Longest first, so that ">>" wins over ">". */
static const struct op ops[] = {
	{ "<<-", T_DLESSDASH }, { "<<", T_DLESS },   { "&&", T_AND_IF },  { "||", T_OR_IF },
	{ ";;", T_DSEMI },      { ">>", T_DGREAT },  { "<&", T_LESSAND }, { ">&", T_GREATAND },
	{ "<>", T_LESSGREAT },  { ">|", T_CLOBBER }, { ";", T_SEMI },     { "&", T_AMP },
	{ "|", T_PIPE },        { "(", T_LPAREN },   { ")", T_RPAREN },   { "<", T_LESS },
	{ ">", T_GREAT },
};

static int lex_op(struct lexer *lx, struct token *tok)
{
	const char *s = lx->src + lx->pos;

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].text);

		if (strncmp(s, ops[i].text, n) == 0) {
			tok->kind = ops[i].kind;
			lx->pos += n;
			return 1;
		}
	}
	return 0;
}

/* Digits directly followed by < or > are the fd of a redirection. */
static int lex_io_number(struct lexer *lx, struct token *tok)
{
	const char *s = lx->src + lx->pos;
	size_t n = 0;
	int fd = 0;

	while (isdigit((unsigned char)s[n]) && n < 4)
		fd = fd * 10 + (s[n++] - '0');
	if (n == 0 || (s[n] != '<' && s[n] != '>'))
		return 0;
	lx->pos += n;
	lex_op(lx, tok);
	tok->io_number = fd;
	return 1;
}

void lex_next(struct lexer *lx, struct token *tok)
{
	const char *s = lx->src;
	long end;

	skip_blanks(lx);
	tok->text = NULL;
	tok->io_number = -1;
	tok->line = lx->line;
	if (s[lx->pos] == '\0') {
		tok->kind = T_EOF;
		return;
	}
	if (s[lx->pos] == '\n') {
		tok->kind = T_NEWLINE;
		lx->pos++;
		lx->line++;
		return;
	}
	if (lex_io_number(lx, tok) || lex_op(lx, tok))
		return;
	end = word_end(s, lx->pos);
	if (end < 0) {
		lx->incomplete = 1;
		tok->kind = T_EOF;
		return;
	}
	tok->kind = T_WORD;
	tok->text = arena_strndup(lx->arena, s + lx->pos, (size_t)end - lx->pos);
	lx->line += count_lines(s, lx->pos, (size_t)end);
	lx->pos = (size_t)end;
}

char *lex_heredoc(struct lexer *lx, const char *delim, int strip_tabs)
{
	const char *s = lx->src;
	struct strbuf body;
	size_t dlen = strlen(delim);

	sb_init(&body);
	for (;;) {
		size_t start = lx->pos, end;

		if (s[start] == '\0')
			break;
		while (strip_tabs && s[start] == '\t')
			start++;
		end = start + strcspn(s + start, "\n");
		if (end - start == dlen && strncmp(s + start, delim, dlen) == 0) {
			lx->pos = s[end] ? end + 1 : end;
			lx->line++;
			char *out = arena_strndup(lx->arena, body.s ? body.s : "", body.len);

			sb_free(&body);
			return out;
		}
		if (s[end] == '\0')
			break;
		lx->pos = end + 1;
		lx->line++;
		sb_putn(&body, s + start, end + 1 - start);
	}
	sb_free(&body);
	lx->incomplete = 1;
	return NULL;
}

const char *tok_name(const struct token *tok)
{
	static const char *const names[] = {
		[T_NEWLINE] = "newline", [T_SEMI] = ";",      [T_AMP] = "&",
		[T_PIPE] = "|",          [T_AND_IF] = "&&",   [T_OR_IF] = "||",
		[T_LPAREN] = "(",        [T_RPAREN] = ")",    [T_DSEMI] = ";;",
		[T_LESS] = "<",          [T_GREAT] = ">",     [T_DGREAT] = ">>",
		[T_LESSAND] = "<&",      [T_GREATAND] = ">&", [T_LESSGREAT] = "<>",
		[T_CLOBBER] = ">|",      [T_DLESS] = "<<",    [T_DLESSDASH] = "<<-",
		[T_EOF] = "end of file", [T_ERROR] = "error",
	};

	if (tok->kind == T_WORD)
		return tok->text;
	return names[tok->kind];
}
