/*
 * strftime in the C locale: every conversion of C11 and POSIX, including
 * the ISO 8601 week-based year (%G %g %V). The E and O modifiers are
 * accepted and change nothing, as in the C locale.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
	                                 "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January",   "February", "March",    "April",
	                                   "May",       "June",     "July",     "August",
	                                   "September", "October",  "November", "December" };

struct out {
	char *s;
	size_t max, len;
	bool full;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n >= o->max) {
		o->full = true;
		return;
	}
	memcpy(o->s + o->len, s, n);
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_num(struct out *o, long v, int width, char pad)
{
	char buf[24];
	int n = pad == '0' ? snprintf(buf, sizeof(buf), "%0*ld", width, v)
	                   : snprintf(buf, sizeof(buf), "%*ld", width, v);

	put(o, buf, (size_t)n);
}

static bool leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* ISO 8601: the week-based year and week number of tm. */
static void iso_week(const struct tm *tm, long *year, int *week)
{
	long y = (long)tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7; /* Monday = 0 */
	int w = (tm->tm_yday - wday + 10) / 7;

	if (w < 1) {
		long py = y - 1;
		int pyday = tm->tm_yday + 365 + leap(py);

		y = py;
		w = (pyday - wday + 10) / 7;
	} else if (w == 53) {
		int days = 365 + leap(y);

		if (tm->tm_yday - wday + 3 >= days) {
			y++;
			w = 1;
		}
	}
	*year = y;
	*week = w;
}

/* The century: the year divided by 100, rounded down (-11 for -1032). */
static long century(const struct tm *tm)
{
	long y = (long)tm->tm_year + 1900;

	return y / 100 - (y % 100 < 0);
}

static const char *name(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "?";
}

static void put_abbr(struct out *o, const char *full)
{
	put(o, full, strlen(full) < 3 ? strlen(full) : 3);
}

static void convert(struct out *o, char c, const struct tm *tm);

static void put_fmt(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt; fmt++)
		if (*fmt == '%' && fmt[1])
			convert(o, *++fmt, tm);
		else
			put(o, fmt, 1);
}

static void put_tz(struct out *o, const struct tm *tm, bool numeric)
{
	long off = tm->tm_gmtoff;

	if (!numeric) {
		put_str(o, tm->tm_zone ? tm->tm_zone : "UTC");
		return;
	}
	put(o, off < 0 ? "-" : "+", 1);
	off = off < 0 ? -off : off;
	put_num(o, off / 3600 * 100 + off / 60 % 60, 4, '0');
}

static void convert(struct out *o, char c, const struct tm *tm)
{
	long year = (long)tm->tm_year + 1900, iy;
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12, week;

	switch (c) {
	case 'a':
		put_abbr(o, name(day_names, 7, tm->tm_wday));
		break;
	case 'A':
		put_str(o, name(day_names, 7, tm->tm_wday));
		break;
	case 'b':
	case 'h':
		put_abbr(o, name(month_names, 12, tm->tm_mon));
		break;
	case 'B':
		put_str(o, name(month_names, 12, tm->tm_mon));
		break;
	case 'c':
		put_fmt(o, "%a %b %e %H:%M:%S %Y", tm);
		break;
	case 'C':
		put_num(o, century(tm), 1, '0');
		break;
	case 'd':
		put_num(o, tm->tm_mday, 2, '0');
		break;
	case 'D':
		put_fmt(o, "%m/%d/%y", tm);
		break;
	case 'e':
		put_num(o, tm->tm_mday, 2, ' ');
		break;
	case 'F':
		put_fmt(o, "%Y-%m-%d", tm);
		break;
	case 'g':
		iso_week(tm, &iy, &week);
		put_num(o, (iy % 100 + 100) % 100, 2, '0');
		break;
	case 'G':
		iso_week(tm, &iy, &week);
		put_num(o, iy, 1, '0');
		break;
	case 'H':
		put_num(o, tm->tm_hour, 2, '0');
		break;
	case 'I':
		put_num(o, hour12, 2, '0');
		break;
	case 'j':
		put_num(o, tm->tm_yday + 1, 3, '0');
		break;
	case 'k':
		put_num(o, tm->tm_hour, 2, ' ');
		break;
	case 'l':
		put_num(o, hour12, 2, ' ');
		break;
	case 'm':
		put_num(o, tm->tm_mon + 1, 2, '0');
		break;
	case 'M':
		put_num(o, tm->tm_min, 2, '0');
		break;
	case 'n':
		put(o, "\n", 1);
		break;
	case 'p':
		put_str(o, tm->tm_hour < 12 ? "AM" : "PM");
		break;
	case 'P':
		put_str(o, tm->tm_hour < 12 ? "am" : "pm");
		break;
	case 'r':
		put_fmt(o, "%I:%M:%S %p", tm);
		break;
	case 'R':
		put_fmt(o, "%H:%M", tm);
		break;
	case 's': {
		struct tm copy = *tm;

		put_num(o, (long)timegm(&copy), 1, '0');
		break;
	}
	case 'S':
		put_num(o, tm->tm_sec, 2, '0');
		break;
	case 't':
		put(o, "\t", 1);
		break;
	case 'T':
		put_fmt(o, "%H:%M:%S", tm);
		break;
	case 'u':
		put_num(o, tm->tm_wday ? tm->tm_wday : 7, 1, '0');
		break;
	case 'U':
		put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0');
		break;
	case 'V':
		iso_week(tm, &iy, &week);
		put_num(o, week, 2, '0');
		break;
	case 'w':
		put_num(o, tm->tm_wday, 1, '0');
		break;
	case 'W':
		put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0');
		break;
	case 'x':
		put_fmt(o, "%m/%d/%y", tm);
		break;
	case 'X':
		put_fmt(o, "%H:%M:%S", tm);
		break;
	case 'y':
		put_num(o, (year % 100 + 100) % 100, 2, '0');
		break;
	case 'Y':
		put_num(o, year, 1, '0');
		break;
	case 'z':
		put_tz(o, tm, true);
		break;
	case 'Z':
		put_tz(o, tm, false);
		break;
	case '%':
		put(o, "%", 1);
		break;
	default:
		put(o, "%", 1);
		put(o, &c, 1);
	}
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
                const struct tm *restrict tm)
{
	struct out o = { .s = s, .max = max };

	for (; *fmt && !o.full; fmt++) {
		if (*fmt != '%' || !fmt[1]) {
			put(&o, fmt, 1);
			continue;
		}
		fmt++;
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		if (*fmt)
			convert(&o, *fmt, tm);
		else
			fmt--;
	}
	if (o.full || max == 0)
		return 0;
	s[o.len] = '\0';
	return o.len;
}
