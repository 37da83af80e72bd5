/*
 * sleep: wait for the sum of the given times. A time is a decimal number
 * of seconds ("0.25"), optionally with a unit: s, m (minutes), h, d.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: sleep NUMBER[smhd]...\n"
			    "Pause for the total time (seconds by default; fractions allowed).\n";

/* Parse "12.5m" into nanoseconds; -1 if it is not a time. */
static long long parse_time(const char *s)
{
	long long whole = 0, frac = 0, scale = 1000000000LL, mult = 1;
	const char *p = s;

	if (!*p)
		return -1;
	while (*p >= '0' && *p <= '9')
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale > 1) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
		}
	}
	switch (*p) {
	case 'd':
		mult = 86400;
		p++;
		break;
	case 'h':
		mult = 3600;
		p++;
		break;
	case 'm':
		mult = 60;
		p++;
		break;
	case 's':
		p++;
		break;
	}
	if (*p || p == s || whole > 1000000000LL)
		return -1;
	return (whole * 1000000000LL + frac) * mult;
}

int main(int argc, char **argv)
{
	long long total = 0;
	struct timespec ts;
	int c;

	tool_init("sleep", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "")) != -1)
		;
	if (optind == argc)
		tool_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		long long t = parse_time(argv[i]);

		if (t < 0)
			tool_usage_error("invalid time interval '%s'", argv[i]);
		total += t;
	}
	ts.tv_sec = (time_t)(total / 1000000000LL);
	ts.tv_nsec = (long)(total % 1000000000LL);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}
