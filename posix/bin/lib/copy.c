/*
 * copy_file: read the source in blocks and write every byte to the
 * destination; see copy.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "copy.h"
#include "tool.h"

static int copy_fds(int in, int out, const char *src, const char *dst)
{
	char buf[16384];
	ssize_t r;

	for (;;) {
		r = read(in, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return tool_errno(src);
		if (r == 0)
			return 0;
		if (tool_write(out, buf, (unsigned long)r) < 0)
			return tool_errno(dst);
	}
}

int copy_file(const char *src, const char *dst, mode_t mode)
{
	int in, out, status;

	in = open(src, O_RDONLY);
	if (in < 0)
		return tool_errno(src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (out < 0) {
		close(in);
		return tool_errno(dst);
	}
	status = copy_fds(in, out, src, dst);
	close(in);
	if (close(out) < 0 && !status)
		status = tool_errno(dst);
	return status;
}
