/*
 * Parsing regular expressions (regex.h) into the tree of regex_tree.h, by
 * recursive descent: alternation, then concatenation, then repetition,
 * then atoms. BRE and ERE differ only in which characters are operators:
 * in a BRE, ( ) { } + ? | are operators only after a backslash, * is
 * literal at the start, and ^ and $ anchor only at the ends.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "regex_tree.h"

void *re_grow(void *p, int *cap, int need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 64;
	if (*cap < need)
		*cap = need;
	return realloc(p, (size_t)*cap * size);
}

static int new_node(struct parser *ps, enum rkind kind, int a, int b)
{
	struct rnode *nodes = re_grow(ps->nodes, &ps->capnodes, ps->nnodes + 1, sizeof(*nodes));

	if (!nodes) {
		ps->err = "out of memory";
		return 0;
	}
	ps->nodes = nodes;
	memset(&nodes[ps->nnodes], 0, sizeof(*nodes));
	nodes[ps->nnodes].kind = kind;
	nodes[ps->nnodes].a = a;
	nodes[ps->nnodes].b = b;
	return ps->nnodes++;
}

static int new_class(struct parser *ps, const struct cset *set)
{
	struct cset *c = re_grow(ps->classes, &ps->capclasses, ps->nclasses + 1, sizeof(*c));

	if (!c) {
		ps->err = "out of memory";
		return 0;
	}
	ps->classes = c;
	c[ps->nclasses] = *set;
	return ps->nclasses++;
}

static void set_add(struct cset *s, int c, int icase)
{
	s->bits[c >> 3] |= (unsigned char)(1 << (c & 7));
	if (icase && isalpha(c)) {
		int o = islower(c) ? toupper(c) : tolower(c);

		s->bits[o >> 3] |= (unsigned char)(1 << (o & 7));
	}
}

static int char_node(struct parser *ps, int c)
{
	if (ps->icase && isalpha(c)) {
		struct cset set = { { 0 } };
		int n;

		set_add(&set, c, 1);
		n = new_node(ps, R_CLASS, 0, 0);
		ps->nodes[n].c = new_class(ps, &set);
		return n;
	}
	int n = new_node(ps, R_CHAR, 0, 0);

	ps->nodes[n].c = c;
	return n;
}

static int add_named_class(struct cset *set, const char *name, size_t len, int icase)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alpha", isalpha }, { "digit", isdigit },   { "alnum", isalnum },
		{ "upper", isupper }, { "lower", islower },   { "space", isspace },
		{ "punct", ispunct }, { "xdigit", isxdigit }, { "print", isprint },
		{ "graph", isgraph }, { "cntrl", iscntrl },   { "blank", isblank },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) != len || strncmp(classes[i].name, name, len) != 0)
			continue;
		for (int c = 1; c < 256; c++)
			if (classes[i].fn(c))
				set_add(set, c, icase);
		return 0;
	}
	return -1;
}

/* After '[': one bracket expression, through its ']'. */
static int parse_bracket(struct parser *ps)
{
	struct cset set = { { 0 } };
	int neg = 0, first = 1, n;

	if (*ps->p == '^') {
		neg = 1;
		ps->p++;
	}
	while (first || *ps->p != ']') {
		int lo, hi;

		first = 0;
		if (!*ps->p) {
			ps->err = "unmatched [";
			return 0;
		}
		if (ps->p[0] == '[' && ps->p[1] == ':') {
			const char *end = strstr(ps->p + 2, ":]");

			if (!end || add_named_class(&set, ps->p + 2, (size_t)(end - ps->p - 2),
			                            ps->icase) < 0) {
				ps->err = "invalid character class";
				return 0;
			}
			ps->p = end + 2;
			continue;
		}
		lo = hi = (unsigned char)*ps->p++;
		if (ps->p[0] == '-' && ps->p[1] && ps->p[1] != ']') {
			hi = (unsigned char)ps->p[1];
			ps->p += 2;
			if (hi < lo) {
				ps->err = "invalid range end";
				return 0;
			}
		}
		for (int c = lo; c <= hi; c++)
			set_add(&set, c, ps->icase);
	}
	ps->p++;
	if (neg)
		for (int i = 0; i < 32; i++)
			set.bits[i] = (unsigned char)~set.bits[i];
	set.bits['\n' >> 3] &= (unsigned char)~(1 << ('\n' & 7));
	n = new_node(ps, R_CLASS, 0, 0);
	ps->nodes[n].c = new_class(ps, &set);
	return n;
}

/* An interval {m}, {m,}, {m,n}; p is after the '{'. Returns 0 if it is
 * not one (an ERE then takes the '{' literally). */
