/*
 * The printf engine: parses each conversion of a format and renders it
 * into a sink (struct fe_out), which the printf family points at a FILE,
 * a caller's buffer or a growing allocation. Floating point is in
 * fmtfloat.c.
 *
 * Arguments come in order from the va_list, or, when the format numbers
 * them (POSIX's "%2$s %1$d", "*3$"), from an array filled first: one pass
 * over the format learns each numbered argument's type, then they are
 * taken from the va_list in number order (collect_positional).
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "stdio_impl.h"

struct conv {
	struct fmt_spec s;
	int size;
	int argi; /* the value's argument number, 0: the next one */
};

#define MAX_POSITIONAL 64

enum kind { K_NONE, K_INT, K_LONG, K_DOUBLE, K_LDOUBLE, K_PTR };

union value {
	long long i;
	double d;
	long double ld;
	void *p;
};

/* Where arguments come from: the va_list in order, or pos[number]. */
struct args {
	va_list *ap;
	union value *pos;
};

static long long take_int(struct args *a, int argi, enum kind k)
{
	if (a->pos)
		return argi > 0 && argi <= MAX_POSITIONAL ? a->pos[argi].i : 0;
	return k == K_LONG ? va_arg(*a->ap, long long) : va_arg(*a->ap, int);
}

static void *take_ptr(struct args *a, int argi)
{
	if (a->pos)
		return argi > 0 && argi <= MAX_POSITIONAL ? a->pos[argi].p : NULL;
	return va_arg(*a->ap, void *);
}

static long double take_float(struct args *a, int argi, bool is_long)
{
	if (a->pos) {
		if (argi <= 0 || argi > MAX_POSITIONAL)
			return 0;
		return is_long ? a->pos[argi].ld : a->pos[argi].d;
	}
	return is_long ? va_arg(*a->ap, long double) : va_arg(*a->ap, double);
}

static void put_n(struct fe_out *o, const char *s, size_t n)
{
	if (n) {
		o->put(o, s, n);
		o->count += n;
	}
}

void __fe_out_pad(struct fe_out *o, char c, long n)
{
	char pad[32];

	if (n <= 0)
		return;
	memset(pad, c, sizeof(pad));
	for (; n > 0; n -= (long)sizeof(pad))
		put_n(o, pad, n < (long)sizeof(pad) ? (size_t)n : sizeof(pad));
}

void __fe_out_field(struct fe_out *o, const struct fmt_spec *s, const char *prefix,
                    const char *body, size_t len, bool zero_pad_ok)
{
	size_t plen = strlen(prefix);
	long pad = (long)s->width - (long)(plen + len);
	bool zeros = (s->flags & FL_ZERO) && !(s->flags & FL_LEFT) && zero_pad_ok;

	if (!(s->flags & FL_LEFT) && !zeros)
		__fe_out_pad(o, ' ', pad);
	put_n(o, prefix, plen);
	if (zeros)
		__fe_out_pad(o, '0', pad);
	put_n(o, body, len);
	if (s->flags & FL_LEFT)
		__fe_out_pad(o, ' ', pad);
}

static int read_int(const char **p)
{
	long n = 0;

	while (**p >= '0' && **p <= '9') {
		n = n * 10 + (*(*p)++ - '0');
		if (n > INT_MAX)
			n = INT_MAX;
	}
	return (int)n;
}

static unsigned read_flags(const char **p)
{
	unsigned f = 0;

	for (;; (*p)++) {
		switch (**p) {
		case '-':
			f |= FL_LEFT;
			break;
		case '0':
			f |= FL_ZERO;
			break;
		case '+':
			f |= FL_PLUS;
			break;
		case ' ':
			f |= FL_SPACE;
			break;
		case '#':
			f |= FL_ALT;
			break;
		default:
			return f;
		}
	}
}

