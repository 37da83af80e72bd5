/*
 * touch: set files' access and modification times to now, creating the
 * files that do not exist (unless -c).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "filetime.h"
#include "tool.h"

static const char usage[] = "usage: touch [-c] FILE...\n"
			    "Update the times of each FILE, creating it if it does not exist.\n"
			    "  -c  do not create files\n";

static int touch(const char *path, int create)
{
	int fd;

	if (file_touch_now(path) == 0)
		return 0;
	if (errno != ENOENT)
		return tool_errno(path);
	if (!create)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT, 0666);
	if (fd < 0)
		return tool_errno(path);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int c, create = 1, status = 0;

	tool_init("touch", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "cam")) != -1)
		if (c == 'c')
			create = 0;
	if (optind == argc)
		tool_usage_error("missing file operand");
	for (int i = optind; i < argc; i++)
		status |= touch(argv[i], create);
	return status;
}
