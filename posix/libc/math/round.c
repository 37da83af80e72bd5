/*
 * Rounding to integers: floor, ceil, trunc, round, rint, nearbyint and
 * their long results, and modf. trunc clears the fraction bits; the others
 * are built on it. Doubles of 2^52 and more are already integers.
 */
#include <float.h>
#include <limits.h>
#include <math.h>

#include "libm.h"

double trunc(double x)
{
	int e = exp_field(x) - 1023;

	if (e >= 52)
		return x;
	if (e < 0)
		return copysign(0.0, x);
	return asdouble(asuint64(x) & ~((1ull << (52 - e)) - 1));
}

double floor(double x)
{
	double t = trunc(x);

	return t > x ? t - 1 : t;
}

double ceil(double x)
{
	double t = trunc(x);

	return t < x ? t + 1 : t;
}

double round(double x)
{
	double t = trunc(x);

	if (fabs(x - t) >= 0.5)
		t += copysign(1.0, x);
	return t;
}

/* Round to nearest, ties to even (the default rounding mode). */
double rint(double x)
{
	double big = 0x1p52, r;

	if (!(fabs(x) < big))
		return x;
	r = fabs(x) + big;
	__asm__ volatile("" : "+x"(r));
	r -= big;
	return copysign(r, x);
}

double nearbyint(double x)
{
	return rint(x);
}

static long to_long(double r)
{
	if (!(r >= (double)LONG_MIN && r < -(double)LONG_MIN)) {
		errno = EDOM;
		return LONG_MIN;
	}
	return (long)r;
}

long lrint(double x)
{
	return to_long(rint(x));
}

long long llrint(double x)
{
	return to_long(rint(x));
}

long lround(double x)
{
	return to_long(round(x));
}

long long llround(double x)
{
	return to_long(round(x));
}

double modf(double x, double *ip)
{
	*ip = trunc(x);
	if (isinf(x))
		return copysign(0.0, x);
	return isnan(x) ? x : copysign(x - *ip, x);
}
