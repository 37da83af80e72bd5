/*
 * exp, exp2 and expm1.
 *
 * exp(x) = 2^k * exp(r) with k = round(x / ln 2) and r = x - k ln 2, |r| <=
 * ln2 / 2. r is formed as a double-double from a three-part ln 2 (the first
 * two parts short enough that k * part is exact), so it carries ~100
 * correct bits even when x is close to a multiple of ln 2. exp(r) is its
 * Taylor series: 1 + r + r^2/2 in double-double, the terms from r^3 on in
 * double (they are below 0.007 and their rounding errors below 2^-60); the
 * series to r^15 leaves a truncation error under 2^-62. One rounding of
 * the double-double result gives < 0.51 ulp.
 */
#include <float.h>
#include <math.h>

#include "constants.h"
#include "libm.h"

#define EXP_MAX 0x1.62e42fefa39efp+9    /* ln(DBL_MAX) */
#define EXP_MIN (-0x1.74910d52d3051p+9) /* ln(2^-1075): below, exp rounds to 0 */

/* r^3 * (1/6 + r/24 + ... + r^12/15!) */
static double exp_tail(double r)
{
	static const double c[] = {
		1.0 / 6,
		1.0 / 24,
		1.0 / 120,
		1.0 / 720,
		1.0 / 5040,
		1.0 / 40320,
		1.0 / 362880,
		1.0 / 3628800,
		1.0 / 39916800,
		1.0 / 479001600,
		1.0 / 6227020800,
		1.0 / 87178291200,
		1.0 / 1307674368000,
	};
	double p = c[12];

	for (int i = 11; i >= 0; i--)
		p = p * r + c[i];
	return r * r * r * p;
}

/* exp(r) - 1 for a small double-double r. */
struct dd __fe_expm1_small(struct dd r)
{
	struct dd s = dd_mul_d(dd_sqr(r), 0.5);

	s = dd_add(r, s);
	return dd_add_d(s, exp_tail(r.hi));
}

struct dd __fe_exp_dd(struct dd x, int *k)
{
	double kf = round_int(x.hi * INV_LN2.hi);
	struct dd r = two_sum(x.hi - kf * LN2_1, -kf * LN2_2);

	r.lo += x.lo - kf * LN2_3;
	r = fast_two_sum(r.hi, r.lo);
	*k = (int)kf;
	return dd_add_d(__fe_expm1_small(r), 1.0);
}

double exp(double x)
{
	struct dd e;
	int k;

	if (isnan(x))
		return x + x;
	if (x > EXP_MAX)
		return math_err(HUGE_VAL, ERANGE);
	if (x < EXP_MIN)
		return math_err(0, ERANGE);
	if (fabs(x) < 0x1p-54)
		return 1 + x;
	e = __fe_exp_dd(dd_from(x), &k);
	if (k < -1021 || k > 1023)
		return __fe_scale(dd_round(e), k);
	return dd_round(e) * pow2i(k);
}

double exp2(double x)
{
	double k, f;
	struct dd e;
	int j;

	if (isnan(x))
		return x + x;
	if (x >= 1024)
		return math_err(HUGE_VAL, ERANGE);
	if (x < -1075)
		return math_err(0, ERANGE);
	k = round_int(x);
	f = x - k;
	e = __fe_exp_dd(dd_mul(dd_from(f), LN2), &j);
	return __fe_scale(dd_round(e), j + (int)k);
}

double expm1(double x)
{
	struct dd e;
	int k;

	if (isnan(x))
		return x + x;
	if (x > EXP_MAX)
		return math_err(HUGE_VAL, ERANGE);
	if (x < -40)
		return -1;
	if (fabs(x) < 0x1p-54)
		return x;
	if (fabs(x) < 0.34)
		return dd_round(__fe_expm1_small(dd_from(x)));
	e = __fe_exp_dd(dd_from(x), &k);
	if (k > 1000)
		return __fe_scale(dd_round(e), k);
	e.hi *= pow2i(k);
	e.lo *= pow2i(k);
	return dd_round(dd_add_d(e, -1.0));
}
