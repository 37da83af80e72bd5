/*
 * The printf engine: parses each conversion of a format and renders it
 * into a sink (struct fe_out), which the printf family points at a FILE,
 * a caller's buffer or a growing allocation. Floating point is in
 * fmtfloat.c. Positional arguments (%1$d) are not supported.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "stdio_impl.h"

enum { SZ_CHAR = 1, SZ_SHORT, SZ_INT, SZ_LONG, SZ_LLONG, SZ_SIZE, SZ_MAX, SZ_PTRDIFF, SZ_LDOUBLE };

struct conv {
	struct fmt_spec s;
	int size;
};

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

static int read_size(const char **p)
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

/* Parse the conversion after '%'; *p ends past it. */
static void parse(const char **p, va_list *ap, struct conv *c)
{
	c->s.flags = read_flags(p);
	if (**p == '*') {
		(*p)++;
		c->s.width = va_arg(*ap, int);
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
			c->s.prec = va_arg(*ap, int);
			if (c->s.prec < 0)
				c->s.prec = -1;
		} else {
			c->s.prec = read_int(p);
		}
	}
	c->size = read_size(p);
	c->s.conv = **p ? *(*p)++ : '\0';
}

static intmax_t fetch_signed(va_list *ap, int size)
{
	switch (size) {
	case SZ_CHAR:
		return (signed char)va_arg(*ap, int);
	case SZ_SHORT:
		return (short)va_arg(*ap, int);
	case SZ_LONG:
		return va_arg(*ap, long);
	case SZ_LLONG:
		return va_arg(*ap, long long);
	case SZ_SIZE:
		return va_arg(*ap, ssize_t);
	case SZ_MAX:
		return va_arg(*ap, intmax_t);
	case SZ_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(va_list *ap, int size)
{
	switch (size) {
	case SZ_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case SZ_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case SZ_LONG:
		return va_arg(*ap, unsigned long);
	case SZ_LLONG:
		return va_arg(*ap, unsigned long long);
	case SZ_SIZE:
		return va_arg(*ap, size_t);
	case SZ_MAX:
		return va_arg(*ap, uintmax_t);
	case SZ_PTRDIFF:
		return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned);
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

static void store_count(va_list *ap, int size, size_t count)
{
	switch (size) {
	case SZ_CHAR:
		*va_arg(*ap, signed char *) = (signed char)count;
		break;
	case SZ_SHORT:
		*va_arg(*ap, short *) = (short)count;
		break;
	case SZ_LONG:
	case SZ_LLONG:
	case SZ_SIZE:
	case SZ_MAX:
	case SZ_PTRDIFF:
		*va_arg(*ap, long *) = (long)count;
		break;
	default:
		*va_arg(*ap, int *) = (int)count;
	}
}

static void format_float_arg(struct fe_out *o, struct conv *c, va_list *ap)
{
	long double v = c->size == SZ_LDOUBLE ? va_arg(*ap, long double) : va_arg(*ap, double);

	__fe_format_float(o, &c->s, v, c->size == SZ_LDOUBLE);
}

static void convert(struct fe_out *o, struct conv *c, va_list *ap, int saved_errno)
{
	intmax_t sv;
	char ch;

	switch (c->s.conv) {
	case 'd':
	case 'i':
		sv = fetch_signed(ap, c->size);
		format_integer(o, &c->s, sv < 0 ? 0 - (uintmax_t)sv : (uintmax_t)sv, sv < 0);
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		format_integer(o, &c->s, fetch_unsigned(ap, c->size), false);
		break;
	case 'p':
		format_pointer(o, &c->s, va_arg(*ap, void *));
		break;
	case 'c':
		ch = (char)(c->size == SZ_LONG ? (int)va_arg(*ap, wint_t) : va_arg(*ap, int));
		__fe_out_field(o, &c->s, "", &ch, 1, false);
		break;
	case 'C':
		ch = (char)va_arg(*ap, wint_t);
		__fe_out_field(o, &c->s, "", &ch, 1, false);
		break;
	case 's':
		if (c->size == SZ_LONG)
			format_wide(o, &c->s, va_arg(*ap, const wchar_t *));
		else
			format_string(o, &c->s, va_arg(*ap, const char *));
		break;
	case 'S':
		format_wide(o, &c->s, va_arg(*ap, const wchar_t *));
		break;
	case 'm':
		format_string(o, &c->s, strerror(saved_errno));
		break;
	case 'n':
		store_count(ap, c->size, o->count);
		break;
	case 'a':
	case 'A':
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		format_float_arg(o, c, ap);
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

int __fe_vformat(struct fe_out *o, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	struct conv c;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t lit = pct ? (size_t)(pct - fmt) : strlen(fmt);

		put_n(o, fmt, lit);
		fmt += lit;
		if (!*fmt)
			break;
		fmt++;
		parse(&fmt, &args, &c);
		convert(o, &c, &args, saved_errno);
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
