/*
 * The math functions. Accuracy is measured in ulps against the host's long
 * double functions (64-bit mantissa, themselves off by a fraction of a
 * long double ulp, that is ~1/2000 of a double ulp) on many points per
 * function; the worst error found is printed and must stay within the
 * function's limit (1 ulp for the common functions). The exact functions
 * (rounding, fmod, fma, frexp, ...) must agree with the host bit for bit,
 * and every function must give the host's results on the special values
 * (zeros, infinities, nan, the extremes).
 */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fl.h"

enum sampler { UNIFORM, LOG, LOG_SIGNED };

struct domain {
	enum sampler how;
	double lo, hi; /* UNIFORM: the interval; LOG: magnitudes from 2^lo to 2^hi */
	int n;
};

struct fn1 {
	const char *name;
	double (*mine)(double);
	long double (*ref)(long double);
	double limit;
	struct domain d[3];
};

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double)(fl_test_rand() >> 11) * 0x1p-53);
}

static double sample(const struct domain *d)
{
	double x;

	if (d->how == UNIFORM)
		return uniform(d->lo, d->hi);
	x = exp2(uniform(d->lo, d->hi));
	return d->how == LOG_SIGNED && (fl_test_rand() & 1) ? -x : x;
}

/* The error of `got` in ulps of the correctly rounded double of `want`. */
static double ulp_error(double got, long double want)
{
	int e;

	if (isnan(want) || isnan(got))
		return isnan(want) && isnan(got) ? 0 : INFINITY;
	if (fabsl(want) > DBL_MAX && (double)want == (double)HUGE_VAL * (want < 0 ? -1 : 1))
		return got == (double)want ? 0 : INFINITY;
	if (isinf(got))
		return isinf(want) && (got > 0) == (want > 0) ? 0 : INFINITY;
	frexpl(want, &e);
	e = e - 1 < -1022 ? -1022 : e - 1;
	return (double)(fabsl((long double)got - want) / ldexpl(1.0L, e - 52));
}

struct worst {
	double ulps, x, y;
};

static void report(const char *name, struct worst w, double limit)
{
	fprintf(stderr, "libc math: %-10s max %.3f ulp (at %a, %a), limit %.1f\n", name, w.ulps,
	        w.x, w.y, limit);
}

static void check_fn1(const struct fn1 *f)
{
	struct worst w = { 0 };

	for (int i = 0; i < 3; i++)
		for (int j = 0; j < f->d[i].n; j++) {
			double x = sample(&f->d[i]), u = ulp_error(f->mine(x), f->ref(x));

			if (u > w.ulps)
				w = (struct worst){ u, x, 0 };
		}
	report(f->name, w, f->limit);
	ck_assert_msg(w.ulps <= f->limit, "%s: %.3f ulp at %a", f->name, w.ulps, w.x);
}

#define N 60000
#define D(how, lo, hi)         \
	{                      \
		how, lo, hi, N \
	}

