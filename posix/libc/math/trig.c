/*
 * sin, cos and tan.
 *
 * Argument reduction is exact in the way that matters: x = n * pi/2 + r
 * is computed from x * (2/pi) with as many bits of 2/pi as x's exponent
 * needs (Payne and Hanek's method): x = m * 2^q with m a 53-bit integer,
 * and only the bits of 2/pi from position q - 1 on can change x * 2/pi
 * modulo 4. A 192-bit window of them times m gives the quadrant and 128
 * bits of fraction, at least 60 of them significant even for the doubles
 * closest to a multiple of pi/2, so r comes out as a double-double with a
 * relative error below 2^-60 for every double x.
 *
 * On |r| <= pi/4 the Taylor series of sin and cos (to r^19 and r^20) are
 * evaluated with their first terms in double-double; tan is sin/cos in
 * double-double. Each function rounds once at the end.
 */
#include <float.h>
#include <math.h>

#include "constants.h"
#include "libm.h"

typedef unsigned __int128 u128;

/* 192 bits of 2/pi starting after bit `start` (0 = right after the point). */
static void window(int start, uint64_t w[3])
{
	int a = start / 64, o = start % 64;

	for (int i = 0; i < 3; i++) {
		uint64_t hi = TWO_OVER_PI_BITS[a + i], lo = TWO_OVER_PI_BITS[a + i + 1];

		w[2 - i] = o ? hi << o | lo >> (64 - o) : hi;
	}
}

/* A signed 128-bit fraction f / 2^128 as a double-double. */
static struct dd fraction_dd(u128 f)
{
	bool neg = (f >> 127) & 1;
	u128 a = neg ? -f : f;
	int lz = 0;
	uint64_t top, low;
	double hi, lo;

	if (a == 0)
		return dd_from(0);
	while (!((a >> 127) & 1)) {
		a <<= 1;
		lz++;
	}
	top = (uint64_t)(a >> 64);
	low = (uint64_t)a;
	hi = (double)(top >> 11);
	lo = (double)((top & 0x7ff) << 21 | low >> 43) * 0x1p-32;
	hi = __fe_scale(hi, -53 - lz);
	lo = __fe_scale(lo, -53 - lz);
	return neg ? dd_neg(fast_two_sum(hi, lo)) : fast_two_sum(hi, lo);
}

/* |x| >= pi/4, finite: n = round(x * 2/pi) mod 4 and the fraction. */
static int reduce(double x, u128 *frac)
{
	uint64_t u = asuint64(x), m = (u & ((1ull << 52) - 1)) | (1ull << 52), w[3];
	int q = exp_field(x) - 1075, start = q - 2 > 0 ? q - 2 : 0;
	int sh = start + 192 - q; /* x*2/pi = m * window / 2^sh */
	u128 p0, p1, p2;
	uint64_t r[4];
	unsigned n;

	window(start, w);
	p0 = (u128)m * w[0];
	p1 = (u128)m * w[1] + (uint64_t)(p0 >> 64);
	p2 = (u128)m * w[2] + (uint64_t)(p1 >> 64);
	r[0] = (uint64_t)p0;
	r[1] = (uint64_t)p1;
	r[2] = (uint64_t)p2;
	r[3] = (uint64_t)(p2 >> 64);
	/* The product is r[3..0]; bits sh and sh+1 are n, the 128 below the
	 * fraction. sh is between 190 and 245. */
	n = (unsigned)(((r[sh / 64] >> (sh % 64)) | (sh % 64 == 63 ? r[sh / 64 + 1] << 1 : 0)) & 3);
	{
		int b = sh - 128, i = b / 64, o = b % 64;
		uint64_t f_lo = o ? r[i] >> o | r[i + 1] << (64 - o) : r[i];
		uint64_t f_hi = o ? r[i + 1] >> o | r[i + 2] << (64 - o) : r[i + 1];

		*frac = (u128)f_hi << 64 | f_lo;
	}
	if ((*frac >> 127) & 1)
		n++;
	return (int)(n & 3);
}

int __fe_rem_pio2(double x, struct dd *r)
{
	u128 frac;
	int n;

	if (fabs(x) <= PI_4.hi) {
		*r = dd_from(x);
		return 0;
	}
	n = reduce(fabs(x), &frac);
	*r = dd_mul(fraction_dd(frac), PI_2);
	if (x < 0) {
		*r = dd_neg(*r);
		n = -n & 3;
	}
	return n;
}

/* sin(r) = r + r^3 (-1/6 + z/120 - ...), z = r^2; the part from z/120 on
 * in double. */
struct dd __fe_sin_dd(struct dd r)
{
	static const double c[] = { 1.0 / 120,
		                    -1.0 / 5040,
		                    1.0 / 362880,
		                    -1.0 / 39916800,
		                    1.0 / 6227020800,
		                    -1.0 / 1307674368000,
		                    1.0 / 355687428096000,
		                    -1.0 / 121645100408832000.0 };
	struct dd z = dd_sqr(r), p;
	double t = c[7];

	for (int i = 6; i >= 0; i--)
		t = t * z.hi + c[i];
	p = dd_add_d(dd_neg(R1_6), t * z.hi);
	p = dd_mul(dd_mul(p, z), r);
	return dd_add(r, p);
}

/* cos(r) = 1 - z/2 + z^2 (1/24 - z/720 + ...); from z/720 on in double. */
struct dd __fe_cos_dd(struct dd r)
{
	static const double c[] = { -1.0 / 720,
		                    1.0 / 40320,
		                    -1.0 / 3628800,
		                    1.0 / 479001600,
		                    -1.0 / 87178291200,
		                    1.0 / 20922789888000,
		                    -1.0 / 6402373705728000,
		                    1.0 / 2432902008176640000.0 };
	struct dd z = dd_sqr(r), p;
	double t = c[7];

	for (int i = 6; i >= 0; i--)
		t = t * z.hi + c[i];
	p = dd_add_d(R1_24, t * z.hi);
	p = dd_add_d(dd_mul(p, z), -0.5);
	p = dd_mul(p, z);
	return dd_add_d(p, 1.0);
}

static struct dd sin_quadrant(int n, struct dd r)
{
	struct dd v = n & 1 ? __fe_cos_dd(r) : __fe_sin_dd(r);

	return n & 2 ? dd_neg(v) : v;
}

double sin(double x)
{
	struct dd r;
	int n;

	if (!isfinite(x))
		return isnan(x) ? x + x : math_err(NAN, EDOM);
	if (fabs(x) < 0x1p-27)
		return x;
	n = __fe_rem_pio2(x, &r);
	return dd_round(sin_quadrant(n, r));
}

double cos(double x)
{
	struct dd r;
	int n;

	if (!isfinite(x))
		return isnan(x) ? x + x : math_err(NAN, EDOM);
	n = __fe_rem_pio2(x, &r);
	return dd_round(sin_quadrant(n + 1, r));
}

double tan(double x)
{
	struct dd r, s, c;
	int n;

	if (!isfinite(x))
		return isnan(x) ? x + x : math_err(NAN, EDOM);
	if (fabs(x) < 0x1p-27)
		return x;
	n = __fe_rem_pio2(x, &r);
	s = __fe_sin_dd(r);
	c = __fe_cos_dd(r);
	if (n & 1)
		return dd_round(dd_div(dd_neg(c), s));
	return dd_round(dd_div(s, c));
}
