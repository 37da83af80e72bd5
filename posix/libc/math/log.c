/*
 * log, log2, log10 and log1p.
 *
 * x = 2^e * m with m in [sqrt(1/2), sqrt(2)), and log(m) = 2 atanh(s) with
 * s = (m - 1) / (m + 1), |s| <= 0.1716:
 *
 *     log(m) = 2s + 2s^3/3 + 2s^5/5 + ...
 *
 * s is a double-double (m - 1 is exact; m + 1 is formed exactly as a
 * double-double), the first three terms are summed in double-double and
 * the rest, below 2^-17 relative, in double. The result, e ln2 + log(m),
 * has a relative error near 2^-100 before its final rounding, which is
 * also what pow needs from it.
 */
#include <float.h>
#include <math.h>

#include "constants.h"
#include "libm.h"

/* (2 atanh(s) / s - 2 - 2z/3) / z - 2/5 = 2z/7 + 2z^2/9 + ..., z = s^2. */
static double atanh_tail(double z)
{
	double p = 2.0 / 29;

	for (int n = 27; n >= 7; n -= 2)
		p = p * z + 2.0 / n;
	return p * z;
}

/* log(m) for m in [sqrt(1/2), sqrt(2)] given as a double-double. */
static struct dd log_near_one(struct dd m)
{
	struct dd f = dd_add_d(m, -1.0), s = dd_div(f, dd_add_d(m, 1.0)), z = dd_sqr(s);
	struct dd p = dd_add_d(R2_5, atanh_tail(z.hi));

	p = dd_add(dd_mul(p, z), R2_3);
	p = dd_add_d(dd_mul(p, z), 2.0);
	return dd_mul(p, s);
}

/* e * ln 2 as a double-double: e has at most 11 bits. */
static struct dd e_ln2(int e)
{
	struct dd r = two_sum(e * LN2_1, e * LN2_2);

	return dd_add_d(r, e * LN2_3);
}

struct dd __fe_log_dd2(struct dd x)
{
	int e = exp_field(x.hi) - 1023, shift = 0;
	struct dd m;

	if (exp_field(x.hi) == 0) {
		x.hi *= 0x1p64;
		x.lo *= 0x1p64;
		shift = 64;
		e = exp_field(x.hi) - 1023;
	}
	m = dd_make(asdouble((asuint64(x.hi) & ~(0x7ffull << 52)) | (1023ull << 52)), 0);
	m.lo = __fe_scale(x.lo, -e);
	if (m.hi > 0x1.6a09e667f3bcdp+0) {
		m.hi *= 0.5;
		m.lo *= 0.5;
		e++;
	}
	return dd_add(e_ln2(e - shift), log_near_one(fast_two_sum(m.hi, m.lo)));
}

struct dd __fe_log_dd(double x)
{
	return __fe_log_dd2(dd_from(x));
}

/* The cases every logarithm shares: 0, negative, inf, nan. */
static bool log_special(double x, double *r)
{
	if (isnan(x) || x == HUGE_VAL)
		*r = x + x;
	else if (x == 0)
		*r = math_err(-HUGE_VAL, ERANGE);
	else if (x < 0)
		*r = math_err(NAN, EDOM);
	else
		return false;
	return true;
}

double log(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	if (x == 1)
		return 0;
	return dd_round(__fe_log_dd(x));
}

double log2(double x)
{
	double r;
	int e;

	if (log_special(x, &r))
		return r;
	r = frexp(x, &e);
	if (r == 0.5)
		return e - 1;
	return dd_round(dd_mul(__fe_log_dd(x), INV_LN2));
}

double log10(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	if (x == 1)
		return 0;
	return dd_round(dd_mul(__fe_log_dd(x), INV_LN10));
}

double log1p(double x)
{
	if (isnan(x) || x == HUGE_VAL)
		return x + x;
	if (x == -1)
		return math_err(-HUGE_VAL, ERANGE);
	if (x < -1)
		return math_err(NAN, EDOM);
	if (fabs(x) < 0x1p-54)
		return x;
	return dd_round(__fe_log_dd2(two_sum(1.0, x)));
}
