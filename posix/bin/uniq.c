/*
 * uniq: drop repeated adjacent lines (sort first to drop all repeats).
 *   -c  prefix each line with how many times it occurred
 *   -d  only lines that were repeated;  -u  only lines that were not
 *   -i  compare ignoring case
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: uniq [-c] [-d | -u] [-i] [INPUT [OUTPUT]]\n"
			    "Write INPUT (or standard input) without repeated adjacent lines.\n"
			    "  -c  prefix lines with their number of occurrences\n"
			    "  -d  only print repeated lines\n"
			    "  -u  only print lines that are not repeated\n"
			    "  -i  ignore case when comparing\n";

static int opt_count, opt_dups, opt_uniq, opt_icase;

/* Read a whole line (any length) into *buf; 0 at end of input. */
static size_t read_line(FILE *f, char **buf, size_t *cap)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF) {
		if (n + 2 > *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*buf = realloc(*buf, *cap);
			if (!*buf) {
				tool_warn("out of memory");
				exit(1);
			}
		}
		(*buf)[n++] = (char)c;
		if (c == '\n')
			break;
	}
	if (n > 0 && (*buf)[n - 1] != '\n')
		(*buf)[n++] = '\n';
	if (n > 0)
		(*buf)[n] = '\0';
	return n;
}

static void emit(FILE *out, const char *line, long count)
{
	if ((opt_dups && count < 2) || (opt_uniq && count > 1))
		return;
	if (opt_count)
		fprintf(out, "%7ld %s", count, line);
	else
		fputs(line, out);
}

static int same(const char *a, const char *b)
{
	return opt_icase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

static void swap(char **a, size_t *acap, char **b, size_t *bcap)
{
	char *t = *a;
	size_t tc = *acap;

	*a = *b;
	*acap = *bcap;
	*b = t;
	*bcap = tc;
}

static void uniq(FILE *in, FILE *out)
{
	char *prev = NULL, *cur = NULL;
	size_t pcap = 0, ccap = 0;
	long count = 0;

	while (read_line(in, &cur, &ccap) > 0) {
		if (count > 0 && same(prev, cur)) {
			count++;
			continue;
		}
		if (count > 0)
			emit(out, prev, count);
		swap(&prev, &pcap, &cur, &ccap);
		count = 1;
	}
	if (count > 0)
		emit(out, prev, count);
	free(prev);
	free(cur);
}

int main(int argc, char **argv)
{
	FILE *in = stdin, *out = stdout;
	int c;

	tool_init("uniq", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "cdui")) != -1) {
		opt_count |= c == 'c';
		opt_dups |= c == 'd';
		opt_uniq |= c == 'u';
		opt_icase |= c == 'i';
	}
	if (argc - optind > 2)
		tool_usage_error("extra operand '%s'", argv[optind + 2]);
	if (optind < argc && strcmp(argv[optind], "-") != 0 && !(in = fopen(argv[optind], "r")))
		return tool_errno(argv[optind]);
	if (optind + 1 < argc && !(out = fopen(argv[optind + 1], "w")))
		return tool_errno(argv[optind + 1]);
	uniq(in, out);
	if (fflush(out) != 0)
		return tool_errno("write error");
	return 0;
}
