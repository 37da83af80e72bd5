/*
 * Schemes: how resources are named and served (after Redox). A daemon
 * registers a scheme name with an endpoint it receives on; `open("name:path")`
 * is routed by the kernel to that daemon, and every later operation on the
 * file descriptor goes to the same daemon. Paths without "name:" belong to
 * the `file` scheme.
 *
 * The kernel keeps each process's descriptor table. A descriptor refers to an
 * open file description (shared by dup and inheritance, as POSIX says), which
 * names a scheme and the server's own id for the file. Only the kernel ever
 * calls a scheme's endpoint, so a server can trust the requests it receives:
 *
 *   label    the operation (enum fe_scheme_op)
 *   w[0]     the server's file id (fd operations), 0 for path operations
 *   w[1..2]  the operation's arguments (below)
 *   w[3]     the pid of the process on whose behalf the kernel calls
 *            (0 in FE_SCHEME_CLOSE, which the kernel sends on its own)
 *   buf/len  path operations: the path after "name:" (for RENAME, "old\0new");
 *            WRITE: the data
 *   rbuf     READ, READDIR, FSTAT, STAT: where the reply's body goes
 *
 * and answers every request with a reply whose label is the result: >= 0 on
 * success, -FE_E* on failure; extra results go in w[] and the body.
 * A request the kernel sends on its own (FE_SCHEME_CLOSE when the last
 * descriptor of a file goes away) has nobody waiting: replying to it returns
 * -FE_EPIPE, which servers ignore.
 */
#ifndef FERRITE_SCHEME_H
#define FERRITE_SCHEME_H

#include <stdint.h>

#define FE_SCHEME_NAME_MAX 31
#define FE_PATH_MAX 4096
#define FE_OPEN_MAX 1024

enum fe_scheme_op {
	FE_SCHEME_OPEN = 1,  /* w1 flags, w2 mode -> file id (the kernel makes the fd) */
	FE_SCHEME_CLOSE,     /* sent by the kernel only */
	FE_SCHEME_READ,      /* w1 count -> bytes, body = data */
	FE_SCHEME_WRITE,     /* body = data -> bytes */
	FE_SCHEME_SEEK,      /* w1 offset, w2 whence (0 set, 1 cur, 2 end) -> new offset */
	FE_SCHEME_FSTAT,     /* -> 0, body = struct fe_stat */
	FE_SCHEME_FSYNC,     /* -> 0 */
	FE_SCHEME_FTRUNCATE, /* w1 length -> 0 */
	FE_SCHEME_READDIR,   /* w1 cookie (0 first) -> bytes, body = struct fe_dirent... */
	FE_SCHEME_UNLINK,    /* path -> 0 */
	FE_SCHEME_MKDIR,     /* path, w1 mode -> 0 */
	FE_SCHEME_RMDIR,     /* path -> 0 */
	FE_SCHEME_RENAME,    /* "old\0new" -> 0 */
	FE_SCHEME_STAT,      /* path -> 0, body = struct fe_stat */
	FE_SCHEME_IOCTL,     /* w1 request, w2 argument; body both ways -> result */
	FE_SCHEME_OP_COUNT
};

/* Open flags: the Linux values, so libc passes them through. */
#define FE_O_RDONLY 00
#define FE_O_WRONLY 01
#define FE_O_RDWR 02
#define FE_O_ACCMODE 03
#define FE_O_CREAT 0100
#define FE_O_EXCL 0200
#define FE_O_TRUNC 01000
#define FE_O_APPEND 02000
#define FE_O_NONBLOCK 04000
#define FE_O_DIRECTORY 0200000
#define FE_O_CLOEXEC 02000000

/* Descriptor flags (FE_SYS_DUP, FE_SYS_FD_FLAGS). */
#define FE_FD_CLOEXEC 1u

/* File types in fe_stat.mode and fe_dirent.type: the POSIX S_IF* values. */
#define FE_S_IFMT 0170000
#define FE_S_IFDIR 0040000
#define FE_S_IFCHR 0020000
#define FE_S_IFREG 0100000
#define FE_S_IFIFO 0010000

struct fe_stat {
	uint64_t ino;
	uint32_t mode; /* type and permission bits */
	uint32_t nlink;
	uint64_t size;
	uint64_t blocks; /* 512-byte units */
	int64_t atime_ns, mtime_ns, ctime_ns;
	uint32_t uid, gid;
	uint32_t dev, blksize;
};

/* READDIR bodies are a run of these, each reclen bytes (8-aligned). */
struct fe_dirent {
	uint64_t ino;
	uint64_t cookie; /* pass to the next READDIR to continue after this one */
	uint16_t reclen;
	uint8_t type; /* FE_S_IF* >> 12 */
	uint8_t namelen;
	char name[]; /* NUL-terminated */
};

#endif
