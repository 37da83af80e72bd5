/*
 * Kernel objects. Every object a user can name (endpoint, reply, notification,
 * memory object, process, thread) starts with a struct kobj: its type, a
 * reference count and a kernel-wide id that is never reused.
 *
 * References are held by capability slots, by the kernel's own structures
 * (a thread's process, a mapping's memory object) and by blocked operations.
 * When the last reference goes, the type's destroy function runs.
 *
 * Capability slots also tell the object when a handle with given rights
 * appears or disappears (cap_added/cap_removed): endpoints count their
 * receive rights this way, so that callers learn when no server is left.
 */
#ifndef KERNEL_OBJECT_H
#define KERNEL_OBJECT_H

#include <stdint.h>

/* Kernel-internal object types, never named by a handle. */
enum { KOBJ_SCHEME = 100, KOBJ_FILE };

struct kobj {
	uint32_t type; /* enum fe_obj_type */
	uint32_t refs;
	uint64_t koid;
};

struct kobj_ops {
	void (*destroy)(struct kobj *o);
	void (*cap_added)(struct kobj *o, uint32_t rights);
	void (*cap_removed)(struct kobj *o, uint32_t rights);
};

void kobj_init(struct kobj *o, uint32_t type);
void kobj_retain(struct kobj *o);
void kobj_release(struct kobj *o);
const struct kobj_ops *kobj_ops(const struct kobj *o);

/* Each object file provides its ops. */
extern const struct kobj_ops endpoint_ops, reply_ops, notify_ops, memobj_ops, process_ops,
	thread_ops, scheme_ops, file_ops;

#endif
