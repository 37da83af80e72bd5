/*
 * ramfs's scheme operations (ramfs.h) on the tree of node.c.
 *
 * Every operation first canonicalises its path into one of two buffers (a
 * rename needs both) and looks nodes up from the root; an open file keeps
 * its node, not its path, so renames and unlinks never disturb it.
 * Errors follow Linux where POSIX leaves a choice.
 */
#include <string.h>

#include "mem.h"
#include "path.h"
#include "ramfs.h"

#define MOTD "Welcome to Ferrite.\n"

struct ofile {
	struct node *node;
	uint32_t flags;
	uint64_t off;
};

static char pbuf[2][FE_PATH_MAX + 2];

static struct ofile *file_of(struct ramfs *fs, const struct srv_req *req)
{
	return idtab_get(&fs->files, req->id);
}

static bool readable(const struct ofile *f)
{
	return (f->flags & FE_O_ACCMODE) != FE_O_WRONLY;
}

static bool writable(const struct ofile *f)
{
	return (f->flags & FE_O_ACCMODE) != FE_O_RDONLY;
}

/* Canonicalise into pbuf[which]: the length, or an error. */
static int64_t canon(const char *path, uint64_t len, int which)
{
	return path_normalize(path, len, pbuf[which], sizeof(pbuf[which]));
}

/* The directory that would hold the canonical path p and its leaf. */
static struct node *parent_of(struct ramfs *fs, const char *p, uint64_t len, const char **leaf,
                              uint64_t *leaf_len, int *rc)
{
	uint64_t at = path_leaf(p, len);
	struct node *dir;

	if (at == 0) {
		*rc = -FE_EEXIST; /* the root always exists */
		return NULL;
	}
	dir = tree_walk(&fs->tree, p, path_parent_len(at), rc);
	if (dir && !node_is_dir(dir)) {
		*rc = -FE_ENOTDIR;
		return NULL;
	}
	*leaf = p + at;
	*leaf_len = len - at;
	return dir;
}

static struct node *create(struct ramfs *fs, const char *p, uint64_t len, uint32_t mode, int *rc)
{
	const char *leaf;
	uint64_t leaf_len;
	struct node *dir = parent_of(fs, p, len, &leaf, &leaf_len, rc);

	if (!dir)
		return NULL;
	if (dir_lookup(dir, leaf, leaf_len)) {
		*rc = -FE_EEXIST;
		return NULL;
	}
	return node_create(&fs->tree, dir, leaf, leaf_len, mode, rc);
}

/* Find or create the node an OPEN names; NULL with *rc on failure. */
static struct node *open_node(struct ramfs *fs, const char *p, uint64_t len, uint64_t flags,
                              uint64_t mode, int *rc)
{
	struct node *n = tree_walk(&fs->tree, p, len, rc);

	if (!n && *rc == -FE_ENOENT && (flags & FE_O_CREAT)) {
		if (flags & FE_O_DIRECTORY) {
			*rc = -FE_EINVAL;
			return NULL;
		}
		return create(fs, p, len, FE_S_IFREG | (mode & 07777), rc);
	}
	if (n && (flags & FE_O_CREAT) && (flags & FE_O_EXCL)) {
		*rc = -FE_EEXIST;
		return NULL;
	}
	return n;
}

/* May an existing node be opened with these flags? */
static int open_check(const struct node *n, uint64_t flags)
{
	uint64_t acc = flags & FE_O_ACCMODE;

	if (node_is_dir(n) && (acc != FE_O_RDONLY || (flags & (FE_O_CREAT | FE_O_TRUNC))))
		return -FE_EISDIR;
	if (!node_is_dir(n) && (flags & FE_O_DIRECTORY))
		return -FE_ENOTDIR;
	return 0;
}

static int64_t add_file(struct ramfs *fs, struct node *n, uint64_t flags)
{
	struct ofile *f = mem_alloc(sizeof(*f));
	int64_t id;

	if (!f)
		return -FE_ENOMEM;
	f->node = n;
	f->flags = (uint32_t)flags;
	id = idtab_add(&fs->files, f);
	if (id < 0) {
		mem_free(f);
		return id;
	}
	n->opens++;
	return id;
}

static int64_t ramfs_open(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	uint64_t flags = req->arg1;
	int64_t len = canon(req->path, req->path_len, 0);
	struct node *n;
	int rc = 0;

	if ((flags & FE_O_ACCMODE) == FE_O_ACCMODE)
		return -FE_EINVAL;
	if (len < 0)
		return len;
	n = open_node(fs, pbuf[0], (uint64_t)len, flags, req->arg2, &rc);
	if (!n)
		return rc;
	rc = open_check(n, flags);
	if (rc == 0 && (flags & FE_O_TRUNC) && (flags & FE_O_ACCMODE) != FE_O_RDONLY)
		rc = file_resize(&fs->tree, n, 0);
	if (rc < 0) {
		node_release(&fs->tree, n);
		return rc;
	}
	return add_file(fs, n, flags);
}

