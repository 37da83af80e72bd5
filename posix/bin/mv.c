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
	int c;

	tool_init("mv", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "fi")) != -1)
		;
	return copy_operands(argc, argv, move);
}
