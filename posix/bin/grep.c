/*
 * grep: print the lines that match a pattern.
 *
 *   grep [-EFcilnqsvhH] [-e PATTERN]... [PATTERN] [FILE...]
 *
 * Patterns are POSIX basic regular expressions, extended ones with -E,
 * fixed strings with -F (lib/regex.c); several (-e, or one per line of
 * PATTERN) match if any does. Exit status: 0 if a line was selected, 1 if
 * none, 2 on an error (a bad pattern, an unreadable file).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regex.h"
#include "tool.h"

static const char usage[] =
	"usage: grep [-EFcilnqsvhH] [-e PATTERN]... [PATTERN] [FILE...]\n"
	"Print the lines of the FILEs (or standard input) that match a PATTERN.\n"
	"  -E  extended regular expressions     -F  fixed strings\n"
	"  -e PATTERN  a pattern (may be repeated)\n"
	"  -i  ignore case     -v  select non-matching lines\n"
	"  -c  print only a count of selected lines per file\n"
	"  -l  print only the names of files with selected lines\n"
	"  -n  prefix lines with their line numbers\n"
	"  -q  print nothing; exit 0 at the first selected line\n"
	"  -s  no messages about unreadable files\n"
	"  -h  never prefix file names     -H  always prefix file names\n";

static int opt_ext, opt_fixed, opt_icase, opt_invert, opt_count, opt_list, opt_number;
static int opt_quiet, opt_silent, opt_names = -1;

struct pattern {
	char *text;
	struct regex *re;
};

static struct pattern *patterns;
static int npatterns;

static void add_patterns(const char *text)
{
	const char *p = text;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		patterns = realloc(patterns, sizeof(*patterns) * (size_t)(npatterns + 1));
		if (!patterns)
			exit(tool_errno("malloc"));
		patterns[npatterns].text = strndup(p, len);
		patterns[npatterns].re = NULL;
		npatterns++;
		if (!nl)
			break;
		p = nl + 1;
	}
}

static void compile_patterns(void)
{
	int flags = (opt_ext ? RE_EXTENDED : 0) | (opt_icase ? RE_ICASE : 0);

	for (int i = 0; i < npatterns && !opt_fixed; i++) {
		const char *err = NULL;

		patterns[i].re = re_compile(patterns[i].text, flags, &err);
		if (!patterns[i].re) {
			tool_warn("%s: %s", patterns[i].text, err);
			exit(2);
		}
	}
}

static int fixed_match(const char *needle, const char *line, size_t len)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;

		while (k < n && (opt_icase ? tolower((unsigned char)line[i + k]) ==
		                                     tolower((unsigned char)needle[k])
		                           : line[i + k] == needle[k]))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

static int selected(const char *line, size_t len)
{
	int hit = 0;

	for (int i = 0; i < npatterns && !hit; i++)
		hit = opt_fixed ? fixed_match(patterns[i].text, line, len)
		                : re_search(patterns[i].re, line, len);
	return hit != opt_invert;
}

/* One line without its newline into *buf; -1 at end of input. */
static long read_line(FILE *f, char **buf, size_t *cap)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (n + 1 >= *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*buf = realloc(*buf, *cap);
			if (!*buf)
				exit(tool_errno("malloc"));
		}
		(*buf)[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return -1;
	if (!*buf) {
		*cap = 1;
		*buf = malloc(1);
		if (!*buf)
			exit(tool_errno("malloc"));
	}
	(*buf)[n] = '\0';
	return (long)n;
}

static void print_line(const char *name, long lineno, const char *line, long len)
{
	if (opt_names)
		printf("%s:", name);
	if (opt_number)
		printf("%ld:", lineno);
	fwrite(line, 1, (size_t)len, stdout);
	putchar('\n');
}

/* Returns how many lines were selected. */
static long grep_file(FILE *f, const char *name)
{
	char *buf = NULL;
	size_t cap = 0;
	long len, lineno = 0, count = 0;

	while ((len = read_line(f, &buf, &cap)) >= 0) {
		lineno++;
		if (!selected(buf, (size_t)len))
			continue;
		count++;
		if (opt_quiet) {
			free(buf);
			exit(0);
		}
		if (opt_list)
			break;
		if (!opt_count)
			print_line(name, lineno, buf, len);
	}
	free(buf);
	if (opt_count) {
		if (opt_names)
			printf("%s:", name);
		printf("%ld\n", count);
	}
	if (opt_list && count)
		puts(name);
	return count;
}

static void parse_options(int argc, char **argv)
{
	int c;

	while ((c = tool_getopt(argc, argv, "EFGcilnqsvhHe:")) != -1) {
		switch (c) {
		case 'E':
			opt_ext = 1;
			break;
		case 'F':
			opt_fixed = 1;
			break;
		case 'G':
			opt_ext = opt_fixed = 0;
			break;
		case 'e':
			add_patterns(optarg);
			break;
		case 'h':
		case 'H':
			opt_names = c == 'H';
			break;
		default:
			opt_count |= c == 'c';
			opt_icase |= c == 'i';
			opt_list |= c == 'l';
			opt_number |= c == 'n';
			opt_quiet |= c == 'q';
			opt_silent |= c == 's';
			opt_invert |= c == 'v';
		}
	}
}

int main(int argc, char **argv)
{
	int status = 0, nfiles;
	long total = 0;

	tool_init("grep", usage, argc, argv);
	parse_options(argc, argv);
	if (npatterns == 0) {
		if (optind == argc)
			tool_usage_error("no pattern given");
		add_patterns(argv[optind++]);
	}
	compile_patterns();
	nfiles = argc - optind;
	if (opt_names < 0)
		opt_names = nfiles > 1;
	if (nfiles == 0)
		total = grep_file(stdin, "(standard input)");
	for (int i = optind; i < argc; i++) {
		int is_stdin = strcmp(argv[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(argv[i], "r");

		if (!f) {
			if (!opt_silent)
				tool_errno(argv[i]);
			status = 2;
			continue;
		}
		total += grep_file(f, is_stdin ? "(standard input)" : argv[i]);
		if (!is_stdin)
			fclose(f);
	}
	if (status)
		return status;
	return total > 0 ? 0 : 1;
}
