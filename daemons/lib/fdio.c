/*
 * The wrappers of fdio.h. A read, readdir or stat names its buffer both as
 * the reply's destination (rbuf/rcap) and, for READ and READDIR, as the
 * count the server may fill (w[1], w[2]).
 */
#include <string.h>

#include <ferrite/sys.h>

#include "fdio.h"

static long fd_op(int fd, uint64_t op, uint64_t a1, uint64_t a2, const void *buf, uint64_t len,
                  void *rbuf, uint64_t rcap)
{
	struct fe_msg m = fe_msg_empty();

	m.label = op;
	m.w[1] = a1;
	m.w[2] = a2;
	m.buf = buf;
	m.len = len;
	m.rbuf = rbuf;
	m.rcap = rcap;
	return fe_fd_call(fd, &m, FE_FOREVER);
}

static int path_op(const char *path, uint64_t len, uint64_t op, uint64_t a1, void *rbuf,
                   uint64_t rcap)
{
	struct fe_msg m = fe_msg_empty();

	m.label = op;
	m.w[1] = a1;
	m.rbuf = rbuf;
	m.rcap = rcap;
	return (int)fe_path_call(path, len, &m);
}

int fdio_open(const char *path, uint32_t flags, uint32_t mode)
{
	return fe_open(path, strlen(path), flags, mode);
}

long fdio_read(int fd, void *buf, uint64_t len)
{
	return fd_op(fd, FE_SCHEME_READ, len, 0, NULL, 0, buf, len);
}

long fdio_write(int fd, const void *buf, uint64_t len)
{
	return fd_op(fd, FE_SCHEME_WRITE, 0, 0, buf, len, NULL, 0);
}

long fdio_seek(int fd, int64_t off, int whence)
{
	return fd_op(fd, FE_SCHEME_SEEK, (uint64_t)off, (uint64_t)whence, NULL, 0, NULL, 0);
}

int fdio_fstat(int fd, struct fe_stat *st)
{
	return (int)fd_op(fd, FE_SCHEME_FSTAT, 0, 0, NULL, 0, st, sizeof(*st));
}

int fdio_fsync(int fd)
{
	return (int)fd_op(fd, FE_SCHEME_FSYNC, 0, 0, NULL, 0, NULL, 0);
}

int fdio_ftruncate(int fd, uint64_t len)
{
	return (int)fd_op(fd, FE_SCHEME_FTRUNCATE, len, 0, NULL, 0, NULL, 0);
}

long fdio_readdir(int fd, uint64_t cookie, void *buf, uint64_t cap)
{
	return fd_op(fd, FE_SCHEME_READDIR, cookie, cap, NULL, 0, buf, cap);
}

long fdio_ioctl(int fd, uint64_t request, uint64_t arg)
{
	return fd_op(fd, FE_SCHEME_IOCTL, request, arg, NULL, 0, NULL, 0);
}

int fdio_stat(const char *path, struct fe_stat *st)
{
	return path_op(path, strlen(path), FE_SCHEME_STAT, 0, st, sizeof(*st));
}

int fdio_unlink(const char *path)
{
	return path_op(path, strlen(path), FE_SCHEME_UNLINK, 0, NULL, 0);
}

int fdio_mkdir(const char *path, uint32_t mode)
{
	return path_op(path, strlen(path), FE_SCHEME_MKDIR, mode, NULL, 0);
}

int fdio_rmdir(const char *path)
{
	return path_op(path, strlen(path), FE_SCHEME_RMDIR, 0, NULL, 0);
}

int fdio_rename(const char *from, const char *to)
{
	static char both[FE_PATH_MAX];
	uint64_t a = strlen(from), b = strlen(to);

	if (a + 1 + b > sizeof(both))
		return -FE_ENAMETOOLONG;
	memcpy(both, from, a);
	both[a] = '\0';
	memcpy(both + a + 1, to, b);
	return path_op(both, a + 1 + b, FE_SCHEME_RENAME, 0, NULL, 0);
}
