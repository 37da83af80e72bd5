/*
 * pipe: POSIX pipes as a scheme.
 *
 * open("pipe:", O_RDONLY) makes a pipe and returns its read end; FSTAT of
 * that end gives the pipe's number N as ino. open("pipe:N", O_WRONLY) then
 * returns the write end — only for the process that made the pipe, and only
 * once: more write ends come from dup and inheritance, which the kernel
 * shares without asking us. libc's pipe() is these three calls.
 *
 * Reads take what is there (up to the count) and wait while the pipe is
 * empty and a write end is open; with no write end left they return 0.
 * Writes wait while the pipe (PIPE_CAPACITY bytes) is full; a write of at
 * most PIPE_ATOMIC bytes is never split between readers' views; a write to
 * a pipe with no read end left is -FE_EPIPE. With O_NONBLOCK, waiting is
 * -FE_EAGAIN (or a partial write).
 */
#ifndef DAEMON_PIPE_H
#define DAEMON_PIPE_H

#include "idtab.h"
#include "server.h"

#define PIPE_CAPACITY (64u * 1024u)
#define PIPE_ATOMIC 4096u

struct pipes {
	struct idtab ends;  /* file id -> struct pipe_end */
	struct idtab pipes; /* pipe number -> struct pipe */
	char *scratch;      /* PIPE_CAPACITY bytes for late answers */
};

extern const struct srv_ops pipe_ops;

/* 0, or -FE_ENOMEM. */
int pipes_init(struct pipes *ps);
void pipes_fini(struct pipes *ps);

#endif
