/*
 * date: print the date and time, in the local time zone or (-u) UTC, in the
 * format given as +FORMAT (strftime's conversions). -r SECONDS prints that
 * time (seconds since 1970) instead of now. Setting the clock is not
 * supported.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: date [-u] [-r SECONDS] [+FORMAT]\n"
			    "Print the date and time (default format '%a %b %e %H:%M:%S %Z %Y').\n"
			    "  -u          in UTC\n"
			    "  -r SECONDS  show the time SECONDS after 1970-01-01 00:00 UTC\n";

int main(int argc, char **argv)
{
	const char *format = "%a %b %e %H:%M:%S %Z %Y";
	int c, utc = 0;
	time_t t = time(NULL);
	struct tm *tm;
	char out[1024];
	long secs;

	tool_init("date", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "ur:")) != -1) {
		if (c == 'u') {
			utc = 1;
		} else {
			if (tool_parse_long(optarg, &secs) < 0)
				tool_usage_error("invalid number of seconds '%s'", optarg);
			t = (time_t)secs;
		}
	}
	if (optind < argc && argv[optind][0] != '+')
		tool_usage_error("setting the date is not supported ('%s')", argv[optind]);
	if (optind < argc)
		format = argv[optind++] + 1;
	if (optind < argc)
		tool_usage_error("extra operand '%s'", argv[optind]);
	tm = utc ? gmtime(&t) : localtime(&t);
	if (!tm)
		return tool_errno("time");
	out[0] = '\0';
	if (format[0] && strftime(out, sizeof(out), format, tm) == 0) {
		tool_warn("the formatted date is too long");
		return 1;
	}
	puts(out);
	return 0;
}
