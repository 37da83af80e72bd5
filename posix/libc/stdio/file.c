/*
 * The FILE core: the three standard streams, the list of open streams,
 * buffering, and moving bytes between a buffer and the stream's ops.
 *
 * Buffers are allocated at first use. stdout is line-buffered when it is a
 * terminal and fully buffered otherwise, stderr is unbuffered, as C and
 * POSIX expect. Before a stream reads from its source, a line-buffered
 * stdout is flushed, so that a prompt appears before the program waits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../libc.h"
#include "stdio_impl.h"

static ssize_t fd_read(FILE *f, void *buf, size_t n)
{
	return read(f->fd, buf, n);
}

static ssize_t fd_write(FILE *f, const void *buf, size_t n)
{
	if ((f->flags & SF_APPEND) && lseek(f->fd, 0, SEEK_END) < 0 && errno != ESPIPE)
		return -1;
	return write(f->fd, buf, n);
}

static off_t fd_seek(FILE *f, off_t off, int whence)
{
	return lseek(f->fd, off, whence);
}

static int fd_close(FILE *f)
{
	return close(f->fd);
}

const struct stream_ops __fe_fd_ops = { fd_read, fd_write, fd_seek, fd_close };

static struct fe_file std_files[3] = {
	{ .fd = 0, .flags = SF_READ | SF_STATIC, .ops = &__fe_fd_ops },
	{ .fd = 1, .flags = SF_WRITE | SF_STATIC, .ops = &__fe_fd_ops },
	{ .fd = 2, .flags = SF_WRITE | SF_STATIC | SF_NOBUF | SF_BUFMODE, .ops = &__fe_fd_ops },
};

FILE *const stdin = &std_files[0];
FILE *const stdout = &std_files[1];
FILE *const stderr = &std_files[2];

static struct fe_file *open_files; /* every stream but the standard three */

FILE *__fe_file_new(int fd, int flags, const struct stream_ops *ops, void *cookie)
{
	struct fe_file *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = flags;
	f->ops = ops;
	f->cookie = cookie;
	f->next = open_files;
	if (open_files)
		open_files->prev = f;
	open_files = f;
	return f;
}

void __fe_file_free(FILE *f)
{
	if (f->flags & SF_OWNBUF)
		free(f->buf);
	f->buf = NULL;
	f->flags &= ~SF_OWNBUF;
	if (f->flags & SF_STATIC)
		return;
	if (f->prev)
		f->prev->next = f->next;
	else
		open_files = f->next;
	if (f->next)
		f->next->prev = f->prev;
	free(f);
}

