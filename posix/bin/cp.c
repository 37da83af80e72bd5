/*
 * cp: copy files, and with -r whole directory trees.
 *
 *   cp SRC DEST          DEST a file (or a directory to copy into)
 *   cp SRC... DIR        each SRC into DIR
 *
 * Files keep their permission bits. Copying a tree into itself (cp -r a
 * a/b) does not recurse forever: the directory just made is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "copy.h"
#include "tool.h"

static const char usage[] = "usage: cp [-rR] [-f] SRC DEST\n"
			    "       cp [-rR] [-f] SRC... DIR\n"
			    "Copy files (and with -r, directories) to DEST or into DIR.\n"
			    "  -r, -R  copy directories recursively\n"
			    "  -f      accepted; existing files are always replaced\n";

static int recursive;
static dev_t top_dev;
static ino_t top_ino;
static int have_top;

static int copy_any(const char *src, const char *dst);

static int make_dir(const char *dst, mode_t mode)
{
	struct stat st;

	if (mkdir(dst, mode | 0700) < 0 &&
	    !(errno == EEXIST && stat(dst, &st) == 0 && S_ISDIR(st.st_mode))) {
		tool_warn("cannot create directory '%s': %s", dst, strerror(errno));
		return 1;
	}
	if (!have_top && stat(dst, &st) == 0) {
		top_dev = st.st_dev;
		top_ino = st.st_ino;
		have_top = 1;
	}
	return 0;
}

static int is_top(const char *path)
{
	struct stat st;

	return have_top && stat(path, &st) == 0 && st.st_dev == top_dev && st.st_ino == top_ino;
}

static int copy_dir(const char *src, const char *dst, mode_t mode)
{
	DIR *dir;
	struct dirent *e;
	int status = 0;

	if (make_dir(dst, mode))
		return 1;
	dir = opendir(src);
	if (!dir)
		return tool_errno(src);
	while ((e = readdir(dir)) != NULL) {
		char *from, *to;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		from = tool_path_join(src, e->d_name);
		to = tool_path_join(dst, e->d_name);
		if (!is_top(from))
			status |= copy_any(from, to);
		free(from);
		free(to);
	}
	closedir(dir);
	return status;
}

static int copy_any(const char *src, const char *dst)
{
	struct stat st, dt;

	if (stat(src, &st) < 0) {
		tool_warn("cannot stat '%s': %s", src, strerror(errno));
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			tool_warn("-r not specified; omitting directory '%s'", src);
			return 1;
		}
		return copy_dir(src, dst, st.st_mode & 07777);
	}
	if (stat(dst, &dt) == 0 && dt.st_dev == st.st_dev && dt.st_ino == st.st_ino) {
		tool_warn("'%s' and '%s' are the same file", src, dst);
		return 1;
	}
	return copy_file(src, dst, st.st_mode & 07777);
}

int main(int argc, char **argv)
{
	int c;

	tool_init("cp", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "rRfp")) != -1)
		if (c == 'r' || c == 'R')
			recursive = 1;
	return copy_operands(argc, argv, copy_any);
}
