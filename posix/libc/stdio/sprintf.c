/*
 * The printf family on strings: the engine (vformat.c) writing to a fixed
 * buffer (snprintf, sprintf) or to a growing allocation (asprintf).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

/* A fixed buffer: keep what fits (cap includes the NUL), count the rest. */
static void put_buffer(struct fe_out *o, const char *s, size_t n)
{
	size_t room = o->cap > o->len + 1 ? o->cap - o->len - 1 : 0;

	if (n > room)
		n = room;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
{
	struct fe_out o = { .put = put_buffer, .buf = s, .cap = n };
	int rc = __fe_vformat(&o, fmt, ap);

	if (n)
		s[o.len] = '\0';
	return rc;
}

int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vsnprintf(s, n, fmt, ap);
	va_end(ap);
	return rc;
}

int vsprintf(char *restrict s, const char *restrict fmt, va_list ap)
{
	return vsnprintf(s, (size_t)-1 / 2, fmt, ap);
}

int sprintf(char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vsprintf(s, fmt, ap);
	va_end(ap);
	return rc;
}

/* A growing allocation; on failure the sink stops taking bytes. */
static void put_alloc(struct fe_out *o, const char *s, size_t n)
{
	if (o->error)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->buf, cap);

		if (!p) {
			o->error = true;
			return;
		}
		o->buf = p;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

int vasprintf(char **s, const char *restrict fmt, va_list ap)
{
	struct fe_out o = { .put = put_alloc };
	int rc = __fe_vformat(&o, fmt, ap);

	put_alloc(&o, "", 0);
	if (rc < 0 || o.error) {
		free(o.buf);
		*s = NULL;
		if (o.error)
			errno = ENOMEM;
		return -1;
	}
	o.buf[o.len] = '\0';
	*s = o.buf;
	return rc;
}

int asprintf(char **s, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(s, fmt, ap);
	va_end(ap);
	return rc;
}
