/*
 * The functions that take doubles apart and put them together: fabs,
 * copysign, frexp, ldexp/scalbn, ilogb, logb, nextafter, nan, fmin, fmax,
 * fdim. All are exact; they work on the IEEE bit patterns.
 */
#include <float.h>
#include <limits.h>
#include <math.h>

#include "libm.h"

double fabs(double x)
{
	return asdouble(asuint64(x) & ~(1ull << 63));
}

double copysign(double x, double y)
{
	return asdouble((asuint64(x) & ~(1ull << 63)) | (asuint64(y) & (1ull << 63)));
}

double __fe_scale(double x, int k)
{
	/* Three steps at most, each exact unless the final result is
	 * subnormal, which rounds once. */
	if (k > 1023) {
		x *= 0x1p1023;
		k -= 1023;
		if (k > 1023) {
			x *= 0x1p1023;
			k -= 1023;
			if (k > 1023)
				k = 1023;
		}
	} else if (k < -1022) {
		/* Keep 53 bits until the last step. */
		x *= 0x1p-969;
		k += 969;
		if (k < -1022) {
			x *= 0x1p-969;
			k += 969;
			if (k < -1022)
				k = -1022;
		}
	}
	return x * pow2i(k);
}

double scalbn(double x, int k)
{
	double r = __fe_scale(x, k);

	if (x != 0 && isfinite(x) && (isinf(r) || r == 0))
		errno = ERANGE;
	return r;
}

double scalbln(double x, long k)
{
	return scalbn(x, k > INT_MAX ? INT_MAX : k < INT_MIN ? INT_MIN : (int)k);
}

double ldexp(double x, int k)
{
	return scalbn(x, k);
}

double frexp(double x, int *e)
{
	int f = exp_field(x);

	if (f == 0x7ff || x == 0) {
		*e = 0;
		return x;
	}
	if (f == 0) {
		x *= 0x1p64;
		f = exp_field(x) - 64;
	}
	*e = f - 1022;
	return asdouble((asuint64(x) & ~(0x7ffull << 52)) | (1022ull << 52));
}

int ilogb(double x)
{
	int e;

	if (x == 0) {
		errno = EDOM;
		return FP_ILOGB0;
	}
	if (!isfinite(x)) {
		errno = EDOM;
		return isnan(x) ? FP_ILOGBNAN : INT_MAX;
	}
	frexp(x, &e);
	return e - 1;
}

double logb(double x)
{
	if (x == 0)
		return math_err(-HUGE_VAL, ERANGE);
	if (!isfinite(x))
		return x * x;
	return ilogb(x);
}

double nextafter(double x, double y)
{
	uint64_t u = asuint64(x);
	double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		return copysign(asdouble(1), y);
	if ((x < y) == (x > 0))
		u++;
	else
		u--;
	r = asdouble(u);
	if (!isfinite(r) || fpclassify(r) == FP_SUBNORMAL || r == 0)
		errno = ERANGE;
	return r;
}

double nexttoward(double x, long double y)
{
	if (isnan(y))
		return (double)y;
	if ((long double)x == y)
		return (double)y;
	return nextafter(x, (long double)x < y ? HUGE_VAL : -HUGE_VAL);
}

double nan(const char *tag)
{
	return __builtin_nan("");
}

double fmin(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

double fmax(double x, double y)
{
	if (isnan(x))
		return y;
	if (isnan(y))
		return x;
	if (x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

double fdim(double x, double y)
{
	if (isnan(x) || isnan(y))
		return x + y;
	return x > y ? x - y : 0;
}
