/*
 * Memory objects: a kernel object around the machine's memory (arch_mem).
 * The memory lives as long as any handle or mapping refers to it.
 */
#include "memobj.h"

#include "lib.h"
#include "list.h"

struct memobj *memobj_create(uint64_t size)
{
	struct memobj *mo;

	if (size == 0 || size > MEMOBJ_MAX_SIZE || !page_round_up(size, &size))
		return NULL;
	mo = kzalloc(sizeof(*mo));
	if (!mo)
		return NULL;
	mo->mem = arch_mem_create(size);
	if (!mo->mem) {
		kfree(mo);
		return NULL;
	}
	kobj_init(&mo->obj, FE_OBJ_MEMOBJ);
	mo->size = size;
	return mo;
}

static void memobj_destroy(struct kobj *o)
{
	struct memobj *mo = container_of(o, struct memobj, obj);

	arch_mem_destroy(mo->mem);
	kfree(mo);
}

const struct kobj_ops memobj_ops = { .destroy = memobj_destroy };
