/*
 * copy_file: read the source in blocks and write every byte to the
 * destination; copy_operands: the SOURCE... DEST walk. See copy.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int copy_operands(int argc, char **argv, int (*each)(const char *src, const char *dst))
{
	int n = argc - optind, status = 0;
	const char *dest = argv[argc - 1];

	if (n < 2)
		tool_usage_error(n ? "missing destination file operand after '%s'"
		                   : "missing file operand%s",
		                 n ? argv[optind] : "");
	if (n > 2 && !is_dir(dest)) {
		tool_warn("target '%s' is not a directory", dest);
		return 1;
	}
	for (int i = optind; i < argc - 1; i++) {
		char *base = tool_basename(argv[i]);
		char *to = is_dir(dest) ? tool_path_join(dest, base) : strdup(dest);

		status |= each(argv[i], to);
		free(base);
		free(to);
	}
	return status;
}
