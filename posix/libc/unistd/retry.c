/*
 * Transparent retry when a scheme's server dies (docs/libc.md, "When a
 * server dies"). The kernel fails a call on a dead server with -FE_EPIPE
 * while nobody serves the scheme, -FE_ESTALE once a new instance serves it,
 * and -FE_ECONNRESET for a call in flight when it died. libc hides that
 * where repeating the operation cannot change its meaning:
 *
 *   opens and path calls failing with -FE_EPIPE never reached a server:
 *     they wait (NAP_NS naps, at most WAIT_NS) until the scheme is served
 *     again and are sent again; -FE_ECONNRESET is retried the same way for
 *     opens without O_EXCL and for stat;
 *   READ, SEEK, FSTAT and READDIR on a descriptor open() opened: libc
 *     reopens its path (without O_CREAT, O_EXCL, O_TRUNC) on the new
 *     instance, puts the new file at the same descriptor number, restores
 *     the offset libc tracked (fdstate.c) with a SEEK, and repeats the
 *     call. The reads of the stateless devices zero:, null: and rand: need
 *     no offset. If the path cannot be opened again (a file the old
 *     instance kept in memory) or the offset cannot be restored, the
 *     original error is returned.
 *
 * Everything else surfaces the error: writes (whether the data arrived is
 * unknown), ftruncate, fsync, ioctl, path calls that change the tree once
 * sent, descriptors libc did not open (inherited, pipes: a pipe's data is
 * gone). One operation survives at most MAX_RECOVERIES deaths in a row.
 */
#include <fcntl.h>
#include <string.h>

#include <ferrite/sys.h>

#include "../libc.h"

/* How long a scheme may stay unserved: longer than init gives a new
 * instance to become ready (10 s), so a restart that hangs and is
 * restarted again is still waited for. */
#define WAIT_NS 15000000000ll
#define NAP_NS 1000000ll
#define MAX_RECOVERIES 64

static bool server_gone(long rc)
{
	return rc == -FE_EPIPE || rc == -FE_ESTALE || rc == -FE_ECONNRESET;
}

/* Nap while the bound `*end` (0: not started) is not reached. */
static bool nap(uint64_t *end)
{
	uint64_t now = fe_clock();

	if (!*end)
		*end = now + WAIT_NS;
	if (now >= *end)
		return false;
	fe_sleep(NAP_NS);
	return true;
}

/* An open or path call that failed with rc may be sent again: it never
 * reached a server, or it did but repeating it is harmless. */
static bool resend(long rc, bool harmless)
{
	return rc == -FE_EPIPE || (rc == -FE_ECONNRESET && harmless);
}

int __fe_open_served(const char *path, uint32_t flags, uint32_t mode)
{
	uint64_t end = 0;
	int fd;

	do
		fd = fe_open(path, strlen(path), flags, mode);
	while (resend(fd, !(flags & O_EXCL)) && nap(&end));
	return fd;
}

long __fe_path_call_served(const char *path, struct fe_msg *m)
{
	struct fe_msg copy = *m;
	uint64_t end = 0;
	long rc;

	for (;;) {
		rc = fe_path_call(path, strlen(path), m);
		if (!resend(rc, copy.label == FE_SCHEME_STAT) || !nap(&end))
			return rc;
		*m = copy;
	}
}

static bool stateless(const char *path)
{
	return !strncmp(path, "zero:", 5) || !strncmp(path, "null:", 5) ||
	       !strncmp(path, "rand:", 5);
}

static bool retry_safe(uint64_t op)
{
	return op == FE_SCHEME_READ || op == FE_SCHEME_SEEK || op == FE_SCHEME_FSTAT ||
	       op == FE_SCHEME_READDIR;
}

static long seek_to(int fd, int64_t off)
{
	struct fe_msg m = fe_msg_empty();

	m.label = FE_SCHEME_SEEK;
	m.w[1] = (uint64_t)off;
	m.w[2] = SEEK_SET;
	return fe_fd_call(fd, &m, FE_FOREVER);
}

/* Open fd's path again on the scheme's new server, at the same number and
 * offset: 1 if fd is usable again, 0 if it cannot be, -1 if the new server
 * died too before the offset was back (the caller tries again). */
static int reopen(int fd)
{
	int flags = __fe_fd_oflags(fd) & ~(O_CREAT | O_EXCL | O_TRUNC);
	long fdflags = fe_fd_flags(fd, 0, 0), rc;
	int64_t off;
	const char *path = __fe_fd_path(fd, &off);
	int nfd;

	if (!path || fdflags < 0 || (off < 0 && !stateless(path)))
		return 0;
	nfd = __fe_open_served(path, (uint32_t)flags, 0);
	if (nfd < 0)
		return 0;
	if (fe_dup(nfd, fd, (uint32_t)fdflags) != fd) {
		fe_close(nfd);
		return 0;
	}
	fe_close(nfd);
	if (off == 0 || stateless(path))
		return 1;
	rc = seek_to(fd, off);
	return rc == off ? 1 : server_gone(rc) ? -1 : 0;
}

long __fe_fd_call(int fd, struct fe_msg *m)
{
	struct fe_msg copy = *m;
	long rc;

	for (int n = 0;; n++) {
		rc = fe_fd_call(fd, m, FE_FOREVER);
		if (rc >= 0) {
			__fe_fd_moved(fd, copy.label, rc);
			return rc;
		}
		if (!server_gone(rc) || !retry_safe(copy.label) || n == MAX_RECOVERIES ||
		    reopen(fd) == 0)
			return rc;
		*m = copy;
	}
}
