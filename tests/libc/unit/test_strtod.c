/*
 * strtod, strtof and strtold: against the host's (glibc rounds correctly),
 * bit for bit, on random decimal strings of every length and exponent, on
 * the exact halfway points between neighbouring doubles (the hardest
 * inputs there are), on round trips of %.17g and %a, and on the special
 * and malformed inputs; end pointers and ERANGE must agree too.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fl.h"

static void same_double(const char *s)
{
	char *e1, *e2;
	double a, b;
	int err1, err2;

	errno = 0;
	a = strtod(s, &e1);
	err1 = errno;
	fl_errno = 0;
	b = fl_strtod(s, &e2);
	err2 = fl_errno;
	ck_assert_msg(memcmp(&a, &b, sizeof(a)) == 0 || (isnan(a) && isnan(b)),
	              "strtod(\"%.80s\"): want %a, got %a", s, a, b);
	ck_assert_msg(e1 - s == e2 - s, "strtod(\"%.80s\"): end %td, got %td", s, e1 - s, e2 - s);
	ck_assert_msg(err1 == err2, "strtod(\"%.80s\"): errno %d, got %d", s, err1, err2);
}

static void same_float(const char *s)
{
	char *e1, *e2;
	float a = strtof(s, &e1), b = fl_strtof(s, &e2);

	ck_assert_msg(memcmp(&a, &b, sizeof(a)) == 0 || (isnan(a) && isnan(b)),
	              "strtof(\"%.80s\"): want %a, got %a", s, a, b);
	ck_assert_int_eq(e1 - s, e2 - s);
}

static void same_long_double(const char *s)
{
	char *e1, *e2;
	long double a = strtold(s, &e1), b = fl_strtold(s, &e2);

	ck_assert_msg(memcmp(&a, &b, 10) == 0 || (isnan(a) && isnan(b)),
	              "strtold(\"%.80s\"): want %La, got %La", s, a, b);
	ck_assert_int_eq(e1 - s, e2 - s);
}

static void same_all(const char *s)
{
	same_double(s);
	same_float(s);
	same_long_double(s);
}

START_TEST(specials_and_malformed)
{
	static const char *const in[] = {
		"0",
		"-0",
		"+0.0",
		"1",
		"-1",
		".5",
		"5.",
		".",
		"",
		"   42",
		"\t\n 1e3x",
		"1e",
		"1e+",
		"1e-",
		"e5",
		"-.e5",
		"inf",
		"-INF",
		"Infinity",
		"infinit",
		"nan",
		"-nan",
		"NaN(123)",
		"nan(",
		"0x",
		"0x1p3",
		"0X1.8P+1",
		"0x.8",
		"0x1.fffffffffffff8p1023",
		"0x1p-1075",
		"0x1p-1074",
		"0x1.0000000000000fp0",
		"0xp3",
		"1e400",
		"-1e400",
		"1e-400",
		"1e-320",
		"4.9e-324",
		"2.4703282292062327e-324",
		"2.4703282292062328e-324",
		"2.2250738585072011e-308",
		"2.2250738585072012e-308",
		"1.7976931348623157e308",
		"1.7976931348623158e308",
		"1.7976931348623159e308",
		"9007199254740993",
		"9007199254740992.5",
		"123456789012345678901234567890",
		"0.000000000000000000001",
		"1e-5000",
		"1e5000",
		"3.4028235e38",
		"3.4028236e38",
		"1.4e-45",
		"7e-46",
		"0000000000000000000000000000000000001",
		"1.00000000000000000000000000000000000001",
	};

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		same_all(in[i]);
}
END_TEST

/* A random decimal string: digits, a point somewhere, an exponent. */
static void random_decimal(char *buf, size_t cap, int max_digits, int exp_range)
{
	int n = 1 + (int)(fl_test_rand() % (uint64_t)max_digits),
	    point = (int)(fl_test_rand() % (uint64_t)(n + 1));
	size_t len = 0;

	if (fl_test_rand() & 1)
		buf[len++] = '-';
	for (int i = 0; i < n && len < cap - 32; i++) {
		if (i == point)
			buf[len++] = '.';
		buf[len++] = (char)('0' + fl_test_rand() % 10);
	}
	snprintf(buf + len, cap - len, "e%d",
	         (int)(fl_test_rand() % (uint64_t)(2 * exp_range + 1)) - exp_range);
}

