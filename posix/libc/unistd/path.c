/*
 * Path names and the current directory.
 *
 * A path "name:rest" (name a valid scheme name, the kernel's rule) goes to
 * that scheme as it is. Any other path is a file: path; one that does not
 * start with '/' is joined to the current directory, which may itself be in
 * any scheme ("initfs:/bin"). Joined paths are cleaned up here: "." and
 * repeated '/' go, ".." takes the previous component off (by name, as the
 * servers resolve it; the root's parent is the root).
 *
 * The Unix device names programs take for granted name Ferrite's devices:
 * "/dev/null" is null:, "/dev/zero" zero:, "/dev/random" and
 * "/dev/urandom" rand:, "/dev/tty" console: (after cleaning, so
 * "/dev/../dev/null" is null: too). Nothing else under /dev exists.
 *
 * The current directory starts as $PWD when that is an absolute path, "/"
 * otherwise; chdir keeps $PWD up to date and exec passes it on, which is
 * how a child starts where its parent was.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

static char cwd[PATH_MAX];

static bool scheme_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

size_t __fe_path_scheme_len(const char *path)
{
	size_t n = 0;

	while (n <= FE_SCHEME_NAME_MAX && scheme_char(path[n]))
		n++;
	return n > 0 && n <= FE_SCHEME_NAME_MAX && path[n] == ':' ? n + 1 : 0;
}

static bool absolute(const char *path)
{
	return path[0] == '/' || __fe_path_scheme_len(path) > 0;
}

static int clean(const char *path, char *out, size_t cap);

static const char *current(void)
{
	const char *pwd;

	if (!cwd[0]) {
		pwd = getenv("PWD");
		if (!pwd || !absolute(pwd) || clean(pwd, cwd, sizeof(cwd)) < 0)
			strcpy(cwd, "/");
	}
	return cwd;
}

/* Append component name[0 .. len) to the cleaned path out[0 .. *used). */
static int add_component(char *out, size_t cap, size_t root, size_t *used, const char *name,
                         size_t len)
{
	if (len == 0 || (len == 1 && name[0] == '.'))
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		while (*used > root + 1 && out[*used - 1] != '/')
			(*used)--;
		if (*used > root + 1)
			(*used)--;
		return 0;
	}
	if (*used + (*used > root + 1) + len >= cap)
		return -FE_ENAMETOOLONG;
	if (*used > root + 1)
		out[(*used)++] = '/';
	memcpy(out + *used, name, len);
	*used += len;
	return 0;
}

/* Add every component of `path` to out, which holds a cleaned path. */
static int add_path(char *out, size_t cap, size_t root, size_t *used, const char *path)
{
	while (*path) {
		size_t len = strcspn(path, "/");
		int rc = add_component(out, cap, root, used, path, len);

		if (rc < 0)
			return rc;
		path += len;
		path += *path == '/';
	}
	return 0;
}

/* Clean `path` (absolute) into out: "scheme:" kept, then "/" and the
 * components. A scheme path with nothing after the colon stays as it is:
 * "pipe:" and "null:" name the scheme's own root file. */
static int clean(const char *path, char *out, size_t cap)
{
	size_t root = __fe_path_scheme_len(path), used = root;

	if (strlen(path) >= cap)
		return -FE_ENAMETOOLONG;
	memcpy(out, path, root);
	if (root && path[root] != '/') {
		strcpy(out, path);
		return 0;
	}
	out[used++] = '/';
	if (add_path(out, cap, root, &used, path + root) < 0)
		return -FE_ENAMETOOLONG;
	out[used] = '\0';
	return 0;
}

/* If `out` names a Unix device, the scheme that serves it. */
static void map_device(char *out, size_t cap)
{
	static const struct {
		const char *unix_name, *scheme;
	} devices[] = {
		{ "/dev/null", "null:" },    { "/dev/zero", "zero:" },   { "/dev/random", "rand:" },
		{ "/dev/urandom", "rand:" }, { "/dev/tty", "console:" },
	};

	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (strcmp(out, devices[i].unix_name) == 0 && strlen(devices[i].scheme) < cap)
			strcpy(out, devices[i].scheme);
}

static int resolve(const char *path, char *out, size_t cap)
{
	const char *base;
	size_t root, used;

	if (!path[0])
		return -FE_ENOENT;
	if (absolute(path))
		return clean(path, out, cap);
	base = current();
	root = __fe_path_scheme_len(base);
	used = strlen(base);
	if (used >= cap)
		return -FE_ENAMETOOLONG;
	memcpy(out, base, used + 1);
	if (add_path(out, cap, root, &used, path) < 0)
		return -FE_ENAMETOOLONG;
	out[used] = '\0';
	return 0;
}

int __fe_path_resolve(const char *path, char *out, size_t cap)
{
	int rc = resolve(path, out, cap);

	if (rc == 0)
		map_device(out, cap);
	return rc;
}

long __fe_path_call(const char *path, struct fe_msg *m)
{
	char full[PATH_MAX];
	int rc = __fe_path_resolve(path, full, sizeof(full));

	if (rc < 0)
		return rc;
	return __fe_path_call_served(full, m);
}

int chdir(const char *path)
{
	char full[PATH_MAX];
	struct stat st;
	int rc = __fe_path_resolve(path, full, sizeof(full));

	if (rc < 0)
		return (int)fe_err(rc);
	if (stat(full, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode))
		return (int)fe_err(-FE_ENOTDIR);
	strcpy(cwd, full);
	setenv("PWD", cwd, 1);
	return 0;
}

int fchdir(int fd)
{
	return (int)fe_err(-FE_ENOSYS);
}

char *getcwd(char *buf, size_t size)
{
	const char *dir = current();
	size_t len = strlen(dir);

	if (!buf && size == 0)
		size = len + 1;
	if (size == 0) {
		errno = EINVAL;
		return NULL;
	}
	if (len + 1 > size) {
		errno = ERANGE;
		return NULL;
	}
	if (!buf && !(buf = malloc(size))) {
		errno = ENOMEM;
		return NULL;
	}
	return memcpy(buf, dir, len + 1);
}
