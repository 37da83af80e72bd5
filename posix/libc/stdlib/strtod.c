/*
 * String to floating point: strtod, strtof, strtold and atof, correctly
 * rounded (to nearest, ties to even) for every input of up to 800
 * significant digits; digits beyond that only count as "something
 * non-zero follows", which is exact for float and double (a halfway point
 * between two doubles has at most 767 significant digits) and almost
 * always for long double.
 *
 * A decimal D * 10^E is converted exactly with big integers: for E >= 0 the
 * integer D * 10^E itself; for E < 0 the quotient of D * 2^s by 5^-E, with s
 * chosen so that the quotient has a few bits more than the format keeps,
 * and the remainder as the sticky bit. Rounding then works on those bits.
 * Hexadecimal input (0x1.8p3) is exact by construction. Inputs of at most
 * 19 digits with a small exponent take a short path when the format is
 * double: both D and 10^|E| are exact doubles, so one IEEE operation is
 * correctly rounded (Clinger's observation).
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bigint.h"

#define MAX_DIGITS 800

/* A binary format: mantissa bits, the smallest normal exponent and the
 * largest exponent (of the leading bit), decimal exponent bounds outside
 * which the result is surely infinite or zero. */
struct format {
	int bits, emin, emax, dec_max, dec_min;
};

static const struct format fmt_float = { 24, -126, 127, 40, -47 };
static const struct format fmt_double = { 53, -1022, 1023, 310, -326 };
static const struct format fmt_ldouble = { 64, -16382, 16383, 4934, -4953 };

/* A rounded result: mant * 2^exp; inf or zero flags; whether inexact. */
struct result {
	uint64_t mant;
	int exp;
	bool inf, inexact;
	bool tiny; /* below the smallest normal before rounding */
};

/* The parsed decimal: digits (no leading zeros) and value = 0.digits * 10^point. */
struct decimal {
	char digits[MAX_DIGITS];
	int nd;
	long point;
	bool sticky; /* non-zero digits were dropped */
};

/* Round q * 2^e2 (plus a sticky fraction) to the format. */
static struct result round_bits(unsigned __int128 q, long e2, bool sticky, const struct format *f)
{
	struct result r = { 0 };
	int len = 0;
	long lead, lsb, drop;
	unsigned __int128 half, rem;

	for (unsigned __int128 t = q; t; t >>= 1)
		len++;
	if (len == 0)
		return r;
	lead = e2 + len - 1;
	r.tiny = lead < f->emin;
	lsb = (lead < f->emin ? f->emin : lead) - f->bits + 1;
	drop = lsb - e2;
	if (drop <= 0) {
		r.mant = (uint64_t)(q << -drop);
		r.exp = (int)lsb;
	} else if (drop > len + 1) {
		r.inexact = true;
		r.exp = (int)lsb;
		return r;
	} else {
		half = (unsigned __int128)1 << (drop - 1);
		rem = q & ((half << 1) - 1);
		q >>= drop;
		if (rem > half || (rem == half && (sticky || (q & 1))))
			q++;
		r.inexact = rem || sticky;
		if (q >> f->bits) {
			q >>= 1;
			lsb++;
		}
		r.mant = (uint64_t)q;
		r.exp = (int)lsb;
	}
	r.inexact |= sticky;
	if (r.mant && r.exp + f->bits - 1 > f->emax)
		r.inf = true;
	return r;
}

static struct result convert_decimal(const struct decimal *d, const struct format *f)
{
	static struct bigint num, den;
	long e10 = d->point - d->nd;
	int slack = f->bits + 3, s;
	bool sticky;
	unsigned __int128 q = 0;

	__fe_big_set(&num, 0);
	for (int i = 0; i < d->nd; i++)
		__fe_big_mul_add(&num, 10, (uint32_t)(d->digits[i] - '0'));
	if (d->sticky) {
		__fe_big_mul_add(&num, 10, 1);
		e10--;
	}
	if (e10 >= 0) {
		__fe_big_mul_pow5(&num, (int)e10);
		q = __fe_big_top(&num, slack, &sticky);
		return round_bits(q, e10 + __fe_big_bitlen(&num) - slack, sticky, f);
	}
	__fe_big_set(&den, 1);
	__fe_big_mul_pow5(&den, (int)-e10);
	s = slack + __fe_big_bitlen(&den) - __fe_big_bitlen(&num);
	if (s > 0)
		__fe_big_shl(&num, s);
	else
		__fe_big_shl(&den, -s);
	/* Binary long division: the quotient has slack or slack + 1 bits. */
	__fe_big_shl(&den, slack + 1);
	for (int i = slack + 1; i >= 0; i--) {
		q <<= 1;
		if (__fe_big_cmp(&num, &den) >= 0) {
			__fe_big_sub(&num, &den);
			q |= 1;
		}
		__fe_big_shr1(&den);
	}
	return round_bits(q, e10 - s, num.n != 0, f);
}

