/*
 * Character devices without per-file state (null:, zero:, rand:): the
 * scheme has one file, its empty path, and every open of it gets the same
 * id, CHARDEV_ID. Nothing needs to be kept per open file, so such a daemon
 * restarts with nothing to rebuild. Seeking always succeeds at 0, as on a
 * Unix character device.
 */
#ifndef DAEMON_CHARDEV_H
#define DAEMON_CHARDEV_H

#include "server.h"

#define CHARDEV_ID 1u

/* OPEN: the empty path (or "/") only; CHARDEV_ID or -FE_ENOENT. Any access
 * mode; O_DIRECTORY is -FE_ENOTDIR. */
int64_t chardev_open(void *state, struct srv_req *req);
/* 0 if req names CHARDEV_ID, else -FE_EBADF. */
int64_t chardev_check(const struct srv_req *req);
/* FSTAT and STAT: a character device, read-write for all, inode `ino`. */
int64_t chardev_fstat(struct srv_req *req, uint64_t ino);
int64_t chardev_seek(void *state, struct srv_req *req);
int64_t chardev_readdir(void *state, struct srv_req *req);
int64_t chardev_ftruncate(void *state, struct srv_req *req);

#endif
