/*
 * The parser: tokens in, a tree of nodes out (recursive descent over the
 * POSIX shell grammar, in the subset Ferrite's shell runs).
 *
 *   program   := linebreak [list] linebreak EOF
 *   list      := and_or ((';' | '&' | newline) linebreak and_or)* [';' | '&']
 *   and_or    := pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline  := ['!'] command ('|' linebreak command)*
 *   command   := simple | compound redirect* | NAME '(' ')' linebreak compound
 *   compound  := if | while | until | for | case | '{' list '}' | '(' list ')'
 *
 * Compound commands are parsed in parse_compound.c (parse.h has what the
 * two files share). Reserved words are recognised only where a command
 * may start. Errors leave through a longjmp, carrying the line and a
 * message; running out of text where more is needed is not an error but
 * PARSE_INCOMPLETE, so that the reader can fetch another line. A line's
 * here-document bodies are read when its newline is reached.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "sh.h"

void parser_vec_push(struct parser *p, struct vec *vec, void *item)
{
	if (vec->n + 1 >= vec->cap) {
		int cap = vec->cap ? vec->cap * 2 : 8;
		void **v = arena_alloc(p->arena, (size_t)cap * sizeof(void *));

		if (vec->n)
			memcpy(v, vec->v, (size_t)vec->n * sizeof(void *));
		vec->v = v;
		vec->cap = cap;
	}
	vec->v[vec->n++] = item;
	vec->v[vec->n] = NULL;
}

/* The NULL-terminated array (never NULL itself). */
void **parser_vec_finish(struct parser *p, struct vec *vec)
{
	if (!vec->v)
		return arena_alloc(p->arena, sizeof(void *));
	return vec->v;
}

/* The text ran out in the middle of something: fetch another line. */
static void __attribute__((noreturn)) need_more(struct parser *p)
{
	p->lx.incomplete = 1;
	longjmp(p->fail, 1);
}

/* The bodies of the here-documents of a line start after its newline. */
static void read_heredocs(struct parser *p)
{
	for (int i = 0; i < p->npending; i++) {
		struct redir *r = p->pending[i];
		char *body = lex_heredoc(&p->lx, r->word, r->strip_tabs);

		if (!body)
			need_more(p);
		r->word = body;
	}
	p->npending = 0;
}

static void next_token(struct parser *p, struct token *tok)
{
	lex_next(&p->lx, tok);
	if (tok->kind == T_NEWLINE && p->npending)
		read_heredocs(p);
	else if (tok->kind == T_EOF && p->npending)
		need_more(p);
}

void parser_advance(struct parser *p)
{
	if (p->have_ahead) {
		p->tok = p->ahead;
		p->have_ahead = 0;
	} else {
		next_token(p, &p->tok);
	}
}

static const struct token *peek(struct parser *p)
{
	if (!p->have_ahead) {
		next_token(p, &p->ahead);
		p->have_ahead = 1;
	}
	return &p->ahead;
}

void parser_fail(struct parser *p, const char *what)
{
	struct parse_result *res = p->res;

	res->err_line = p->tok.line;
	if (p->tok.kind == T_EOF) {
		res->status = PARSE_INCOMPLETE;
		snprintf(res->err_msg, sizeof(res->err_msg),
		         "syntax error: unexpected end of file");
	} else {
		res->status = PARSE_ERROR;
		snprintf(res->err_msg, sizeof(res->err_msg), "syntax error: unexpected '%s'%s",
		         tok_name(&p->tok), what);
	}
	longjmp(p->fail, 1);
}

int parser_is_word(struct parser *p, const char *w)
{
	return p->tok.kind == T_WORD && strcmp(p->tok.text, w) == 0;
}

static int is_reserved(const struct token *t)
{
	static const char *const words[] = { "if",   "then", "else", "elif",  "fi",    "do",
		                             "done", "case", "esac", "while", "until", "for",
		                             "{",    "}",    "!",    "in",    NULL };

	if (t->kind != T_WORD)
		return 0;
	for (int i = 0; words[i]; i++)
		if (strcmp(t->text, words[i]) == 0)
			return 1;
	return 0;
}

void parser_expect_word(struct parser *p, const char *w)
{
	if (!parser_is_word(p, w)) {
		char what[40];

		snprintf(what, sizeof(what), " (expected '%s')", w);
		parser_fail(p, what);
	}
	parser_advance(p);
}

void parser_expect(struct parser *p, enum tok_kind kind, const char *what)
{
	if (p->tok.kind != kind)
		parser_fail(p, what);
	parser_advance(p);
}