/* The short path for double: exact operands, one rounding. */
static bool fast_double(const struct decimal *d, double *out)
{
	static const double p10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
	long e10 = d->point - d->nd;
	uint64_t m = 0;

	if (d->sticky || d->nd > 15 || e10 > 22 || e10 < -22)
		return false;
	for (int i = 0; i < d->nd; i++)
		m = m * 10 + (uint64_t)(d->digits[i] - '0');
	*out = e10 >= 0 ? (double)m * p10[e10] : (double)m / p10[-e10];
	return true;
}

/* Read the digits of a decimal number at *s; false if there are none. */
static bool parse_decimal(const char **sp, struct decimal *d)
{
	const char *s = *sp;
	bool any = false, dot = false;
	long exp = 0;

	d->nd = 0;
	d->point = 0;
	d->sticky = false;
	for (;; s++) {
		if (*s == '.' && !dot) {
			dot = true;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = true;
		if (*s == '0' && d->nd == 0) {
			d->point -= dot;
			continue;
		}
		if (d->nd < MAX_DIGITS)
			d->digits[d->nd++] = *s;
		else if (*s != '0')
			d->sticky = true;
		d->point += !dot;
	}
	if (!any)
		return false;
	if ((*s == 'e' || *s == 'E')) {
		const char *e = s + 1;
		bool neg = *e == '-';

		e += *e == '+' || *e == '-';
		if (isdigit((unsigned char)*e)) {
			for (; isdigit((unsigned char)*e); e++)
				if (exp < 100000)
					exp = exp * 10 + (*e - '0');
			d->point += neg ? -exp : exp;
			s = e;
		}
	}
	while (d->nd > 0 && d->digits[d->nd - 1] == '0' && !d->sticky)
		d->nd--;
	*sp = s;
	return true;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "0x" already consumed: hex digits, a point, and a binary exponent. */
static bool parse_hex(const char **sp, const struct format *f, struct result *r)
{
	const char *s = *sp;
	uint64_t m = 0;
	long e2 = 0, exp = 0;
	bool any = false, dot = false, sticky = false;

	for (;; s++) {
		int v = hex_value((unsigned char)*s);

		if (*s == '.' && !dot) {
			dot = true;
			continue;
		}
		if (v < 0)
			break;
		any = true;
		if (m >> 60) {
			sticky |= v != 0;
			e2 += !dot * 4;
		} else {
			m = m << 4 | (unsigned)v;
			e2 -= dot * 4;
		}
	}
	if (!any)
		return false;
	if (*s == 'p' || *s == 'P') {
		const char *e = s + 1;
		bool neg = *e == '-';

		e += *e == '+' || *e == '-';
		if (isdigit((unsigned char)*e)) {
			for (; isdigit((unsigned char)*e); e++)
				if (exp < 100000)
					exp = exp * 10 + (*e - '0');
			e2 += neg ? -exp : exp;
			s = e;
		}
	}
	*r = round_bits(m, e2, sticky, f);
	*sp = s;
	return true;
}

/* Which special value `s` spells, and where it ends. */
static int parse_special(const char **sp)
{
	const char *s = *sp;

	if (strncasecmp(s, "inf", 3) == 0) {
		*sp = s + (strncasecmp(s, "infinity", 8) == 0 ? 8 : 3);
		return 1;
	}
	if (strncasecmp(s, "nan", 3) == 0) {
		s += 3;
		if (*s == '(') {
			const char *p = s + 1;

			while (isalnum((unsigned char)*p) || *p == '_')
				p++;
			if (*p == ')')
				s = p + 1;
		}
		*sp = s;
		return 2;
	}
	return 0;
}

enum kind { K_NONE, K_NUMBER, K_INF, K_NAN, K_DOUBLE };

/* Parse s into a rounded result (or a special value); *end past it. */
static enum kind parse(const char *s, char **end, const struct format *f, struct result *r,
                       bool *neg, double *fast)
{
	static struct decimal d;
	const char *p = s;
	int special;

	while (isspace((unsigned char)*p))
		p++;
	*neg = *p == '-';
	p += *p == '+' || *p == '-';
	special = parse_special(&p);
	if (special) {
		*end = (char *)p;
		return special == 1 ? K_INF : K_NAN;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		const char *h = p + 2;

		if (parse_hex(&h, f, r)) {
			*end = (char *)h;
			return K_NUMBER;
		}
	}
	if (!parse_decimal(&p, &d)) {
		*end = (char *)s;
		return K_NONE;
	}
	*end = (char *)p;
	*r = (struct result){ 0 };
	if (d.nd == 0)
		return K_NUMBER;
	if (d.point > f->dec_max) {
		r->inf = r->inexact = true;
		return K_NUMBER;
	}
	if (d.point < f->dec_min) {
		r->inexact = r->tiny = true;
		return K_NUMBER;
	}
	if (f == &fmt_double && fast_double(&d, fast))
		return K_DOUBLE;
	*r = convert_decimal(&d, f);
	return K_NUMBER;
}

/* errno: ERANGE if the result overflowed, or underflowed — was below the
 * smallest normal number before rounding, and inexact (as glibc does). */
static void range_check(const struct result *r, const struct format *f)
{
	if (r->inf || (r->inexact && r->tiny))
		errno = ERANGE;
}

static uint64_t ieee_bits(const struct result *r, const struct format *f, int expbits)
{
	uint64_t frac = r->mant & ((1ull << (f->bits - 1)) - 1);
	uint64_t bexp =
		r->mant >> (f->bits - 1) ? (uint64_t)(r->exp + f->bits - 1 - f->emin + 1) : 0;

	if (r->inf)
		return ((1ull << expbits) - 1) << (f->bits - 1);
	return bexp << (f->bits - 1) | frac;
}

double strtod(const char *restrict s, char **restrict end)
{
	struct result r;
	char *e;
	bool neg;
	double fast = 0;
	enum kind k = parse(s, &e, &fmt_double, &r, &neg, &fast);
	union {
		uint64_t u;
		double d;
	} v;

	if (end)
		*end = e;
	if (k == K_NONE)
		return 0;
	if (k == K_INF || k == K_NAN)
		return neg ? -(k == K_INF ? HUGE_VAL : NAN) : (k == K_INF ? HUGE_VAL : NAN);
	if (k == K_DOUBLE)
		return neg ? -fast : fast;
	range_check(&r, &fmt_double);
	v.u = ieee_bits(&r, &fmt_double, 11) | (uint64_t)neg << 63;
	return v.d;
}

float strtof(const char *restrict s, char **restrict end)
{
	struct result r;
	char *e;
	bool neg;
	double unused;
	enum kind k = parse(s, &e, &fmt_float, &r, &neg, &unused);
	union {
		uint32_t u;
		float f;
	} v;

	if (end)
		*end = e;
	if (k == K_NONE)
		return 0;
	if (k == K_INF || k == K_NAN)
		return neg ? -(k == K_INF ? HUGE_VALF : NAN) : (k == K_INF ? HUGE_VALF : NAN);
	range_check(&r, &fmt_float);
	v.u = (uint32_t)ieee_bits(&r, &fmt_float, 8) | (uint32_t)neg << 31;
	return v.f;
}

long double strtold(const char *restrict s, char **restrict end)
{
	struct result r;
	char *e;
	bool neg;
	double unused;
	enum kind k = parse(s, &e, &fmt_ldouble, &r, &neg, &unused);
	union {
		long double v;
		struct {
			uint64_t mant;
			uint16_t sexp;
		} p;
	} v = { 0 };

	if (end)
		*end = e;
	if (k == K_NONE)
		return 0;
	if (k == K_INF || k == K_NAN)
		return neg ? -(k == K_INF ? HUGE_VALL : NAN) : (k == K_INF ? HUGE_VALL : NAN);
	range_check(&r, &fmt_ldouble);
	v.p.mant = r.inf ? 1ull << 63 : r.mant;
	if (r.inf)
		v.p.sexp = 0x7fff;
	else if (r.mant >> 63)
		v.p.sexp = (uint16_t)(r.exp + 63 + 16383);
	v.p.sexp |= (uint16_t)(neg << 15);
	return v.v;
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
