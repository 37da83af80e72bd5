/*
 * What libc remembers about each descriptor: whether this program opened
 * or closed it (for the console fallback of descriptors 0..2, see io.c) and
 * the flags it was opened with (for fcntl F_GETFL, which the kernel does
 * not keep). A descriptor inherited from the parent is FE_FD_UNKNOWN until
 * the program touches it; its flags read as O_RDWR.
 */
#include <fcntl.h>

#include <ferrite/sys.h>

#include "../libc.h"

struct fdinfo {
	unsigned char state;
	int oflags;
};

static struct fdinfo fds[FE_OPEN_MAX];

void __fe_fd_set(int fd, int state, int oflags)
{
	if (fd < 0 || fd >= FE_OPEN_MAX)
		return;
	fds[fd].state = (unsigned char)state;
	fds[fd].oflags = oflags;
}

int __fe_fd_state(int fd)
{
	return fd < 0 || fd >= FE_OPEN_MAX ? FE_FD_UNKNOWN : fds[fd].state;
}

int __fe_fd_oflags(int fd)
{
	if (fd < 0 || fd >= FE_OPEN_MAX || fds[fd].state != FE_FD_OPEN)
		return O_RDWR;
	return fds[fd].oflags;
}

long __fe_fd_call(int fd, struct fe_msg *m)
{
	return fe_fd_call(fd, m, FE_FOREVER);
}

bool __fe_fd_fallback(int fd, long rc)
{
	if (rc != -FE_EBADF || fd < 0 || fd > 2 || fds[fd].state != FE_FD_UNKNOWN)
		return false;
	__fe_fd_set(fd, FE_FD_CONSOLE, fd == 0 ? O_RDONLY : O_WRONLY);
	return true;
}
