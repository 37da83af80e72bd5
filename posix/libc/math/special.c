/*
 * The error function and the gamma function.
 *
 * erf(x) for |x| < 2.5 is the series of all-positive terms
 *     erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1 3 5 ... (2n+1)),
 * summed in double-double, which also gives erfc = 1 - erf there without
 * cancellation. For |x| >= 2.5, erfc(x) = e^(-x^2) / sqrt(pi) * K(x), K the
 * continued fraction 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). e^(-x^2)
 * is always taken from x^2 as a double-double.
 *
 * ln gamma(x) for x >= 10 is Stirling's series (Bernoulli numbers to B22)
 * with its leading terms in double-double; smaller x is shifted up with
 * gamma(x) = gamma(x + n) / (x (x + 1) ... (x + n - 1)), negative x
 * reflected with gamma(x) gamma(1 - x) = pi / sin(pi x). Accuracy: erf and
 * erfc within an ulp or two, tgamma and lgamma within a few ulps (lgamma
 * to about 1e-16 absolutely near its zeros at 1 and 2).
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>

#include "constants.h"
#include "libm.h"

int signgam;

/* exp(x) = (hi + lo) 2^k with the whole series in double-double: a
 * relative error near 2^-100, which erfc needs where 1 - erf cancels and
 * gamma where the exponent is large. */
static struct dd exp_precise(struct dd x, int *k)
{
	double kf = round_int(x.hi * INV_LN2.hi);
	struct dd r = dd_sub(x, dd_add_d(two_prod(kf, LN2.hi), kf * LN2.lo)), s = dd_from(1.0);

	for (int n = 24; n >= 1; n--)
		s = dd_add_d(dd_div(dd_mul(s, r), dd_from(n)), 1.0);
	*k = (int)kf;
	return s;
}

/* e^(-x^2) as a double-double. */
static struct dd exp_minus_square(double x)
{
	struct dd e;
	int k;

	e = exp_precise(dd_neg(two_prod(x, x)), &k);
	e.hi = __fe_scale(e.hi, k);
	e.lo = __fe_scale(e.lo, k);
	return e;
}

/* erf(x) for 0 <= x < 2.5. */
static struct dd erf_series(double x)
{
	struct dd term = dd_from(x), sum = term, two_x2 = dd_mul_d(two_prod(x, x), 2.0);

	for (int n = 1; n < 200 && term.hi > 1e-34 * sum.hi; n++) {
		term = dd_div(dd_mul(term, two_x2), dd_from(2 * n + 1));
		sum = dd_add(sum, term);
	}
	return dd_mul(dd_mul(sum, exp_minus_square(x)), TWO_OVER_SQRTPI);
}

/* erfc(x) for x >= 2.5. */
static double erfc_fraction(double x)
{
	double k = x;

	for (int n = 120; n >= 1; n--)
		k = x + (n * 0.5) / k;
	return dd_round(dd_mul(dd_mul_d(exp_minus_square(x), 1 / k), TWO_OVER_SQRTPI)) * 0.5;
}

double erf(double x)
{
	double ax = fabs(x);

	if (isnan(x))
		return x + x;
	if (ax >= 6)
		return copysign(1.0, x);
	if (x == 0)
		return x;
	if (ax < 0x1p-28)
		return dd_round(dd_mul_d(TWO_OVER_SQRTPI, x));
	if (ax < 2.5)
		return copysign(dd_round(erf_series(ax)), x);
	return copysign(1 - erfc_fraction(ax), x);
}

double erfc(double x)
{
	double ax = fabs(x), r;

	if (isnan(x))
		return x + x;
	if (x > 27.3)
		return math_err(0, ERANGE);
	if (x < -6)
		return 2;
	if (ax < 2.5) {
		struct dd e = erf_series(ax);

		return dd_round(dd_add_d(x < 0 ? e : dd_neg(e), 1.0));
	}
	r = erfc_fraction(ax);
	return x < 0 ? 2 - r : r;
}

/* ln gamma(x) for x >= 10: (x - 1/2) ln x - x + ln(2 pi)/2 + series. */
static struct dd stirling(struct dd x)
{
	static const double b[] = { 1.0 / 12,           -1.0 / 360,       1.0 / 1260,
		                    -1.0 / 1680,        1.0 / 1188,       -691.0 / 360360,
		                    1.0 / 156,          -3617.0 / 122400, 43867.0 / 244188,
		                    -174611.0 / 125400, 77683.0 / 5796 };
	double inv = 1 / x.hi, z = inv * inv, s = b[10];
	struct dd r;

