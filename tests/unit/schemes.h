/*
 * Schemes and descriptors for the fd, scheme, fork and exec tests: a test
 * thread plays a scheme's server (registers a name, receives the kernel's
 * requests, replies), another plays the client (opens, calls, closes).
 *
 * Requests are received into fresh scratch memory of the server with room
 * for REQ_BODY bytes of body, so a test can look at everything the kernel
 * sent: the header, the body, and whether the body was cut.
 */
#ifndef TESTS_UNIT_SCHEMES_H
#define TESTS_UNIT_SCHEMES_H

#include "fd.h"
#include "harness.h"

#define REQ_BODY 8192

/* A server process with an endpoint (every right) registered under a name,
 * and a client process. */
struct scheme_pair {
	struct thread *client, *server;
	fe_handle_t sep;
};

/* Register `name` for a new endpoint of t's; returns the endpoint handle. */
fe_handle_t serve(struct thread *t, const char *name);
void make_scheme(struct scheme_pair *sp, const char *name);
/* make_scheme(sp, "x") with two files open in the client: descriptors 0 and
 * 1 for the server's ids 10 and 11. */
void two_files(struct scheme_pair *sp);

/* One request as the server received it. */
struct request {
	uint64_t at; /* the header in the server's memory */
	int64_t rh;  /* the receive's result: the reply handle or an error */
	struct fe_msg m;
	char body[REQ_BODY + 1]; /* min(rlen, REQ_BODY) bytes, then a NUL */
};

/* Start a receive on sep: BLOCKED, or its result (rq->m is then read). */
int64_t recv_begin(struct thread *server, fe_handle_t sep, struct request *rq, int64_t timeout);
/* Read the header and body of a receive that completed (or was woken). */
void recv_read(struct thread *server, struct request *rq);
/* Receive what is waiting on sep now; fails the test if nothing is. */
struct request recv_now(struct thread *server, fe_handle_t sep);
/* Nothing is waiting on sep: a poll times out. */
void assert_nothing_waiting(struct thread *server, fe_handle_t sep);
/* The next thing waiting on sep is the kernel's FE_SCHEME_CLOSE for `id`;
 * nobody waits for its reply (-FE_EPIPE). */
void assert_close_posted(struct thread *server, fe_handle_t sep, uint64_t id);
/* How many one-way messages wait on the endpoint behind t's handle h. */
unsigned posted_count(struct thread *t, fe_handle_t h);

/* Reply with a label and an optional body: the FE_SYS_REPLY result. */
int64_t reply_label(struct thread *server, int64_t rh, int64_t label);
int64_t reply_body(struct thread *server, int64_t rh, int64_t label, const void *body,
                   uint64_t len);

/* FE_SYS_OPEN / FE_SYS_PATH_CALL with the path (strlen) copied into t's memory. */
int64_t open_path(struct thread *t, const char *path, uint64_t flags, uint64_t mode);
int64_t path_call(struct thread *t, const char *path, uint64_t label);

/* Open `path` in the client and have the server answer with `id`: the
 * open's result, the new descriptor (the client is running again). */
int64_t open_file(struct scheme_pair *sp, const char *path, uint64_t id);

/* An FE_SYS_FD_CALL of t with a header in fresh memory: its result. */
int64_t fd_call(struct thread *t, int64_t fd, const struct fe_msg *m, int64_t timeout);

/* The result t was woken with; t is then running again. */
int64_t resume(struct thread *t);

/* Fill t's descriptor table up to FE_OPEN_MAX with references to the file
 * behind fd. */
void fill_fds(struct thread *t, int fd);

#endif
