/*
 * Opening and closing streams, their state flags, and positioning.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdio_impl.h"

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags, flags = __fe_mode_flags(mode, &oflags), fd;
	FILE *f;

	if (flags < 0)
		return NULL;
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = __fe_file_new(fd, flags, &__fe_fd_ops, NULL);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, flags = __fe_mode_flags(mode, &oflags);

	if (flags < 0)
		return NULL;
	if (fcntl(fd, F_GETFD) < 0)
		return NULL;
	return __fe_file_new(fd, flags, &__fe_fd_ops, NULL);
}

int fclose(FILE *f)
{
	int rc = __fe_flush(f);

	if (f->ops->close && f->ops->close(f) < 0)
		rc = EOF;
	__fe_file_free(f);
	return rc;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int oflags, flags = __fe_mode_flags(mode, &oflags), fd;

	__fe_flush(f);
	if (flags < 0 || !path) {
		errno = path ? errno : EBADF;
		return NULL;
	}
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	if (f->ops == &__fe_fd_ops && f->fd != fd) {
		if (dup2(fd, f->fd) < 0) {
			close(fd);
			return NULL;
		}
		close(fd);
		fd = f->fd;
	} else if (f->ops->close) {
		f->ops->close(f);
	}
	f->fd = fd;
	f->ops = &__fe_fd_ops;
	f->flags =
		(f->flags & (SF_STATIC | SF_OWNBUF | SF_NOBUF | SF_LINEBUF | SF_BUFMODE)) | flags;
	f->dir = DIR_NONE;
	f->rpos = f->rend = f->wpos = 0;
	f->nungot = 0;
	return f;
}

int fileno(FILE *f)
{
	if (f->fd < 0) {
		errno = EBADF;
		return -1;
	}
	return f->fd;
}

int feof(FILE *f)
{
	return !!(f->flags & SF_EOF);
}

int ferror(FILE *f)
{
	return !!(f->flags & SF_ERR);
}

void clearerr(FILE *f)
{
	f->flags &= ~(SF_EOF | SF_ERR);
}

void flockfile(FILE *f)
{
	(void)f;
}

void funlockfile(FILE *f)
{
	(void)f;
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (whence == SEEK_CUR && f->dir == DIR_READ)
		off -= (off_t)(f->rend - f->rpos) + f->nungot;
	if (f->dir == DIR_WRITE && __fe_flush(f) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->nungot = 0;
	f->dir = DIR_NONE;
	if (!f->ops->seek) {
		errno = ESPIPE;
		return -1;
	}
	if (f->ops->seek(f, off, whence) < 0)
		return -1;
	f->flags &= ~SF_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence)
{
	return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
	off_t pos;

	if (!f->ops->seek) {
		errno = ESPIPE;
		return -1;
	}
	pos = f->ops->seek(f, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	if (f->dir == DIR_READ)
		return pos - (off_t)(f->rend - f->rpos) - f->nungot;
	if (f->dir == DIR_WRITE)
		return (f->flags & SF_APPEND) ? pos : pos + (off_t)f->wpos;
	return pos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~SF_ERR;
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, *pos, SEEK_SET);
}