static const struct fn1 fns1[] = {
	{ "sin",
	  fl_sin,
	  sinl,
	  1,
	  { D(UNIFORM, -4, 4), D(UNIFORM, -1e5, 1e5), D(LOG_SIGNED, -30, 1023) } },
	{ "cos",
	  fl_cos,
	  cosl,
	  1,
	  { D(UNIFORM, -4, 4), D(UNIFORM, -1e5, 1e5), D(LOG_SIGNED, -30, 1023) } },
	{ "tan",
	  fl_tan,
	  tanl,
	  1,
	  { D(UNIFORM, -4, 4), D(UNIFORM, -1e5, 1e5), D(LOG_SIGNED, -30, 1023) } },
	{ "asin",
	  fl_asin,
	  asinl,
	  1,
	  { D(UNIFORM, -1, 1), D(LOG_SIGNED, -60, -1), D(UNIFORM, 0.99, 1) } },
	{ "acos",
	  fl_acos,
	  acosl,
	  1,
	  { D(UNIFORM, -1, 1), D(LOG_SIGNED, -60, -1), D(UNIFORM, 0.99, 1) } },
	{ "atan",
	  fl_atan,
	  atanl,
	  1,
	  { D(UNIFORM, -4, 4), D(LOG_SIGNED, -30, 70), D(LOG_SIGNED, -1, 1) } },
	{ "exp",
	  fl_exp,
	  expl,
	  1,
	  { D(UNIFORM, -745, 709.7), D(UNIFORM, -1, 1), D(LOG_SIGNED, -60, -1) } },
	{ "exp2",
	  fl_exp2,
	  exp2l,
	  1,
	  { D(UNIFORM, -1074, 1023.9), D(UNIFORM, -1, 1), D(LOG_SIGNED, -60, 0) } },
	{ "expm1",
	  fl_expm1,
	  expm1l,
	  1,
	  { D(UNIFORM, -40, 709.7), D(UNIFORM, -1, 1), D(LOG_SIGNED, -60, 0) } },
	{ "log",
	  fl_log,
	  logl,
	  1,
	  { D(LOG, -1074, 1024), D(UNIFORM, 0.5, 2), D(UNIFORM, 0.999, 1.001) } },
	{ "log2",
	  fl_log2,
	  log2l,
	  1,
	  { D(LOG, -1074, 1024), D(UNIFORM, 0.5, 2), D(UNIFORM, 0.999, 1.001) } },
	{ "log10",
	  fl_log10,
	  log10l,
	  1,
	  { D(LOG, -1074, 1024), D(UNIFORM, 0.5, 2), D(UNIFORM, 0.999, 1.001) } },
	{ "log1p",
	  fl_log1p,
	  log1pl,
	  1,
	  { D(UNIFORM, -0.999, 1), D(LOG_SIGNED, -60, -1), D(LOG, -1, 1000) } },
	{ "sinh",
	  fl_sinh,
	  sinhl,
	  1,
	  { D(UNIFORM, -710, 710), D(UNIFORM, -2, 2), D(LOG_SIGNED, -30, 0) } },
	{ "cosh",
	  fl_cosh,
	  coshl,
	  1,
	  { D(UNIFORM, -710, 710), D(UNIFORM, -2, 2), D(LOG_SIGNED, -30, 0) } },
	{ "tanh",
	  fl_tanh,
	  tanhl,
	  1,
	  { D(UNIFORM, -20, 20), D(UNIFORM, -1, 1), D(LOG_SIGNED, -30, 0) } },
	{ "asinh",
	  fl_asinh,
	  asinhl,
	  1,
	  { D(UNIFORM, -4, 4), D(LOG_SIGNED, -30, 1000), D(LOG_SIGNED, -1, 2) } },
	{ "acosh",
	  fl_acosh,
	  acoshl,
	  1,
	  { D(UNIFORM, 1, 4), D(LOG, 0, 1000), D(UNIFORM, 1, 1.01) } },
	{ "atanh",
	  fl_atanh,
	  atanhl,
	  1,
	  { D(UNIFORM, -1, 1), D(LOG_SIGNED, -30, -1), D(UNIFORM, 0.99, 1) } },
	{ "sqrt",
	  fl_sqrt,
	  sqrtl,
	  0.5,
	  { D(LOG, -1074, 1024), D(UNIFORM, 0, 4), D(UNIFORM, 0, 1e6) } },
	{ "cbrt",
	  fl_cbrt,
	  cbrtl,
	  1,
	  { D(LOG_SIGNED, -1074, 1024), D(UNIFORM, -8, 8), D(UNIFORM, 0, 1e6) } },
	{ "erf", fl_erf, erfl, 1, { D(UNIFORM, -6, 6), D(LOG_SIGNED, -30, 0), D(UNIFORM, 2, 3) } },
	{ "erfc", fl_erfc, erfcl, 2, { D(UNIFORM, -6, 27), D(UNIFORM, 0, 3), D(UNIFORM, 2, 10) } },
	{ "tgamma",
	  fl_tgamma,
	  tgammal,
	  8,
	  { D(UNIFORM, 0.001, 171), D(UNIFORM, -170, -0.001), D(UNIFORM, 0, 3) } },
	{ "lgamma",
	  fl_lgamma,
	  lgammal,
	  8,
	  { D(LOG, -20, 1000), D(UNIFORM, 3, 50), D(UNIFORM, -50, -2.5) } },
};

START_TEST(accuracy_one_argument)
{
	check_fn1(&fns1[_i]);
}
END_TEST

