/*
 * Streams over memory: fmemopen (a caller's buffer of fixed size) and
 * open_memstream (a growing allocation whose address and length the caller
 * sees after each flush).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

struct mem {
	char *buf;
	size_t size; /* fmemopen: the buffer; memstream: allocated */
	size_t len;  /* bytes of content */
	size_t pos;
	bool owned;  /* fmemopen: we allocated buf */
	char **bufp; /* open_memstream: where the caller looks */
	size_t *sizep;
};

static ssize_t mem_read(FILE *f, void *buf, size_t n)
{
	struct mem *m = f->cookie;
	size_t k = m->pos < m->len ? m->len - m->pos : 0;

	k = k < n ? k : n;
	memcpy(buf, m->buf + m->pos, k);
	m->pos += k;
	return (ssize_t)k;
}

static ssize_t fixed_write(FILE *f, const void *buf, size_t n)
{
	struct mem *m = f->cookie;
	size_t room = m->pos < m->size ? m->size - m->pos : 0;

	if (f->flags & SF_APPEND)
		m->pos = m->len;
	if (n > room)
		n = room;
	if (!n)
		return 0;
	memcpy(m->buf + m->pos, buf, n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	if (m->len < m->size)
		m->buf[m->len] = '\0';
	return (ssize_t)n;
}

static off_t mem_seek(FILE *f, off_t off, int whence)
{
	struct mem *m = f->cookie;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)m->pos : (off_t)m->len;

	if (whence < SEEK_SET || whence > SEEK_END || base + off < 0 ||
	    (m->bufp == NULL && base + off > (off_t)m->size)) {
		errno = EINVAL;
		return -1;
	}
	m->pos = (size_t)(base + off);
	return (off_t)m->pos;
}

static int mem_close(FILE *f)
{
	struct mem *m = f->cookie;

	if (m->owned)
		free(m->buf);
	free(m);
	return 0;
}

static const struct stream_ops fixed_ops = { mem_read, fixed_write, mem_seek, mem_close };

FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode)
{
	int oflags, flags = __fe_mode_flags(mode, &oflags);
	struct mem *m;
	FILE *f;

	if (flags < 0 || size == 0) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (m && !buf) {
		buf = calloc(1, size);
		m->owned = true;
	}
	if (!m || !buf) {
		free(m);
		errno = ENOMEM;
		return NULL;
	}
	m->buf = buf;
	m->size = size;
	if (mode[0] == 'r')
		m->len = size;
	else if (mode[0] == 'a')
		m->pos = m->len = strnlen(buf, size);
	else
		m->buf[0] = '\0';
	f = __fe_file_new(-1, flags, &fixed_ops, m);
	if (!f)
		free(m);
	return f;
}

static ssize_t grow_write(FILE *f, const void *buf, size_t n)
{
	struct mem *m = f->cookie;

	if (m->pos + n + 1 > m->size) {
		size_t size = (m->pos + n + 1) * 2;
		char *p = realloc(m->buf, size);

		if (!p) {
			errno = ENOMEM;
			return -1;
		}
		memset(p + m->size, 0, size - m->size);
		m->buf = p;
		m->size = size;
	}
	memcpy(m->buf + m->pos, buf, n);
	m->pos += n;
	if (m->pos > m->len)
		m->len = m->pos;
	m->buf[m->len] = '\0';
	*m->bufp = m->buf;
	*m->sizep = m->len;
	return (ssize_t)n;
}

static int grow_close(FILE *f)
{
	struct mem *m = f->cookie;

	*m->bufp = m->buf;
	*m->sizep = m->len;
	free(m);
	return 0;
}

static const struct stream_ops grow_ops = { NULL, grow_write, mem_seek, grow_close };

FILE *open_memstream(char **bufp, size_t *sizep)
{
	struct mem *m = calloc(1, sizeof(*m));
	FILE *f;

	if (!m || !(m->buf = calloc(1, 64))) {
		free(m);
		errno = ENOMEM;
		return NULL;
	}
	m->size = 64;
	m->bufp = bufp;
	m->sizep = sizep;
	*bufp = m->buf;
	*sizep = 0;
	f = __fe_file_new(-1, SF_WRITE, &grow_ops, m);
	if (!f) {
		free(m->buf);
		free(m);
	}
	return f;
}
