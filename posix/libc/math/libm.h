/*
 * The math library's private interface: bit access to doubles, errno
 * reporting, and the double-double kernels that several functions share
 * (each returns its value as hi + lo, to be rounded by the caller).
 */
#ifndef FERRITE_LIBM_H
#define FERRITE_LIBM_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "dd.h"

static inline uint64_t asuint64(double x)
{
	union {
		double d;
		uint64_t u;
	} v = { .d = x };

	return v.u;
}

static inline double asdouble(uint64_t u)
{
	union {
		uint64_t u;
		double d;
	} v = { .u = u };

	return v.d;
}

/* The biased exponent field of x. */
static inline int exp_field(double x)
{
	return (int)(asuint64(x) >> 52 & 0x7ff);
}

/* x rounded to the nearest integer (ties to even), for |x| < 2^51. */
static inline double round_int(double x)
{
	volatile double big = 0x1.8p52;

	return (x + big) - big;
}

/* 2^k as a double, for -1022 <= k <= 1023. */
static inline double pow2i(int k)
{
	return asdouble((uint64_t)(k + 1023) << 52);
}

/* A domain error (EDOM) or a range error (ERANGE): set errno, return r. */
static inline double math_err(double r, int err)
{
	errno = err;
	return r;
}

/* x * 2^k, exactly when the result is normal (one rounding if subnormal). */
double __fe_scale(double x, int k);

/* exp(x) = (hi + lo) * 2^k, hi + lo in [sqrt(1/2), sqrt(2)]; |x| < 746. */
struct dd __fe_exp_dd(struct dd x, int *k);
/* exp(x) - 1 for |x| < 0.35, as a double-double. */
struct dd __fe_expm1_small(struct dd x);
/* log(x) for finite x > 0, relative error about 2^-100. */
struct dd __fe_log_dd(double x);
/* log(hi + lo) for hi > 0. */
struct dd __fe_log_dd2(struct dd x);

/* x = n * pi/2 + r with |r| <= pi/4: n mod 4, and r. */
int __fe_rem_pio2(double x, struct dd *r);
/* sin and cos of |r| <= pi/4 (a bit more is fine). */
struct dd __fe_sin_dd(struct dd r);
struct dd __fe_cos_dd(struct dd r);
/* atan(x) for x >= 0. */
struct dd __fe_atan_dd(struct dd x);

#endif
