/*
 * atan, atan2, asin and acos, all through one double-double arctangent.
 *
 * atan(t) for t in [0, 1]: with c = k/8 the nearest eighth,
 * atan(t) = atan(c) + atan(u), u = (t - c) / (1 + t c), |u| <= 1/16, and
 * atan(u) is its series u - u^3/3 + u^5/5 - ... (to u^23), the first two
 * terms in double-double. t > 1 uses atan(t) = pi/2 - atan(1/t). asin and
 * acos become arctangents of double-double quotients, with 1 - x^2 formed
 * exactly, so there is no loss near |x| = 1.
 */
#include <float.h>
#include <math.h>

#include "constants.h"
#include "libm.h"

/* atan(u) for |u| <= 1/16. */
static struct dd atan_small(struct dd u)
{
	struct dd z = dd_sqr(u), p;
	double t = -1.0 / 23;

	for (int n = 21; n >= 5; n -= 2)
		t = t * z.hi + ((n / 2) % 2 ? -1.0 : 1.0) / n;
	p = dd_add_d(dd_neg(R1_3), t * z.hi);
	return dd_add(u, dd_mul(dd_mul(p, z), u));
}

struct dd __fe_atan_dd(struct dd x)
{
	struct dd t = x, u, r;
	bool big = x.hi > 1;
	int k;

	if (x.hi > 0x1p60)
		return dd_sub(PI_2, dd_from(1 / x.hi));
	if (big)
		t = dd_div(dd_from(1.0), x);
	if (!(t.hi >= 0 && t.hi <= 1))
		return dd_from(t.hi - t.hi);
	k = (int)round_int(t.hi * 8);
	u = dd_div(dd_add_d(t, -k / 8.0), dd_add_d(dd_mul_d(t, k / 8.0), 1.0));
	r = dd_add(ATAN_K8[k], atan_small(u));
	return big ? dd_sub(PI_2, r) : r;
}

double atan(double x)
{
	if (isnan(x))
		return x + x;
	if (fabs(x) < 0x1p-27)
		return x;
	if (fabs(x) > 0x1p60)
		return copysign(dd_round(PI_2), x);
	return copysign(dd_round(__fe_atan_dd(dd_from(fabs(x)))), x);
}

/* atan2 when x or y is 0 or infinite (or nan): C99 Annex F. */
static bool atan2_special(double y, double x, double *r)
{
	if (isnan(x) || isnan(y)) {
		*r = x + y;
	} else if (y == 0) {
		*r = signbit(x) ? copysign(dd_round(PI), y) : y;
	} else if (x == 0) {
		*r = copysign(dd_round(PI_2), y);
	} else if (isinf(x) && isinf(y)) {
		*r = copysign(dd_round(x > 0 ? PI_4 : dd_mul_d(PI_4, 3)), y);
	} else if (isinf(x)) {
		*r = x > 0 ? copysign(0.0, y) : copysign(dd_round(PI), y);
	} else if (isinf(y)) {
		*r = copysign(dd_round(PI_2), y);
	} else {
		return false;
	}
	return true;
}

/* atan(small / big) for 0 < small <= big, finite. */
static struct dd atan_ratio(double small, double big)
{
	int e;

	/* Scale both by the same power of two (exactly) so that the double-
	 * double division cannot overflow; a quotient below 2^-60 is its own
	 * arctangent. */
	frexp(big, &e);
	big = __fe_scale(big, -e);
	small = __fe_scale(small, -e);
	if (small < big * 0x1p-60)
		return dd_from(small / big);
	return __fe_atan_dd(dd_div(dd_from(small), dd_from(big)));
}

double atan2(double y, double x)
{
	double ay = fabs(y), ax = fabs(x), r;
	struct dd a;

	if (atan2_special(y, x, &r))
		return r;
	if (ay > ax) {
		a = dd_sub(PI_2, atan_ratio(ax, ay));
	} else {
		a = atan_ratio(ay, ax);
		if (x > 0 && a.hi < 0x1p-1022)
			return math_err(copysign(ay / ax, y), ERANGE);
	}
	if (x < 0)
		a = dd_sub(PI, a);
	return copysign(dd_round(a), y);
}

/* sqrt(1 - x^2) as a double-double, |x| <= 1. */
static struct dd cosine_of(double x)
{
	struct dd one_minus = dd_add_d(dd_neg(two_prod(x, x)), 1.0);

	return one_minus.hi <= 0 ? dd_from(0) : dd_sqrt(one_minus);
}

double asin(double x)
{
	double ax = fabs(x);
	struct dd c;

	if (isnan(x))
		return x + x;
	if (ax > 1)
		return math_err(NAN, EDOM);
	if (ax < 0x1p-27)
		return x;
	if (ax == 1)
		return copysign(dd_round(PI_2), x);
	c = cosine_of(ax);
	return copysign(dd_round(__fe_atan_dd(dd_div(dd_from(ax), c))), x);
}

double acos(double x)
{
	struct dd s, a;

	if (isnan(x))
		return x + x;
	if (fabs(x) > 1)
		return math_err(NAN, EDOM);
	if (x == 1)
		return 0;
	if (x == -1)
		return dd_round(PI);
	if (fabs(x) < 0x1p-60)
		return dd_round(dd_add_d(PI_2, -x));
	s = cosine_of(x);
	a = __fe_atan_dd(dd_div(s, dd_from(fabs(x))));
	return dd_round(x > 0 ? a : dd_sub(PI, a));
}
