/*
 * Directories: a DIR is a descriptor opened with O_DIRECTORY and a buffer
 * of struct fe_dirent records from the server (FE_SCHEME_READDIR with the
 * cookie of the last entry read, w[1], and the buffer's size, w[2]; 0 bytes
 * back means the end).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define DIR_BUF 4096
#define HEAD offsetof(struct fe_dirent, name)

struct fe_dir {
	int fd;
	size_t pos, len;
	uint64_t cookie; /* where the next READDIR continues */
	struct dirent ent;
	union {
		char buf[DIR_BUF];
		uint64_t align;
	};
};

DIR *fdopendir(int fd)
{
	DIR *d = calloc(1, sizeof(*d));

	if (!d) {
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

static long fill(DIR *d)
{
	struct fe_msg m = fe_msg_empty();
	long n;

	m.label = FE_SCHEME_READDIR;
	m.w[1] = d->cookie;
	m.w[2] = sizeof(d->buf);
	m.rbuf = d->buf;
	m.rcap = sizeof(d->buf);
	n = __fe_fd_call(d->fd, &m);
	if (n < 0)
		return n;
	d->pos = 0;
	d->len = (size_t)n;
	return n;
}

struct dirent *readdir(DIR *d)
{
	struct fe_dirent e;
	long rc;

	if (d->pos >= d->len) {
		rc = fill(d);
		if (rc <= 0) {
			if (rc < 0)
				errno = (int)-rc;
			return NULL;
		}
	}
	memcpy(&e, d->buf + d->pos, HEAD);
	if (e.reclen < HEAD + e.namelen + 1 || e.reclen > d->len - d->pos) {
		errno = EIO;
		return NULL;
	}
	d->ent.d_ino = e.ino;
	d->ent.d_off = (off_t)e.cookie;
	d->ent.d_reclen = sizeof(d->ent);
	d->ent.d_type = e.type;
	strlcpy(d->ent.d_name, d->buf + d->pos + HEAD,
	        (size_t)e.namelen + 1 < sizeof(d->ent.d_name) ? (size_t)e.namelen + 1
	                                                      : sizeof(d->ent.d_name));
	d->cookie = e.cookie;
	d->pos += e.reclen;
	return &d->ent;
}

int closedir(DIR *d)
{
	int rc = close(d->fd);

	free(d);
	return rc;
}

void rewinddir(DIR *d)
{
	d->cookie = 0;
	d->pos = d->len = 0;
}

long telldir(DIR *d)
{
	return (long)d->cookie;
}

void seekdir(DIR *d, long pos)
{
	d->cookie = (uint64_t)pos;
	d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
            int (*cmp)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	struct dirent *e, **v = NULL, **nv;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv)
				goto fail;
			v = nv;
		}
		v[n] = malloc(sizeof(*e));
		if (!v[n])
			goto fail;
		memcpy(v[n++], e, sizeof(*e));
	}
	closedir(d);
	if (cmp)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp);
	*list = v;
	return (int)n;
fail:
	while (n)
		free(v[--n]);
	free(v);
	closedir(d);
	errno = ENOMEM;
	return -1;
}
