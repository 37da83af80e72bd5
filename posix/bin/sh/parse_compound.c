/*
 * Parsing the compound commands: if/elif/else, while and until loops,
 * for, case, { list } and ( list ). Each parser starts at its opening
 * reserved word and stops after its closing one (parse.h).
 */
#include <string.h>

#include "parse.h"
#include "sh.h"

static struct node *parse_if(struct parser *p)
{
	struct node *n = parser_node(p, N_IF, p->tok.line);

	parser_advance(p); /* if or elif */
	n->cond = parse_list(p);
	parser_expect_word(p, "then");
	n->body = parse_list(p);
	if (parser_is_word(p, "elif")) {
		n->orelse = parse_if(p);
		return n;
	}
	if (parser_is_word(p, "else")) {
		parser_advance(p);
		n->orelse = parse_list(p);
	}
	parser_expect_word(p, "fi");
	return n;
}

static struct node *parse_loop(struct parser *p, enum node_kind kind)
{
	struct node *n = parser_node(p, kind, p->tok.line);

	parser_advance(p);
	n->cond = parse_list(p);
	parser_expect_word(p, "do");
	n->body = parse_list(p);
	parser_expect_word(p, "done");
	return n;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = parser_node(p, N_FOR, p->tok.line);
	struct vec words = { 0 };

	parser_advance(p);
	if (p->tok.kind != T_WORD || name_len(p->tok.text) != strlen(p->tok.text))
		parser_fail(p, " (expected a variable name)");
	n->name = p->tok.text;
	parser_advance(p);
	parser_linebreak(p);
	if (parser_is_word(p, "in")) {
		parser_advance(p);
		while (p->tok.kind == T_WORD) {
			parser_vec_push(p, &words, p->tok.text);
			parser_advance(p);
		}
		if (p->tok.kind != T_SEMI && p->tok.kind != T_NEWLINE)
			parser_fail(p, "");
		parser_advance(p);
	} else {
		n->for_all = 1;
		if (p->tok.kind == T_SEMI)
			parser_advance(p);
	}
	n->words = (char **)parser_vec_finish(p, &words);
	parser_linebreak(p);
	parser_expect_word(p, "do");
	n->body = parse_list(p);
	parser_expect_word(p, "done");
	return n;
}

static struct case_item *parse_case_item(struct parser *p)
{
	struct case_item *item = arena_alloc(p->arena, sizeof(*item));
	struct vec pats = { 0 };

	if (p->tok.kind == T_LPAREN)
		parser_advance(p);
	for (;;) {
		if (p->tok.kind != T_WORD)
			parser_fail(p, " (expected a pattern)");
		parser_vec_push(p, &pats, p->tok.text);
		parser_advance(p);
		if (p->tok.kind != T_PIPE)
			break;
		parser_advance(p);
	}
	item->patterns = (char **)parser_vec_finish(p, &pats);
	parser_expect(p, T_RPAREN, " (expected ')')");
	parser_linebreak(p);
	if (p->tok.kind != T_DSEMI && !parser_is_word(p, "esac"))
		item->body = parse_list(p);
	if (p->tok.kind == T_DSEMI) {
		parser_advance(p);
		parser_linebreak(p);
	}
	return item;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = parser_node(p, N_CASE, p->tok.line);
	struct case_item **tail = &n->items;

	parser_advance(p);
	if (p->tok.kind != T_WORD)
		parser_fail(p, " (expected a word)");
	n->name = p->tok.text;
	parser_advance(p);
	parser_linebreak(p);
	parser_expect_word(p, "in");
	parser_linebreak(p);
	while (!parser_is_word(p, "esac")) {
		*tail = parse_case_item(p);
		tail = &(*tail)->next;
	}
	parser_advance(p);
	return n;
}

static struct node *parse_group(struct parser *p, enum node_kind kind)
{
	struct node *n = parser_node(p, kind, p->tok.line);

	parser_advance(p);
	n->body = parse_list(p);
	if (kind == N_GROUP)
		parser_expect_word(p, "}");
	else
		parser_expect(p, T_RPAREN, " (expected ')')");
	return n;
}

struct node *parse_compound(struct parser *p)
{
	struct node *n;

	if (p->tok.kind == T_LPAREN)
		n = parse_group(p, N_SUBSHELL);
	else if (parser_is_word(p, "{"))
		n = parse_group(p, N_GROUP);
	else if (parser_is_word(p, "if"))
		n = parse_if(p);
	else if (parser_is_word(p, "while"))
		n = parse_loop(p, N_WHILE);
	else if (parser_is_word(p, "until"))
		n = parse_loop(p, N_UNTIL);
	else if (parser_is_word(p, "for"))
		n = parse_for(p);
	else if (parser_is_word(p, "case"))
		n = parse_case(p);
	else
		return NULL;
	parse_redirs(p, &n->redirs);
	return n;
}
