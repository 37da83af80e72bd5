/*
 * sort: sort lines of text.
 *
 *   sort [-rnufb] [-t SEP] [-k POS1[,POS2]]... [-o FILE] [FILE...]
 *
 * Lines are compared by their keys, in order, then (unless -u) whole
 * against whole so that the output never depends on the input order. A key
 * -k N[,M] runs from field N to the end of field M (or of the line); fields
 * are separated by SEP, or else begin where blanks begin. A key may carry
 * its own letters (-k 2n,2r). -u keeps the first of each run of lines whose
 * keys are equal.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] =
	"usage: sort [-rnufb] [-t SEP] [-k POS1[,POS2]]... [-o FILE] [FILE...]\n"
	"Sort the lines of the FILEs (or standard input).\n"
	"  -r  reverse   -n  numeric   -f  ignore case   -b  ignore leading blanks\n"
	"  -u  output only the first of lines with equal keys\n"
	"  -t SEP       fields are separated by SEP (default: runs of blanks)\n"
	"  -k N[,M]     sort on fields N to M (letters n r f b may follow N or M)\n"
	"  -o FILE      write to FILE (which may be one of the inputs)\n";

enum { O_NUM = 1, O_REV = 2, O_FOLD = 4, O_BLANK = 8 };

struct key {
	int first, last; /* fields, from 1; last 0: to the end of the line */
	int flags;
};

static struct key keys[16];
static int nkeys, global_flags, opt_unique;
static int sep = -1;

struct line {
	char *s;
	size_t len;
};

/* Where field n (from 1) starts in s[0..len); len if there is none. */
static size_t field_start(const char *s, size_t len, int n)
{
	size_t i = 0;

	for (int f = 1; f < n && i < len; f++) {
		if (sep >= 0) {
			while (i < len && s[i] != sep)
				i++;
			if (i < len)
				i++;
		} else {
			while (i < len && isblank((unsigned char)s[i]))
				i++;
			while (i < len && !isblank((unsigned char)s[i]))
				i++;
		}
	}
	return i;
}

static size_t field_end(const char *s, size_t len, int n)
{
	size_t i = field_start(s, len, n);

	if (sep >= 0) {
		while (i < len && s[i] != sep)
			i++;
		return i;
	}
	while (i < len && isblank((unsigned char)s[i]))
		i++;
	while (i < len && !isblank((unsigned char)s[i]))
		i++;
	return i;
}

static double num_value(const char *s, size_t len)
{
	char buf[64];
	size_t n = len < sizeof(buf) - 1 ? len : sizeof(buf) - 1;

	memcpy(buf, s, n);
	buf[n] = '\0';
	return strtod(buf, NULL);
}

static const char *skip_blanks(const char *s, size_t *len)
{
	while (*len && isblank((unsigned char)*s)) {
		s++;
		(*len)--;
	}
	return s;
}

static int compare_text(const char *a, size_t al, const char *b, size_t bl, int flags)
{
	size_t n = al < bl ? al : bl;
	if (flags & O_BLANK) {
		a = skip_blanks(a, &al);
		b = skip_blanks(b, &bl);
		n = al < bl ? al : bl;
	}
	if (flags & O_NUM) {
		double x = num_value(a, al), y = num_value(b, bl);

		return (x > y) - (x < y);
	}
	for (size_t i = 0; i < n; i++) {
		int ca = (unsigned char)a[i], cb = (unsigned char)b[i];

		if (flags & O_FOLD) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca - cb;
	}
	return (al > bl) - (al < bl);
}

static int compare_key(const struct line *a, const struct line *b, const struct key *k)
{
	size_t as = field_start(a->s, a->len, k->first), bs = field_start(b->s, b->len, k->first);
	size_t ae = k->last ? field_end(a->s, a->len, k->last) : a->len;
	size_t be = k->last ? field_end(b->s, b->len, k->last) : b->len;
	int r;

	ae = ae < as ? as : ae;
	be = be < bs ? bs : be;
	r = compare_text(a->s + as, ae - as, b->s + bs, be - bs, k->flags);
	return k->flags & O_REV ? -r : r;
}

static int compare_keys(const struct line *a, const struct line *b)
{
	struct key whole = { 1, 0, global_flags };
	int r;

	if (nkeys == 0)
		return compare_key(a, b, &whole);
	for (int i = 0; i < nkeys; i++)
		if ((r = compare_key(a, b, &keys[i])) != 0)
			return r;
	return 0;
}