int fe_read_size(const char **p)
{
	const char *f = *p;

	*p += 1;
	switch (f[0]) {
	case 'h':
		return f[1] == 'h' ? (*p += 1, SZ_CHAR) : SZ_SHORT;
	case 'l':
		return f[1] == 'l' ? (*p += 1, SZ_LLONG) : SZ_LONG;
	case 'q':
		return SZ_LLONG;
	case 'j':
		return SZ_MAX;
	case 'z':
		return SZ_SIZE;
	case 't':
		return SZ_PTRDIFF;
	case 'L':
		return SZ_LDOUBLE;
	default:
		*p -= 1;
		return SZ_INT;
	}
}

/* "n$" at *p: n (and *p moves past it), else 0. */
static int read_position(const char **p)
{
	const char *q = *p;
	int n = 0;

	while (*q >= '0' && *q <= '9' && n <= MAX_POSITIONAL)
		n = n * 10 + (*q++ - '0');
	if (*q != '$' || q == *p)
		return 0;
	*p = q + 1;
	return n;
}

/* Parse the conversion after '%'; *p ends past it. Widths and precisions
 * given as '*' are taken from the arguments here. */
static void parse(const char **p, struct args *a, struct conv *c)
{
	c->argi = read_position(p);
	c->s.flags = read_flags(p);
	if (**p == '*') {
		(*p)++;
		c->s.width = (int)take_int(a, read_position(p), K_INT);
		if (c->s.width < 0) {
			c->s.flags |= FL_LEFT;
			c->s.width = c->s.width == INT_MIN ? INT_MAX : -c->s.width;
		}
	} else {
		c->s.width = read_int(p);
	}
	c->s.prec = -1;
	if (**p == '.') {
		(*p)++;
		if (**p == '*') {
			(*p)++;
			c->s.prec = (int)take_int(a, read_position(p), K_INT);
			if (c->s.prec < 0)
				c->s.prec = -1;
		} else {
			c->s.prec = read_int(p);
		}
	}
	c->size = fe_read_size(p);
	c->s.conv = **p ? *(*p)++ : '\0';
}

static enum kind int_kind(int size)
{
	return size == SZ_CHAR || size == SZ_SHORT || size == SZ_INT ? K_INT : K_LONG;
}

static intmax_t fetch_signed(struct args *a, const struct conv *c)
{
	long long v = take_int(a, c->argi, int_kind(c->size));

	switch (c->size) {
	case SZ_CHAR:
		return (signed char)v;
	case SZ_SHORT:
		return (short)v;
	case SZ_INT:
		return (int)v;
	default:
		return v;
	}
}

static uintmax_t fetch_unsigned(struct args *a, const struct conv *c)
{
	long long v = take_int(a, c->argi, int_kind(c->size));

	switch (c->size) {
	case SZ_CHAR:
		return (unsigned char)v;
	case SZ_SHORT:
		return (unsigned short)v;
	case SZ_INT:
		return (unsigned)v;
	default:
		return (unsigned long long)v;
	}
}

/* Digits of v, written backwards from end; returns the first. */
static char *digits(uintmax_t v, unsigned base, bool upper, char *end)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = set[v % base];
		v /= base;
	} while (v);
	return end;
}

/* The sign or base prefix of an integer conversion. */
static const char *int_prefix(const struct fmt_spec *s, uintmax_t v, bool neg)
{
	bool is_signed = s->conv == 'd' || s->conv == 'i';

	if (neg)
		return "-";
	if (is_signed && (s->flags & FL_PLUS))
		return "+";
	if (is_signed && (s->flags & FL_SPACE))
		return " ";
	if (s->conv == 'p' || ((s->flags & FL_ALT) && v && s->conv == 'x'))
		return "0x";
	if ((s->flags & FL_ALT) && v && s->conv == 'X')
		return "0X";
	return "";
}

