/*
 * seq: print a sequence of numbers.
 *
 *   seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST
 *
 * FIRST and INCREMENT default to 1. Numbers may have decimals; the output
 * has as many decimals as the most precise of FIRST and INCREMENT. -w pads
 * with leading zeros to equal width.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: seq [-s SEPARATOR] [-w] [FIRST [INCREMENT]] LAST\n"
			    "Print numbers from FIRST to LAST, in steps of INCREMENT.\n"
			    "  -s SEP  separate numbers with SEP (default: newline)\n"
			    "  -w      pad with zeros to equal width\n";

static double number(const char *s, int *decimals)
{
	const char *dot = strchr(s, '.');
	char *end;
	double v = strtod(s, &end);

	if (!s[0] || *end)
		tool_usage_error("invalid number '%s'", s);
	if (dot) {
		int d = (int)strlen(dot + 1);

		*decimals = d > *decimals ? d : *decimals;
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *sep = "\n";
	double first = 1, step = 1, last;
	int c, n, decimals = 0, width = 0, wide = 0;
	long count;

	tool_init("seq", usage, argc, argv);
	/* A leading negative number is an operand, not an option. */
	while (optind < argc &&
	       !(argv[optind][0] == '-' && argv[optind][1] >= '0' && argv[optind][1] <= '9') &&
	       (c = tool_getopt(argc, argv, "s:w")) != -1) {
		if (c == 's')
			sep = optarg;
		else
			wide = 1;
	}
	n = argc - optind;
	if (n < 1 || n > 3)
		tool_usage_error(n ? "extra operand '%s'" : "missing operand%s",
		                 n ? argv[optind + 3] : "");
	last = number(argv[argc - 1], &(int){ 0 });
	if (n > 1)
		first = number(argv[optind], &decimals);
	if (n > 2)
		step = number(argv[optind + 1], &decimals);
	if (step == 0)
		tool_usage_error("invalid zero increment");
	count = (long)((last - first) / step + 1e-9) + 1;
	if (wide) {
		char a[64], b[64];
		int la = snprintf(a, sizeof(a), "%.*f", decimals, first);
		int lb = snprintf(b, sizeof(b), "%.*f", decimals, first + step * (count - 1));

		width = la > lb ? la : lb;
	}
	for (long i = 0; i < count; i++) {
		printf("%s%0*.*f", i ? sep : "", width, decimals, first + step * (double)i);
	}
	if (count > 0)
		putchar('\n');
	return 0;
}
