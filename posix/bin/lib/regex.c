/*
 * The regular-expression engine of regex.h, in two steps.
 *
 * Parsing (regex_parse.c) turns the pattern into a tree (regex_tree.h).
 * Compiling turns the tree into a program for a small machine (Thompson's
 * construction): CHAR, ANY, CLASS consume a character; SPLIT and JMP branch;
 * BOL and EOL test the position; MATCH ends. {m,n} is unrolled. Matching
 * runs every thread of the program in lock step over the text (Pike's
 * method without captures), adding a fresh thread at each position, which
 * is what "match anywhere" means.
 */
#include <stdlib.h>
#include <string.h>

#include "regex.h"
#include "regex_tree.h"

#define MAX_INSTS 100000

enum op { OP_CHAR, OP_ANY, OP_CLASS, OP_BOL, OP_EOL, OP_SPLIT, OP_JMP, OP_MATCH };

struct inst {
	enum op op;
	int x, y; /* SPLIT targets, JMP target; CHAR char; CLASS index */
};

struct regex {
	struct inst *prog;
	int n;
	struct cset *classes;
	int nclasses;
};

static int set_has(const struct cset *s, int c)
{
	return (s->bits[c >> 3] >> (c & 7)) & 1;
}

/* ---- compiling ---- */

struct compiler {
	struct inst *prog;
	int n, cap;
	const struct rnode *nodes;
	int failed;
};

static int emit(struct compiler *cc, enum op op, int x, int y)
{
	struct inst *p;

	if (cc->n >= MAX_INSTS) {
		cc->failed = 1;
		return 0;
	}
	p = re_grow(cc->prog, &cc->cap, cc->n + 1, sizeof(*p));
	if (!p) {
		cc->failed = 1;
		return 0;
	}
	cc->prog = p;
	p[cc->n].op = op;
	p[cc->n].x = x;
	p[cc->n].y = y;
	return cc->n++;
}

static void compile_node(struct compiler *cc, int i);

/* x{min,max}: min copies, then either a loop or (max - min) optional
 * copies that all skip to the end. */
static void compile_repeat(struct compiler *cc, const struct rnode *r)
{
	int skips[DUP_MAX + 1], nskips = 0;

	for (int k = 0; k < r->min && !cc->failed; k++)
		compile_node(cc, r->a);
	if (r->max < 0) {
		int split = emit(cc, OP_SPLIT, 0, 0);

		cc->prog[split].x = cc->n;
		compile_node(cc, r->a);
		emit(cc, OP_JMP, split, 0);
		if (!cc->failed)
			cc->prog[split].y = cc->n;
		return;
	}
	for (int k = r->min; k < r->max && !cc->failed; k++) {
		skips[nskips] = emit(cc, OP_SPLIT, 0, 0);
		if (cc->failed)
			return;
		cc->prog[skips[nskips++]].x = cc->n;
		compile_node(cc, r->a);
	}
	for (int k = 0; k < nskips && !cc->failed; k++)
		cc->prog[skips[k]].y = cc->n;
}

static void compile_alt(struct compiler *cc, const struct rnode *r)
{
	int split = emit(cc, OP_SPLIT, 0, 0), jmp;

	if (cc->failed)
		return;
	cc->prog[split].x = cc->n;
	compile_node(cc, r->a);
	jmp = emit(cc, OP_JMP, 0, 0);
	if (cc->failed)
		return;
	cc->prog[split].y = cc->n;
	compile_node(cc, r->b);
	if (!cc->failed)
		cc->prog[jmp].x = cc->n;
}

static void compile_node(struct compiler *cc, int i)
{
	const struct rnode *r = &cc->nodes[i];

	if (cc->failed)
		return;
	switch (r->kind) {
	case R_EMPTY:
		break;
	case R_CHAR:
		emit(cc, OP_CHAR, r->c, 0);
		break;
	case R_ANY:
		emit(cc, OP_ANY, 0, 0);
		break;
	case R_CLASS:
		emit(cc, OP_CLASS, r->c, 0);
		break;
	case R_BOL:
		emit(cc, OP_BOL, 0, 0);
		break;
	case R_EOL:
		emit(cc, OP_EOL, 0, 0);
		break;
	case R_CAT:
		compile_node(cc, r->a);
		compile_node(cc, r->b);
		break;
	case R_ALT:
		compile_alt(cc, r);
		break;
	case R_REPEAT:
		compile_repeat(cc, r);
		break;
	}
}

