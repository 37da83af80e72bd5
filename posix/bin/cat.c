/*
 * cat: copy files (or standard input, "-") to standard output, in order.
 * A file that can not be read is reported and skipped; the status is 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: cat [-u] [FILE...]\n"
			    "Copy each FILE (standard input for - or none) to standard output.\n"
			    "  -u  unbuffered (always the case)\n";

static int copy_fd(int fd, const char *name)
{
	char buf[8192];
	ssize_t r;

	for (;;) {
		r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return tool_errno(name);
		if (r == 0)
			return 0;
		if (tool_write(1, buf, (unsigned long)r) < 0)
			return tool_errno("write error");
	}
}

static int cat_one(const char *path)
{
	int fd, status;

	if (strcmp(path, "-") == 0)
		return copy_fd(0, "standard input");
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return tool_errno(path);
	status = copy_fd(fd, path);
	close(fd);
	return status;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	tool_init("cat", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "u")) != -1)
		;
	if (optind == argc)
		return cat_one("-");
	for (int i = optind; i < argc; i++)
		status |= cat_one(argv[i]);
	return status;
}
