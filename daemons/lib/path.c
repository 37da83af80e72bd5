/*
 * Canonical path names (path.h). Everything works on bounded lengths: the
 * input is not NUL-terminated, and the output never passes its capacity.
 */
#include <string.h>

#include <ferrite/abi.h>

#include "path.h"

/* Drop the last component of out[0 .. *n). */
static void pop(const char *out, uint64_t *n)
{
	while (*n > 0 && out[*n - 1] != '/')
		(*n)--;
	if (*n > 0)
		(*n)--;
}

static int push(char *out, uint64_t cap, uint64_t *n, const char *c, uint64_t clen)
{
	if (clen > PATH_NAME_MAX)
		return -FE_ENAMETOOLONG;
	if (*n + 1 + clen + 1 > cap)
		return -FE_ENAMETOOLONG;
	out[(*n)++] = '/';
	memcpy(out + *n, c, clen);
	*n += clen;
	return 0;
}

int64_t path_normalize(const char *in, uint64_t len, char *out, uint64_t cap)
{
	uint64_t i = 0, n = 0;

	if (cap < 2)
		return -FE_ENAMETOOLONG;
	if (memchr(in, '\0', len))
		return -FE_EINVAL;
	while (i < len) {
		uint64_t start, clen;
		int rc = 0;

		while (i < len && in[i] == '/')
			i++;
		start = i;
		while (i < len && in[i] != '/')
			i++;
		clen = i - start;
		if (clen == 0 || (clen == 1 && in[start] == '.'))
			continue;
		if (clen == 2 && in[start] == '.' && in[start + 1] == '.')
			pop(out, &n);
		else
			rc = push(out, cap, &n, in + start, clen);
		if (rc < 0)
			return rc;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return (int64_t)n;
}

uint64_t path_next(const char **p, const char *end, const char **name)
{
	const char *s = *p;
	uint64_t n = 0;

	while (s < end && *s == '/')
		s++;
	while (s + n < end && s[n] != '/')
		n++;
	*name = s;
	*p = s + n;
	return n;
}

uint64_t path_leaf(const char *path, uint64_t len)
{
	uint64_t i = len;

	if (len <= 1)
		return 0;
	while (i > 0 && path[i - 1] != '/')
		i--;
	return i;
}
