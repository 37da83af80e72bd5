/*
 * The initfs scheme's operations (initfs.h). An open file is the entry's
 * index (ROOT for the directory) and an offset; the entry is re-read from
 * the checked archive on each use, so there is nothing else to keep.
 */
#include <string.h>

#include "initfs.h"
#include "mem.h"
#include "path.h"

#define ROOT ((int64_t)1 << 32) /* no entry has this index */
#define MODE_DIR (FE_S_IFDIR | 0555)
#define MODE_FILE (FE_S_IFREG | 0555)

struct ofile {
	int64_t index;
	uint64_t off;
};

static char pbuf[FE_PATH_MAX + 2];

int initfs_init(struct initfs *fs, const void *base, uint64_t size)
{
	memset(&fs->files, 0, sizeof(fs->files));
	return archive_open(&fs->ar, base, size);
}

/* The index a path names (ROOT for "/"), or -FE_ENOENT / -FE_ENOTDIR. */
static int64_t lookup(const struct initfs *fs, const char *path, uint64_t len)
{
	int64_t n = path_normalize(path, len, pbuf, sizeof(pbuf)), i;
	const char *slash;

	if (n < 0)
		return n;
	if (n == 1)
		return ROOT;
	slash = memchr(pbuf + 1, '/', (uint64_t)n - 1);
	i = archive_find(&fs->ar, pbuf + 1, slash ? (uint64_t)(slash - pbuf - 1) : (uint64_t)n - 1);
	if (slash && i >= 0)
		return -FE_ENOTDIR;
	return i;
}

static int open_check(int64_t i, uint64_t flags)
{
	bool write = (flags & FE_O_ACCMODE) != FE_O_RDONLY;

	if ((flags & FE_O_ACCMODE) == FE_O_ACCMODE)
		return -FE_EINVAL;
	if ((flags & FE_O_CREAT) && (flags & FE_O_EXCL))
		return -FE_EEXIST;
	if (i == ROOT)
		return write || (flags & FE_O_TRUNC) ? -FE_EISDIR : 0;
	if (flags & FE_O_DIRECTORY)
		return -FE_ENOTDIR;
	return write || (flags & FE_O_TRUNC) ? -FE_EROFS : 0;
}

static int64_t initfs_open(void *state, struct srv_req *req)
{
	struct initfs *fs = state;
	int64_t i = lookup(fs, req->path, req->path_len), id;
	struct ofile *f;
	int rc;

	if (i == -FE_ENOENT && (req->arg1 & FE_O_CREAT))
		return -FE_EROFS;
	if (i < 0)
		return i;
	rc = open_check(i, req->arg1);
	if (rc < 0)
		return rc;
	f = mem_alloc(sizeof(*f));
	if (!f)
		return -FE_ENOMEM;
	f->index = i;
	id = idtab_add(&fs->files, f);
	if (id < 0)
		mem_free(f);
	return id;
}

static void initfs_close(void *state, uint64_t id)
{
	struct initfs *fs = state;

	mem_free(idtab_remove(&fs->files, id));
}

static struct ofile *file_of(struct initfs *fs, const struct srv_req *req)
{
	return idtab_get(&fs->files, req->id);
}

static uint64_t size_of(const struct initfs *fs, int64_t i)
{
	struct bootfs_entry e;

	if (i == ROOT)
		return fs->ar.count;
	archive_entry(&fs->ar, (uint32_t)i, &e);
	return e.size;
}

static int64_t initfs_read(void *state, struct srv_req *req)
{
	struct initfs *fs = state;
	struct ofile *f = file_of(fs, req);
	struct bootfs_entry e;
	int64_t n;

	if (!f)
		return -FE_EBADF;
	if (f->index == ROOT)
		return -FE_EISDIR;
	archive_entry(&fs->ar, (uint32_t)f->index, &e);
	n = srv_read_slice(req, fs->ar.base + e.offset, e.size, f->off, req->arg1);
	f->off += (uint64_t)n;
	return n;
}

static int64_t initfs_seek(void *state, struct srv_req *req)
{
	struct initfs *fs = state;
	struct ofile *f = file_of(fs, req);
	int64_t off;

	if (!f)
		return -FE_EBADF;
	off = srv_seek((int64_t)f->off, size_of(fs, f->index), (int64_t)req->arg1, req->arg2);
	if (off >= 0)
		f->off = (uint64_t)off;
	return off;
}

static int64_t put_stat(const struct initfs *fs, struct srv_req *req, int64_t i)
{
	struct fe_stat st = { .nlink = 1, .blksize = 4096 };

	st.ino = i == ROOT ? 1 : (uint64_t)i + 2;
	st.mode = i == ROOT ? MODE_DIR : MODE_FILE;
	st.nlink = i == ROOT ? 2 : 1;
	st.size = size_of(fs, i);
	st.blocks = (st.size + 511) / 512;
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

static int64_t initfs_fstat(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);

	return f ? put_stat(state, req, f->index) : -FE_EBADF;
}

static int64_t initfs_stat(void *state, struct srv_req *req)
{
	int64_t i = lookup(state, req->path, req->path_len);

	return i < 0 ? i : put_stat(state, req, i);
}

static int64_t initfs_readdir(void *state, struct srv_req *req)
{
	struct initfs *fs = state;
	struct ofile *f = file_of(fs, req);
	struct bootfs_entry e;
	bool fits = true;

	if (!f)
		return -FE_EBADF;
	if (f->index != ROOT)
		return -FE_ENOTDIR;
	if (req->arg1 < 1)
		fits = srv_put_dirent(req, req->arg2, 1, 1, MODE_DIR, ".");
	if (fits && req->arg1 < 2)
		fits = srv_put_dirent(req, req->arg2, 1, 2, MODE_DIR, "..");
	for (uint32_t i = 0; fits && i < fs->ar.count; i++) {
		if (req->arg1 >= (uint64_t)i + 3)
			continue;
		archive_entry(&fs->ar, i, &e);
		fits = srv_put_dirent(req, req->arg2, (uint64_t)i + 2, (uint64_t)i + 3, MODE_FILE,
		                      e.name);
	}
	if (!fits && req->out_len == 0)
		return -FE_EINVAL;
	return (int64_t)req->out_len;
}

/* Operations that would change the archive, after the id check. */
static int64_t initfs_refuse(void *state, struct srv_req *req)
{
	if (req->id && !file_of(state, req))
		return -FE_EBADF;
	return req->op == FE_SCHEME_IOCTL ? -FE_ENOTTY : -FE_EROFS;
}

static int64_t initfs_fsync(void *state, struct srv_req *req)
{
	return file_of(state, req) ? 0 : -FE_EBADF;
}

void initfs_fini(struct initfs *fs)
{
	for (uint64_t id = 1; id <= fs->files.size; id++)
		initfs_close(fs, id);
	idtab_free(&fs->files);
}

const struct srv_ops initfs_ops = {
	.open = initfs_open,
	.close = initfs_close,
	.read = initfs_read,
	.write = initfs_refuse,
	.seek = initfs_seek,
	.fstat = initfs_fstat,
	.fsync = initfs_fsync,
	.ftruncate = initfs_refuse,
	.readdir = initfs_readdir,
	.ioctl = initfs_refuse,
	.unlink = initfs_refuse,
	.mkdir = initfs_refuse,
	.rmdir = initfs_refuse,
	.rename = initfs_refuse,
	.stat = initfs_stat,
};