START_TEST(random_short)
{
	char buf[128];

	for (int i = 0; i < 100000; i++) {
		random_decimal(buf, sizeof(buf), 20, 340);
		same_all(buf);
	}
}
END_TEST

START_TEST(random_long)
{
	static char buf[1200];

	for (int i = 0; i < 3000; i++) {
		random_decimal(buf, sizeof(buf), 1000, 400);
		same_all(buf);
	}
}
END_TEST

/* The exact midpoint between a double and the next, and just above and
 * below it: correct rounding decides on the very last digit. */
START_TEST(halfway_points)
{
	static char buf[1200];

	for (int i = 0; i < 3000; i++) {
		double d = fabs(fl_test_double());
		long double mid = ((long double)d + (long double)nextafter(d, HUGE_VAL)) / 2;
		size_t n;

		if (isinf(nextafter(d, HUGE_VAL)))
			continue;
		snprintf(buf, sizeof(buf), "%.800Le", mid);
		same_double(buf);
		/* just above: a non-zero digit far beyond */
		n = strcspn(buf, "e");
		memmove(buf + n + 1, buf + n, strlen(buf + n) + 1);
		buf[n] = '1';
		same_double(buf);
	}
}
END_TEST

START_TEST(round_trips)
{
	char buf[64];

	for (int i = 0; i < 50000; i++) {
		double d = fl_test_double();

		snprintf(buf, sizeof(buf), "%.17g", d);
		ck_assert(fl_strtod(buf, NULL) == d);
		snprintf(buf, sizeof(buf), "%a", d);
		ck_assert(fl_strtod(buf, NULL) == d);
		snprintf(buf, sizeof(buf), "%.9g", (float)d);
		same_float(buf);
	}
}
END_TEST

START_TEST(integers)
{
	static const char *const in[] = { "0",
		                          "-0",
		                          "123",
		                          "  -456xyz",
		                          "+7",
		                          "0x1F",
		                          "0X1f",
		                          "077",
		                          "0x",
		                          "0xg",
		                          "-",
		                          "",
		                          "9223372036854775807",
		                          "9223372036854775808",
		                          "-9223372036854775808",
		                          "-9223372036854775809",
		                          "18446744073709551615",
		                          "18446744073709551616",
		                          "-1",
		                          "zz",
		                          "1010",
		                          "  +0x7fffffff" };
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };

	for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		for (size_t j = 0; j < sizeof(bases) / sizeof(bases[0]); j++) {
			char *e1, *e2;
			long a, b;
			unsigned long long c, d;
			int err1, err2;

			errno = 0;
			a = strtol(in[i], &e1, bases[j]);
			err1 = errno;
			fl_errno = 0;
			b = fl_strtol(in[i], &e2, bases[j]);
			err2 = fl_errno;
			ck_assert_msg(a == b && e1 == e2 && err1 == err2, "strtol(\"%s\", %d)",
			              in[i], bases[j]);
			errno = 0;
			c = strtoull(in[i], &e1, bases[j]);
			err1 = errno;
			fl_errno = 0;
			d = fl_strtoull(in[i], &e2, bases[j]);
			err2 = fl_errno;
			ck_assert_msg(c == d && e1 == e2 && err1 == err2, "strtoull(\"%s\", %d)",
			              in[i], bases[j]);
			ck_assert_int_eq(strtoul(in[i], NULL, bases[j]),
			                 fl_strtoul(in[i], NULL, bases[j]));
			ck_assert_int_eq(strtoll(in[i], NULL, bases[j]),
			                 fl_strtoll(in[i], NULL, bases[j]));
		}
	ck_assert_int_eq(fl_atoi("  -123abc"), -123);
}
END_TEST

Suite *strtod_suite(void)
{
	Suite *s = suite_create("strtod");
	TCase *t = tcase_create("strtod");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, specials_and_malformed);
	tcase_add_test(t, random_short);
	tcase_add_test(t, random_long);
	tcase_add_test(t, halfway_points);
	tcase_add_test(t, round_trips);
	tcase_add_test(t, integers);
	suite_add_tcase(s, t);
	return s;
}
