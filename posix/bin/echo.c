/*
 * echo: write the arguments, separated by spaces, and a newline.
 *   -n  no newline;  -e  read backslash escapes (\n, \t, \0NNN, \c ...);
 *   -E  do not (the default).
 * Only `echo --help` alone prints the usage: any other --help is text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tool.h"

static const char usage[] = "usage: echo [-neE] [STRING...]\n"
			    "Write the STRINGs, separated by spaces, and a newline.\n"
			    "  -n  no trailing newline\n"
			    "  -e  interpret backslash escapes (\\n \\t \\\\ \\0NNN \\c ...)\n"
			    "  -E  do not interpret them (the default)\n";

/* Flags are only flags if every letter is one of n, e, E. */
static int parse_flags(int argc, char **argv, int *newline, int *escapes)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i] + 1;

		if (strspn(o, "neE") != strlen(o))
			break;
		for (; *o; o++) {
			if (*o == 'n')
				*newline = 0;
			else
				*escapes = *o == 'e';
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, stop = 0;
	int first;

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	tool_name = "echo";
	first = parse_flags(argc, argv, &newline, &escapes);
	for (int i = first; i < argc && !stop; i++) {
		if (i > first)
			putchar(' ');
		if (escapes) {
			char *buf = malloc(strlen(argv[i]) + 1);
			size_t n;

			if (!buf)
				return tool_errno("echo");
			n = unescape(argv[i], buf, 1, &stop);
			fwrite(buf, 1, n, stdout);
			free(buf);
		} else {
			fputs(argv[i], stdout);
		}
	}
	if (newline && !stop)
		putchar('\n');
	if (fflush(stdout) != 0)
		return tool_errno("write error");
	return 0;
}