void parser_linebreak(struct parser *p)
{
	while (p->tok.kind == T_NEWLINE)
		parser_advance(p);
}

struct node *parser_node(struct parser *p, enum node_kind kind, int line)
{
	struct node *n = arena_alloc(p->arena, sizeof(*n));

	n->kind = kind;
	n->line = line;
	return n;
}

static struct node *parse_command(struct parser *p);

/* Where a list inside a compound command stops. */
static int at_list_end(struct parser *p)
{
	static const char *const ends[] = { "then", "else", "elif", "fi", "do",
		                            "done", "esac", "}",    NULL };

	if (p->tok.kind == T_EOF || p->tok.kind == T_RPAREN || p->tok.kind == T_DSEMI)
		return 1;
	for (int i = 0; ends[i]; i++)
		if (parser_is_word(p, ends[i]))
			return 1;
	return 0;
}

static int is_redir_op(enum tok_kind k)
{
	return k == T_LESS || k == T_GREAT || k == T_DGREAT || k == T_LESSAND || k == T_GREATAND ||
	       k == T_LESSGREAT || k == T_CLOBBER || k == T_DLESS || k == T_DLESSDASH;
}

/* <<WORD: the body comes after the line. A quoted delimiter (any quote or
 * backslash in it) makes the body literal; the quotes are removed. */
static void heredoc_delimiter(struct parser *p, struct redir *r)
{
	const char *w = p->tok.text;
	char *d = arena_alloc(p->arena, strlen(w) + 1);
	size_t n = 0;

	for (; *w; w++) {
		if (*w == '\'' || *w == '"' || (*w == '\\' && w[1])) {
			r->literal = 1;
			if (*w == '\\')
				d[n++] = *++w;
			continue;
		}
		d[n++] = *w;
	}
	r->word = d;
	if (p->npending == MAX_PENDING)
		parser_fail(p, " (too many here-documents on one line)");
	p->pending[p->npending++] = r;
}

static enum redir_kind redir_kind_of(enum tok_kind k)
{
	switch (k) {
	case T_LESS:
		return R_IN;
	case T_DGREAT:
		return R_APPEND;
	case T_LESSAND:
		return R_DUPIN;
	case T_GREATAND:
		return R_DUPOUT;
	case T_LESSGREAT:
		return R_RDWR;
	case T_DLESS:
	case T_DLESSDASH:
		return R_HEREDOC;
	default:
		return R_OUT;
	}
}

static struct redir *parse_redir(struct parser *p)
{
	struct redir *r = arena_alloc(p->arena, sizeof(*r));

	r->kind = redir_kind_of(p->tok.kind);
	r->strip_tabs = p->tok.kind == T_DLESSDASH;
	r->fd = p->tok.io_number;
	if (r->fd < 0)
		r->fd = (r->kind == R_OUT || r->kind == R_APPEND || r->kind == R_DUPOUT) ? 1 : 0;
	parser_advance(p);
	if (p->tok.kind != T_WORD)
		parser_fail(p, " after a redirection");
	if (r->kind == R_HEREDOC)
		heredoc_delimiter(p, r);
	else
		r->word = p->tok.text;
	parser_advance(p);
	return r;
}

/* Redirections after a compound command, appended to `tail`. */
void parse_redirs(struct parser *p, struct redir **tail)
{
	while (is_redir_op(p->tok.kind)) {
		*tail = parse_redir(p);
		tail = &(*tail)->next;
	}
}

static struct node *parse_simple(struct parser *p)
{
	struct node *n = parser_node(p, N_SIMPLE, p->tok.line);
	struct vec words = { 0 }, assigns = { 0 };
	struct redir **tail = &n->redirs;

	for (;;) {
		if (is_redir_op(p->tok.kind)) {
			*tail = parse_redir(p);
			tail = &(*tail)->next;
		} else if (p->tok.kind == T_WORD) {
			if (words.n == 0 && is_assignment(p->tok.text))
				parser_vec_push(p, &assigns, p->tok.text);
			else
				parser_vec_push(p, &words, p->tok.text);
			parser_advance(p);
		} else {
			break;
		}
	}
	if (words.n == 0 && assigns.n == 0 && !n->redirs)
		parser_fail(p, "");
	n->words = (char **)parser_vec_finish(p, &words);
	n->assigns = (char **)parser_vec_finish(p, &assigns);
	return n;
}

