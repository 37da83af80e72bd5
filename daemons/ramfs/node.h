/*
 * ramfs's tree: directories and regular files in memory (node.c).
 *
 * Ownership: a node belongs to its parent directory while it is linked
 * (parent != NULL; the root is always linked) and to the open files that
 * name it (opens). It is freed when neither holds it: an unlinked file that
 * is still open keeps its data until its last close, as POSIX says.
 *
 * A directory keeps its children in a list in the order they were put in,
 * each with a cookie from the directory's counter: READDIR resumes after a
 * cookie, so entries added or removed meanwhile never make it repeat or
 * skip the others. Cookies 1 and 2 are "." and "..".
 *
 * Every byte of file data and every node is counted against the limits
 * below: running out is -FE_ENOSPC, never a failed allocation later.
 */
#ifndef RAMFS_NODE_H
#define RAMFS_NODE_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/scheme.h>

#define RAMFS_BYTES_MAX (128ull << 20)
#define RAMFS_NODES_MAX 65536u
#define RAMFS_FIRST_COOKIE 3

struct node {
	uint64_t ino;
	uint32_t mode; /* FE_S_IF* | permissions */
	uint32_t opens;
	struct node *parent;
	struct node *next, *prev; /* siblings, in cookie order */
	uint64_t cookie;
	char *name;
	/* directories */
	struct node *first, *last;
	uint64_t next_cookie;
	uint32_t nchildren, nsubdirs;
	/* regular files */
	char *data;
	uint64_t size, cap;
	int64_t atime, mtime, ctime;
};

struct ramfs_tree {
	struct node *root;
	uint64_t next_ino;
	uint64_t bytes; /* file data allocated */
	uint32_t nodes;
};

static inline bool node_is_dir(const struct node *n)
{
	return (n->mode & FE_S_IFMT) == FE_S_IFDIR;
}

/* An empty tree with its root: 0 or -FE_ENOMEM. */
int tree_init(struct ramfs_tree *t);
void tree_fini(struct ramfs_tree *t);

/* The node at canonical path p[0 .. len), or NULL with *rc = -FE_ENOENT or
 * -FE_ENOTDIR (a component on the way is not a directory). */
struct node *tree_walk(struct ramfs_tree *t, const char *p, uint64_t len, int *rc);

/* The child `name` (len bytes) of dir, or NULL. */
struct node *dir_lookup(const struct node *dir, const char *name, uint64_t len);

/* Make and link a new node in dir: the node, or NULL with *rc set. */
struct node *node_create(struct ramfs_tree *t, struct node *dir, const char *name, uint64_t len,
                         uint32_t mode, int *rc);

/* Unlink n from its directory; it is freed now if nothing holds it. */
void node_unlink(struct ramfs_tree *t, struct node *n);
/* Move n into dir under a new name: 0 or -FE_ENOMEM (nothing changed). */
int node_move(struct node *n, struct node *dir, const char *name, uint64_t len);
/* An open file let go of n: free it if nothing holds it any more. */
void node_release(struct ramfs_tree *t, struct node *n);

/* Set a file's size; new bytes read as zeros. 0 or -FE_ENOSPC. */
int file_resize(struct ramfs_tree *t, struct node *n, uint64_t size);
/* Write len bytes at off, growing the file: the count or -FE_ENOSPC. */
int64_t file_write(struct ramfs_tree *t, struct node *n, uint64_t off, const void *src,
                   uint64_t len);

void node_stat(const struct node *n, struct fe_stat *st);

#endif
