/*
 * pow(x, y) = exp(y log x), with log x as a double-double (relative error
 * near 2^-100) and y log x multiplied out in double-double, so that even
 * when |y log x| is near 709 the exponent carries an absolute error far
 * below 2^-60 and the result stays within 0.51 ulp. Exact powers (2^10,
 * 10^2) come out exact. The special cases follow C99 Annex F.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>

#include "libm.h"

/* 0: not an integer, 1: odd integer, 2: even integer. */
static int integer_kind(double y)
{
	if (!isfinite(y) || __builtin_floor(y) != y)
		return 0;
	if (fabs(y) >= 0x1p53)
		return 2;
	return (long long)y % 2 ? 1 : 2;
}

/* x or y is 0, inf or nan, or x is negative: the Annex F table. */
static bool pow_special(double x, double y, int yint, double *r)
{
	if (y == 0 || x == 1) {
		*r = 1;
	} else if (isnan(x) || isnan(y)) {
		*r = x + y;
	} else if (isinf(y)) {
		if (fabs(x) == 1)
			*r = 1;
		else
			*r = (fabs(x) < 1) == (y < 0) ? HUGE_VAL : 0;
	} else if (x == 0) {
		if (y < 0)
			*r = math_err(yint == 1 ? copysign(HUGE_VAL, x) : HUGE_VAL, ERANGE);
		else
			*r = yint == 1 ? x : 0;
	} else if (isinf(x)) {
		double mag = y < 0 ? 0 : HUGE_VAL;

		*r = x < 0 && yint == 1 ? -mag : mag;
	} else if (x < 0 && !yint) {
		*r = math_err(NAN, EDOM);
	} else if (x == -1) {
		*r = yint == 1 ? -1 : 1;
	} else {
		return false;
	}
	return true;
}

double pow(double x, double y)
{
	int yint = integer_kind(y), k;
	double r, sign = x < 0 && yint == 1 ? -1 : 1;
	struct dd t, e;

	if (pow_special(x, y, yint, &r))
		return r;
	t = __fe_log_dd(fabs(x));
	/* |y| > 2^64 with x != 1: |y log x| > 2^11, surely out of range (and
	 * too big for an exact double-double product). */
	if (fabs(y) > 0x1p64)
		t = dd_from((t.hi > 0) == (y > 0) ? 1000.0 : -1000.0);
	else
		t = dd_mul_d(t, y);
	if (t.hi > 709.79)
		return math_err(sign * HUGE_VAL, ERANGE);
	if (t.hi < -745.2)
		return math_err(sign * 0.0, ERANGE);
	e = __fe_exp_dd(t, &k);
	r = sign * __fe_scale(dd_round(e), k);
	if (isinf(r) || r == 0)
		errno = ERANGE;
	return r;
}
