/*
 * libc's private interface: what the areas of the library share and no
 * program may rely on. Public names live in the standard headers; the
 * names here start with __fe_ so that they stay out of a program's way.
 *
 * Every call into the kernel returns -FE_E* on failure; fe_err() turns that
 * into POSIX's "errno and -1" at the one place where a libc function
 * returns to its caller.
 */
#ifndef FERRITE_LIBC_H
#define FERRITE_LIBC_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <ferrite/abi.h>
#include <ferrite/scheme.h>

/* rc < 0: errno = -rc and -1; else rc. */
static inline long fe_err(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

/* Paths (unistd/path.c). Make `path` absolute against the current
 * directory and clean it up (no "." or ".." or repeated '/'), keeping a
 * "scheme:" prefix; the result names the same resource for the kernel. */
int __fe_path_resolve(const char *path, char *out, size_t cap);
/* The resolved path's scheme part, if any, ends at the returned offset. */
size_t __fe_path_scheme_len(const char *path);

/* Descriptors (unistd/fdstate.c): what libc knows of each descriptor. */
enum fe_fd_state {
	FE_FD_UNKNOWN = 0, /* never touched by this program: maybe inherited */
	FE_FD_OPEN,        /* opened, duplicated onto or known to be open */
	FE_FD_CLOSED,      /* closed by this program */
	FE_FD_CONSOLE,     /* 0..2 found not open at first use: the console */
};
void __fe_fd_set(int fd, int state, int oflags);
int __fe_fd_state(int fd);
int __fe_fd_oflags(int fd);
/* Remember the resolved path fd was opened with, for reopening it. */
void __fe_fd_remember(int fd, const char *path);
/* `to` is now a duplicate of `from`: same flags, path and offset. */
void __fe_fd_copy(int to, int from);
/* fd's remembered path (NULL if none) and tracked offset (-1: unknown). */
const char *__fe_fd_path(int fd, int64_t *off);
/* A call `op` on fd answered rc >= 0: track the offset it moved. */
void __fe_fd_moved(int fd, uint64_t op, long rc);
/* A call on fd failed with rc: if fd is one of 0..2 that the program never
 * touched and the kernel says it is not open, switch it to the console
 * (io.c) and say so. */
bool __fe_fd_fallback(int fd, long rc);

/* The file mode creation mask (umask) without changing it. */
mode_t __fe_umask(void);

/* This process's entry in the kernel's process list (unistd/proc.c). */
int __fe_self_info(struct fe_procinfo *out);

/* One call to a descriptor's server; the result or -FE_E*. Retried on a
 * restarted server where that is safe (unistd/retry.c). */
long __fe_fd_call(int fd, struct fe_msg *m);
/* fe_open and fe_path_call of a resolved path, waiting while its scheme is
 * between two servers (unistd/retry.c). */
int __fe_open_served(const char *path, uint32_t flags, uint32_t mode);
long __fe_path_call_served(const char *path, struct fe_msg *m);
/* One path operation (FE_SCHEME_STAT, UNLINK, ...) on a resolved path. */
long __fe_path_call(const char *path, struct fe_msg *m);

/* Children (unistd/wait.c): every child fork made, with its process
 * handle, for waitpid. A forked child forgets its parent's. */
void __fe_child_add(pid_t pid, fe_handle_t proc);
void __fe_children_forget(void);

/* SIGCHLD for waitpid (signal/signal.c): have the kernel hold SIGCHLD
 * (unless a handler catches it); how many SIGCHLD handlers have run, or
 * ~0 when there is no handler. */
void __fe_sigchld_hold(void);
unsigned long __fe_sigchld_handled(void);

/* Find `file` along PATH as execvp does; 0 and the path in out. */
int __fe_path_search(const char *file, char *out, size_t cap);

/* The exit status that abort() uses if SIGABRT did not end the process:
 * bit 8 set, low byte 128 + sig, which waitpid reads as that signal. */
#define FE_SIGEXIT_BASE 0x180
int __fe_status_from_exit(const struct fe_exit *e);

/* Signals raised by libc itself. */
void __fe_raise_sigpipe(void);

/* Flush every stdio stream, at exit. Weak: a program that never touches
 * stdio does not link it. */
void __fe_stdio_flush_all(void) __attribute__((weak));

/* The environment in the spawn argument convention (docs/libc.md). */
#define FE_ENV_MARK "\036env:"
int __fe_pack_args(char *const argv[], char *const envp[], char *buf, size_t cap, uint32_t *argc,
                   size_t *len);

/* Time: the realtime clock's offset from the monotonic one, in ns. */
int64_t __fe_realtime_offset(void);

#endif
