/*
 * The hosted side of the daemons' unit tests: fake seams (hosted.c) and
 * helpers that drive a server's operations the way loop.c does — a message
 * built as the kernel would send it, decoded by srv_decode and dispatched
 * by srv_dispatch — so the tests exercise the decoding too.
 */
#ifndef TESTS_DAEMONS_THOST_H
#define TESTS_DAEMONS_THOST_H

#include <check.h>
#include <stdint.h>

#include "server.h"

/* What srv_answer was given for a kept request. */
struct t_answer {
	fe_handle_t reply;
	int64_t result;
	uint64_t len;
	unsigned char body[SRV_BODY_MAX];
};

#define T_MAX_ANSWERS 64

extern struct t_answer t_answers[T_MAX_ANSWERS];
extern unsigned t_nanswers;
/* Replies to handles listed here fail with -FE_EPIPE (the caller left). */
extern fe_handle_t t_gone[8];
extern unsigned t_ngone;
/* What srv_clock returns. */
extern uint64_t t_now;

/* The reply body of the last t_call, and its length. */
extern unsigned char t_out[SRV_BODY_MAX];
extern uint64_t t_out_len;
/* The reply handle the last t_call's request had. */
extern fe_handle_t t_last_reply;

struct t_server {
	const struct srv_ops *ops;
	void *state;
	const char *name;
};

/* Forget answers and failing handles. */
void t_reset(void);

/* Send one request: op with w[0..2] = id, a1, a2 on behalf of pid, and a
 * body of len bytes; the result (SRV_DEFER if kept). */
int64_t t_call(const struct t_server *s, uint32_t op, uint64_t id, uint64_t a1, uint64_t a2,
               uint32_t pid, const void *body, uint64_t len);

/* Shorthands: open `path` with flags (pid 1); read into t_out; write a
 * string; a path operation; RENAME. */
int64_t t_open(const struct t_server *s, const char *path, uint64_t flags);
int64_t t_read(const struct t_server *s, uint64_t id, uint64_t count);
int64_t t_write(const struct t_server *s, uint64_t id, const char *data);
int64_t t_path(const struct t_server *s, uint32_t op, const char *path, uint64_t arg);
int64_t t_rename(const struct t_server *s, const char *from, const char *to);
void t_close(const struct t_server *s, uint64_t id);

Suite *suite_lib(void);
Suite *suite_dev(void);
Suite *suite_pipe(void);
Suite *suite_ramfs(void);
Suite *suite_initfs(void);
Suite *suite_hostfs(void);
Suite *suite_sys(void);
Suite *suite_console(void);
Suite *suite_pattern(void);
Suite *suite_manifest(void);

#endif