	for (int i = 9; i >= 0; i--)
		s = s * z + b[i];
	r = dd_mul(dd_add_d(x, -0.5), __fe_log_dd2(x));
	r = dd_sub(r, x);
	r = dd_add(r, HALF_LN_2PI);
	return dd_add_d(r, s * inv);
}

/* ln gamma(c + z) for c = 1 or 2, |z| <= 1/2: the Taylor series about
 * the zeros of ln gamma, where the shifted formula would lose its
 * relative accuracy. */
static struct dd lgamma_near_zero(int c, double z)
{
	const double *coef = c == 1 ? LGAMMA1 : LGAMMA2;
	struct dd lead = c == 1 ? dd_neg(EULER_GAMMA) : dd_add_d(dd_neg(EULER_GAMMA), 1.0);
	double p = coef[49];

	for (int i = 48; i >= 0; i--)
		p = p * z + coef[i];
	return dd_mul_d(dd_add_d(lead, p * z), z);
}

/* For 0 < x: ln gamma(x) as a double-double. */
static struct dd lgamma_pos(double x)
{
	struct dd prod = dd_from(1.0);
	int n = 0;

	if (x >= 0.75 && x <= 1.25)
		return lgamma_near_zero(1, x - 1);
	if (x >= 1.5 && x <= 2.5)
		return lgamma_near_zero(2, x - 2);
	if (x >= 10)
		return stirling(dd_from(x));
	for (; x + n < 10; n++)
		prod = dd_mul(prod, two_sum(x, n));
	return dd_sub(stirling(two_sum(x, n)), __fe_log_dd2(prod));
}

/* For -200 < x < 0, not an integer: ln |gamma(x)| from
 * gamma(x) = gamma(x + n) / (x (x + 1) ... (x + n - 1)), x + n in (0, 1];
 * each x + i is exact. The sign of gamma(x) is (-1)^n. */
static struct dd lgamma_neg(double x, int *sign)
{
	int n = (int)-__builtin_floor(x);
	struct dd sum = dd_from(0);

	for (int i = 0; i < n; i++)
		sum = dd_add(sum, __fe_log_dd(-(x + i)));
	*sign = n % 2 ? -1 : 1;
	return dd_sub(lgamma_pos(x + n), sum);
}

/* sin(pi x), exactly reduced: x mod 2 is exact. */
static double sinpi(double x)
{
	double y = fmod(x, 2.0), s = 1;
	struct dd r;

	if (y < 0)
		y += 2;
	if (y > 1) {
		y -= 1;
		s = -1;
	}
	if (y > 0.5)
		y = 1 - y;
	if (y > 0.25)
		r = __fe_cos_dd(dd_mul_d(PI, 0.5 - y));
	else
		r = __fe_sin_dd(dd_mul_d(PI, y));
	return s * dd_round(r);
}

static double exp_signed(struct dd l, int sign)
{
	int k;

	if (l.hi > 710)
		return math_err(sign * HUGE_VAL, ERANGE);
	if (l.hi < -746)
		return math_err(sign * 0.0, ERANGE);
	l = exp_precise(l, &k);
	return sign * __fe_scale(dd_round(l), k);
}

double tgamma(double x)
{
	int sign = 1;

	if (isnan(x) || x == HUGE_VAL)
		return x + x;
	if (x == 0)
		return math_err(copysign(HUGE_VAL, x), ERANGE);
	if (x < 0 && (isinf(x) || __builtin_floor(x) == x))
		return math_err(NAN, EDOM);
	if (x > 171.7)
		return math_err(HUGE_VAL, ERANGE);
	if (x < -200)
		return math_err(sinpi(x) > 0 ? 0.0 : -0.0, ERANGE);
	if (x < 0) {
		struct dd l = lgamma_neg(x, &sign);

		return exp_signed(l, sign);
	}
	if (x < 0x1p-60)
		return 1 / x;
	return exp_signed(lgamma_pos(x), 1);
}

double lgamma(double x)
{
	struct dd l;
	double s;

	signgam = 1;
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return HUGE_VAL;
	if (x <= 0 && __builtin_floor(x) == x)
		return math_err(HUGE_VAL, ERANGE);
	if (x == 1 || x == 2)
		return 0;
	if (x > 0x1p1015)
		return math_err(HUGE_VAL, ERANGE);
	if (x > 0x1p900)
		return x * (log(x) - 1);
	if (x > 0)
		return dd_round(lgamma_pos(x));
	if (x > -200) {
		l = lgamma_neg(x, &signgam);
		return dd_round(l);
	}
	s = sinpi(x);
	signgam = s < 0 ? -1 : 1;
	return log(dd_round(PI) / fabs(s * x)) - dd_round(lgamma_pos(-x));
}