static void ramfs_close(void *state, uint64_t id)
{
	struct ramfs *fs = state;
	struct ofile *f = idtab_remove(&fs->files, id);

	if (!f)
		return;
	f->node->opens--;
	node_release(&fs->tree, f->node);
	mem_free(f);
}

static int64_t ramfs_read(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	int64_t n;

	if (!f || !readable(f))
		return -FE_EBADF;
	if (node_is_dir(f->node))
		return -FE_EISDIR;
	n = srv_read_slice(req, f->node->data, f->node->size, f->off, req->arg1);
	f->off += (uint64_t)n;
	f->node->atime = (int64_t)srv_clock();
	return n;
}

static int64_t ramfs_write(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	struct ofile *f = file_of(fs, req);
	int64_t n;

	if (!f || !writable(f))
		return -FE_EBADF;
	if (f->flags & FE_O_APPEND)
		f->off = f->node->size;
	n = file_write(&fs->tree, f->node, f->off, req->data, req->len);
	if (n > 0)
		f->off += (uint64_t)n;
	return n;
}

static int64_t ramfs_seek(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	int64_t off;

	if (!f)
		return -FE_EBADF;
	off = srv_seek((int64_t)f->off, f->node->size, (int64_t)req->arg1, req->arg2);
	if (off >= 0)
		f->off = (uint64_t)off;
	return off;
}

static int64_t put_stat(struct srv_req *req, const struct node *n)
{
	struct fe_stat st;

	node_stat(n, &st);
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

static int64_t ramfs_fstat(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);

	return f ? put_stat(req, f->node) : -FE_EBADF;
}

static int64_t ramfs_fsync(void *state, struct srv_req *req)
{
	return file_of(state, req) ? 0 : -FE_EBADF;
}

static int64_t ramfs_ftruncate(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	struct ofile *f = file_of(fs, req);

	if (!f)
		return -FE_EBADF;
	if (node_is_dir(f->node))
		return -FE_EISDIR;
	if (!writable(f) || req->arg1 > INT64_MAX)
		return -FE_EINVAL;
	return file_resize(&fs->tree, f->node, req->arg1);
}

/* Entry number `cookie` of dir, for READDIR: 1 ".", 2 "..". */
static bool put_dots(struct srv_req *req, const struct node *dir, uint64_t after)
{
	const struct node *up = dir->parent ? dir->parent : dir;

	if (after < 1 && !srv_put_dirent(req, req->arg2, dir->ino, 1, dir->mode, "."))
		return false;
	if (after < 2 && !srv_put_dirent(req, req->arg2, up->ino, 2, up->mode, ".."))
		return false;
	return true;
}

static int64_t ramfs_readdir(void *state, struct srv_req *req)
{
	struct ofile *f = file_of(state, req);
	const struct node *dir;
	bool fits;

	if (!f)
		return -FE_EBADF;
	dir = f->node;
	if (!node_is_dir(dir))
		return -FE_ENOTDIR;
	fits = put_dots(req, dir, req->arg1);
	for (const struct node *c = dir->first; c && fits; c = c->next)
		if (c->cookie > req->arg1)
			fits = srv_put_dirent(req, req->arg2, c->ino, c->cookie, c->mode, c->name);
	/* Not even one entry fits: the caller's buffer is too small. */
	if (!fits && req->out_len == 0)
		return -FE_EINVAL;
	return (int64_t)req->out_len;
}

static int64_t ramfs_stat(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	int64_t len = canon(req->path, req->path_len, 0);
	struct node *n;
	int rc = 0;

	if (len < 0)
		return len;
	n = tree_walk(&fs->tree, pbuf[0], (uint64_t)len, &rc);
	return n ? put_stat(req, n) : rc;
}

static int64_t ramfs_mkdir(void *state, struct srv_req *req)
{
	int64_t len = canon(req->path, req->path_len, 0);
	int rc = 0;

	if (len < 0)
		return len;
	if (!create(state, pbuf[0], (uint64_t)len, FE_S_IFDIR | (req->arg1 & 07777), &rc))
		return rc;
	return 0;
}

/* The existing node a path operation names; the root gives `root_err`. */
static struct node *existing(struct ramfs *fs, const struct srv_req *req, int root_err, int *rc)
{
	int64_t len = canon(req->path, req->path_len, 0);
	struct node *n;

	if (len < 0) {
		*rc = (int)len;
		return NULL;
	}
	n = tree_walk(&fs->tree, pbuf[0], (uint64_t)len, rc);
	if (n == fs->tree.root) {
		*rc = root_err;
		return NULL;
	}
	return n;
}

