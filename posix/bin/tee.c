/*
 * tee: copy standard input to standard output and to each FILE. A FILE that
 * can not be opened or written is reported (status 1); the others go on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: tee [-ai] [FILE...]\n"
			    "Copy standard input to standard output and to each FILE.\n"
			    "  -a  append to the FILEs rather than overwrite them\n"
			    "  -i  ignore the interrupt signal\n";

int main(int argc, char **argv)
{
	int c, append = 0, status = 0, n = 0;
	int *fds;
	const char **names;
	char buf[8192];
	ssize_t r;

	tool_init("tee", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "ai")) != -1) {
		if (c == 'a')
			append = 1;
		else
			signal(SIGINT, SIG_IGN);
	}
	fds = malloc(sizeof(int) * (size_t)(argc - optind + 1));
	names = malloc(sizeof(char *) * (size_t)(argc - optind + 1));
	if (!fds || !names)
		return tool_errno("malloc");
	names[n] = "standard output";
	fds[n++] = 1;
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0666);

		if (fd < 0) {
			status |= tool_errno(argv[i]);
		} else {
			names[n] = argv[i];
			fds[n++] = fd;
		}
	}
	while ((r = read(0, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			status |= tool_errno("standard input");
			break;
		}
		for (int i = 0; i < n; i++) {
			if (fds[i] >= 0 && tool_write(fds[i], buf, (unsigned long)r) < 0) {
				status |= tool_errno(names[i]);
				fds[i] = -1;
			}
		}
	}
	free(fds);
	free(names);
	return status;
}
