/*
 * printf's floating-point conversions, correctly rounded.
 *
 * Every finite binary value is exactly m * 2^e, which is N * 10^d10 for an
 * integer N: m * 2^e (d10 = 0) when e >= 0, m * 5^-e (d10 = e) otherwise.
 * N is built exactly in base 10^9 limbs, so all of the value's decimal
 * digits are known, and rounding to the requested digit is decided on the
 * exact value: round half to even, the default IEEE rounding mode. A long
 * double (64-bit mantissa, exponents to +-16445) needs at most ~11,500
 * digits: 1,300 limbs, about 5 KiB of stack. Doubles go through the same
 * path (they convert to long double exactly).
 *
 * %a prints the binary value in hexadecimal as glibc does: "0x1.8p+1" for
 * a double, "0xcp-2" for a long double (leading digit = top four bits).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "stdio_impl.h"

#define LIMB_BASE 1000000000u
#define NLIMBS 1300

struct big {
	int n;
	uint32_t d[NLIMBS]; /* little-endian base 10^9 */
};

static void big_mul_small(struct big *b, uint32_t k)
{
	uint64_t carry = 0;

	for (int i = 0; i < b->n; i++) {
		uint64_t x = (uint64_t)b->d[i] * k + carry;

		b->d[i] = (uint32_t)(x % LIMB_BASE);
		carry = x / LIMB_BASE;
	}
	while (carry && b->n < NLIMBS) {
		b->d[b->n++] = (uint32_t)(carry % LIMB_BASE);
		carry /= LIMB_BASE;
	}
}

static void big_set(struct big *b, uint64_t m)
{
	b->n = 0;
	do {
		b->d[b->n++] = (uint32_t)(m % LIMB_BASE);
		m /= LIMB_BASE;
	} while (m);
}

/* b *= base^k, for base 2 or 5, in steps that fit one limb product. */
static void big_mul_pow(struct big *b, uint32_t base, int k)
{
	int step = base == 2 ? 29 : 13;
	uint32_t big_factor = 1, factor = 1;

	for (int i = 0; i < step; i++)
		big_factor *= base;
	for (; k >= step; k -= step)
		big_mul_small(b, big_factor);
	for (; k > 0; k--)
		factor *= base;
	if (factor > 1)
		big_mul_small(b, factor);
}

static const uint32_t pow10[10] = { 1,      10,      100,      1000,      10000,
	                            100000, 1000000, 10000000, 100000000, 1000000000 };

static int limb_digits(uint32_t x)
{
	int n = 1;

	while (n < 9 && x >= pow10[n])
		n++;
	return n;
}

/* The exact decimal expansion of a value, and how to round it. */
struct decimal {
	struct big n;
	int nd;  /* digits of N */
	int e10; /* the first digit's place: value = 0.d0d1... * 10^(e10 + 1) */
	/* rounding to `keep` digits from the first: */
	int keep;
	bool up;    /* add one unit at digit keep - 1 */
	int last;   /* the digit that the unit lands on (trailing 9s become 0) */
	bool carry; /* every kept digit was 9 (or none was kept): it is 1000... */
};

static int digit_at(const struct decimal *x, int i)
{
	int p = x->nd - 1 - i;

	if (i < 0 || p < 0)
		return 0;
	return (int)(x->n.d[p / 9] / pow10[p % 9] % 10);
}

/* Is any digit after index i non-zero? */
static bool nonzero_after(const struct decimal *x, int i)
{
	int p = x->nd - 1 - i;

	if (p <= 0)
		return false;
	if (x->n.d[p / 9] % pow10[p % 9])
		return true;
	for (int j = p / 9 - 1; j >= 0; j--)
		if (x->n.d[j])
			return true;
	return false;
}

/* v > 0 and finite: v = m * 2^e. */
static void split_ld(long double v, uint64_t *m, int *e)
{
	union {
		long double v;
		struct {
			uint64_t mant;
			uint16_t sexp;
		} p;
	} u = { .v = v };
	int exp = u.p.sexp & 0x7fff;

	*m = u.p.mant;
	*e = (exp ? exp : 1) - 16383 - 63;
}

static void make_decimal(struct decimal *x, long double v)
{
	uint64_t m = 0;
	int e = 0, d10 = 0;

	if (v != 0)
		split_ld(v, &m, &e);
	while (m && !(m & 1) && e < 0)
		m >>= 1, e++;
	big_set(&x->n, m);
	if (e >= 0) {
		big_mul_pow(&x->n, 2, e);
	} else {
		big_mul_pow(&x->n, 5, -e);
		d10 = e;
	}
	x->nd = 9 * (x->n.n - 1) + limb_digits(x->n.d[x->n.n - 1]);
	x->e10 = m ? x->nd - 1 + d10 : 0;
}

