/*
 * env: run a program in a changed environment, or print the environment.
 *
 *   env [-i] [-u NAME]... [NAME=VALUE]... [PROGRAM [ARG...]]
 *
 * Without PROGRAM the resulting environment is printed, one NAME=VALUE per
 * line. PROGRAM is found through PATH (execvp). Exit status 127 if it can
 * not be found, 126 if it can not be run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

extern char **environ;

static const char usage[] = "usage: env [-i] [-u NAME]... [NAME=VALUE]... [PROGRAM [ARG...]]\n"
			    "Run PROGRAM with the environment changed, or print the environment.\n"
			    "  -i       start from an empty environment\n"
			    "  -u NAME  remove NAME from the environment\n";

static char *empty_env[] = { NULL };

int main(int argc, char **argv)
{
	int c, i;

	tool_init("env", usage, argc, argv);
	/* "+": GNU getopt must stop at PROGRAM, not take PROGRAM's options. */
	while ((c = tool_getopt(argc, argv, "+iu:")) != -1) {
		if (c == 'i')
			environ = empty_env;
		else if (c == 'u' && unsetenv(optarg) < 0)
			tool_usage_error("cannot unset '%s': %s", optarg, strerror(errno));
	}
	for (i = optind; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++) {
		char *eq = strchr(argv[i], '=');

		*eq = '\0';
		if (setenv(argv[i], eq + 1, 1) < 0)
			return tool_errno(argv[i]);
		*eq = '=';
	}
	if (i == argc) {
		for (char **e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	tool_warn("'%s': %s", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
