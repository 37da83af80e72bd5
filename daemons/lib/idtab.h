/*
 * File ids: the numbers a server gives the kernel for its open files (the
 * w[0] of every later request). An id table maps ids 1, 2, ... to the
 * server's objects; the lowest free id is reused. Id 0 is never given: the
 * kernel uses it for path operations. A lookup of an id that is not in the
 * table (never given, or closed) finds nothing, so a stale or forged id is
 * -FE_EBADF, not a crash.
 */
#ifndef DAEMON_IDTAB_H
#define DAEMON_IDTAB_H

#include <stdint.h>

#define IDTAB_MAX 65536u

struct idtab {
	void **slot; /* slot[id - 1] */
	uint32_t size;
	uint32_t used;
};

/* A new id for p (non-NULL): >= 1, or -FE_ENOMEM / -FE_EMFILE. */
int64_t idtab_add(struct idtab *t, void *p);
/* The object of id, or NULL. */
void *idtab_get(const struct idtab *t, uint64_t id);
/* Take id out of the table: its object, or NULL if it had none. */
void *idtab_remove(struct idtab *t, uint64_t id);
void idtab_free(struct idtab *t);

#endif
