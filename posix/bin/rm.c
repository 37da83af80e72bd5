/*
 * rm: remove files; with -r, directories and everything under them. With -f,
 * missing files are no error and nothing is asked. `.` and `..` are never
 * removed. Symbolic links are removed, never followed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: rm [-rRf] FILE...\n"
			    "Remove each FILE.\n"
			    "  -r, -R  remove directories and their contents\n"
			    "  -f      ignore missing files\n";

static int recursive, force;

static int fail(const char *path)
{
	tool_warn("cannot remove '%s': %s", path, strerror(errno));
	return 1;
}

static int remove_path(const char *path);

static int remove_tree(const char *path)
{
	DIR *dir = opendir(path);
	struct dirent *e;
	int status = 0;

	if (!dir)
		return fail(path);
	while ((e = readdir(dir)) != NULL) {
		char *child;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		child = tool_path_join(path, e->d_name);
		status |= remove_path(child);
		free(child);
	}
	closedir(dir);
	if (rmdir(path) < 0)
		return fail(path);
	return status;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		return fail(path);
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			errno = EISDIR;
			return fail(path);
		}
		return remove_tree(path);
	}
	if (unlink(path) < 0)
		return fail(path);
	return 0;
}

static int is_dot(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash && slash[1] ? slash + 1 : path;

	return strcmp(base, ".") == 0 || strcmp(base, "..") == 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	tool_init("rm", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "rRfi")) != -1) {
		if (c == 'f')
			force = 1;
		else if (c != 'i')
			recursive = 1;
	}
	if (optind == argc && !force)
		tool_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		if (is_dot(argv[i])) {
			tool_warn("refusing to remove '.' or '..' directory: skipping '%s'",
			          argv[i]);
			status = 1;
			continue;
		}
		status |= remove_path(argv[i]);
	}
	return status;
}
