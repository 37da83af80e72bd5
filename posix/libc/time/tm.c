/*
 * Calendar time: converting between seconds since the Unix epoch and
 * broken-down UTC dates (proleptic Gregorian), which is also local time on
 * Ferrite (no time zones yet).
 *
 * Day counting works in 400-year eras of 146,097 days, with years taken to
 * start on March 1 so that the leap day falls at the end of a year: the
 * day of such a year is then a simple linear function of the month
 * ((153 * m + 2) / 5 days before month m, counted from March).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>

#define DAY 86400L

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

static long floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to year-month-day (month 1..12). */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long days, long *y, int *m, int *d)
{
	long z = days + 719468, era = floor_div(z, 146097), doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = floor_div(*t, DAY), secs = *t - days * DAY, year;
	int mon, mday;

	civil_from_days(days, &year, &mon, &mday);
	if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = mon - 1;
	tm->tm_mday = mday;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)(((days % 7) + 11) % 7);
	tm->tm_yday = (int)(days - days_from_civil(year, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

/* The seconds a broken-down time names, fields out of range included; and
 * the fields rewritten in range. */
time_t timegm(struct tm *tm)
{
	long mon = tm->tm_mon, year = (long)tm->tm_year + 1900 + floor_div(mon, 12);
	long days;
	time_t t;

	mon -= floor_div(mon, 12) * 12;
	days = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
	t = days * DAY + (long)tm->tm_hour * 3600 + (long)tm->tm_min * 60 + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return (time_t)-1;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

double difftime(time_t a, time_t b)
{
	return (double)a - (double)b;
}

void tzset(void)
{
}

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int wday = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mon = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;

	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days + 3 * wday, months + 3 * mon,
	         tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[32];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return gmtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	struct tm tm;

	return gmtime_r(t, &tm) ? asctime(&tm) : NULL;
}
