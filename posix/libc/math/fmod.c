/*
 * fmod, remainder and remquo, exactly. The dividend's mantissa is reduced
 * modulo the divisor's one bit of exponent difference at a time (each step
 * doubles and subtracts, in integers), which is exact and at most ~2100
 * steps. The quotient's low bits come along for remquo.
 */
#include <float.h>
#include <math.h>

#include "libm.h"

/* The integer mantissa and exponent of finite non-zero |x|: |x| = m 2^e. */
static uint64_t mant(double x, int *e)
{
	uint64_t u = asuint64(x) & ~(1ull << 63);
	int f = (int)(u >> 52);

	if (f == 0) {
		*e = -1074;
		return u;
	}
	*e = f - 1075;
	return (u & ((1ull << 52) - 1)) | (1ull << 52);
}

/* |x| mod |y| for finite x and non-zero finite y; the quotient's low bits. */
static double mod_core(double x, double y, unsigned *quo)
{
	int ex, ey;
	uint64_t mx = mant(x, &ex), my = mant(y, &ey);
	unsigned q = 0;

	if (fabs(x) < fabs(y)) {
		*quo = 0;
		return fabs(x);
	}
	/* Line up the divisor's top bit with the dividend's. */
	while (my < (1ull << 52)) {
		my <<= 1;
		ey--;
	}
	while (mx < (1ull << 52)) {
		mx <<= 1;
		ex--;
	}
	for (; ex > ey; ex--) {
		q <<= 1;
		if (mx >= my) {
			mx -= my;
			q |= 1;
		}
		mx <<= 1;
	}
	q <<= 1;
	if (mx >= my) {
		mx -= my;
		q |= 1;
	}
	*quo = q;
	return mx ? __fe_scale((double)mx, ex) : 0;
}

double fmod(double x, double y)
{
	unsigned q;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return math_err(NAN, EDOM);
	if (isinf(y) || x == 0)
		return x;
	return copysign(mod_core(x, y, &q), x);
}

double remquo(double x, double y, int *quo)
{
	double ay = fabs(y), r;
	unsigned q;

	*quo = 0;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return math_err(NAN, EDOM);
	if (isinf(y))
		return x;
	r = mod_core(x, y, &q);
	/* Nearest: take one more y when r > |y| / 2, or at a tie with q odd. */
	if (r > ay - r || (r == ay - r && (q & 1))) {
		r -= ay;
		q++;
	}
	*quo = (int)(q & 0x7fffffff) * (signbit(x) != signbit(y) ? -1 : 1);
	return copysign(1.0, x) * r;
}

double remainder(double x, double y)
{
	int q;

	return remquo(x, y, &q);
}
