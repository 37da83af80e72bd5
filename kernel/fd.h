/*
 * Schemes, open files and descriptor tables (see <ferrite/scheme.h>).
 *
 * A scheme is a registered name and the endpoint of the daemon serving it.
 * Re-registering a name whose server is gone makes a new scheme object with
 * the next generation; files opened through the old one fail with
 * -FE_ESTALE, so a client can tell "server restarted" from "no server".
 *
 * A file (an open file description) names a scheme and the server's id for
 * the file. Descriptors share files: dup and inheritance take a reference,
 * and when the last one goes the kernel tells the server (FE_SCHEME_CLOSE),
 * whether the descriptor was closed or its process died.
 */
#ifndef KERNEL_FD_H
#define KERNEL_FD_H

#include <ferrite/scheme.h>

#include "fdtable.h"
#include "ipc.h"
#include "list.h"
#include "object.h"

struct scheme {
	struct kobj obj;
	char name[FE_SCHEME_NAME_MAX + 1];
	struct endpoint *ep; /* holds a reference */
	uint32_t generation;
	bool dead; /* replaced by a newer generation */
	struct list link;
};

struct file {
	struct kobj obj;
	struct scheme *scheme; /* holds a reference */
	uint64_t id;
};

/* Scheme names: 1..31 of [a-z0-9_-]. */
bool scheme_name_ok(const char *name, uint64_t len);
struct scheme *scheme_find(const char *name, uint64_t len);
int scheme_register(const char *name, uint64_t len, struct endpoint *ep);

/* A new file for the server's `id` (one reference). */
struct file *file_create(struct scheme *s, uint64_t id);
/* Tell a scheme's server, without waiting, that `id` is closed (w[3] = 0:
 * the kernel speaks for itself, not for a process). */
void scheme_send_close(struct scheme *s, uint64_t id);

void fd_table_init(struct fd_table *t);
void fd_table_destroy(struct fd_table *t);
/* Copy every descriptor without FE_FD_CLOEXEC (spawn with FE_SPAWN_FDS), or
 * every one (fork). */
int fd_table_inherit(struct fd_table *dst, const struct fd_table *src);
int fd_table_copy(struct fd_table *dst, const struct fd_table *src);
/* Close every descriptor with FE_FD_CLOEXEC (exec). */
void fd_table_exec(struct fd_table *t);
struct file *fd_get(struct fd_table *t, int fd);
/* Install `f` at the lowest free descriptor >= `min`. */
int fd_install(struct fd_table *t, struct file *f, uint32_t flags, int min);
/* Install `f` at exactly `fd`, closing what was there. */
int fd_install_at(struct fd_table *t, int fd, struct file *f, uint32_t flags);
int fd_close(struct fd_table *t, int fd);
int fd_flags(struct fd_table *t, int fd, uint32_t mask, uint32_t value);

#endif
