/*
 * ramfs's tree of nodes (see node.h for ownership and cookies).
 */
#include <string.h>

#include "mem.h"
#include "node.h"
#include "path.h"
#include "server.h"

static struct node *node_new(struct ramfs_tree *t, uint32_t mode, const char *name, uint64_t len)
{
	struct node *n;

	if (t->nodes >= RAMFS_NODES_MAX)
		return NULL;
	n = mem_alloc(sizeof(*n));
	if (!n)
		return NULL;
	n->name = mem_alloc(len + 1);
	if (!n->name) {
		mem_free(n);
		return NULL;
	}
	memcpy(n->name, name, len);
	n->ino = t->next_ino++;
	n->mode = mode;
	n->next_cookie = RAMFS_FIRST_COOKIE;
	n->atime = n->mtime = n->ctime = (int64_t)srv_clock();
	t->nodes++;
	return n;
}

static void node_free(struct ramfs_tree *t, struct node *n)
{
	t->bytes -= n->cap;
	t->nodes--;
	mem_free(n->data);
	mem_free(n->name);
	mem_free(n);
}

int tree_init(struct ramfs_tree *t)
{
	memset(t, 0, sizeof(*t));
	t->next_ino = 1;
	t->root = node_new(t, FE_S_IFDIR | 0755, "", 0);
	return t->root ? 0 : -FE_ENOMEM;
}

static void free_subtree(struct ramfs_tree *t, struct node *n)
{
	while (n->first) {
		struct node *c = n->first;

		n->first = c->next;
		free_subtree(t, c);
	}
	node_free(t, n);
}

void tree_fini(struct ramfs_tree *t)
{
	free_subtree(t, t->root);
	t->root = NULL;
}

struct node *dir_lookup(const struct node *dir, const char *name, uint64_t len)
{
	for (struct node *c = dir->first; c; c = c->next)
		if (strlen(c->name) == len && memcmp(c->name, name, len) == 0)
			return c;
	return NULL;
}

struct node *tree_walk(struct ramfs_tree *t, const char *p, uint64_t len, int *rc)
{
	const char *end = p + len, *name;
	struct node *n = t->root;
	uint64_t clen;

	while ((clen = path_next(&p, end, &name)) > 0) {
		if (!node_is_dir(n)) {
			*rc = -FE_ENOTDIR;
			return NULL;
		}
		n = dir_lookup(n, name, clen);
		if (!n) {
			*rc = -FE_ENOENT;
			return NULL;
		}
	}
	return n;
}

static void dir_link(struct node *dir, struct node *n)
{
	n->parent = dir;
	n->cookie = dir->next_cookie++;
	n->next = NULL;
	n->prev = dir->last;
	if (dir->last)
		dir->last->next = n;
	else
		dir->first = n;
	dir->last = n;
	dir->nchildren++;
	if (node_is_dir(n))
		dir->nsubdirs++;
	dir->mtime = dir->ctime = (int64_t)srv_clock();
}

static void dir_unlink(struct node *n)
{
	struct node *dir = n->parent;

	if (n->prev)
		n->prev->next = n->next;
	else
		dir->first = n->next;
	if (n->next)
		n->next->prev = n->prev;
	else
		dir->last = n->prev;
	dir->nchildren--;
	if (node_is_dir(n))
		dir->nsubdirs--;
	dir->mtime = dir->ctime = (int64_t)srv_clock();
	n->parent = NULL;
	n->next = n->prev = NULL;
}

struct node *node_create(struct ramfs_tree *t, struct node *dir, const char *name, uint64_t len,
                         uint32_t mode, int *rc)
{
	struct node *n = node_new(t, mode, name, len);

	if (!n) {
		*rc = t->nodes >= RAMFS_NODES_MAX ? -FE_ENOSPC : -FE_ENOMEM;
		return NULL;
	}
	dir_link(dir, n);
	return n;
}

void node_release(struct ramfs_tree *t, struct node *n)
{
	if (!n->parent && n != t->root && n->opens == 0)
		node_free(t, n);
}

void node_unlink(struct ramfs_tree *t, struct node *n)
{
	dir_unlink(n);
	n->ctime = (int64_t)srv_clock();
	node_release(t, n);
}

int node_move(struct node *n, struct node *dir, const char *name, uint64_t len)
{
	char *copy = mem_alloc(len + 1);

	if (!copy)
		return -FE_ENOMEM;
	memcpy(copy, name, len);
	dir_unlink(n);
	mem_free(n->name);
	n->name = copy;
	dir_link(dir, n);
	n->ctime = (int64_t)srv_clock();
	return 0;
}

/* Make room for `need` bytes, charging the tree: 0 or -FE_ENOSPC. */
static int reserve(struct ramfs_tree *t, struct node *n, uint64_t need)
{
	uint64_t cap = n->cap ? n->cap : 256;
	char *data;

	if (need <= n->cap)
		return 0;
	if (need > RAMFS_BYTES_MAX || t->bytes - n->cap + need > RAMFS_BYTES_MAX)
		return -FE_ENOSPC;
	while (cap < need)
		cap *= 2;
	if (t->bytes - n->cap + cap > RAMFS_BYTES_MAX)
		cap = need;
	data = mem_realloc(n->data, cap);
	if (!data)
		return -FE_ENOSPC;
	t->bytes = t->bytes - n->cap + cap;
	n->data = data;
	n->cap = cap;
	return 0;
}

int file_resize(struct ramfs_tree *t, struct node *n, uint64_t size)
{
	int rc = reserve(t, n, size);

	if (rc < 0)
		return rc;
	if (size > n->size)
		memset(n->data + n->size, 0, size - n->size);
	n->size = size;
	n->mtime = n->ctime = (int64_t)srv_clock();
	return 0;
}

int64_t file_write(struct ramfs_tree *t, struct node *n, uint64_t off, const void *src,
                   uint64_t len)
{
	int rc;

	if (len == 0)
		return 0;
	if (off > RAMFS_BYTES_MAX || len > RAMFS_BYTES_MAX - off)
		return -FE_ENOSPC;
	if (off + len > n->size) {
		rc = file_resize(t, n, off + len);
		if (rc < 0)
			return rc;
	}
	memcpy(n->data + off, src, len);
	n->mtime = n->ctime = (int64_t)srv_clock();
	return (int64_t)len;
}

void node_stat(const struct node *n, struct fe_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->ino = n->ino;
	st->mode = n->mode;
	st->nlink = node_is_dir(n) ? 2 + n->nsubdirs : (n->parent ? 1 : 0);
	st->size = node_is_dir(n) ? n->nchildren : n->size;
	st->blocks = (n->cap + 511) / 512;
	st->atime_ns = n->atime;
	st->mtime_ns = n->mtime;
	st->ctime_ns = n->ctime;
	st->blksize = 4096;
}
