/*
 * sqrt, cbrt and hypot. sqrt is the processor's correctly rounded square
 * root. cbrt refines a bit-level first guess with Newton steps and ends
 * with one step whose residual y^3 - x is computed in double-double, which
 * leaves it within about half an ulp. hypot scales its arguments by a
 * power of two (exactly), sums the squares in double-double and takes a
 * double-double square root: no overflow, no underflow, one rounding.
 */
#include <float.h>
#include <math.h>

#include "libm.h"

double sqrt(double x)
{
	double r;

	if (x < 0)
		return math_err(NAN, EDOM);
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}

double cbrt(double x)
{
	double a, y;
	int e, k, r;
	struct dd y3;

	if (!isfinite(x) || x == 0)
		return x + x;
	/* |x| = a 2^(3k) with a in [1/16, 1/2): cbrt |x| = cbrt(a) 2^k. */
	a = frexp(fabs(x), &e);
	r = ((e % 3) + 3) % 3;
	k = (e - r) / 3;
	a = __fe_scale(a, r - 3);
	k += 1;
	/* A first guess within 20%, then Newton. */
	y = 0.5 + 0.5 * (a - 0.125) / 0.875;
	for (int i = 0; i < 6; i++)
		y = y - (y * y * y - a) / (3 * y * y);
	y3 = dd_mul_d(two_prod(y, y), y);
	y = y - dd_round(dd_add_d(y3, -a)) / (3 * y * y);
	return copysign(__fe_scale(y, k), x);
}

double hypot(double x, double y)
{
	double ax = fabs(x), ay = fabs(y), big, small;
	struct dd s;
	int e;

	if (isinf(x) || isinf(y))
		return HUGE_VAL;
	if (isnan(x) || isnan(y))
		return x + y;
	big = ax > ay ? ax : ay;
	small = ax > ay ? ay : ax;
	if (big == 0)
		return 0;
	frexp(big, &e);
	big = __fe_scale(big, -e);
	small = __fe_scale(small, -e);
	s = dd_add(two_prod(big, big), two_prod(small, small));
	return __fe_scale(dd_round(dd_sqrt(s)), e);
}
