/*
 * initfs: the boot archive as a read-only scheme. "initfs:/" is a
 * directory of the archive's files ("initfs:/sh", or "initfs:sh"); they
 * can be opened for reading, read, seeked, stat'ed and listed. Anything
 * that would change them is -FE_EROFS.
 *
 * Inode numbers: 1 for the directory, 2 + the entry's index for a file.
 */
#ifndef DAEMON_INITFS_H
#define DAEMON_INITFS_H

#include "archive.h"
#include "idtab.h"
#include "server.h"

struct initfs {
	struct archive ar;
	struct idtab files;
};

extern const struct srv_ops initfs_ops;

/* Serve the archive at base (checked): 0 or -FE_EINVAL. */
int initfs_init(struct initfs *fs, const void *base, uint64_t size);
void initfs_fini(struct initfs *fs);

#endif
