/*
 * Opening and duplicating descriptors: open, creat, fcntl, dup, dup2, dup3,
 * pipe, ioctl and isatty.
 *
 * A pipe is what the pipe: scheme makes: opening "pipe:" read-only creates
 * a pipe and gives its read end, whose FE_SCHEME_FSTAT reports the pipe's
 * number N as ino; opening "pipe:N" write-only gives the write end.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

static mode_t file_mask = 022;

mode_t umask(mode_t mask)
{
	mode_t old = file_mask;

	file_mask = mask & 0777;
	return old;
}

mode_t __fe_umask(void)
{
	return file_mask;
}

static int open_resolved(const char *full, int flags, mode_t mode)
{
	int fd = __fe_open_served(full, (uint32_t)flags, mode & ~file_mask & 07777);

	if (fd >= 0) {
		__fe_fd_set(fd, FE_FD_OPEN, flags & ~O_CLOEXEC);
		if (strncmp(full, "pipe:", 5))
			__fe_fd_remember(fd, full);
	}
	return (int)fe_err(fd);
}

int open(const char *path, int flags, ...)
{
	char full[PATH_MAX];
	mode_t mode = 0;
	int rc;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	rc = __fe_path_resolve(path, full, sizeof(full));
	if (rc < 0)
		return (int)fe_err(rc);
	return open_resolved(full, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	if (dirfd != AT_FDCWD && path[0] != '/' && !__fe_path_scheme_len(path))
		return (int)fe_err(-FE_ENOSYS);
	return open(path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* Duplicate fd to the lowest free descriptor >= min, as F_DUPFD: the
 * kernel gives the lowest free one, so take and hold lower ones until the
 * copy lands high enough. */
static int dup_min(int fd, int min, uint32_t fdflags)
{
	int held[64], nheld = 0, rc;

	for (;;) {
		rc = fe_dup(fd, -1, fdflags);
		if (rc < 0 || rc >= min || nheld == 64)
			break;
		held[nheld++] = rc;
	}
	while (nheld > 0)
		fe_close(held[--nheld]);
	if (rc >= 0 && rc < min) {
		fe_close(rc);
		rc = -FE_EMFILE;
	}
	if (rc >= 0)
		__fe_fd_copy(rc, fd);
	return rc;
}

int dup(int fd)
{
	return (int)fe_err(dup_min(fd, 0, 0));
}

int dup3(int fd, int newfd, int flags)
{
	int rc;

	if (fd == newfd || (flags & ~O_CLOEXEC))
		return (int)fe_err(-FE_EINVAL);
	rc = fe_dup(fd, newfd, flags & O_CLOEXEC ? FE_FD_CLOEXEC : 0);
	if (rc >= 0)
		__fe_fd_copy(rc, fd);
	return (int)fe_err(rc);
}

int dup2(int fd, int newfd)
{
	if (fd == newfd)
		return fe_fd_flags(fd, 0, 0) < 0 ? (int)fe_err(-FE_EBADF) : fd;
	return dup3(fd, newfd, 0);
}

static int set_fl(int fd, int flags)
{
	int keep = __fe_fd_oflags(fd) & (O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC);

	if (fe_fd_flags(fd, 0, 0) < 0)
		return -FE_EBADF;
	__fe_fd_set(fd, FE_FD_OPEN, keep | (flags & (O_APPEND | O_NONBLOCK)));
	return 0;
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;
	int rc;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		rc = dup_min(fd, (int)arg, cmd == F_DUPFD_CLOEXEC ? FE_FD_CLOEXEC : 0);
		break;
	case F_GETFD:
		rc = fe_fd_flags(fd, 0, 0);
		break;
	case F_SETFD:
		rc = fe_fd_flags(fd, FE_FD_CLOEXEC, arg & FD_CLOEXEC ? FE_FD_CLOEXEC : 0);
		rc = rc < 0 ? rc : 0;
		break;
	case F_GETFL:
		rc = fe_fd_flags(fd, 0, 0) < 0 ? -FE_EBADF : __fe_fd_oflags(fd);
		break;
	case F_SETFL:
		rc = set_fl(fd, (int)arg);
		break;
	default:
		rc = -FE_EINVAL;
	}
	return (int)fe_err(rc);
}

int pipe2(int fds[2], int flags)
{
	char path[32];
	struct fe_msg m = fe_msg_empty();
	struct fe_stat st;
	int rd, wr;
	long rc;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return (int)fe_err(-FE_EINVAL);
	rd = __fe_open_served("pipe:", O_RDONLY | (uint32_t)flags, 0);
	if (rd < 0)
		return (int)fe_err(rd);
	m.label = FE_SCHEME_FSTAT;
	m.rbuf = &st;
	m.rcap = sizeof(st);
	rc = __fe_fd_call(rd, &m);
	if (rc >= 0) {
		snprintf(path, sizeof(path), "pipe:%llu", (unsigned long long)st.ino);
		rc = wr = fe_open(path, strlen(path), O_WRONLY | (uint32_t)flags, 0);
	}
	if (rc < 0) {
		fe_close(rd);
		return (int)fe_err(rc);
	}
	__fe_fd_set(rd, FE_FD_OPEN, O_RDONLY);
	__fe_fd_set(wr, FE_FD_OPEN, O_WRONLY);
	fds[0] = rd;
	fds[1] = wr;
	return 0;
}

int pipe(int fds[2])
{
	return pipe2(fds, 0);
}

/* The body a request carries both ways, by request number. */
static size_t ioctl_body(unsigned long request)
{
	switch (request) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return sizeof(struct termios);
	case TIOCGWINSZ:
	case TIOCSWINSZ:
		return sizeof(struct winsize);
	case TIOCGPGRP:
	case TIOCSPGRP:
	case FIONREAD:
		return sizeof(int);
	default:
		return 0;
	}
}

int ioctl(int fd, unsigned long request, ...)
{
	struct fe_msg m = fe_msg_empty();
	size_t body = ioctl_body(request);
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	m.label = FE_SCHEME_IOCTL;
	m.w[1] = request;
	m.w[2] = (uint64_t)arg;
	if (body) {
		m.buf = arg;
		m.len = body;
		m.rbuf = arg;
		m.rcap = body;
	}
	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		return (int)fe_err(-FE_ENOTTY);
	return (int)fe_err(__fe_fd_call(fd, &m));
}

static bool console_is_tty(void)
{
	long info = fe_sysinfo(FE_INFO_CONSOLE, NULL, 0);

	return info >= 0 && (info & FE_CONSOLE_TTY);
}

int isatty(int fd)
{
	struct termios t;
	struct stat st;

	if (__fe_fd_state(fd) == FE_FD_CONSOLE)
		return console_is_tty() ? 1 : (errno = ENOTTY, 0);
	if (fstat(fd, &st) < 0)
		return 0;
	if (!S_ISCHR(st.st_mode) || !console_is_tty() || ioctl(fd, TCGETS, &t) < 0) {
		errno = ENOTTY;
		return 0;
	}
	return 1;
}

char *ttyname(int fd)
{
	static char name[] = "console:";

	return isatty(fd) ? name : NULL;
}
