/*
 * The printf family on streams and descriptors: the engine (vformat.c)
 * writing to a FILE or, through a small buffer, to a descriptor. The
 * string versions are in sprintf.c.
 */
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
