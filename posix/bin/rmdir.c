/*
 * rmdir: remove empty directories; with -p, then their parents in turn.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: rmdir [-p] DIR...\n"
			    "Remove the empty directories DIR.\n"
			    "  -p  remove each parent named in DIR too, once it is empty\n";

static int remove_dir(const char *path)
{
	if (rmdir(path) == 0)
		return 0;
	tool_warn("failed to remove '%s': %s", path, strerror(errno));
	return 1;
}

static int remove_parents(char *path)
{
	char *slash;

	if (remove_dir(path))
		return 1;
	while ((slash = strrchr(path, '/')) != NULL) {
		while (slash > path && slash[-1] == '/')
			slash--;
		if (slash == path)
			break;
		*slash = '\0';
		if (remove_dir(path))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;

	tool_init("rmdir", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "p")) != -1)
		parents = 1;
	if (optind == argc)
		tool_usage_error("missing operand");
	for (int i = optind; i < argc; i++)
		status |= parents ? remove_parents(argv[i]) : remove_dir(argv[i]);
	return status;
}