/* Round to `keep` significant digits (keep <= 0: to nothing). */
static void round_to(struct decimal *x, int keep)
{
	int r;

	x->keep = keep;
	x->up = x->carry = false;
	if (keep >= x->nd || keep < 0)
		return;
	r = digit_at(x, keep);
	x->up = r > 5 || (r == 5 && (nonzero_after(x, keep) || (digit_at(x, keep - 1) & 1)));
	if (!x->up)
		return;
	for (x->last = keep - 1; x->last >= 0 && digit_at(x, x->last) == 9; x->last--)
		;
	x->carry = x->last < 0;
}

/* Digit i of the rounded value, whose first digit's place is rexp(). */
static int rdigit(const struct decimal *x, int i)
{
	if (x->carry)
		return i == 0;
	if (i >= x->keep || i < 0)
		return 0;
	if (x->up && i >= x->last)
		return i == x->last ? digit_at(x, i) + 1 : 0;
	return digit_at(x, i);
}

static int rexp(const struct decimal *x)
{
	return x->e10 + x->carry;
}

/* A small buffer in front of the sink, for digits. */
struct emit {
	struct fe_out *o;
	char buf[64];
	size_t len;
};

static void emit_flush(struct emit *w)
{
	if (w->len) {
		w->o->put(w->o, w->buf, w->len);
		w->o->count += w->len;
	}
	w->len = 0;
}

static void emit(struct emit *w, char c)
{
	if (w->len == sizeof(w->buf))
		emit_flush(w);
	w->buf[w->len++] = c;
}

static void emit_str(struct emit *w, const char *s)
{
	while (*s)
		emit(w, *s++);
}

static void emit_exp(struct emit *w, char letter, int e, int min_digits)
{
	char d[8];
	int n = 0;

	emit(w, letter);
	emit(w, e < 0 ? '-' : '+');
	e = e < 0 ? -e : e;
	do {
		d[n++] = (char)('0' + e % 10);
		e /= 10;
	} while (e || n < min_digits);
	while (n)
		emit(w, d[--n]);
}

static int exp_len(int e, int min_digits)
{
	int n = 0;

	e = e < 0 ? -e : e;
	do {
		n++;
		e /= 10;
	} while (e);
	return 2 + (n < min_digits ? min_digits : n);
}

/* Padding around a body of len bytes after sign; then the caller emits it. */
static void open_field(struct emit *w, const struct fmt_spec *s, const char *sign, long len)
{
	long pad = (long)s->width - (long)strlen(sign) - len;
	bool zeros = (s->flags & FL_ZERO) && !(s->flags & FL_LEFT);

	if (!(s->flags & FL_LEFT) && !zeros) {
		emit_flush(w);
		__fe_out_pad(w->o, ' ', pad);
	}
	emit_str(w, sign);
	if (zeros) {
		emit_flush(w);
		__fe_out_pad(w->o, '0', pad);
	}
}

static void close_field(struct emit *w, const struct fmt_spec *s, const char *sign, long len)
{
	emit_flush(w);
	if (s->flags & FL_LEFT)
		__fe_out_pad(w->o, ' ', (long)s->width - (long)strlen(sign) - len);
}

/* %e with prec fraction digits; x already rounded to prec + 1 digits. */
static void put_e(struct emit *w, const struct fmt_spec *s, const char *sign,
                  const struct decimal *x, int prec, bool point)
{
	char e = s->conv == 'E' || s->conv == 'G' ? 'E' : 'e';
	long len = 1 + point + prec + exp_len(rexp(x), 2);

	open_field(w, s, sign, len);
	emit(w, (char)('0' + rdigit(x, 0)));
	if (point)
		emit(w, '.');
	for (int i = 1; i <= prec; i++)
		emit(w, (char)('0' + rdigit(x, i)));
	emit_exp(w, e, rexp(x), 2);
	close_field(w, s, sign, len);
}

/* %f with prec fraction digits; x already rounded at place 10^-prec. */
static void put_f(struct emit *w, const struct fmt_spec *s, const char *sign,
                  const struct decimal *x, int prec, bool point)
{
	int top = rexp(x);
	long len = (top >= 0 ? top + 1 : 1) + point + prec;

	open_field(w, s, sign, len);
	if (top < 0)
		emit(w, '0');
	for (int place = top; place >= 0; place--)
		emit(w, (char)('0' + rdigit(x, top - place)));
	if (point)
		emit(w, '.');
	for (int place = -1; place >= -prec; place--)
		emit(w, (char)('0' + rdigit(x, top - place)));
	close_field(w, s, sign, len);
}

/* How many of the first `sig` rounded digits are trailing zeros. */
static int trailing_zeros(const struct decimal *x, int sig)
{
	int n = 0;

	while (n < sig - 1 && rdigit(x, sig - 1 - n) == 0)
		n++;
	return n;
}

static void put_g(struct emit *w, const struct fmt_spec *s, const char *sign, struct decimal *x)
{
	int p = s->prec < 0 ? 6 : s->prec == 0 ? 1 : s->prec, xe, prec;
	bool alt = s->flags & FL_ALT;

	round_to(x, p);
	xe = rexp(x);
	if (p > xe && xe >= -4) {
		prec = p - 1 - xe;
		round_to(x, x->e10 + prec + 1);
		if (!alt)
			prec -= trailing_zeros(x, p);
		put_f(w, s, sign, x, prec < 0 ? 0 : prec, prec > 0 || alt);
		return;
	}
	prec = p - 1;
	if (!alt)
		prec -= trailing_zeros(x, p);
	put_e(w, s, sign, x, prec, prec > 0 || alt);
}