static void format_integer(struct fe_out *o, const struct fmt_spec *s, uintmax_t v, bool neg)
{
	char buf[32];
	unsigned base = s->conv == 'o' ? 8 : strchr("xXp", s->conv) ? 16 : 10;
	char *end = buf + sizeof(buf), *d = digits(v, base, s->conv == 'X', end);
	const char *prefix = int_prefix(s, v, neg);
	size_t len = (size_t)(end - d), zeros = 0, plen = strlen(prefix);
	bool zero_fill = (s->flags & FL_ZERO) && !(s->flags & FL_LEFT) && s->prec < 0;
	long pad;

	if (s->prec == 0 && v == 0)
		len = 0;
	if (s->prec >= 0 && (size_t)s->prec > len)
		zeros = (size_t)s->prec - len;
	if (s->conv == 'o' && (s->flags & FL_ALT) && zeros == 0 && (len == 0 || *d != '0'))
		zeros = 1;
	pad = (long)s->width - (long)(plen + zeros + len);
	if (!(s->flags & FL_LEFT) && !zero_fill)
		__fe_out_pad(o, ' ', pad);
	put_n(o, prefix, plen);
	if (zero_fill)
		__fe_out_pad(o, '0', pad);
	__fe_out_pad(o, '0', (long)zeros);
	put_n(o, end - len, len);
	if (s->flags & FL_LEFT)
		__fe_out_pad(o, ' ', pad);
}

static void format_string(struct fe_out *o, const struct fmt_spec *s, const char *str);

/* %p: as %#lx, and "(nil)" for a null pointer as glibc prints it. */
static void format_pointer(struct fe_out *o, const struct fmt_spec *s, const void *p)
{
	struct fmt_spec t = *s;

	if (!p) {
		t.prec = -1;
		format_string(o, &t, "(nil)");
		return;
	}
	format_integer(o, s, (uintptr_t)p, false);
}

static void format_string(struct fe_out *o, const struct fmt_spec *s, const char *str)
{
	size_t len;

	if (!str)
		str = "(null)";
	len = s->prec < 0 ? strlen(str) : strnlen(str, (size_t)s->prec);
	__fe_out_field(o, s, "", str, len, false);
}

/* Wide characters in the C locale: each one byte, if it fits. */
static void format_wide(struct fe_out *o, const struct fmt_spec *s, const wchar_t *ws)
{
	char buf[256];
	size_t n = 0;

	if (!ws) {
		format_string(o, s, NULL);
		return;
	}
	while (ws[n] && n < sizeof(buf) && (s->prec < 0 || n < (size_t)s->prec)) {
		buf[n] = ws[n] < 256 ? (char)ws[n] : '?';
		n++;
	}
	__fe_out_field(o, s, "", buf, n, false);
}

static void store_count(struct args *a, const struct conv *c, size_t count)
{
	void *p = take_ptr(a, c->argi);

	switch (c->size) {
	case SZ_CHAR:
		*(signed char *)p = (signed char)count;
		break;
	case SZ_SHORT:
		*(short *)p = (short)count;
		break;
	case SZ_INT:
		*(int *)p = (int)count;
		break;
	default:
		*(long *)p = (long)count;
	}
}

static void format_float_arg(struct fe_out *o, struct conv *c, struct args *a)
{
	bool is_long = c->size == SZ_LDOUBLE;

	__fe_format_float(o, &c->s, take_float(a, c->argi, is_long), is_long);
}

static void convert(struct fe_out *o, struct conv *c, struct args *a, int saved_errno)
{
	intmax_t sv;
	char ch;

	switch (c->s.conv) {
	case 'd':
	case 'i':
		sv = fetch_signed(a, c);
		format_integer(o, &c->s, sv < 0 ? 0 - (uintmax_t)sv : (uintmax_t)sv, sv < 0);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		format_integer(o, &c->s, fetch_unsigned(a, c), false);
		break;
	case 'p':
		format_pointer(o, &c->s, take_ptr(a, c->argi));
		break;
	case 'c':
	case 'C':
		ch = (char)take_int(a, c->argi, K_INT);
		__fe_out_field(o, &c->s, "", &ch, 1, false);
		break;
	case 's':
		if (c->size == SZ_LONG)
			format_wide(o, &c->s, take_ptr(a, c->argi));
		else
			format_string(o, &c->s, take_ptr(a, c->argi));
		break;
	case 'S':
		format_wide(o, &c->s, take_ptr(a, c->argi));
		break;
	case 'm':
		format_string(o, &c->s, strerror(saved_errno));
		break;
	case 'n':
		store_count(a, c, o->count);
		break;
	case 'a':
	case 'A':
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		format_float_arg(o, c, a);
		break;
	case '%':
		put_n(o, "%", 1);
		break;
	default:
		put_n(o, "%", 1);
		if (c->s.conv)
			put_n(o, &c->s.conv, 1);
	}
}

