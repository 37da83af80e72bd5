/*
 * The hyperbolic functions and their inverses.
 *
 * sinh, cosh and tanh come from the double-double exp (or exp(x) - 1 for
 * small |x|, where sinh and tanh would cancel): sinh = (E - 1/E) / 2 in
 * double-double, which keeps them within about half an ulp. The inverses
 * are logarithms of double-double arguments, formed without cancellation
 * (x^2 - 1 and 1 - x are exact in double-double).
 */
#include <float.h>
#include <math.h>

#include "constants.h"
#include "libm.h"

/* exp(x) - 1 as a double-double, for 0 <= x < 23. */
static struct dd expm1_dd(double x)
{
	struct dd e;
	int k;

	if (x < 0.34)
		return __fe_expm1_small(dd_from(x));
	e = __fe_exp_dd(dd_from(x), &k);
	e.hi *= pow2i(k);
	e.lo *= pow2i(k);
	return dd_add_d(e, -1.0);
}

/* exp(x) / 2 for large x, without overflowing before the end. */
static double half_exp(double x)
{
	struct dd e;
	int k;

	e = __fe_exp_dd(dd_from(x), &k);
	return __fe_scale(dd_round(e), k - 1);
}

double sinh(double x)
{
	double ax = fabs(x), r;
	struct dd m;

	if (isnan(x))
		return x + x;
	if (isinf(x) || ax < 0x1p-27)
		return x;
	if (ax > 710.5)
		return math_err(copysign(HUGE_VAL, x), ERANGE);
	if (ax > 23) {
		r = half_exp(ax);
		return copysign(r, x);
	}
	/* sinh = (m + m / (m + 1)) / 2, m = e^|x| - 1 */
	m = expm1_dd(ax);
	m = dd_add(m, dd_div(m, dd_add_d(m, 1.0)));
	return copysign(dd_round(m) * 0.5, x);
}

double cosh(double x)
{
	double ax = fabs(x);
	struct dd e;
	int k;

	if (isnan(x))
		return x + x;
	if (ax > 710.5)
		return math_err(HUGE_VAL, ERANGE);
	if (ax > 23)
		return half_exp(ax);
	if (ax < 0x1p-27)
		return 1;
	e = __fe_exp_dd(dd_from(ax), &k);
	e.hi *= pow2i(k);
	e.lo *= pow2i(k);
	e = dd_add(e, dd_div(dd_from(1.0), e));
	return dd_round(e) * 0.5;
}

double tanh(double x)
{
	double ax = fabs(x);
	struct dd m;

	if (isnan(x))
		return x + x;
	if (ax > 22)
		return copysign(1.0, x);
	if (ax < 0x1p-27)
		return x;
	/* tanh = m / (m + 2), m = e^(2|x|) - 1 */
	m = expm1_dd(2 * ax);
	return copysign(dd_round(dd_div(m, dd_add_d(m, 2.0))), x);
}

double asinh(double x)
{
	double ax = fabs(x);
	struct dd s;

	if (isnan(x))
		return x + x;
	if (isinf(x) || ax < 0x1p-27)
		return x;
	if (ax > 0x1p500)
		return copysign(dd_round(dd_add(__fe_log_dd(ax), LN2)), x);
	/* log(|x| + sqrt(x^2 + 1)), every step in double-double */
	s = dd_sqrt(dd_add_d(two_prod(ax, ax), 1.0));
	return copysign(dd_round(__fe_log_dd2(dd_add_d(s, ax))), x);
}

double acosh(double x)
{
	struct dd s;

	if (isnan(x))
		return x + x;
	if (x < 1)
		return math_err(NAN, EDOM);
	if (isinf(x))
		return x;
	if (x > 0x1p500)
		return dd_round(dd_add(__fe_log_dd(x), LN2));
	/* log(x + sqrt(x^2 - 1)); x^2 - 1 is exact in double-double */
	s = dd_sqrt(dd_add_d(two_prod(x, x), -1.0));
	return dd_round(__fe_log_dd2(dd_add_d(s, x)));
}

double atanh(double x)
{
	double ax = fabs(x);
	struct dd t;

	if (isnan(x))
		return x + x;
	if (ax > 1)
		return math_err(NAN, EDOM);
	if (ax == 1)
		return math_err(copysign(HUGE_VAL, x), ERANGE);
	if (ax < 0x1p-27)
		return x;
	/* log((1 + x) / (1 - x)) / 2, the quotient in double-double */
	t = dd_div(two_sum(1.0, ax), two_sum(1.0, -ax));
	return copysign(dd_round(__fe_log_dd2(t)) * 0.5, x);
}