static void put_special(struct emit *w, const struct fmt_spec *s, const char *sign, bool nan)
{
	bool upper = s->conv >= 'A' && s->conv <= 'Z';
	struct fmt_spec t = *s;

	t.flags &= ~(unsigned)FL_ZERO;
	open_field(w, &t, sign, 3);
	emit_str(w, nan ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
	close_field(w, &t, sign, 3);
}

/* The hexadecimal form's pieces: lead digit, fraction bits, exponent. */
struct hexf {
	unsigned lead;
	uint64_t frac; /* nfrac hex digits */
	int nfrac;
	int exp;
};

static struct hexf hex_split(long double v, bool is_long)
{
	struct hexf h = { 0 };
	uint64_t m;
	int e;

	if (v == 0)
		return h;
	split_ld(v, &m, &e);
	if (is_long) {
		h = (struct hexf){ (unsigned)(m >> 60), m & ((1ull << 60) - 1), 15, e + 60 };
		return h;
	}
	/* A double: 53 bits at the top of m, the leading one at bit 63 unless
	 * the double is subnormal, which glibc prints as 0x0.xxxp-1022. */
	e += 63;
	if (e < -1022) {
		m >>= -1022 - e;
		e = -1022;
	}
	h = (struct hexf){ (unsigned)(m >> 63), (m >> 11) & ((1ull << 52) - 1), 13, e };
	return h;
}

/* Round h to prec hex digits, half to even. */
static void hex_round(struct hexf *h, int prec)
{
	int drop = 4 * (h->nfrac - prec);
	unsigned __int128 kept, rem, half;

	if (prec >= h->nfrac)
		return;
	kept = ((unsigned __int128)h->lead << (4 * h->nfrac) | h->frac) >> drop;
	rem = h->frac & ((1ull << drop) - 1);
	half = (unsigned __int128)1 << (drop - 1);
	if (rem > half || (rem == half && (kept & 1)))
		kept++;
	h->lead = (unsigned)(kept >> (4 * prec));
	h->frac = (uint64_t)(kept & (((unsigned __int128)1 << (4 * prec)) - 1));
	h->nfrac = prec;
}

static void put_a(struct emit *w, const struct fmt_spec *s, const char *sign, long double v,
                  bool is_long)
{
	const char *digits = s->conv == 'A' ? "0123456789ABCDEF" : "0123456789abcdef";
	struct hexf h = hex_split(v, is_long);
	int prec = s->prec;
	char pre[3] = { '0', s->conv == 'A' ? 'X' : 'x', 0 };
	long len;

	if (prec >= 0)
		hex_round(&h, prec);
	else
		for (prec = h.nfrac; prec > 0 && !((h.frac >> (4 * (h.nfrac - prec))) & 15); prec--)
			;
	len = 2 + 1 + (prec > 0 || (s->flags & FL_ALT)) + prec + exp_len(h.exp, 1) + (h.lead > 15);
	open_field(w, s, sign, len);
	emit_str(w, pre);
	if (h.lead > 15)
		emit(w, '1');
	emit(w, digits[h.lead & 15]);
	if (prec > 0 || (s->flags & FL_ALT))
		emit(w, '.');
	for (int i = 1; i <= prec; i++)
		emit(w, i <= h.nfrac ? digits[(h.frac >> (4 * (h.nfrac - i))) & 15] : '0');
	emit_exp(w, s->conv == 'A' ? 'P' : 'p', h.exp, 1);
	close_field(w, s, sign, len);
}

static const char *sign_of(const struct fmt_spec *s, bool neg)
{
	if (neg)
		return "-";
	if (s->flags & FL_PLUS)
		return "+";
	return s->flags & FL_SPACE ? " " : "";
}

void __fe_format_float(struct fe_out *o, const struct fmt_spec *s, long double v, bool is_long)
{
	struct emit w = { .o = o };
	struct decimal x;
	const char *sign = sign_of(s, __builtin_signbit(v));
	int prec = s->prec < 0 ? 6 : s->prec;
	bool point = prec > 0 || (s->flags & FL_ALT);

	if (v != v || v - v != 0) {
		put_special(&w, s, sign, v != v);
		return;
	}
	v = __builtin_fabsl(v);
	if (s->conv == 'a' || s->conv == 'A') {
		put_a(&w, s, sign, v, is_long);
		return;
	}
	make_decimal(&x, v);
	if (s->conv == 'g' || s->conv == 'G') {
		put_g(&w, s, sign, &x);
	} else if (s->conv == 'e' || s->conv == 'E') {
		round_to(&x, prec + 1);
		put_e(&w, s, sign, &x, prec, point);
	} else {
		round_to(&x, x.e10 + prec + 1);
		put_f(&w, s, sign, &x, prec, point);
	}
}
