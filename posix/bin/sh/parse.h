/*
 * The parser's insides, shared by parse.c (tokens, errors, lists,
 * pipelines, simple commands, redirections) and parse_compound.c (if,
 * while, until, for, case, { }, ( )). The rest of the shell only calls
 * parse_text (sh.h).
 */
#ifndef PARSE_H
#define PARSE_H

#include <setjmp.h>

#include "sh.h"

#define MAX_PENDING 16

struct parser {
	struct lexer lx;
	struct token tok;   /* the current token */
	struct token ahead; /* one more, when peeked */
	int have_ahead;
	struct redir *pending[MAX_PENDING]; /* here-documents whose body is next */
	int npending;
	struct arena *arena;
	struct parse_result *res;
	jmp_buf fail;
};

/* A growing array kept in the arena, so that a failed parse leaks nothing. */
struct vec {
	void **v;
	int n, cap;
};

void parser_vec_push(struct parser *p, struct vec *vec, void *item);
void **parser_vec_finish(struct parser *p, struct vec *vec);
void parser_advance(struct parser *p);
/* A syntax error at the current token (or more text needed, at its end);
 * `what` is added to the message. Leaves through the parser's longjmp. */
void parser_fail(struct parser *p, const char *what) __attribute__((noreturn));
int parser_is_word(struct parser *p, const char *w);
void parser_expect_word(struct parser *p, const char *w);
void parser_expect(struct parser *p, enum tok_kind kind, const char *what);
void parser_linebreak(struct parser *p);
struct node *parser_node(struct parser *p, enum node_kind kind, int line);
struct node *parse_list(struct parser *p);
void parse_redirs(struct parser *p, struct redir **tail);
/* A compound command with its redirections, or NULL if none starts here. */
struct node *parse_compound(struct parser *p);

#endif
