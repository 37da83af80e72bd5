/*
 * printf-style formatting, written for a freestanding runtime: no floating
 * point, no locale, no allocation. A conversion is parsed into a `struct spec`
 * and then rendered into a `struct out`, which either fills a caller's buffer
 * (snprintf) or flushes a small stack buffer to the debug console (printf).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16 };
enum { S_CHAR = -2, S_SHORT = -1, S_INT = 0, S_LONG, S_LLONG, S_SIZE };

struct spec {
	unsigned flags;
	int width;
	int prec; /* -1: none given */
	int size; /* S_* */
	char conv;
};

/* Where formatted text goes. Without a flush, what does not fit is dropped
 * but still counted. */
struct out {
	char *buf;
	size_t cap;
	size_t len;
	size_t total;
	void (*flush)(struct out *o);
};

static void put(struct out *o, char c)
{
	if (o->len == o->cap && o->flush)
		o->flush(o);
	if (o->len < o->cap)
		o->buf[o->len++] = c;
	o->total++;
}

static void put_n(struct out *o, char c, int n)
{
	for (; n > 0; n--)
		put(o, c);
}

static void put_str(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

static int parse_number(const char **fmt, va_list *ap)
{
	int n = 0;

	if (**fmt == '*') {
		(*fmt)++;
		return va_arg(*ap, int);
	}
	while (**fmt >= '0' && **fmt <= '9')
		n = n * 10 + (*(*fmt)++ - '0');
	return n;
}

static unsigned parse_flags(const char **fmt)
{
	unsigned flags = 0;

	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-':
			flags |= F_LEFT;
			break;
		case '0':
			flags |= F_ZERO;
			break;
		case '+':
			flags |= F_PLUS;
			break;
		case ' ':
			flags |= F_SPACE;
			break;
		case '#':
			flags |= F_ALT;
			break;
		default:
			return flags;
		}
	}
}

static int parse_size(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == 'z') {
		*fmt += 1;
		return S_SIZE;
	}
	if (f[0] != 'h' && f[0] != 'l')
		return S_INT;
	if (f[1] == f[0]) {
		*fmt += 2;
		return f[0] == 'h' ? S_CHAR : S_LLONG;
	}
	*fmt += 1;
	return f[0] == 'h' ? S_SHORT : S_LONG;
}

/* Parse the conversion after a '%'; *fmt ends past it. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *s)
{
	s->flags = parse_flags(fmt);
	s->width = parse_number(fmt, ap);
	if (s->width < 0) {
		s->flags |= F_LEFT;
		s->width = -s->width;
	}
	s->prec = -1;
	if (**fmt == '.') {
		(*fmt)++;
		s->prec = parse_number(fmt, ap);
	}
	s->size = parse_size(fmt);
	s->conv = **fmt ? *(*fmt)++ : '\0';
}

static int64_t fetch_signed(va_list *ap, int size)
{
	switch (size) {
	case S_CHAR:
		return (signed char)va_arg(*ap, int);
	case S_SHORT:
		return (short)va_arg(*ap, int);
	case S_LONG:
		return va_arg(*ap, long);
	case S_LLONG:
		return va_arg(*ap, long long);
	case S_SIZE:
		return va_arg(*ap, long);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t fetch_unsigned(va_list *ap, int size)
{
	switch (size) {
	case S_CHAR:
		return (unsigned char)va_arg(*ap, unsigned);
	case S_SHORT:
		return (unsigned short)va_arg(*ap, unsigned);
	case S_LONG:
		return va_arg(*ap, unsigned long);
	case S_LLONG:
		return va_arg(*ap, unsigned long long);
	case S_SIZE:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/* Digits of v in base, least significant first; returns how many. */
static int to_digits(uint64_t v, unsigned base, bool upper, char *d)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		d[n++] = set[v % base];
		v /= base;
	} while (v);
	return n;
}

static int make_prefix(const struct spec *s, bool neg, uint64_t v, char *p)
{
	int n = 0;

	if (neg)
		p[n++] = '-';
	else if (s->flags & F_PLUS)
		p[n++] = '+';
	else if (s->flags & F_SPACE)
		p[n++] = ' ';
	if ((s->flags & F_ALT) && (v || s->conv == 'p')) {
		if (s->conv == 'o')
			p[n++] = '0';
		else if (s->conv == 'x' || s->conv == 'p' || s->conv == 'X') {
			p[n++] = '0';
			p[n++] = s->conv == 'X' ? 'X' : 'x';
		}
	}
	return n;
}

static void put_number(struct out *o, const struct spec *s, uint64_t v, bool neg, unsigned base)
{
	char digits[24], prefix[4];
	int nd = to_digits(v, base, s->conv == 'X', digits);
	int np = make_prefix(s, neg, v, prefix);
	int zeros = 0, pad;

	if (s->prec == 0 && v == 0)
		nd = 0;
	if (s->prec > nd)
		zeros = s->prec - nd;
	pad = s->width - np - nd - zeros;
	if ((s->flags & F_ZERO) && !(s->flags & F_LEFT) && s->prec < 0) {
		zeros += pad > 0 ? pad : 0;
		pad = 0;
	}
	if (!(s->flags & F_LEFT))
		put_n(o, ' ', pad);
	put_str(o, prefix, (size_t)np);
	put_n(o, '0', zeros);
	while (nd)
		put(o, digits[--nd]);
	if (s->flags & F_LEFT)
		put_n(o, ' ', pad);
}

static void put_padded(struct out *o, const struct spec *s, const char *str, size_t n)
{
	int pad = s->width - (int)n;

	if (!(s->flags & F_LEFT))
		put_n(o, ' ', pad);
	put_str(o, str, n);
	if (s->flags & F_LEFT)
		put_n(o, ' ', pad);
}

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	if (!str)
		str = "(null)";
	put_padded(o, s, str, s->prec < 0 ? strlen(str) : strnlen(str, (size_t)s->prec));
}

static void put_signed(struct out *o, const struct spec *s, int64_t v)
{
	uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	put_number(o, s, mag, v < 0, 10);
}

static void put_conversion(struct out *o, struct spec *s, va_list *ap)
{
	char c;

	switch (s->conv) {
	case 'd':
	case 'i':
		put_signed(o, s, fetch_signed(ap, s->size));
		break;
	case 'u':
		put_number(o, s, fetch_unsigned(ap, s->size), false, 10);
		break;
	case 'x':
	case 'X':
		put_number(o, s, fetch_unsigned(ap, s->size), false, 16);
		break;
	case 'o':
		put_number(o, s, fetch_unsigned(ap, s->size), false, 8);
		break;
	case 'p':
		s->flags |= F_ALT;
		put_number(o, s, (uintptr_t)va_arg(*ap, void *), false, 16);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, s, &c, 1);
		break;
	case 's':
		put_string(o, s, va_arg(*ap, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		if (s->conv)
			put(o, s->conv);
		break;
	}
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	struct spec s;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &args, &s);
		put_conversion(o, &s, &args);
	}
	va_end(args);
}

int fe_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .cap = size ? size - 1 : 0 };

	format(&o, fmt, ap);
	if (size)
		buf[o.len] = '\0';
	return (int)o.total;
}

int fe_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fe_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void flush_console(struct out *o)
{
	if (o->len)
		fe_debug_write(o->buf, o->len);
	o->len = 0;
}

int fe_vprintf(const char *fmt, va_list ap)
{
	char buf[256];
	struct out o = { .buf = buf, .cap = sizeof(buf), .flush = flush_console };

	format(&o, fmt, ap);
	flush_console(&o);
	return (int)o.total;
}

int fe_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fe_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