static void check_fn2(const char *name, double (*mine)(double, double),
                      long double (*ref)(long double, long double), double limit,
                      const struct domain *dx, const struct domain *dy)
{
	struct worst w = { 0 };

	for (int j = 0; j < N; j++) {
		double x = sample(dx), y = sample(dy), u = ulp_error(mine(x, y), ref(x, y));

		if (u > w.ulps)
			w = (struct worst){ u, x, y };
	}
	report(name, w, limit);
	ck_assert_msg(w.ulps <= limit, "%s: %.3f ulp at %a, %a", name, w.ulps, w.x, w.y);
}

START_TEST(accuracy_two_arguments)
{
	static const struct domain wide = D(LOG_SIGNED, -60, 60), small = D(UNIFORM, -10, 10);
	static const struct domain base = D(LOG, -20, 20), expo = D(UNIFORM, -50, 50);
	static const struct domain near1 = D(UNIFORM, 0.5, 2), bigexp = D(UNIFORM, -1000, 1000);
	static const struct domain huge = D(LOG_SIGNED, -1000, 1000);

	check_fn2("atan2", fl_atan2, atan2l, 1, &small, &small);
	check_fn2("atan2", fl_atan2, atan2l, 1, &wide, &wide);
	check_fn2("pow", fl_pow, powl, 1, &base, &expo);
	check_fn2("pow", fl_pow, powl, 1, &near1, &bigexp);
	check_fn2("hypot", fl_hypot, hypotl, 1, &huge, &huge);
	check_fn2("hypot", fl_hypot, hypotl, 1, &small, &small);
}
END_TEST

static bool same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(a)) == 0 || (isnan(a) && isnan(b));
}

START_TEST(exact_functions)
{
	for (int i = 0; i < 200000; i++) {
		double x = fl_test_double(), y = fl_test_double(), z = fl_test_double(), a, b;
		int e1, e2, q1, q2;

		if (i % 4 == 0)
			x = uniform(-1e6, 1e6), y = uniform(-100, 100);
		ck_assert(same_bits(fl_floor(x), floor(x)));
		ck_assert(same_bits(fl_ceil(x), ceil(x)));
		ck_assert(same_bits(fl_trunc(x), trunc(x)));
		ck_assert(same_bits(fl_round(x), round(x)));
		ck_assert(same_bits(fl_rint(x), rint(x)));
		ck_assert_msg(same_bits(fl_fmod(x, y), fmod(x, y)), "fmod(%a, %a)", x, y);
		ck_assert_msg(same_bits(fl_remainder(x, y), remainder(x, y)), "remainder(%a, %a)",
		              x, y);
		a = fl_remquo(x, y, &q1);
		b = remquo(x, y, &q2);
		ck_assert(same_bits(a, b) && (q1 & 7) == (q2 & 7));
		ck_assert_msg(same_bits(fl_fma(x, y, z), fma(x, y, z)), "fma(%a, %a, %a)", x, y, z);
		ck_assert(same_bits(fl_fma(x, y, -x * y), fma(x, y, -x * y)));
		ck_assert(same_bits(fl_frexp(x, &e1), frexp(x, &e2)) && e1 == e2);
		ck_assert(same_bits(fl_ldexp(x, (int)(i % 2200) - 1100),
		                    ldexp(x, (int)(i % 2200) - 1100)));
		ck_assert(same_bits(fl_modf(x, &a), modf(x, &b)) && same_bits(a, b));
		ck_assert(same_bits(fl_nextafter(x, y), nextafter(x, y)));
		ck_assert(same_bits(fl_hypot(x, y), hypot(x, y)) ||
		          fabs(fl_hypot(x, y) - hypot(x, y)) <= fabs(hypot(x, y)) * 0x1p-52);
	}
}
END_TEST

