/*
 * basename and dirname, POSIX style: trailing slashes do not count, and
 * both may write into their argument.
 */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	static char dot[] = ".";
	size_t n;
	char *slash;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

char *dirname(char *path)
{
	static char dot[] = ".";
	size_t n;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	if (n == 0)
		return dot;
	while (n > 1 && path[n - 1] == '/')
		n--;
	path[n] = '\0';
	return path;
}