/* The kind of argument conversion `conv` with `size` takes. */
static enum kind value_kind(char conv, int size)
{
	if (conv == 'c' || conv == 'C')
		return K_INT;
	if (strchr("diouxX", conv))
		return int_kind(size);
	if (strchr("aAeEfFgG", conv))
		return size == SZ_LDOUBLE ? K_LDOUBLE : K_DOUBLE;
	if (strchr("spnS", conv))
		return K_PTR;
	return K_NONE;
}

/* Does the format number its arguments ("%1$d")? */
static bool positional(const char *fmt)
{
	for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 1, '%')) {
		const char *q = p + 1;

		if (read_position(&q))
			return true;
		if (*q == '%')
			p = q;
	}
	return false;
}

static void note(enum kind *kinds, int *max, int i, enum kind k)
{
	if (i <= 0 || i > MAX_POSITIONAL)
		return;
	kinds[i] = k;
	if (i > *max)
		*max = i;
}

/* A '*' width or precision at *q: note its argument number's kind. */
static void note_star(const char **q, enum kind *kinds, int *max)
{
	if (**q != '*')
		return;
	(*q)++;
	note(kinds, max, read_position(q), K_INT);
}

/* Learn each numbered argument's kind from the format, then take them all
 * from the va_list in number order. */
static void collect_positional(const char *fmt, va_list *ap, union value *pos)
{
	enum kind kinds[MAX_POSITIONAL + 1] = { K_NONE };
	int max = 0;

	for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
		const char *q = p + 1;
		int argi, size;

		if (*q == '%') {
			p = q + 1;
			continue;
		}
		argi = read_position(&q);
		read_flags(&q);
		note_star(&q, kinds, &max);
		read_int(&q);
		if (*q == '.') {
			q++;
			note_star(&q, kinds, &max);
			read_int(&q);
		}
		size = fe_read_size(&q);
		if (!*q)
			break;
		note(kinds, &max, argi, value_kind(*q, size));
		p = q + 1;
	}
	for (int i = 1; i <= max; i++) {
		if (kinds[i] == K_DOUBLE)
			pos[i].d = va_arg(*ap, double);
		else if (kinds[i] == K_LDOUBLE)
			pos[i].ld = va_arg(*ap, long double);
		else if (kinds[i] == K_PTR)
			pos[i].p = va_arg(*ap, void *);
		else if (kinds[i] == K_LONG)
			pos[i].i = va_arg(*ap, long long);
		else
			pos[i].i = va_arg(*ap, int);
	}
}

int __fe_vformat(struct fe_out *o, const char *fmt, va_list ap)
{
	union value pos[MAX_POSITIONAL + 1];
	int saved_errno = errno;
	struct args a;
	struct conv c;
	va_list args;

	va_copy(args, ap);
	a.ap = &args;
	a.pos = NULL;
	if (positional(fmt)) {
		collect_positional(fmt, &args, pos);
		a.pos = pos;
	}
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t lit = pct ? (size_t)(pct - fmt) : strlen(fmt);

		put_n(o, fmt, lit);
		fmt += lit;
		if (!*fmt)
			break;
		fmt++;
		parse(&fmt, &a, &c);
		convert(o, &c, &a, saved_errno);
	}
	va_end(args);
	if (o->error)
		return -1;
	if (o->count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o->count;
}
