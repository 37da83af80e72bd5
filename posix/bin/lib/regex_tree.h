/*
 * What regex_parse.c hands to regex.c: the parsed pattern as a tree of
 * nodes (kept in one array, children by index) and its character sets.
 */
#ifndef REGEX_TREE_H
#define REGEX_TREE_H

#include <stddef.h>

#define DUP_MAX 255

enum rkind { R_EMPTY, R_CHAR, R_ANY, R_CLASS, R_BOL, R_EOL, R_CAT, R_ALT, R_REPEAT };

struct rnode {
	enum rkind kind;
	int a, b;     /* children (CAT, ALT; REPEAT uses a) */
	int min, max; /* REPEAT; max -1: no limit */
	int c;        /* CHAR; CLASS: index into classes */
};

struct cset {
	unsigned char bits[32];
};

struct parser {
	const char *p;
	int ere, icase;
	const char *err;
	struct rnode *nodes;
	int nnodes, capnodes;
	struct cset *classes;
	int nclasses, capclasses;
};

/* Parse the whole pattern (ps->p); the root node's index, with ps->err
 * set on a bad pattern. */
int parse_alt(struct parser *ps);
/* Grow an array of `size`-byte items to hold `need`; NULL if out of
 * memory (the old array is then still valid). */
void *re_grow(void *p, int *cap, int need, size_t size);

#endif
