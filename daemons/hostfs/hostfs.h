/*
 * hostfs: the directory the sim was started with (`ferrite-sim --mount
 * DIR`) as the read-only scheme host:. "host:/a/b" is DIR/a/b; files and
 * directories can be opened for reading, read, seeked, stat'ed and listed;
 * anything that would change them is -FE_EROFS. Paths are canonicalised
 * first (daemons/lib/path.h), so "host:/../x" is DIR/x; a symlink may point
 * anywhere inside DIR and nowhere else (-FE_EACCES). Only regular files and
 * directories are served.
 *
 * An open file is a host descriptor and an offset; the host keeps the
 * rest. Inode numbers are the host's.
 */
#ifndef DAEMON_HOSTFS_H
#define DAEMON_HOSTFS_H

#include "idtab.h"
#include "server.h"

struct hostfs {
	struct idtab files;
};

extern const struct srv_ops hostfs_ops;

#endif
