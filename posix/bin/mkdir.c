/*
 * mkdir: make directories. With -p, make the missing parents too and accept
 * directories that already exist. A path may start with a scheme
 * ("file:/a/b"): the scheme itself is never made.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: mkdir [-p] [-m MODE] DIR...\n"
			    "Make the directories DIR.\n"
			    "  -p       make parents as needed; no error if DIR exists\n"
			    "  -m MODE  permissions, in octal (default 777 less the umask)\n";

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int make(const char *path, mode_t mode, int parents)
{
	if (mkdir(path, mode) == 0 || (parents && errno == EEXIST && is_dir(path)))
		return 0;
	tool_warn("cannot create directory '%s': %s", path, strerror(errno));
	return 1;
}

/* Each prefix ending before a '/' (but not "" or "scheme:"), then the path. */
static int make_parents(char *path, mode_t mode)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/' || p[-1] == ':')
			continue;
		*p = '\0';
		if (!is_dir(path) && make(path, 0777, 1)) {
			*p = '/';
			return 1;
		}
		*p = '/';
	}
	return make(path, mode, 1);
}

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;
	mode_t mode = 0777;
	char *end;

	tool_init("mkdir", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "pm:")) != -1) {
		if (c == 'p') {
			parents = 1;
		} else {
			mode = (mode_t)strtol(optarg, &end, 8);
			if (!optarg[0] || *end)
				tool_usage_error("invalid mode '%s'", optarg);
		}
	}
	if (optind == argc)
		tool_usage_error("missing operand");
	for (int i = optind; i < argc; i++)
		status |= parents ? make_parents(argv[i], mode) : make(argv[i], mode, 0);
	return status;
}