static int compare_lines(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int r = compare_keys(a, b);

	if (r || opt_unique)
		return r;
	r = compare_text(a->s, a->len, b->s, b->len, 0);
	return global_flags & O_REV ? -r : r;
}

static int letter_flag(char c)
{
	switch (c) {
	case 'n':
		return O_NUM;
	case 'r':
		return O_REV;
	case 'f':
		return O_FOLD;
	case 'b':
		return O_BLANK;
	default:
		return 0;
	}
}

static int key_flags(const char *s, const char **end)
{
	int flags = 0;

	for (; *s && letter_flag(*s); s++)
		flags |= letter_flag(*s);
	*end = s;
	return flags;
}

static void parse_key(const char *arg)
{
	struct key *k = &keys[nkeys];
	const char *p = arg;
	char *end;
	int flags;

	if (nkeys == (int)(sizeof(keys) / sizeof(keys[0])))
		tool_usage_error("too many keys");
	k->first = (int)strtol(p, &end, 10);
	flags = key_flags(end, &p);
	if (*p == ',') {
		k->last = (int)strtol(p + 1, &end, 10);
		flags |= key_flags(end, &p);
		if (k->last < k->first)
			tool_usage_error("invalid key '%s'", arg);
	}
	if (k->first < 1 || *p)
		tool_usage_error("invalid key '%s'", arg);
	k->flags = flags ? flags : -1;
	nkeys++;
}

struct lines {
	struct line *v;
	size_t n, cap;
};

static void add_line(struct lines *l, char *s, size_t len)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v) {
			tool_warn("out of memory");
			exit(2);
		}
	}
	l->v[l->n].s = s;
	l->v[l->n].len = len;
	l->n++;
}

static int read_lines(FILE *f, struct lines *l, const char *name)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int c;

	for (;;) {
		c = getc(f);
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 128;
			buf = realloc(buf, cap);
			if (!buf) {
				tool_warn("out of memory");
				exit(2);
			}
		}
		if (c == EOF || c == '\n') {
			if (c == '\n' || n > 0) {
				buf[n] = '\0';
				add_line(l, buf, n);
				buf = NULL;
				cap = n = 0;
			}
			if (c == EOF)
				break;
			continue;
		}
		buf[n++] = (char)c;
	}
	free(buf);
	if (ferror(f))
		return tool_errno(name);
	return 0;
}

static int read_all(int argc, char **argv, struct lines *l)
{
	int status = 0;

	if (argc == 0)
		return read_lines(stdin, l, "standard input");
	for (int i = 0; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(argv[i], "r");

		if (!f) {
			status |= tool_errno(argv[i]);
			continue;
		}
		status |= read_lines(f, l, argv[i]);
		if (!is_stdin)
			fclose(f);
	}
	return status;
}

static int write_all(struct lines *l, const char *out_path)
{
	FILE *out = out_path ? fopen(out_path, "w") : stdout;

	if (!out)
		return tool_errno(out_path);
	for (size_t i = 0; i < l->n; i++) {
		if (opt_unique && i > 0 && compare_keys(&l->v[i - 1], &l->v[i]) == 0)
			continue;
		fwrite(l->v[i].s, 1, l->v[i].len, out);
		putc('\n', out);
	}
	if (fflush(out) != 0)
		return tool_errno(out_path ? out_path : "write error");
	if (out_path)
		fclose(out);
	return 0;
}

int main(int argc, char **argv)
{
	struct lines l = { 0 };
	const char *out_path = NULL;
	int c, status;

	tool_init("sort", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "rnufbt:k:o:")) != -1) {
		if (c == 'k')
			parse_key(optarg);
		else if (c == 'o')
			out_path = optarg;
		else if (c == 'u')
			opt_unique = 1;
		else if (c == 't' && strlen(optarg) != 1)
			tool_usage_error("the separator must be one character: '%s'", optarg);
		else if (c == 't')
			sep = (unsigned char)optarg[0];
		else
			global_flags |= letter_flag((char)c);
	}
	for (int i = 0; i < nkeys; i++)
		if (keys[i].flags < 0)
			keys[i].flags = global_flags;
	status = read_all(argc - optind, argv + optind, &l);
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), compare_lines);
	if (write_all(&l, out_path))
		return 2;
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].s);
	free(l.v);
	return status ? 2 : 0;
}
