/*
 * Reference counting and per-type dispatch for kernel objects.
 */
#include "object.h"

#include <ferrite/abi.h>

#include "lib.h"

static uint64_t next_koid = 1;

void kobj_init(struct kobj *o, uint32_t type)
{
	o->type = type;
	o->refs = 1;
	o->koid = next_koid++;
}

const struct kobj_ops *kobj_ops(const struct kobj *o)
{
	switch (o->type) {
	case FE_OBJ_ENDPOINT:
		return &endpoint_ops;
	case FE_OBJ_REPLY:
		return &reply_ops;
	case FE_OBJ_NOTIFY:
		return &notify_ops;
	case FE_OBJ_MEMOBJ:
		return &memobj_ops;
	case FE_OBJ_PROCESS:
		return &process_ops;
	case FE_OBJ_THREAD:
		return &thread_ops;
	case KOBJ_SCHEME:
		return &scheme_ops;
	case KOBJ_FILE:
		return &file_ops;
	default:
		return NULL;
	}
}

void kobj_retain(struct kobj *o)
{
	o->refs++;
}

void kobj_release(struct kobj *o)
{
	if (!o)
		return;
	if (o->refs == 0) {
		kprintf("ferrite: release of a dead object %llu\n", (unsigned long long)o->koid);
		return;
	}
	if (--o->refs == 0)
		kobj_ops(o)->destroy(o);
}
