/*
 * test and [: evaluate a condition (see lib/testexpr.c); the same program
 * under both names, `[` requiring a closing `]`. The shell has the same
 * code as a builtin.
 */
#include <stdio.h>
#include <string.h>

#include "testexpr.h"
#include "tool.h"

static const char usage[] = "usage: test EXPRESSION   or   [ EXPRESSION ]\n"
			    "Exit 0 if EXPRESSION is true, 1 if false, 2 on error.\n"
			    "  -e -f -d -r -w -x -s -h -L -p -S -b -c FILE   file tests\n"
			    "  -n STR  -z STR  STR  S1 = S2  S1 != S2  S1 < S2  S1 > S2\n"
			    "  N1 -eq N2  -ne  -lt  -le  -gt  -ge        integer comparisons\n"
			    "  F1 -nt F2  F1 -ot F2                      modification times\n"
			    "  ! EXPR  EXPR -a EXPR  EXPR -o EXPR  ( EXPR )\n";

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

int main(int argc, char **argv)
{
	const char *name = base_name(argv[0]);

	tool_name = name;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	argv[0] = strcmp(name, "[") == 0 ? "[" : "test";
	return test_eval(argc, argv);
}