static int parse_interval(struct parser *ps, int *min, int *max)
{
	const char *p = ps->p;
	char *end;
	const char *close = ps->ere ? "}" : "\\}";

	if (!isdigit((unsigned char)*p))
		return 0;
	*min = (int)strtol(p, &end, 10);
	*max = *min;
	p = end;
	if (*p == ',') {
		p++;
		*max = isdigit((unsigned char)*p) ? (int)strtol(p, &end, 10) : -1;
		p = isdigit((unsigned char)*p) ? end : p;
	}
	if (strncmp(p, close, strlen(close)) != 0)
		return 0;
	if (*min > DUP_MAX || *max > DUP_MAX || (*max >= 0 && *max < *min)) {
		ps->err = "invalid repetition count";
		return 0;
	}
	ps->p = p + strlen(close);
	return 1;
}

static int repeat(struct parser *ps, int atom, int min, int max)
{
	int n = new_node(ps, R_REPEAT, atom, 0);

	ps->nodes[n].min = min;
	ps->nodes[n].max = max;
	return n;
}

/* A repetition operator after an atom, if there is one. */
static int parse_postfix(struct parser *ps, int atom, int *done)
{
	const char *p = ps->p;
	int min, max;

	*done = 0;
	if (*p == '*') {
		ps->p++;
		return repeat(ps, atom, 0, -1);
	}
	if ((ps->ere && *p == '+') || (!ps->ere && p[0] == '\\' && p[1] == '+')) {
		ps->p += ps->ere ? 1 : 2;
		return repeat(ps, atom, 1, -1);
	}
	if ((ps->ere && *p == '?') || (!ps->ere && p[0] == '\\' && p[1] == '?')) {
		ps->p += ps->ere ? 1 : 2;
		return repeat(ps, atom, 0, 1);
	}
	if ((ps->ere && *p == '{') || (!ps->ere && p[0] == '\\' && p[1] == '{')) {
		ps->p += ps->ere ? 1 : 2;
		if (parse_interval(ps, &min, &max))
			return repeat(ps, atom, min, max);
		if (!ps->err && !ps->ere)
			ps->err = "invalid \\{ interval";
		ps->p = p;
	}
	*done = 1;
	return atom;
}

static int at_alt_end(struct parser *ps)
{
	const char *p = ps->p;

	if (ps->ere)
		return !*p || *p == '|' || *p == ')';
	return !*p || (p[0] == '\\' && (p[1] == '|' || p[1] == ')'));
}

static int parse_atom(struct parser *ps, int at_start)
{
	char c = *ps->p++;

	if (c == '.')
		return new_node(ps, R_ANY, 0, 0);
	if (c == '[')
		return parse_bracket(ps);
	if (c == '^' && (ps->ere || at_start))
		return new_node(ps, R_BOL, 0, 0);
	if (c == '$' && (ps->ere || at_alt_end(ps)))
		return new_node(ps, R_EOL, 0, 0);
	if (ps->ere && c == '(') {
		int n = parse_alt(ps);

		if (ps->err)
			return 0;
		if (*ps->p != ')') {
			ps->err = "unmatched (";
			return 0;
		}
		ps->p++;
		return n;
	}
	if (c == '\\') {
		if (!*ps->p) {
			ps->err = "trailing backslash";
			return 0;
		}
		c = *ps->p++;
		if (!ps->ere && c == '(') {
			int n = parse_alt(ps);

			if (ps->err)
				return 0;
			if (ps->p[0] != '\\' || ps->p[1] != ')') {
				ps->err = "unmatched \\(";
				return 0;
			}
			ps->p += 2;
			return n;
		}
		if (c >= '1' && c <= '9') {
			ps->err = "back-references are not supported";
			return 0;
		}
	}
	return char_node(ps, (unsigned char)c);
}

static int parse_concat(struct parser *ps)
{
	int left = new_node(ps, R_EMPTY, 0, 0);
	int at_start = 1;

	while (!ps->err && !at_alt_end(ps)) {
		int atom, done = 0;

		if (ps->ere && (*ps->p == '*' || *ps->p == '+' || *ps->p == '?') && at_start) {
			ps->err = "repetition operator with nothing to repeat";
			return 0;
		}
		if (!ps->ere && *ps->p == '*' && at_start)
			atom = char_node(ps, *ps->p++);
		else
			atom = parse_atom(ps, at_start);
		while (!ps->err && !done)
			atom = parse_postfix(ps, atom, &done);
		left = new_node(ps, R_CAT, left, atom);
		at_start = ps->nodes[atom].kind == R_BOL && !ps->ere;
	}
	return left;
}

int parse_alt(struct parser *ps)
{
	int left = parse_concat(ps);

	while (!ps->err) {
		if (ps->ere && *ps->p == '|')
			ps->p++;
		else if (!ps->ere && ps->p[0] == '\\' && ps->p[1] == '|')
			ps->p += 2;
		else
			break;
		left = new_node(ps, R_ALT, left, parse_concat(ps));
	}
	return left;
}
