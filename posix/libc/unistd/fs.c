/*
 * Files by name and by descriptor: stat, fstat, mkdir, unlink, rmdir,
 * rename, access, truncate. Name operations are FE_SYS_PATH_CALL messages
 * (FE_SCHEME_STAT, MKDIR, ...) to the path's scheme; RENAME carries both
 * names, "old\0new", and only works within one scheme. Ferrite has no
 * users, links or permission checks yet: chmod and chown succeed without
 * effect, access checks that the file exists, link and symlink fail with
 * ENOSYS.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

static struct timespec to_timespec(int64_t ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000 };

	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += 1000000000;
	}
	return ts;
}

static void from_fe_stat(const struct fe_stat *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = f->dev;
	st->st_ino = f->ino;
	st->st_mode = f->mode;
	st->st_nlink = f->nlink;
	st->st_uid = f->uid;
	st->st_gid = f->gid;
	st->st_size = (off_t)f->size;
	st->st_blksize = f->blksize ? f->blksize : 4096;
	st->st_blocks = (blkcnt_t)f->blocks;
	st->st_atim = to_timespec(f->atime_ns);
	st->st_mtim = to_timespec(f->mtime_ns);
	st->st_ctim = to_timespec(f->ctime_ns);
}

static long stat_call(int fd, const char *path, struct fe_stat *f)
{
	struct fe_msg m = fe_msg_empty();

	memset(f, 0, sizeof(*f));
	m.rbuf = f;
	m.rcap = sizeof(*f);
	if (path) {
		m.label = FE_SCHEME_STAT;
		return __fe_path_call(path, &m);
	}
	m.label = FE_SCHEME_FSTAT;
	return __fe_fd_call(fd, &m);
}

int stat(const char *restrict path, struct stat *restrict st)
{
	struct fe_stat f;
	long rc = stat_call(-1, path, &f);

	if (rc < 0)
		return (int)fe_err(rc);
	from_fe_stat(&f, st);
	return 0;
}

int lstat(const char *restrict path, struct stat *restrict st)
{
	return stat(path, st);
}

int fstat(int fd, struct stat *st)
{
	struct fe_stat f;
	long rc = __fe_fd_state(fd) == FE_FD_CONSOLE ? -FE_EBADF : stat_call(fd, NULL, &f);

	if (__fe_fd_state(fd) == FE_FD_CONSOLE || __fe_fd_fallback(fd, rc)) {
		memset(&f, 0, sizeof(f));
		f.mode = FE_S_IFCHR | 0620;
		f.nlink = 1;
		rc = 0;
	}
	if (rc < 0)
		return (int)fe_err(rc);
	from_fe_stat(&f, st);
	return 0;
}

static int path_op(const char *path, uint64_t op, uint64_t arg)
{
	struct fe_msg m = fe_msg_empty();

	m.label = op;
	m.w[1] = arg;
	return (int)fe_err(__fe_path_call(path, &m));
}

int mkdir(const char *path, mode_t mode)
{
	return path_op(path, FE_SCHEME_MKDIR, mode & ~__fe_umask() & 07777);
}

int unlink(const char *path)
{
	return path_op(path, FE_SCHEME_UNLINK, 0);
}

int rmdir(const char *path)
{
	return path_op(path, FE_SCHEME_RMDIR, 0);
}

int remove(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return S_ISDIR(st.st_mode) ? rmdir(path) : unlink(path);
}

int rename(const char *old, const char *new)
{
	static char both[2 * PATH_MAX];
	char to[PATH_MAX];
	struct fe_msg m = fe_msg_empty();
	size_t a, b;
	int rc = __fe_path_resolve(old, both, PATH_MAX);

	if (rc == 0)
		rc = __fe_path_resolve(new, to, sizeof(to));
	if (rc < 0)
		return (int)fe_err(rc);
	a = strlen(both);
	b = strlen(to);
	memcpy(both + a + 1, to, b);
	m.label = FE_SCHEME_RENAME;
	return (int)fe_err(fe_path_call(both, a + 1 + b, &m));
}

int access(const char *path, int mode)
{
	struct stat st;

	if (mode & ~(R_OK | W_OK | X_OK))
		return (int)fe_err(-FE_EINVAL);
	return stat(path, &st);
}

int truncate(const char *path, off_t length)
{
	int fd = open(path, O_WRONLY), rc;

	if (fd < 0)
		return -1;
	rc = ftruncate(fd, length);
	close(fd);
	return rc;
}

int chmod(const char *path, mode_t mode)
{
	struct stat st;

	return stat(path, &st);
}

int fchmod(int fd, mode_t mode)
{
	struct stat st;

	return fstat(fd, &st);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
	struct stat st;

	return stat(path, &st);
}

int mkfifo(const char *path, mode_t mode)
{
	return (int)fe_err(-FE_ENOSYS);
}

int link(const char *old, const char *new)
{
	return (int)fe_err(-FE_ENOSYS);
}

int symlink(const char *target, const char *path)
{
	return (int)fe_err(-FE_ENOSYS);
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return fe_err(-FE_EINVAL);
}
