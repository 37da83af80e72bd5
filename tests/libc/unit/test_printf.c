/*
 * printf: libc's snprintf against the host's, conversion by conversion,
 * and for floating point on tens of thousands of random doubles and long
 * doubles in every format — the host's glibc prints exact, correctly
 * rounded decimals, so the two must agree character for character.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fl.h"

/* Odd formats are tested on purpose. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define BUF 8192

static char want[BUF], got[BUF];

#define SAME(...)                                                                                 \
	do {                                                                                      \
		int w_ = snprintf(want, BUF, __VA_ARGS__);                                        \
		int g_ = fl_snprintf(got, BUF, __VA_ARGS__);                                      \
		ck_assert_msg(strcmp(want, got) == 0 && w_ == g_,                                 \
		              "format %s: want '%s' (%d), got '%s' (%d)", #__VA_ARGS__, want, w_, \
		              got, g_);                                                           \
	} while (0)

START_TEST(integers)
{
	SAME("%d %i %u %x %X %o", 42, -42, 42u, 0xbeefu, 0xbeefu, 0755u);
	SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+05d]", 42, 42, 42, 42, 42, -42);
	SAME("[%.3d] [%8.3d] [%-8.3d] [%08.3d] [%.0d] [%.0d]", 7, 7, -7, 7, 0, 1);
	SAME("[%#x] [%#X] [%#o] [%#o] [%#x] [%#.0o]", 255u, 255u, 8u, 0u, 0u, 0u);
	SAME("%ld %lu %lld %llu %lx", -1L, ~0UL, -9223372036854775807LL - 1, ~0ULL, ~0UL);
	SAME("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	SAME("%zu %zd %jd %ju %td", (size_t)12345, (ssize_t)-5, (intmax_t)-77, (uintmax_t)77,
	     (ptrdiff_t)-3);
	SAME("%*d|%-*d|%.*d|%*.*d", 6, 1, 6, 2, 4, 3, 7, 3, 4);
	SAME("%d%%%d", 1, 2);
}
END_TEST

START_TEST(strings_chars_pointers)
{
	SAME("[%s] [%10s] [%-10s] [%.2s] [%10.2s]", "hello", "hello", "hello", "hello", "hello");
	SAME("[%c] [%3c] [%-3c]", 'a', 'b', 'c');
	SAME("[%p] [%20p] [%-20p]", (void *)0x1234, (void *)0xdeadbeef, (void *)1);
	SAME("[%p]", (void *)0);
	SAME("[%s]", "");
	SAME("%s", "a very long string that goes on and on and on for quite a while, long enough");
}
END_TEST

START_TEST(count_and_truncation)
{
	int n1 = 0, n2 = 0;
	char small[8];

	snprintf(want, BUF, "abc%ndef", &n1);
	fl_snprintf(got, BUF, "abc%ndef", &n2);
	ck_assert_int_eq(n1, n2);
	ck_assert_int_eq(fl_snprintf(small, sizeof(small), "%s", "0123456789"), 10);
	ck_assert_str_eq(small, "0123456");
	ck_assert_int_eq(fl_snprintf(NULL, 0, "%d", 12345), 5);
	ck_assert_int_eq(fl_snprintf(small, 1, "xyz"), 3);
	ck_assert_str_eq(small, "");
}
END_TEST

START_TEST(float_fixed_cases)
{
	static const double v[] = { 0.0,
		                    -0.0,
		                    1.0,
		                    -1.0,
		                    0.5,
		                    1.5,
		                    2.5,
		                    0.125,
		                    0.375,
		                    1e-5,
		                    123456.789,
		                    1e15,
		                    1e16,
		                    1e17,
		                    1e21,
		                    1e22,
		                    1e23,
		                    9.5,
		                    99.5,
		                    999.5,
		                    0.05,
		                    0.15,
		                    0.25,
		                    0.35,
		                    5e-324,
		                    2.2250738585072014e-308,
		                    DBL_MAX,
		                    DBL_MIN,
		                    1e-300,
		                    3.141592653589793,
		                    2.718281828459045,
		                    0.1,
		                    0.2,
		                    0.3,
		                    1.0 / 3 };
	static const char *const f[] = { "%f",   "%.0f",  "%.1f",  "%.2f",  "%.20f",   "%e",
		                         "%.0e", "%.3e",  "%.20e", "%g",    "%.0g",    "%.1g",
		                         "%.3g", "%.17g", "%#.0f", "%#.0e", "%a",      "%.0a",
		                         "%.3a", "%A",    "%+f",   "% e",   "%012.3f", "%-12.3e|",
		                         "%12g", "%.30g", "%.40f", "%10.4a" };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++) {
			SAME(f[j], v[i]);
			SAME(f[j], -v[i]);
		}
}
END_TEST

START_TEST(float_specials)
{
	SAME("%f %F %e %E %g %G %a %A", HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL, HUGE_VAL,
	     HUGE_VAL, HUGE_VAL);
	SAME("%f %F %e %g %a", -HUGE_VAL, -HUGE_VAL, -HUGE_VAL, -HUGE_VAL, -HUGE_VAL);
	SAME("%f %F %e %g %a %+f % f", NAN, NAN, NAN, NAN, NAN, NAN, NAN);
	SAME("[%10f] [%-10f] [%010f] [%+010e]", HUGE_VAL, -HUGE_VAL, HUGE_VAL, NAN);
	SAME("%Lf %Le %Lg %La", (long double)HUGE_VAL, -(long double)HUGE_VAL, (long double)NAN,
	     (long double)HUGE_VAL);
}
END_TEST

/* Random doubles in every format: exact decimal and hexadecimal output. */
START_TEST(float_random)
{
	static const char *const f[] = { "%.17g", "%.3e", "%.12e", "%g",    "%.1g", "%.25g",
		                         "%a",    "%.4a", "%.0a",  "%.10f", "%.0e", "%.40e" };

	for (int i = 0; i < 20000; i++) {
		double d = fl_test_double();

		for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++)
			SAME(f[j], d);
		if (fabs(d) < 1e30)
			SAME("%.8f %.0f %f", d, d, d);
	}
}
END_TEST

