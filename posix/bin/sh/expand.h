/*
 * What the two halves of word expansion share (expand.c: words, quotes,
 * $( ), $(( )), fields; param.c: parameters). Not for the rest of the
 * shell, which uses the expand_* functions of sh.h.
 */
#ifndef EXPAND_H
#define EXPAND_H

#include <stddef.h>

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

void xput(struct xctx *x, char c, int flag);
void xputs(struct xctx *x, const char *s, int flag);
/* Expand s[0..len), as if inside "..." when dq. */
void expand_into(struct xctx *x, const char *s, size_t len, int dq);
/* The word after an operator in ${...}, expanded to a plain string. */
char *expand_sub(struct xctx *x, const char *s, size_t len);
/* ${...}: s[i] is its '{', end just past its '}'. */
void expand_brace(struct xctx *x, const char *s, size_t i, size_t end, int dq);
size_t expand_name(struct xctx *x, const char *s, size_t i, size_t len, int dq);
char *num_str(long v);

#endif
