/*
 * Reading and writing descriptors: each call is one message to the file's
 * server (FE_SCHEME_READ with the caller's buffer as the reply's body,
 * FE_SCHEME_WRITE with the data as the request's body). A message carries
 * at most FE_MSG_MAX_BUF bytes, so a long read returns less (as POSIX
 * allows) and a long write is sent in pieces.
 *
 * The console fallback: a program started without descriptors 0..2 (the
 * first process, or one started straight from the boot archive) still has
 * a terminal. The first time such a descriptor is used and the kernel says
 * it is not open, libc marks it FE_FD_CONSOLE and from then on reads it
 * from the kernel console (FE_SYS_CONSOLE_READ) or writes it to the debug
 * console. A descriptor the program opened or closed itself never falls
 * back.
 */
#include <signal.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define DEBUG_WRITE_MAX 4096

static long console_write(const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < DEBUG_WRITE_MAX ? n - done : DEBUG_WRITE_MAX;
		long rc = fe_debug_write(buf + done, chunk);

		if (rc < 0)
			return done ? (long)done : rc;
		done += (size_t)rc;
	}
	return (long)done;
}

static long read_once(int fd, void *buf, size_t n)
{
	struct fe_msg m = fe_msg_empty();

	if (n > FE_MSG_MAX_BUF)
		n = FE_MSG_MAX_BUF;
	m.label = FE_SCHEME_READ;
	m.w[1] = n;
	m.rbuf = buf;
	m.rcap = n;
	return __fe_fd_call(fd, &m);
}

ssize_t read(int fd, void *buf, size_t n)
{
	long rc;

	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		return fe_err(fe_console_read(buf, n, FE_FOREVER));
	rc = read_once(fd, buf, n);
	if (__fe_fd_fallback(fd, rc))
		return fe_err(fe_console_read(buf, n, FE_FOREVER));
	return fe_err(rc);
}

static long write_once(int fd, const void *buf, size_t n)
{
	struct fe_msg m = fe_msg_empty();

	m.label = FE_SCHEME_WRITE;
	m.buf = buf;
	m.len = n;
	return __fe_fd_call(fd, &m);
}

/* Send every byte, piece by piece; a short piece ends the write. */
static long write_all(int fd, const char *buf, size_t n)
{
	size_t done = 0;

	do {
		size_t piece = n - done < FE_MSG_MAX_BUF ? n - done : FE_MSG_MAX_BUF;
		long rc = write_once(fd, buf + done, piece);

		if (rc < 0)
			return done ? (long)done : rc;
		done += (size_t)rc;
		if ((size_t)rc < piece)
			break;
	} while (done < n);
	return (long)done;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	long rc;

	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		return fe_err(console_write(buf, n));
	rc = write_all(fd, buf, n);
	if (__fe_fd_fallback(fd, rc))
		return fe_err(console_write(buf, n));
	if (rc == -FE_EPIPE)
		__fe_raise_sigpipe();
	return fe_err(rc);
}

off_t lseek(int fd, off_t offset, int whence)
{
	struct fe_msg m = fe_msg_empty();

	m.label = FE_SCHEME_SEEK;
	m.w[1] = (uint64_t)offset;
	m.w[2] = (uint64_t)whence;
	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		return fe_err(-FE_ESPIPE);
	return fe_err(__fe_fd_call(fd, &m));
}

static long simple_call(int fd, uint64_t op, uint64_t arg)
{
	struct fe_msg m = fe_msg_empty();

	m.label = op;
	m.w[1] = arg;
	return __fe_fd_call(fd, &m);
}

int fsync(int fd)
{
	return (int)fe_err(simple_call(fd, FE_SCHEME_FSYNC, 0));
}

int fdatasync(int fd)
{
	return fsync(fd);
}

int ftruncate(int fd, off_t length)
{
	if (length < 0)
		return (int)fe_err(-FE_EINVAL);
	return (int)fe_err(simple_call(fd, FE_SCHEME_FTRUNCATE, (uint64_t)length));
}

int close(int fd)
{
	int rc = fe_close(fd);

	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		rc = 0;
	__fe_fd_set(fd, FE_FD_CLOSED, 0);
	return (int)fe_err(rc);
}
