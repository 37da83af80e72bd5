/*
 * What libc remembers about each descriptor: whether this program opened
 * or closed it (for the console fallback of descriptors 0..2, see io.c),
 * the flags it was opened with (for fcntl F_GETFL, which the kernel does
 * not keep), and, for files open() opened, the resolved path and the
 * offset libc expects the server to hold, so that retry.c can reopen the
 * file on a restarted server and put the offset back. A descriptor
 * inherited from the parent is FE_FD_UNKNOWN until the program touches it;
 * its flags read as O_RDWR and it has no path.
 *
 * Offsets are tracked per descriptor: descriptors that share an open file
 * (dup) each keep their own idea of it, which is exact as long as only
 * one of them moves it (the usual dup-then-close pattern).
 */
#include <fcntl.h>
#include <string.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define PATH_SLOTS 32
#define PATH_SLOT_LEN 256

struct fdinfo {
	unsigned char state;
	unsigned char slot; /* 1 + the path's slot, or 0: no path */
	int oflags;
	int64_t off; /* the server's offset as libc expects it; -1: unknown */
};

static struct fdinfo fds[FE_OPEN_MAX];
static char paths[PATH_SLOTS][PATH_SLOT_LEN]; /* "" is a free slot */

static struct fdinfo *info(int fd)
{
	return fd < 0 || fd >= FE_OPEN_MAX ? NULL : &fds[fd];
}

void __fe_fd_set(int fd, int state, int oflags)
{
	struct fdinfo *f = info(fd);

	if (!f)
		return;
	if (f->slot)
		paths[f->slot - 1][0] = '\0';
	*f = (struct fdinfo){ .state = (unsigned char)state, .oflags = oflags };
}

static const char *path_of(const struct fdinfo *f)
{
	return f && f->slot ? paths[f->slot - 1] : NULL;
}

void __fe_fd_remember(int fd, const char *path)
{
	struct fdinfo *f = info(fd);
	size_t len = strlen(path);

	if (!f || f->state != FE_FD_OPEN || f->slot || !len || len >= PATH_SLOT_LEN)
		return;
	for (unsigned i = 0; i < PATH_SLOTS; i++)
		if (!paths[i][0]) {
			memcpy(paths[i], path, len + 1);
			f->slot = (unsigned char)(i + 1);
			return;
		}
}

void __fe_fd_copy(int to, int from)
{
	struct fdinfo *f = info(from);

	__fe_fd_set(to, FE_FD_OPEN, __fe_fd_oflags(from));
	if (path_of(f) && info(to)) {
		__fe_fd_remember(to, path_of(f));
		fds[to].off = f->off;
	}
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

const char *__fe_fd_path(int fd, int64_t *off)
{
	struct fdinfo *f = info(fd);

	if (!f || f->state != FE_FD_OPEN)
		return NULL;
	*off = f->off;
	return path_of(f);
}

/* A call on fd answered `rc` >= 0: move the offset as the server did. */
void __fe_fd_moved(int fd, uint64_t op, long rc)
{
	struct fdinfo *f = info(fd);

	if (!f || !f->slot || f->off < 0)
		return;
	if (op == FE_SCHEME_SEEK)
		f->off = rc;
	else if (op == FE_SCHEME_READ || (op == FE_SCHEME_WRITE && !(f->oflags & O_APPEND)))
		f->off += rc;
	else if (op == FE_SCHEME_WRITE)
		f->off = -1;
}

bool __fe_fd_fallback(int fd, long rc)
{
	if (rc != -FE_EBADF || fd < 0 || fd > 2 || fds[fd].state != FE_FD_UNKNOWN)
		return false;
	__fe_fd_set(fd, FE_FD_CONSOLE, fd == 0 ? O_RDONLY : O_WRONLY);
	return true;
}
