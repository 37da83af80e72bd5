/*
 * pwd: print the current directory (as the system resolves it: -L and -P
 * are accepted and make no difference).
 */
#include <stdio.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: pwd [-L|-P]\nPrint the current working directory.\n";

int main(int argc, char **argv)
{
	char cwd[4096];
	int c;

	tool_init("pwd", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "LP")) != -1)
		;
	if (optind < argc)
		tool_usage_error("too many arguments");
	if (!getcwd(cwd, sizeof(cwd)))
		return tool_errno("getcwd");
	puts(cwd);
	return 0;
}