static int64_t ramfs_unlink(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	int rc = 0;
	struct node *n = existing(fs, req, -FE_EISDIR, &rc);

	if (!n)
		return rc;
	if (node_is_dir(n))
		return -FE_EISDIR;
	node_unlink(&fs->tree, n);
	return 0;
}

static int64_t ramfs_rmdir(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	int rc = 0;
	struct node *n = existing(fs, req, -FE_EBUSY, &rc);

	if (!n)
		return rc;
	if (!node_is_dir(n))
		return -FE_ENOTDIR;
	if (n->nchildren)
		return -FE_ENOTEMPTY;
	node_unlink(&fs->tree, n);
	return 0;
}

/* Can n take the place of the existing node t in a rename? */
static int replace_check(const struct node *n, const struct node *t)
{
	if (node_is_dir(n) && !node_is_dir(t))
		return -FE_ENOTDIR;
	if (!node_is_dir(n) && node_is_dir(t))
		return -FE_EISDIR;
	if (node_is_dir(t) && t->nchildren)
		return -FE_ENOTEMPTY;
	return 0;
}

/* Is canonical path b inside a (or a itself)? */
static bool inside(const char *a, uint64_t alen, const char *b, uint64_t blen)
{
	return blen >= alen && memcmp(a, b, alen) == 0 && (blen == alen || b[alen] == '/');
}

static int64_t ramfs_rename(void *state, struct srv_req *req)
{
	struct ramfs *fs = state;
	int64_t a = canon(req->path, req->path_len, 0), b = canon(req->path2, req->path2_len, 1);
	struct node *n, *dir, *t;
	const char *leaf;
	uint64_t leaf_len;
	int rc = 0;

	if (a < 0 || b < 0)
		return a < 0 ? a : b;
	n = tree_walk(&fs->tree, pbuf[0], (uint64_t)a, &rc);
	if (!n)
		return rc;
	if (n == fs->tree.root || b == 1)
		return -FE_EBUSY;
	dir = parent_of(fs, pbuf[1], (uint64_t)b, &leaf, &leaf_len, &rc);
	if (!dir)
		return rc;
	t = dir_lookup(dir, leaf, leaf_len);
	if (t == n)
		return 0;
	if (inside(pbuf[0], (uint64_t)a, pbuf[1], (uint64_t)b))
		return -FE_EINVAL;
	rc = t ? replace_check(n, t) : 0;
	if (rc < 0)
		return rc;
	rc = node_move(n, dir, leaf, leaf_len);
	if (rc == 0 && t)
		node_unlink(&fs->tree, t);
	return rc;
}

static int64_t ramfs_ioctl(void *state, struct srv_req *req)
{
	return file_of(state, req) ? -FE_ENOTTY : -FE_EBADF;
}

static int make_file(struct ramfs *fs, const char *path, const char *text)
{
	int rc = 0;
	struct node *n = create(fs, path, strlen(path), FE_S_IFREG | 0644, &rc);

	if (!n)
		return rc;
	return (int)file_write(&fs->tree, n, 0, text, strlen(text));
}

static int make_dir(struct ramfs *fs, const char *path, uint32_t mode)
{
	int rc = 0;

	return create(fs, path, strlen(path), FE_S_IFDIR | mode, &rc) ? 0 : rc;
}

int ramfs_init(struct ramfs *fs)
{
	int rc = tree_init(&fs->tree);

	memset(&fs->files, 0, sizeof(fs->files));
	if (rc == 0)
		rc = make_dir(fs, "/tmp", 01777);
	if (rc == 0)
		rc = make_dir(fs, "/home", 0755);
	if (rc == 0)
		rc = make_dir(fs, "/etc", 0755);
	if (rc == 0)
		rc = make_file(fs, "/etc/motd", MOTD);
	return rc < 0 ? rc : 0;
}

void ramfs_fini(struct ramfs *fs)
{
	for (uint64_t id = 1; id <= fs->files.size; id++)
		ramfs_close(fs, id);
	idtab_free(&fs->files);
	tree_fini(&fs->tree);
}

const struct srv_ops ramfs_ops = {
	.open = ramfs_open,
	.close = ramfs_close,
	.read = ramfs_read,
	.write = ramfs_write,
	.seek = ramfs_seek,
	.fstat = ramfs_fstat,
	.fsync = ramfs_fsync,
	.ftruncate = ramfs_ftruncate,
	.readdir = ramfs_readdir,
	.ioctl = ramfs_ioctl,
	.unlink = ramfs_unlink,
	.mkdir = ramfs_mkdir,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.stat = ramfs_stat,
};