struct regex *re_compile(const char *pattern, int flags, const char **err)
{
	struct parser ps = { 0 };
	struct compiler cc = { 0 };
	struct regex *re;
	int root;

	ps.p = pattern;
	ps.ere = (flags & RE_EXTENDED) != 0;
	ps.icase = (flags & RE_ICASE) != 0;
	root = parse_alt(&ps);
	if (!ps.err && *ps.p)
		ps.err = ps.ere ? "unmatched )" : "unmatched \\)";
	if (!ps.err) {
		cc.nodes = ps.nodes;
		compile_node(&cc, root);
		emit(&cc, OP_MATCH, 0, 0);
		if (cc.failed)
			ps.err = "pattern too large";
	}
	free(ps.nodes);
	re = ps.err ? NULL : malloc(sizeof(*re));
	if (!re) {
		*err = ps.err ? ps.err : "out of memory";
		free(cc.prog);
		free(ps.classes);
		return NULL;
	}
	re->prog = cc.prog;
	re->n = cc.n;
	re->classes = ps.classes;
	re->nclasses = ps.nclasses;
	return re;
}

void re_free(struct regex *re)
{
	if (!re)
		return;
	free(re->prog);
	free(re->classes);
	free(re);
}

/* ---- matching ---- */

struct threads {
	int *pcs;
	int n;
};

struct run {
	const struct regex *re;
	size_t len;
	int *mark; /* the step at which each pc was last added */
	int step;
	int matched;
};

static void add_thread(struct run *r, struct threads *t, int pc, size_t pos)
{
	const struct inst *in = &r->re->prog[pc];

	if (r->mark[pc] == r->step)
		return;
	r->mark[pc] = r->step;
	switch (in->op) {
	case OP_JMP:
		add_thread(r, t, in->x, pos);
		break;
	case OP_SPLIT:
		add_thread(r, t, in->x, pos);
		add_thread(r, t, in->y, pos);
		break;
	case OP_BOL:
		if (pos == 0)
			add_thread(r, t, pc + 1, pos);
		break;
	case OP_EOL:
		if (pos == r->len)
			add_thread(r, t, pc + 1, pos);
		break;
	case OP_MATCH:
		r->matched = 1;
		break;
	default:
		t->pcs[t->n++] = pc;
	}
}

static int consumes(const struct regex *re, const struct inst *in, unsigned char c)
{
	switch (in->op) {
	case OP_CHAR:
		return in->x == c;
	case OP_ANY:
		return c != '\n';
	case OP_CLASS:
		return set_has(&re->classes[in->x], c);
	default:
		return 0;
	}
}

int re_search(const struct regex *re, const char *s, size_t len)
{
	struct run r = { re, len, calloc((size_t)re->n, sizeof(int)), 1, 0 };
	struct threads a = { malloc((size_t)re->n * sizeof(int)), 0 };
	struct threads b = { malloc((size_t)re->n * sizeof(int)), 0 };
	struct threads *cur = &a, *next = &b, *tmp;

	if (!r.mark || !a.pcs || !b.pcs) {
		free(r.mark);
		free(a.pcs);
		free(b.pcs);
		return 0;
	}
	for (size_t pos = 0; !r.matched; pos++) {
		add_thread(&r, cur, 0, pos);
		if (r.matched || pos == len)
			break;
		r.step++;
		next->n = 0;
		for (int i = 0; i < cur->n; i++)
			if (consumes(re, &re->prog[cur->pcs[i]], (unsigned char)s[pos]))
				add_thread(&r, next, cur->pcs[i] + 1, pos + 1);
		tmp = cur;
		cur = next;
		next = tmp;
	}
	free(r.mark);
	free(a.pcs);
	free(b.pcs);
	return r.matched;
}
