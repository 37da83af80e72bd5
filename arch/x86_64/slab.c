/*
 * Fixed-size objects for the port's own bookkeeping (address spaces,
 * threads, memory descriptors): each slab carves whole pages into equal
 * objects and keeps the free ones on a list. Pages are never given back;
 * the number of such objects is bounded by the core's own limits.
 *
 * Objects are 64-byte multiples carved from page-aligned memory, so each is
 * 64-byte aligned (what fxsave and the trap frame need). Objects are zeroed.
 */
#include "x86.h"

static void slab_grow(struct slab *s)
{
	uint64_t pa = pmm_alloc();
	char *page;

	if (!pa)
		return;
	page = phys_to_virt(pa);
	for (size_t off = 0; off + s->size <= PAGE; off += s->size) {
		*(void **)(page + off) = s->free;
		s->free = page + off;
	}
}

void *slab_alloc(struct slab *s)
{
	void *obj;

	if (!s->free)
		slab_grow(s);
	obj = s->free;
	if (!obj)
		return NULL;
	s->free = *(void **)obj;
	memset(obj, 0, s->size);
	return obj;
}

void slab_free(struct slab *s, void *obj)
{
	*(void **)obj = s->free;
	s->free = obj;
}
