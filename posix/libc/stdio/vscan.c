/*
 * The scanf engine: reads from a source (struct fe_in) as a format says.
 * Numbers are collected into a buffer first — as many characters as can
 * still form one, within the field width — and converted with strtoull,
 * strtoll or the strtod family, so scanf reads numbers exactly as those
 * functions do, floats correctly rounded. Like every scanf, it can push
 * back only the one character that ended a field.
 */
#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "stdio_impl.h"

#define FIELD_MAX 512

struct field {
	bool skip; /* '*': read but do not assign */
	int width; /* 0: none */
	int size;
	char conv;
};

struct scan {
	struct fe_in *in;
	va_list *ap;
	int assigned;
	bool input_failure;
};

/* The next character. Reaching the end is an input failure only where a
 * field or a literal wanted its first character (the callers say so). */
static int get(struct scan *sc)
{
	int c = sc->in->get(sc->in);

	if (c != EOF)
		sc->in->consumed++;
	return c;
}

static void unget(struct scan *sc, int c)
{
	if (c != EOF) {
		sc->in->unget(sc->in, c);
		sc->in->consumed--;
	}
}

static void skip_space(struct scan *sc)
{
	int c;

	while ((c = get(sc)) != EOF && isspace(c))
		;
	unget(sc, c);
}

/* A bounded buffer that fields are collected into. */
struct collect {
	struct scan *sc;
	char buf[FIELD_MAX];
	int len, limit;
	int c; /* the current character, not yet taken */
};

static void collect_start(struct collect *k, struct scan *sc, int width)
{
	k->sc = sc;
	k->len = 0;
	k->limit = width > 0 && width < FIELD_MAX - 1 ? width : FIELD_MAX - 1;
	k->c = get(sc);
	if (k->c == EOF)
		sc->input_failure = true;
}

static bool room(const struct collect *k)
{
	return k->len < k->limit;
}

/* Take the current character if it is one of `set`. */
static bool take_if(struct collect *k, const char *set)
{
	if (!room(k) || k->c == EOF || !strchr(set, k->c))
		return false;
	k->buf[k->len++] = (char)k->c;
	k->c = room(k) ? get(k->sc) : EOF;
	return true;
}

static bool take_digit(struct collect *k, int base)
{
	int c = k->c;
	bool ok = base == 16 ? isxdigit(c) : base == 8 ? (c >= '0' && c <= '7') : isdigit(c);

	if (!room(k) || c == EOF || !ok)
		return false;
	k->buf[k->len++] = (char)c;
	k->c = room(k) ? get(k->sc) : EOF;
	return true;
}

static void collect_end(struct collect *k)
{
	/* The character that ended the field goes back; one that was never
	 * read (the width ran out) is EOF here. */
	if (k->c != EOF)
		unget(k->sc, k->c);
	k->buf[k->len] = '\0';
}

static int collect_int(struct collect *k, int base)
{
	int ndigits = 0;

	take_if(k, "+-");
	if ((base == 0 || base == 16) && take_if(k, "0")) {
		ndigits = 1;
		if (take_if(k, "xX"))
			base = 16, ndigits = 0;
		else if (base == 0)
			base = 8;
	}
	if (base == 0)
		base = 10;
	while (take_digit(k, base))
		ndigits++;
	return ndigits ? base : 0;
}

static bool take_word(struct collect *k, const char *word)
{
	for (; *word; word++) {
		char both[3] = { *word, (char)toupper(*word), 0 };

		if (!take_if(k, both))
			return false;
	}
	return true;
}

static bool collect_float(struct collect *k)
{
	int digits = 0, base = 10;

	take_if(k, "+-");
	if (k->c == 'i' || k->c == 'I') {
		if (!take_word(k, "inf"))
			return false;
		take_word(k, "inity");
		return true;
	}
	if (k->c == 'n' || k->c == 'N')
		return take_word(k, "nan");
	if (take_if(k, "0")) {
		digits = 1;
		if (take_if(k, "xX"))
			base = 16, digits = 0;
	}
	while (take_digit(k, base))
		digits++;
	if (take_if(k, "."))
		while (take_digit(k, base))
			digits++;
	if (digits && take_if(k, base == 16 ? "pP" : "eE")) {
		take_if(k, "+-");
		if (!take_digit(k, 10))
			return false;
		while (take_digit(k, 10))
			;
	}
	return digits > 0;
}

static void *next_arg(struct scan *sc)
{
	return va_arg(*sc->ap, void *);
}

static void store_int(struct scan *sc, const struct field *f, unsigned long long v)
{
	void *p = next_arg(sc);

	switch (f->size) {
	case SZ_CHAR:
		*(unsigned char *)p = (unsigned char)v;
		break;
	case SZ_SHORT:
		*(unsigned short *)p = (unsigned short)v;
		break;
	case SZ_LONG:
	case SZ_SIZE:
	case SZ_PTRDIFF:
		*(unsigned long *)p = (unsigned long)v;
		break;
	case SZ_LLONG:
	case SZ_MAX:
		*(unsigned long long *)p = v;
		break;
	default:
		*(unsigned *)p = (unsigned)v;
	}
}

