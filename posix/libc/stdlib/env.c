/*
 * The environment: getenv, setenv, unsetenv, putenv, clearenv.
 *
 * environ starts out pointing into the program's argument area (crt0
 * parses it from the spawn arguments, docs/libc.md). The first change
 * copies the pointer array into memory libc owns, which then grows as
 * needed. Strings made by setenv are never freed: a program may still hold
 * a pointer that getenv gave it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned; /* environ, when it is our own array */
static size_t owned_cap;

static bool name_ok(const char *name)
{
	return name && *name && !strchr(name, '=');
}

static size_t env_count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

/* The index of `name` (len bytes) in environ, or -1. */
static long find(const char *name, size_t len)
{
	for (size_t i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return (long)i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	long i = strchr(name, '=') ? -1 : find(name, len);

	return i < 0 ? NULL : environ[i] + len + 1;
}

/* Make environ our own array with room for one more entry. */
static int reserve_one(void)
{
	size_t n = env_count();
	char **p;

	if (environ == owned && n + 2 <= owned_cap)
		return 0;
	p = malloc((n + 16) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	if (n)
		memcpy(p, environ, n * sizeof(*p));
	p[n] = NULL;
	if (environ == owned)
		free(owned);
	environ = owned = p;
	owned_cap = n + 16;
	return 0;
}

/* Put "name=..." string `entry` in place of the variable or at the end. */
static int put_entry(char *entry, size_t namelen)
{
	long i = find(entry, namelen);
	size_t n;
	int rc = reserve_one();

	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	if (i >= 0) {
		environ[i] = entry;
		return 0;
	}
	n = env_count();
	environ[n] = entry;
	environ[n + 1] = NULL;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nl, vl;
	char *entry;

	if (!name_ok(name)) {
		errno = EINVAL;
		return -1;
	}
	nl = strlen(name);
	if (!overwrite && find(name, nl) >= 0)
		return 0;
	vl = strlen(value);
	entry = malloc(nl + vl + 2);
	if (!entry) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(entry, name, nl);
	entry[nl] = '=';
	memcpy(entry + nl + 1, value, vl + 1);
	return put_entry(entry, nl);
}

int putenv(char *string)
{
	char *eq = strchr(string, '=');

	if (!eq || eq == string) {
		errno = EINVAL;
		return -1;
	}
	return put_entry(string, (size_t)(eq - string));
}

int unsetenv(const char *name)
{
	size_t len;
	long i;

	if (!name_ok(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	while ((i = find(name, len)) >= 0) {
		if (reserve_one() < 0) {
			errno = ENOMEM;
			return -1;
		}
		memmove(&environ[i], &environ[i + 1], (env_count() - (size_t)i) * sizeof(char *));
	}
	return 0;
}

int clearenv(void)
{
	if (environ == owned)
		free(owned);
	owned = NULL;
	owned_cap = 0;
	environ = NULL;
	return 0;
}
