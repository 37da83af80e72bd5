/*
 * The host scheme's operations (hostfs.h), on the host calls of host.h.
 */
#include <string.h>

#include "host.h"
#include "hostfs.h"
#include "mem.h"
#include "path.h"

struct ofile {
	int fd;
	bool dir;
	uint64_t off;
};

static char pbuf[FE_PATH_MAX + 2];

/* Open the scheme path of `req` on the host: a descriptor or -FE_E*. */
static int open_path(const struct srv_req *req)
{
	int64_t n = path_normalize(req->path, req->path_len, pbuf, sizeof(pbuf));

	if (n < 0)
		return (int)n;
	return host_open(n == 1 ? "." : pbuf + 1);
}

static int64_t hostfs_open(void *state, struct srv_req *req)
{
	struct hostfs *fs = state;
	uint64_t flags = req->arg1;
	struct fe_stat st;
	struct ofile *f;
	int64_t id;
	int fd;

	if ((flags & FE_O_ACCMODE) == FE_O_ACCMODE)
		return -FE_EINVAL;
	if ((flags & FE_O_ACCMODE) != FE_O_RDONLY || (flags & FE_O_TRUNC))
		return -FE_EROFS;
	fd = open_path(req);
	if (fd == -FE_ENOENT && (flags & FE_O_CREAT))
		return -FE_EROFS;
	if (fd >= 0 && (flags & FE_O_CREAT) && (flags & FE_O_EXCL))
		fd = -FE_EEXIST;
	if (fd < 0)
		return fd;
	f = mem_alloc(sizeof(*f));
	id = f ? host_fstat(fd, &st) : -FE_ENOMEM;
	if (id == 0 && (flags & FE_O_DIRECTORY) && (st.mode & FE_S_IFMT) != FE_S_IFDIR)
		id = -FE_ENOTDIR;
	if (id == 0) {
		*f = (struct ofile){ fd, (st.mode & FE_S_IFMT) == FE_S_IFDIR, 0 };
		id = idtab_add(&fs->files, f);
	}
	if (id < 0) {
		mem_free(f);
		host_close(fd);
	}
	return id;
}

static void hostfs_close(void *state, uint64_t id)
{
	struct hostfs *fs = state;
	struct ofile *f = idtab_remove(&fs->files, id);

	if (f)
		host_close(f->fd);
	mem_free(f);
}

static struct ofile *file_of(struct hostfs *fs, const struct srv_req *req)
{
	return idtab_get(&fs->files, req->id);
}

static int64_t hostfs_read(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	int64_t n;

	if (!f)
		return -FE_EBADF;
	if (f->dir)
		return -FE_EISDIR;
	n = host_pread(f->fd, req->out, req->arg1, f->off);
	if (n > 0) {
		f->off += (uint64_t)n;
		req->out_len = (uint64_t)n;
	}
	return n;
}

static int64_t hostfs_seek(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	struct fe_stat st;
	int64_t off;

	if (!f)
		return -FE_EBADF;
	off = host_fstat(f->fd, &st);
	if (off == 0)
		off = srv_seek((int64_t)f->off, st.size, (int64_t)req->arg1, req->arg2);
	if (off >= 0)
		f->off = (uint64_t)off;
	return off;
}

static int64_t put_stat(struct srv_req *req, int fd)
{
	struct fe_stat st;
	int rc = host_fstat(fd, &st);

	if (rc < 0)
		return rc;
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

static int64_t hostfs_fstat(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);

	return f ? put_stat(req, f->fd) : -FE_EBADF;
}

static int64_t hostfs_stat(void *state, struct srv_req *req)
{
	int fd = open_path(req);
	int64_t rc;

	if (fd < 0)
		return fd;
	rc = put_stat(req, fd);
	host_close(fd);
	return rc;
}

/* READDIR's walk: entry k (0-based, "." and ".." aside) has cookie k + 3. */
struct listing {
	struct srv_req *req;
	uint64_t k;
	bool full;
};

static bool list_one(void *arg, const struct host_dirent *e)
{
	struct listing *l = arg;
	uint64_t cookie = l->k + 3;

	l->k++;
	if (l->req->arg1 >= cookie)
		return true;
	l->full = !srv_put_dirent(l->req, l->req->arg2, e->ino, cookie, e->mode, e->name);
	return !l->full;
}

static int64_t hostfs_readdir(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	struct listing l = { req, 0, false };
	struct fe_stat st;
	int rc;

	if (!f)
		return -FE_EBADF;
	if (!f->dir)
		return -FE_ENOTDIR;
	rc = host_fstat(f->fd, &st);
	if (rc < 0)
		return rc;
	if (req->arg1 < 1)
		l.full = !srv_put_dirent(req, req->arg2, st.ino, 1, FE_S_IFDIR, ".");
	if (!l.full && req->arg1 < 2)
		l.full = !srv_put_dirent(req, req->arg2, st.ino, 2, FE_S_IFDIR, "..");
	rc = l.full ? 0 : host_readdir(f->fd, list_one, &l);
	if (rc < 0)
		return rc;
	if (l.full && req->out_len == 0)
		return -FE_EINVAL;
	return (int64_t)req->out_len;
}

/* Operations that would change the directory, after the id check. */
static int64_t hostfs_refuse(void *state, struct srv_req *req)
{
	if (req->id && !file_of(state, req))
		return -FE_EBADF;
	return req->op == FE_SCHEME_IOCTL ? -FE_ENOTTY : -FE_EROFS;
}

static int64_t hostfs_fsync(void *state, struct srv_req *req)
{
	return file_of(state, req) ? 0 : -FE_EBADF;
}

const struct srv_ops hostfs_ops = {
	.open = hostfs_open,
	.close = hostfs_close,
	.read = hostfs_read,
	.write = hostfs_refuse,
	.seek = hostfs_seek,
	.fstat = hostfs_fstat,
	.fsync = hostfs_fsync,
	.ftruncate = hostfs_refuse,
	.readdir = hostfs_readdir,
	.ioctl = hostfs_refuse,
	.unlink = hostfs_refuse,
	.mkdir = hostfs_refuse,
	.rmdir = hostfs_refuse,
	.rename = hostfs_refuse,
	.stat = hostfs_stat,
};