/* Doubles with few digits, where rounding ties are common. */
START_TEST(float_ties)
{
	for (int i = 0; i < 20000; i++) {
		double d =
			(double)(fl_test_rand() % 100000) / (double)(1u << (fl_test_rand() % 12));

		SAME("%.0f %.1f %.2f %.3f %.0e %.1e %.2e %g %.2g %.3g", d, d, d, d, d, d, d, d, d,
		     d);
	}
}
END_TEST

static long double random_long_double(void)
{
	union {
		long double v;
		struct {
			uint64_t mant;
			uint16_t sexp;
		} p;
	} u = { 0 };

	u.p.mant = fl_test_rand() | 1ull << 63;
	u.p.sexp = (uint16_t)(16383 + (int)(fl_test_rand() % 4000) - 2000);
	if (fl_test_rand() & 1)
		u.p.sexp |= 0x8000;
	return u.v;
}

START_TEST(long_double_random)
{
	for (int i = 0; i < 5000; i++) {
		long double d = random_long_double();

		SAME("%.21Lg %.5Le %.30Le %Lg %La %.3La", d, d, d, d, d, d);
		if (fabsl(d) < 1e40L)
			SAME("%.10Lf", d);
	}
	SAME("%Lf %.30Le %Lg", LDBL_MAX, LDBL_MIN, LDBL_TRUE_MIN);
}
END_TEST

/* %#g keeps trailing zeros. (glibc drops them when rounding carries into
 * a new decade, "%#.3g" of 999.5 giving "1.e+03": C wants "1.00e+03".) */
START_TEST(alternate_g)
{
	static const struct {
		const char *fmt;
		double v;
		const char *want;
	} cases[] = {
		{ "%#g", 1.0, "1.00000" },       { "%#.3g", 999.5, "1.00e+03" },
		{ "%#.3g", 0.0001, "0.000100" }, { "%#.1g", 5.0, "5." },
		{ "%#.2g", 99.99, "1.0e+02" },   { "%#g", 123456789.0, "1.23457e+08" },
		{ "%.3g", 999.5, "1e+03" },      { "%.3g", 0.0001, "0.0001" },
		{ "%#.0g", 0.0, "0." },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fl_snprintf(got, BUF, cases[i].fmt, cases[i].v);
		ck_assert_str_eq(got, cases[i].want);
	}
}
END_TEST

START_TEST(positional_arguments)
{
	SAME("%2$s %1$d", 5, "five");
	SAME("%1$d %1$d %2$*3$d|%4$.*5$f|", 7, 42, 6, 3.14159, 2);
	SAME("%3$c%2$c%1$c %4$%", 'a', 'b', 'c');
	SAME("%2$Lf %1$lld %3$p %4$hhd %5$s", -5LL, 2.5L, (void *)0x10, 300, "end");
	SAME("%1$-*2$s|%1$*2$s|", "x", 4);
}
END_TEST

START_TEST(asprintf_allocates)
{
	char *s = NULL;

	ck_assert_int_eq(fl_asprintf(&s, "%s-%05.1f-%x", "abc", 2.25, 255u), 12);
	ck_assert_str_eq(s, "abc-002.2-ff");
	fl_free(s);
}
END_TEST

Suite *printf_suite(void)
{
	Suite *s = suite_create("printf");
	TCase *t = tcase_create("printf");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, integers);
	tcase_add_test(t, strings_chars_pointers);
	tcase_add_test(t, count_and_truncation);
	tcase_add_test(t, float_fixed_cases);
	tcase_add_test(t, float_specials);
	tcase_add_test(t, float_random);
	tcase_add_test(t, float_ties);
	tcase_add_test(t, long_double_random);
	tcase_add_test(t, alternate_g);
	tcase_add_test(t, positional_arguments);
	tcase_add_test(t, asprintf_allocates);
	suite_add_tcase(s, t);
	return s;
}