static int scan_int(struct scan *sc, const struct field *f)
{
	struct collect k;
	int base = f->conv == 'd' || f->conv == 'u' ? 10
	           : f->conv == 'o'                 ? 8
	           : f->conv == 'i'                 ? 0
	                                            : 16;
	unsigned long long v;

	skip_space(sc);
	collect_start(&k, sc, f->width);
	base = collect_int(&k, base);
	collect_end(&k);
	if (!base)
		return -1;
	if (f->conv == 'd' || f->conv == 'i')
		v = (unsigned long long)strtoll(k.buf, NULL, base);
	else
		v = strtoull(k.buf, NULL, base);
	if (f->skip)
		return 0;
	if (f->conv == 'p')
		*(void **)next_arg(sc) = (void *)(uintptr_t)v;
	else
		store_int(sc, f, v);
	return 1;
}

static int scan_float(struct scan *sc, const struct field *f)
{
	struct collect k;
	bool ok;

	skip_space(sc);
	collect_start(&k, sc, f->width);
	ok = collect_float(&k);
	collect_end(&k);
	if (!ok)
		return -1;
	if (f->skip)
		return 0;
	if (f->size == SZ_LDOUBLE)
		*(long double *)next_arg(sc) = strtold(k.buf, NULL);
	else if (f->size == SZ_LONG)
		*(double *)next_arg(sc) = strtod(k.buf, NULL);
	else
		*(float *)next_arg(sc) = strtof(k.buf, NULL);
	return 1;
}

/* %s, %c and %[: characters while `accept` says so. */
static int scan_chars(struct scan *sc, const struct field *f, bool (*accept)(int, const void *),
                      const void *arg)
{
	char *out = f->skip ? NULL : next_arg(sc);
	int width = f->width > 0 ? f->width : f->conv == 'c' ? 1 : INT_MAX, n = 0, c = EOF;

	while (n < width && (c = get(sc)) != EOF && accept(c, arg)) {
		if (out)
			out[n] = (char)c;
		n++;
	}
	if (n < width && c != EOF)
		unget(sc, c);
	if (n == 0 && c == EOF)
		sc->input_failure = true;
	if (n == 0 || (f->conv == 'c' && n < width))
		return -1;
	if (out && f->conv != 'c')
		out[n] = '\0';
	return out ? 1 : 0;
}

static bool not_space(int c, const void *arg)
{
	return !isspace(c);
}

static bool any_char(int c, const void *arg)
{
	return true;
}

static bool in_scanset(int c, const void *arg)
{
	const unsigned char *set = arg;

	return set[(unsigned char)c];
}

/* Parse "[...]" at *fmt (after '['), filling set[256]. */
static void parse_scanset(const char **fmt, unsigned char set[256])
{
	const char *p = *fmt;
	bool invert = *p == '^';

	memset(set, 0, 256);
	p += invert;
	if (*p == ']')
		set[(unsigned char)*p++] = 1;
	for (; *p && *p != ']'; p++) {
		if (p[1] == '-' && p[2] && p[2] != ']') {
			for (int c = (unsigned char)p[0]; c <= (unsigned char)p[2]; c++)
				set[c] = 1;
			p += 2;
		} else {
			set[(unsigned char)*p] = 1;
		}
	}
	*fmt = *p ? p + 1 : p;
	if (invert)
		for (int i = 0; i < 256; i++)
			set[i] = !set[i];
}

static int convert(struct scan *sc, struct field *f, const char **fmt)
{
	unsigned char set[256];

	switch (f->conv) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case 'p':
		return scan_int(sc, f);
	case 'a':
	case 'A':
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		return scan_float(sc, f);
	case 's':
		skip_space(sc);
		return scan_chars(sc, f, not_space, NULL);
	case 'c':
		return scan_chars(sc, f, any_char, NULL);
	case '[':
		parse_scanset(fmt, set);
		return scan_chars(sc, f, in_scanset, set);
	case 'n':
		if (!f->skip)
			store_int(sc, f, sc->in->consumed);
		return 0;
	default:
		return -1;
	}
}

/* One directive after '%'; -1 ends the scan. */
static int directive(struct scan *sc, const char **fmt)
{
	struct field f = { 0 };
	int c, rc;

	if (**fmt == '%') {
		(*fmt)++;
		skip_space(sc);
		c = get(sc);
		if (c == '%')
			return 0;
		sc->input_failure |= c == EOF;
		unget(sc, c);
		return -1;
	}
	f.skip = **fmt == '*';
	*fmt += f.skip;
	while (isdigit((unsigned char)**fmt))
		f.width = f.width * 10 + (*(*fmt)++ - '0');
	f.size = fe_read_size(fmt);
	f.conv = **fmt ? *(*fmt)++ : '\0';
	rc = convert(sc, &f, fmt);
	if (rc > 0)
		sc->assigned++;
	return rc < 0 ? -1 : 0;
}

int __fe_vscan(struct fe_in *in, const char *fmt, va_list ap)
{
	struct scan sc = { .in = in };
	va_list args;
	int c;

	va_copy(args, ap);
	sc.ap = &args;
	while (*fmt) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(&sc);
			fmt++;
			continue;
		}
		if (*fmt == '%') {
			fmt++;
			if (directive(&sc, &fmt) < 0)
				break;
			continue;
		}
		c = get(&sc);
		if (c != (unsigned char)*fmt) {
			sc.input_failure |= c == EOF;
			unget(&sc, c);
			break;
		}
		fmt++;
	}
	va_end(args);
	return sc.assigned == 0 && sc.input_failure ? EOF : sc.assigned;
}
