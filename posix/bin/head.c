/*
 * head: the first lines (-n N, default 10) or bytes (-c N) of each file.
 * With several files each gets a "==> NAME <==" header. The old form
 * `head -5` means -n 5.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] =
	"usage: head [-n LINES | -c BYTES] [FILE...]\n"
	"Print the first 10 lines (or LINES lines, or BYTES bytes) of each FILE.\n";

static long parse_count(const char *s)
{
	long n;

	if (tool_parse_long(s, &n) < 0 || n < 0)
		tool_usage_error("invalid number '%s'", s);
	return n;
}

static void head(FILE *f, long count, int bytes)
{
	int c;

	while (count > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (bytes || c == '\n')
			count--;
	}
}

/* "-5" is "-n 5": rewrite it before getopt sees it. */
static void old_form(int argc, char **argv, char *buf, size_t size)
{
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		snprintf(buf, size, "-n%s", argv[1] + 1);
		argv[1] = buf;
	}
}

int main(int argc, char **argv)
{
	long count = 10;
	int c, bytes = 0, status = 0, n;
	char buf[64];

	tool_init("head", usage, argc, argv);
	old_form(argc, argv, buf, sizeof(buf));
	while ((c = tool_getopt(argc, argv, "n:c:")) != -1) {
		count = parse_count(optarg);
		bytes = c == 'c';
	}
	n = argc - optind;
	if (n == 0) {
		head(stdin, count, bytes);
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(argv[i], "r");

		if (!f) {
			status |= tool_errno(argv[i]);
			continue;
		}
		if (n > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "",
			       is_stdin ? "standard input" : argv[i]);
		head(f, count, bytes);
		if (!is_stdin)
			fclose(f);
	}
	return status;
}