int __fe_mode_flags(const char *mode, int *oflags)
{
	int flags, o;

	switch (mode[0]) {
	case 'r':
		flags = SF_READ, o = O_RDONLY;
		break;
	case 'w':
		flags = SF_WRITE, o = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case 'a':
		flags = SF_WRITE | SF_APPEND, o = O_WRONLY | O_CREAT | O_APPEND;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (mode++; *mode; mode++) {
		if (*mode == '+') {
			flags |= SF_READ | SF_WRITE;
			o = (o & ~O_ACCMODE) | O_RDWR;
		} else if (*mode == 'x') {
			o |= O_EXCL;
		} else if (*mode == 'e') {
			o |= O_CLOEXEC;
		}
	}
	*oflags = o;
	return flags;
}

/* Choose the buffering and get a buffer, at a stream's first use. */
static void setup_buffer(FILE *f)
{
	if (!(f->flags & SF_BUFMODE)) {
		f->flags |= SF_BUFMODE;
		if (f == stdout && f->ops == &__fe_fd_ops && isatty(f->fd))
			f->flags |= SF_LINEBUF;
	}
	if (f->buf)
		return;
	if (!(f->flags & SF_NOBUF)) {
		f->buf = malloc(BUFSIZ);
		if (f->buf) {
			f->cap = BUFSIZ;
			f->flags |= SF_OWNBUF;
			return;
		}
	}
	f->buf = &f->one;
	f->cap = 1;
}

/* Send buf[0 .. wpos). */
static int flush_write(FILE *f)
{
	size_t done = 0;

	while (done < f->wpos) {
		ssize_t n = f->ops->write(f, f->buf + done, f->wpos - done);

		if (n <= 0) {
			f->flags |= SF_ERR;
			memmove(f->buf, f->buf + done, f->wpos - done);
			f->wpos -= done;
			return EOF;
		}
		done += (size_t)n;
	}
	f->wpos = 0;
	return 0;
}

/* Drop the read buffer, moving the file offset back over what was not
 * consumed, so that the next operation starts where the program is. */
static int drop_read(FILE *f)
{
	off_t unread = (off_t)(f->rend - f->rpos) + f->nungot;

	f->rpos = f->rend = 0;
	f->nungot = 0;
	if (unread && f->ops->seek && f->ops->seek(f, -unread, SEEK_CUR) < 0)
		return errno == ESPIPE ? 0 : EOF;
	return 0;
}

int __fe_flush(FILE *f)
{
	int rc = 0;

	if (f->dir == DIR_WRITE)
		rc = flush_write(f);
	else if (f->dir == DIR_READ)
		rc = drop_read(f);
	if (rc == 0)
		f->dir = DIR_NONE;
	return rc;
}

int fflush(FILE *f)
{
	int rc = 0;

	if (f)
		return __fe_flush(f);
	for (int i = 0; i < 3; i++)
		if (std_files[i].dir == DIR_WRITE && flush_write(&std_files[i]) < 0)
			rc = EOF;
	for (f = open_files; f; f = f->next)
		if (f->dir == DIR_WRITE && flush_write(f) < 0)
			rc = EOF;
	return rc;
}

void __fe_stdio_flush_all(void)
{
	fflush(NULL);
}

/* Refill the read buffer: 1 with bytes, 0 at end of file, EOF on error. */
int __fe_fill(FILE *f)
{
	ssize_t n;

	if (!(f->flags & SF_READ)) {
		f->flags |= SF_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->dir == DIR_WRITE && __fe_flush(f) < 0)
		return EOF;
	setup_buffer(f);
	f->dir = DIR_READ;
	if ((stdout->flags & SF_LINEBUF) && stdout->dir == DIR_WRITE)
		flush_write(stdout);
	n = f->ops->read(f, f->buf, f->cap);
	f->rpos = 0;
	f->rend = n > 0 ? (size_t)n : 0;
	if (n < 0) {
		f->flags |= SF_ERR;
		return EOF;
	}
	if (n == 0)
		f->flags |= SF_EOF;
	return n > 0;
}

/* Move to writing; 0 or EOF. */
static int start_write(FILE *f)
{
	if (!(f->flags & SF_WRITE)) {
		f->flags |= SF_ERR;
		errno = EBADF;
		return EOF;
	}
	if (f->dir == DIR_READ && __fe_flush(f) < 0)
		return EOF;
	setup_buffer(f);
	f->dir = DIR_WRITE;
	return 0;
}

/* Write n bytes through the buffer; how many were taken. */
size_t __fe_write(FILE *f, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	size_t done = 0;

	if (start_write(f) < 0)
		return 0;
	if (n >= f->cap && f->wpos == 0 && !(f->flags & SF_LINEBUF)) {
		ssize_t k = f->ops->write(f, p, n);

		if (k < 0) {
			f->flags |= SF_ERR;
			return 0;
		}
		return (size_t)k;
	}
	while (done < n) {
		size_t room = f->cap - f->wpos, k = n - done < room ? n - done : room;

		memcpy(f->buf + f->wpos, p + done, k);
		f->wpos += k;
		done += k;
		if (f->wpos == f->cap && flush_write(f) < 0)
			return done - (f->wpos < done ? f->wpos : done);
	}
	if ((f->flags & SF_NOBUF) || ((f->flags & SF_LINEBUF) && memchr(p, '\n', n)))
		if (flush_write(f) < 0)
			return 0;
	return done;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (f->dir != DIR_NONE || (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)) {
		errno = EINVAL;
		return -1;
	}
	f->flags &= ~(SF_LINEBUF | SF_NOBUF);
	f->flags |=
		SF_BUFMODE | (mode == _IOLBF ? SF_LINEBUF : 0) | (mode == _IONBF ? SF_NOBUF : 0);
	if (f->flags & SF_OWNBUF)
		free(f->buf);
	f->flags &= ~SF_OWNBUF;
	f->buf = NULL;
	f->cap = 0;
	if (mode != _IONBF && buf && size) {
		f->buf = (unsigned char *)buf;
		f->cap = size;
	}
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}
