/*
 * Calendar time: gmtime_r, timegm (and mktime, which is the same on
 * Ferrite), asctime_r and strftime against the host's, in UTC, for random
 * times over ±3000 years, including out-of-range fields to normalize.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fl.h"

static void to_host(const struct fl_tm *a, struct tm *b)
{
	memset(b, 0, sizeof(*b));
	b->tm_sec = a->tm_sec;
	b->tm_min = a->tm_min;
	b->tm_hour = a->tm_hour;
	b->tm_mday = a->tm_mday;
	b->tm_mon = a->tm_mon;
	b->tm_year = a->tm_year;
	b->tm_wday = a->tm_wday;
	b->tm_yday = a->tm_yday;
}

static void same_tm(const struct fl_tm *a, const struct tm *b, long t)
{
	ck_assert_msg(a->tm_year == b->tm_year && a->tm_mon == b->tm_mon &&
	                      a->tm_mday == b->tm_mday && a->tm_hour == b->tm_hour &&
	                      a->tm_min == b->tm_min && a->tm_sec == b->tm_sec &&
	                      a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday,
	              "gmtime(%ld): %d-%d-%d %d:%d:%d wday %d yday %d", t, a->tm_year, a->tm_mon,
	              a->tm_mday, a->tm_hour, a->tm_min, a->tm_sec, a->tm_wday, a->tm_yday);
}

static long random_time(void)
{
	return (long)(fl_test_rand() % 190000000000ull) - 95000000000l;
}

START_TEST(gmtime_and_back)
{
	for (int i = 0; i < 200000; i++) {
		long t = i < 1000 ? (long)i * 86399 - 40000000 : random_time();
		struct fl_tm a;
		struct tm b;

		ck_assert_ptr_nonnull(fl_gmtime_r(&t, &a));
		gmtime_r(&t, &b);
		same_tm(&a, &b, t);
		ck_assert_int_eq(fl_timegm(&a), t);
	}
}
END_TEST

START_TEST(normalizes_fields)
{
	for (int i = 0; i < 100000; i++) {
		struct fl_tm a = { 0 };
		struct tm b;
		long t1, t2;

		a.tm_year = (int)(fl_test_rand() % 400) - 100;
		a.tm_mon = (int)(fl_test_rand() % 60) - 30;
		a.tm_mday = (int)(fl_test_rand() % 200) - 100;
		a.tm_hour = (int)(fl_test_rand() % 100) - 50;
		a.tm_min = (int)(fl_test_rand() % 200) - 100;
		a.tm_sec = (int)(fl_test_rand() % 20000) - 10000;
		to_host(&a, &b);
		t1 = fl_mktime(&a);
		t2 = timegm(&b);
		ck_assert_int_eq(t1, t2);
		same_tm(&a, &b, t1);
	}
}
END_TEST

START_TEST(strftime_every_conversion)
{
	static const char fmt[] =
		"%a|%A|%b|%B|%c|%C|%d|%D|%e|%F|%g|%G|%h|%H|%I|%j|%k|%l|%m|%M|%n|%p|"
		"%P|%r|%R|%s|%S|%t|%T|%u|%U|%V|%w|%W|%x|%X|%y|%Y|%z|%%|%Ey|%Od";
	char want[512], got[512], ab[64], bb[64];

	setenv("TZ", "UTC", 1);
	tzset();
	for (int i = 0; i < 50000; i++) {
		long t = i < 800 ? 946684800l + (long)i * 86400 * 7 / 3 : random_time();
		struct fl_tm a;
		struct tm b;
		size_t n1, n2;

		fl_gmtime_r(&t, &a);
		gmtime_r(&t, &b);
		n1 = strftime(want, sizeof(want), fmt, &b);
		n2 = fl_strftime(got, sizeof(got), fmt, &a);
		ck_assert_msg(n1 == n2 && strcmp(want, got) == 0, "strftime at %ld:\n%s\n%s", t,
		              want, got);
		if (b.tm_year > -1900 && b.tm_year < 8000) {
			asctime_r(&b, bb);
			fl_asctime_r(&a, ab);
			ck_assert_str_eq(ab, bb);
		}
	}
	ck_assert_int_eq(fl_strftime(got, 5, "%Y-%m-%d", &(struct fl_tm){ .tm_year = 100 }), 0);
}
END_TEST

Suite *time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *t = tcase_create("time");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, gmtime_and_back);
	tcase_add_test(t, normalizes_fields);
	tcase_add_test(t, strftime_every_conversion);
	suite_add_tcase(s, t);
	return s;
}
