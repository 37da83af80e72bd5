/*
 * mv: move (rename) files and directories.
 *
 *   mv SRC DEST     rename SRC to DEST (or into DEST if it is a directory)
 *   mv SRC... DIR   move each SRC into DIR
 *
 * A rename that would cross filesystems or schemes (EXDEV) becomes a copy
 * and a removal, for regular files; directories are refused then.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "tool.h"

static const char usage[] = "usage: mv [-f] SRC DEST\n"
			    "       mv [-f] SRC... DIR\n"
			    "Rename SRC to DEST, or move the SRCs into DIR.\n"
			    "  -f  accepted; existing files are always replaced\n";

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int move_across(const char *src, const char *dst)
{
	struct stat st;

	if (stat(src, &st) < 0)
		return tool_errno(src);
	if (!S_ISREG(st.st_mode)) {
		tool_warn("cannot move '%s' to '%s': %s", src, dst, strerror(EXDEV));
		return 1;
	}
	if (copy_file(src, dst, st.st_mode & 07777))
		return 1;
	if (unlink(src) < 0)
		return tool_errno(src);
	return 0;
}

static int move(const char *src, const char *dst)
{
	if (rename(src, dst) == 0)
		return 0;
	if (errno == EXDEV)
		return move_across(src, dst);
	tool_warn("cannot move '%s' to '%s': %s", src, dst, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int c, n, status = 0;
	const char *dest;

	tool_init("mv", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "fi")) != -1)
		;
	n = argc - optind;
	if (n < 2)
		tool_usage_error(n ? "missing destination file operand after '%s'"
		                   : "missing file operand%s",
		                 n ? argv[optind] : "");
	dest = argv[argc - 1];
	if (n > 2 && !is_dir(dest)) {
		tool_warn("target '%s' is not a directory", dest);
		return 1;
	}
	for (int i = optind; i < argc - 1; i++) {
		char *base = tool_basename(argv[i]);
		char *to = is_dir(dest) ? tool_path_join(dest, base) : strdup(dest);

		status |= move(argv[i], to);
		free(base);
		free(to);
	}
	return status;
}
