/*
 * The float and long double versions of the math functions. A float
 * function computes in double and rounds once to float, which keeps it
 * correctly rounded but for rare near-halfway cases. A long double
 * function computes in double: it has double's precision and range, not
 * long double's (a gap docs/libc.md lists), except fabsl, copysignl and
 * sqrtl, which are exact or correctly rounded.
 */
#include <math.h>

#define ONE_ARG(name)                      \
	float name##f(float x)             \
	{                                  \
		return (float)name(x);     \
	}                                  \
	long double name##l(long double x) \
	{                                  \
		return name((double)x);    \
	}

#define TWO_ARGS(name)                                    \
	float name##f(float x, float y)                   \
	{                                                 \
		return (float)name(x, y);                 \
	}                                                 \
	long double name##l(long double x, long double y) \
	{                                                 \
		return name((double)x, (double)y);        \
	}

#define TO_INT(type, name)              \
	type name##f(float x)           \
	{                               \
		return name(x);         \
	}                               \
	type name##l(long double x)     \
	{                               \
		return name((double)x); \
	}

ONE_ARG(acos)
ONE_ARG(asin)
ONE_ARG(atan)
ONE_ARG(cos)
ONE_ARG(sin)
ONE_ARG(tan)
ONE_ARG(acosh)
ONE_ARG(asinh)
ONE_ARG(atanh)
ONE_ARG(cosh)
ONE_ARG(sinh)
ONE_ARG(tanh)
ONE_ARG(exp)
ONE_ARG(exp2)
ONE_ARG(expm1)
ONE_ARG(log)
ONE_ARG(log10)
ONE_ARG(log1p)
ONE_ARG(log2)
ONE_ARG(logb)
ONE_ARG(cbrt)
ONE_ARG(erf)
ONE_ARG(erfc)
ONE_ARG(lgamma)
ONE_ARG(tgamma)
ONE_ARG(ceil)
ONE_ARG(floor)
ONE_ARG(nearbyint)
ONE_ARG(rint)
ONE_ARG(round)
ONE_ARG(trunc)

TWO_ARGS(atan2)
TWO_ARGS(hypot)
TWO_ARGS(pow)
TWO_ARGS(fmod)
TWO_ARGS(remainder)
TWO_ARGS(nextafter)
TWO_ARGS(fdim)
TWO_ARGS(fmax)
TWO_ARGS(fmin)

TO_INT(int, ilogb)
TO_INT(long, lrint)
TO_INT(long long, llrint)
TO_INT(long, lround)
TO_INT(long long, llround)

float sqrtf(float x)
{
	return (float)sqrt(x);
}

long double sqrtl(long double x)
{
	if (x < 0)
		return sqrt(-1.0);
	__asm__("fsqrt" : "+t"(x));
	return x;
}

float fabsf(float x)
{
	return __builtin_fabsf(x);
}

long double fabsl(long double x)
{
	return __builtin_fabsl(x);
}

float copysignf(float x, float y)
{
	return __builtin_copysignf(x, y);
}

long double copysignl(long double x, long double y)
{
	return __builtin_copysignl(x, y);
}

float frexpf(float x, int *e)
{
	return (float)frexp(x, e);
}

long double frexpl(long double x, int *e)
{
	return frexp((double)x, e);
}

float ldexpf(float x, int e)
{
	return (float)ldexp(x, e);
}

long double ldexpl(long double x, int e)
{
	return ldexp((double)x, e);
}

float scalbnf(float x, int e)
{
	return (float)scalbn(x, e);
}

long double scalbnl(long double x, int e)
{
	return scalbn((double)x, e);
}

float scalblnf(float x, long e)
{
	return (float)scalbln(x, e);
}

long double scalblnl(long double x, long e)
{
	return scalbln((double)x, e);
}

float modff(float x, float *ip)
{
	double i, f = modf(x, &i);

	*ip = (float)i;
	return (float)f;
}

long double modfl(long double x, long double *ip)
{
	double i, f = modf((double)x, &i);

	*ip = i;
	return f;
}

float remquof(float x, float y, int *q)
{
	return (float)remquo(x, y, q);
}

long double remquol(long double x, long double y, int *q)
{
	return remquo((double)x, (double)y, q);
}

float fmaf(float x, float y, float z)
{
	return (float)fma(x, y, z);
}

long double fmal(long double x, long double y, long double z)
{
	return fma((double)x, (double)y, (double)z);
}

float nanf(const char *tag)
{
	return __builtin_nanf("");
}

long double nanl(const char *tag)
{
	return __builtin_nanl("");
}

float nexttowardf(float x, long double y)
{
	union {
		float f;
		unsigned u;
	} v = { .f = x };

	if (x != x || y != y)
		return (float)(x + y);
	if ((long double)x == y)
		return (float)y;
	if (x == 0)
		v.u = 1 | (y < 0 ? 0x80000000u : 0);
	else if (((long double)x < y) == (x > 0))
		v.u++;
	else
		v.u--;
	return v.f;
}

long double nexttowardl(long double x, long double y)
{
	return nexttoward((double)x, y);
}
