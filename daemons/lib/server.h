/*
 * The scheme-server library: what every daemon that serves a scheme shares.
 *
 * A server is a table of callbacks (struct srv_ops), one per scheme
 * operation, and a state pointer. The library receives each request the
 * kernel routes to the scheme (<ferrite/scheme.h>), checks and decodes it
 * into a struct srv_req (srv_decode), calls the callback (srv_dispatch) and
 * replies with its result. The logic never sees a struct fe_msg and never
 * makes a system call: it is plain C that the unit tests build hosted
 * (tests/daemons/), with the two seams below (srv_answer, srv_clock)
 * supplied by loop.c in a daemon and by a fake in the tests.
 *
 * Rules the callbacks can rely on, because srv_decode checked them:
 *   - op is a scheme operation; id is non-zero for every fd operation and 0
 *     for OPEN and the path operations;
 *   - path (OPEN, STAT, UNLINK, MKDIR, RMDIR, RENAME) is NUL-terminated,
 *     path_len bytes, with no NUL inside; RENAME also has path2, whose
 *     "name:" prefix, if any, was this scheme's own and is stripped;
 *   - READ's count and READDIR's room are at most out_cap; SEEK's whence is
 *     0, 1 or 2; STAT and FSTAT have room for a struct fe_stat in out.
 * The callbacks check everything else (ids, flags, offsets, names).
 *
 * A callback returns the result (>= 0, or -FE_E*) and, for a body, sets
 * out_len; or it returns SRV_DEFER after keeping req->reply, and answers
 * later with srv_answer. A blocking read does this. Replying to a request
 * the kernel sent on its own (CLOSE) returns -FE_EPIPE, which is ignored.
 */
#ifndef DAEMON_SERVER_H
#define DAEMON_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>
#include <ferrite/scheme.h>

/* A callback's "I kept the request; I will answer it later". */
#define SRV_DEFER INT64_MIN

/* Labels from this value up are a daemon's own messages to itself (from
 * its own threads), never sent by the kernel; see srv_ops.private_op. */
#define SRV_OP_PRIVATE 0x10000u

/* The largest body a request or a reply carries. */
#define SRV_BODY_MAX FE_MSG_MAX_BUF

/* READDIR: w[2] is the caller's buffer size; 0 means this much. */
#define SRV_READDIR_DEFAULT 4096u

struct srv_req {
	uint32_t op;      /* enum fe_scheme_op, or >= SRV_OP_PRIVATE */
	uint32_t pid;     /* on whose behalf the kernel calls (0: nobody) */
	uint64_t id;      /* the server's file id (fd operations) */
	uint64_t arg1;    /* w[1]: flags, count, offset, cookie, length, ... */
	uint64_t arg2;    /* w[2]: mode, whence, READDIR's room, ... */
	const char *path; /* path operations and OPEN */
	uint64_t path_len;
	const char *path2; /* RENAME: the new name */
	uint64_t path2_len;
	const void *data; /* WRITE and IOCTL: the body */
	uint64_t len;
	void *out; /* where the reply's body goes */
	uint64_t out_cap;
	uint64_t out_len;  /* set by the callback */
	fe_handle_t reply; /* the handle that answers this request */
};

typedef int64_t (*srv_fn)(void *state, struct srv_req *req);

struct srv_ops {
	srv_fn open, read, write, seek, fstat, fsync, ftruncate, readdir, ioctl;
	srv_fn unlink, mkdir, rmdir, rename, stat;
	/* The last descriptor of `id` went away. Nobody waits for an answer. */
	void (*close)(void *state, uint64_t id);
	/* Labels >= SRV_OP_PRIVATE: the daemon's own threads. */
	srv_fn private_op;
};

/*
 * Decode a received message into *req. `buf` is the receive buffer, which
 * holds m->rlen bytes and has room for one more (the path's NUL). `name`
 * is the scheme's own name (for RENAME's second path). 0, or the error to
 * reply with.
 */
int srv_decode(const struct fe_msg *m, char *buf, uint64_t cap, const char *name,
               struct srv_req *req);

/* Run the callback for req->op: its result, SRV_DEFER, or -FE_ENOSYS when
 * the server has none. CLOSE returns 0. */
int64_t srv_dispatch(const struct srv_ops *ops, void *state, struct srv_req *req);

/* Seams: answer a kept request (0, or -FE_EPIPE when nobody waits any
 * more); the monotonic clock in ns. */
int srv_answer(fe_handle_t reply, int64_t result, const void *body, uint64_t len);
uint64_t srv_clock(void);

/* Read-helpers for reply bodies. Copy what [off, off + count) of the
 * `size` bytes at `data` holds into req->out; the byte count. */
int64_t srv_read_slice(struct srv_req *req, const void *data, uint64_t size, uint64_t off,
                       uint64_t count);
/* Append one struct fe_dirent to req->out if it fits in `room`: true if it
 * did. Names longer than 255 bytes are never listed. */
bool srv_put_dirent(struct srv_req *req, uint64_t room, uint64_t ino, uint64_t cookie,
                    uint32_t mode, const char *name);
/* The new offset of a SEEK from `cur` in a file of `size` bytes, or
 * -FE_EINVAL when it would be negative or overflow. */
int64_t srv_seek(int64_t cur, uint64_t size, int64_t off, uint64_t whence);

#endif