START_TEST(special_values)
{
	static const double v[] = { 0.0,      -0.0,      1.0,          -1.0,          0.5,
		                    -0.5,     2.0,       -2.0,         3.0,           -3.0,
		                    INFINITY, -INFINITY, NAN,          DBL_MAX,       -DBL_MAX,
		                    DBL_MIN,  -DBL_MIN,  DBL_TRUE_MIN, -DBL_TRUE_MIN, 0x1p60,
		                    -0x1p60,  0x1p-60,   1e300 };
	static double (*const mine[])(double) = { fl_sin,  fl_cos,   fl_tan,   fl_asin,  fl_acos,
		                                  fl_atan, fl_exp,   fl_exp2,  fl_expm1, fl_log,
		                                  fl_log2, fl_log10, fl_log1p, fl_sinh,  fl_cosh,
		                                  fl_tanh, fl_asinh, fl_acosh, fl_atanh, fl_sqrt,
		                                  fl_cbrt, fl_floor, fl_ceil,  fl_trunc, fl_round,
		                                  fl_rint, fl_fabs,  fl_logb,  fl_erf,   fl_erfc };
	static double (*const host[])(
		double) = { sin,  cos,   tan,   asin,  acos,  atan, exp,   exp2,  expm1, log,
		            log2, log10, log1p, sinh,  cosh,  tanh, asinh, acosh, atanh, sqrt,
		            cbrt, floor, ceil,  trunc, round, rint, fabs,  logb,  erf,   erfc };

	for (size_t f = 0; f < sizeof(mine) / sizeof(mine[0]); f++)
		for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			double a = mine[f](v[i]), b = host[f](v[i]);

			ck_assert_msg(same_bits(a, b) || ulp_error(a, b) <= 1,
			              "function %zu (%a): %a, host %a", f, v[i], a, b);
		}
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++) {
			double p = fl_pow(v[i], v[j]), q = pow(v[i], v[j]);

			/* pow(DBL_MAX, 0.5) lies 2^-109 from a tie: within an ulp */
			ck_assert_msg(same_bits(p, q) ||
			                      (isfinite(q) && q != 0 && ulp_error(p, q) <= 1),
			              "pow(%a, %a): %a, host %a", v[i], v[j], p, q);
			ck_assert_msg(same_bits(fl_atan2(v[i], v[j]), atan2(v[i], v[j])),
			              "atan2(%a, %a)", v[i], v[j]);
			ck_assert_msg(same_bits(fl_hypot(v[i], v[j]), hypot(v[i], v[j])),
			              "hypot(%a, %a)", v[i], v[j]);
			ck_assert_msg(same_bits(fl_fmod(v[i], v[j]), fmod(v[i], v[j])),
			              "fmod(%a, %a)", v[i], v[j]);
			ck_assert(same_bits(fl_fmin(v[i], v[j]), fmin(v[i], v[j])) || v[i] == 0);
			ck_assert(same_bits(fl_fmax(v[i], v[j]), fmax(v[i], v[j])) || v[i] == 0);
			ck_assert(same_bits(fl_copysign(v[i], v[j]), copysign(v[i], v[j])));
		}
}
END_TEST

START_TEST(exact_results)
{
	ck_assert(fl_pow(2, 10) == 1024 && fl_pow(10, 2) == 100 && fl_pow(3, 3) == 27);
	ck_assert(fl_pow(-2, 3) == -8 && fl_pow(0.5, -2) == 4 && fl_pow(10, -1) == 0.1);
	ck_assert(fl_sqrt(2) * fl_sqrt(2) != 2 && fl_sqrt(4) == 2 && fl_cbrt(27) == 3 &&
	          fl_cbrt(-8) == -2);
	ck_assert(fl_log2(1024) == 10 && fl_log10(1000) == 3 && fl_log(1) == 0 && fl_exp(0) == 1);
	ck_assert(fl_log10(1e22) == 22 && fl_exp2(-3) == 0.125);
	ck_assert(fl_tgamma(5) == 24 && fl_tgamma(1) == 1 && fl_tgamma(11) == 3628800);
	ck_assert(fl_hypot(3, 4) == 5 && fl_atan2(1, 1) == M_PI_4 && fl_acos(-1) == M_PI);
	ck_assert(fl_sinf(0) == 0 && fl_expf(0) == 1 && fl_powf(2, 3) == 8 && fl_sqrtf(9) == 3);
}
END_TEST

Suite *math_suite(void)
{
	Suite *s = suite_create("math");
	TCase *t = tcase_create("math");

	tcase_set_timeout(t, 600);
	tcase_add_loop_test(t, accuracy_one_argument, 0, (int)(sizeof(fns1) / sizeof(fns1[0])));
	tcase_add_test(t, accuracy_two_arguments);
	tcase_add_test(t, exact_functions);
	tcase_add_test(t, special_values);
	tcase_add_test(t, exact_results);
	suite_add_tcase(s, t);
	return s;
}
