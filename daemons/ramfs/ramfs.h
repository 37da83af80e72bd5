/*
 * ramfs: a writable in-memory filesystem, served as file: until the
 * copy-on-write filesystem takes over. Directories, regular files, the
 * POSIX open flags (O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY),
 * cookie-based READDIR, unlink, mkdir, rmdir, rename, stat.
 *
 * Paths are canonicalised first (daemons/lib/path.h), so "." and ".." are
 * resolved by name. Permission bits are kept and reported, not enforced:
 * Ferrite has one user so far. Nothing survives a restart; ramfs_init
 * makes the starting tree (/tmp, /home, /etc, /etc/motd).
 */
#ifndef DAEMON_RAMFS_H
#define DAEMON_RAMFS_H

#include "idtab.h"
#include "node.h"
#include "server.h"

struct ramfs {
	struct ramfs_tree tree;
	struct idtab files; /* file id -> struct ofile */
};

extern const struct srv_ops ramfs_ops;

/* The starting tree: 0 or -FE_ENOMEM. */
int ramfs_init(struct ramfs *fs);
void ramfs_fini(struct ramfs *fs);

#endif