static int at_function(struct parser *p)
{
	const struct token *next;

	if (p->tok.kind != T_WORD || name_len(p->tok.text) != strlen(p->tok.text))
		return 0;
	next = peek(p);
	return next->kind == T_LPAREN;
}

static struct node *parse_function(struct parser *p)
{
	struct node *n = parser_node(p, N_FUNC, p->tok.line);

	n->name = p->tok.text;
	parser_advance(p);
	parser_advance(p);
	parser_expect(p, T_RPAREN, " (expected ')')");
	parser_linebreak(p);
	n->body = parse_compound(p);
	if (!n->body)
		parser_fail(p, " (expected a function body)");
	return n;
}

static struct node *parse_command(struct parser *p)
{
	struct node *n;

	if (p->tok.kind == T_WORD && is_reserved(&p->tok) && !parser_is_word(p, "{")) {
		n = parse_compound(p);
		if (!n)
			parser_fail(p, "");
		return n;
	}
	n = parse_compound(p);
	if (n)
		return n;
	if (at_function(p))
		return parse_function(p);
	return parse_simple(p);
}

static struct node *parse_pipeline(struct parser *p)
{
	struct node *n = parser_node(p, N_PIPELINE, p->tok.line);
	struct vec cmds = { 0 };
	int negate = 0;

	if (parser_is_word(p, "!")) {
		negate = 1;
		parser_advance(p);
	}
	parser_vec_push(p, &cmds, parse_command(p));
	while (p->tok.kind == T_PIPE) {
		parser_advance(p);
		parser_linebreak(p);
		parser_vec_push(p, &cmds, parse_command(p));
	}
	if (cmds.n == 1 && !negate) {
		return cmds.v[0];
	}
	n->cmds = (struct node **)parser_vec_finish(p, &cmds);
	if (negate) {
		struct node *not = parser_node(p, N_NOT, n->line);

		not ->left = n;
		return not ;
	}
	return n;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *left = parse_pipeline(p);

	while (p->tok.kind == T_AND_IF || p->tok.kind == T_OR_IF) {
		struct node *n =
			parser_node(p, p->tok.kind == T_AND_IF ? N_AND : N_OR, p->tok.line);

		parser_advance(p);
		parser_linebreak(p);
		n->left = left;
		n->right = parse_pipeline(p);
		left = n;
	}
	return left;
}

static struct node *join(struct parser *p, struct node *a, struct node *b)
{
	struct node *n;

	if (!a)
		return b;
	n = parser_node(p, N_LIST, a->line);
	n->left = a;
	n->right = b;
	return n;
}

/* A list of and-ors up to where the enclosing construct continues. An
 * empty list is an error: `if then` is as wrong as `then` alone. */
struct node *parse_list(struct parser *p)
{
	struct node *list = NULL;

	parser_linebreak(p);
	while (!at_list_end(p)) {
		struct node *item = parse_and_or(p);

		if (p->tok.kind == T_AMP) {
			struct node *bg = parser_node(p, N_ASYNC, item->line);

			bg->left = item;
			item = bg;
		}
		list = join(p, list, item);
		if (p->tok.kind == T_SEMI || p->tok.kind == T_AMP || p->tok.kind == T_NEWLINE)
			parser_advance(p);
		else if (!at_list_end(p))
			parser_fail(p, "");
		parser_linebreak(p);
	}
	if (!list)
		parser_fail(p, "");
	return list;
}

/* The text ended inside a quote, a $( ) or after a backslash. */
static void set_incomplete(struct parser *p)
{
	p->res->status = PARSE_INCOMPLETE;
	p->res->err_line = p->lx.line;
	snprintf(p->res->err_msg, sizeof(p->res->err_msg), "syntax error: unexpected end of file");
}

void parse_text(const char *src, int line, struct arena *arena, struct parse_result *res)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	memset(res, 0, sizeof(*res));
	p.arena = arena;
	p.res = res;
	lex_init(&p.lx, src, line, arena);
	if (setjmp(p.fail)) {
		if (p.lx.incomplete)
			set_incomplete(&p);
		return;
	}
	parser_advance(&p);
	parser_linebreak(&p);
	if (p.tok.kind == T_EOF) {
		res->status = PARSE_EMPTY;
		if (p.lx.incomplete)
			set_incomplete(&p);
		return;
	}
	res->tree = parse_list(&p);
	if (p.tok.kind != T_EOF)
		parser_fail(&p, "");
	res->status = PARSE_OK;
	if (p.lx.incomplete)
		set_incomplete(&p);
}
