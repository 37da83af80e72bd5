/*
 * The printf family: each function points the engine (vformat.c) at its
 * sink — a FILE, a descriptor, a fixed buffer or a growing allocation.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

static void put_file(struct fe_out *o, const char *s, size_t n)
{
	if (__fe_write(o->ctx, s, n) < n)
		o->error = true;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fe_out o = { .put = put_file, .ctx = f };

	return __fe_vformat(&o, fmt, ap);
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

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

/* A descriptor: a small buffer, written out as it fills. */
static void put_fd(struct fe_out *o, const char *s, size_t n)
{
	int fd = (int)(long)o->ctx;

	while (n && !o->error) {
		size_t room = o->cap - o->len, k = n < room ? n : room;

		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == o->cap) {
			if (write(fd, o->buf, o->len) != (ssize_t)o->len)
				o->error = true;
			o->len = 0;
		}
	}
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	char buf[512];
	struct fe_out o = {
		.put = put_fd, .ctx = (void *)(long)fd, .buf = buf, .cap = sizeof(buf)
	};
	int rc = __fe_vformat(&o, fmt, ap);

	if (o.len && write(fd, buf, o.len) != (ssize_t)o.len)
		return -1;
	return o.error ? -1 : rc;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vdprintf(fd, fmt, ap);
	va_end(ap);
	return rc;
}
