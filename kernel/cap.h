/*
 * Capability tables. Each process has one: a growable array of slots, each
 * holding a reference to an object and the rights the holder has over it.
 * A handle is an index into the table. New handles take the lowest free
 * slot, so handle numbers are deterministic.
 */
#ifndef KERNEL_CAP_H
#define KERNEL_CAP_H

#include <ferrite/abi.h>
#include <stdint.h>

#include "object.h"

#define CAP_MAX 4096

struct cap {
	struct kobj *obj;
	uint32_t rights;
};

struct cap_table {
	struct cap *slots;
	uint32_t size;
	uint32_t used;
};

void cap_table_init(struct cap_table *t);
/* Close every handle and free the table. */
void cap_table_destroy(struct cap_table *t);

/*
 * Look up `h`: it must exist, hold an object of `type` (FE_OBJ_NONE: any)
 * and carry every right in `need`. -FE_EBADF for a missing or closed handle
 * or the wrong type, -FE_EACCES for a missing right.
 */
int cap_get(struct cap_table *t, fe_handle_t h, uint32_t type, uint32_t need, struct cap *out);

/* Make sure `n` more handles can be installed: 0 or -FE_EMFILE/-FE_ENOMEM.
 * After it succeeds, the next n cap_install calls cannot fail. */
int cap_reserve(struct cap_table *t, uint32_t n);

/* Install a new handle for `obj` (taking a new reference). Returns the
 * handle, or a negative error when the table is full. */
fe_handle_t cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights);

/* Give the empty `dst` a copy of every handle in src, at the same numbers,
 * but for reply handles, which answer one call and stay where they are. */
int cap_table_copy(struct cap_table *dst, const struct cap_table *src);

/* Close a handle: 0 or -FE_EBADF. */
int cap_close(struct cap_table *t, fe_handle_t h);

#endif
