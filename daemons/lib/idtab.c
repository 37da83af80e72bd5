/*
 * The id table of idtab.h: an array of pointers grown by doubling up to
 * IDTAB_MAX entries, searched from the start for a free slot. Servers have
 * at most a few thousand open files, so the linear search is cheap.
 */
#include <stddef.h>
#include <string.h>

#include <ferrite/abi.h>

#include "idtab.h"
#include "mem.h"

static int grow(struct idtab *t)
{
	uint32_t size = t->size ? t->size * 2 : 16;
	void **slot;

	if (t->size >= IDTAB_MAX)
		return -FE_EMFILE;
	if (size > IDTAB_MAX)
		size = IDTAB_MAX;
	slot = mem_realloc(t->slot, size * sizeof(*slot));
	if (!slot)
		return -FE_ENOMEM;
	memset(slot + t->size, 0, (size - t->size) * sizeof(*slot));
	t->slot = slot;
	t->size = size;
	return 0;
}

int64_t idtab_add(struct idtab *t, void *p)
{
	uint32_t i = 0;

	if (t->used == t->size) {
		int rc = grow(t);

		if (rc < 0)
			return rc;
	}
	while (t->slot[i])
		i++;
	t->slot[i] = p;
	t->used++;
	return (int64_t)i + 1;
}

void *idtab_get(const struct idtab *t, uint64_t id)
{
	if (id == 0 || id > t->size)
		return NULL;
	return t->slot[id - 1];
}

void *idtab_remove(struct idtab *t, uint64_t id)
{
	void *p = idtab_get(t, id);

	if (p) {
		t->slot[id - 1] = NULL;
		t->used--;
	}
	return p;
}

void idtab_free(struct idtab *t)
{
	mem_free(t->slot);
	t->slot = NULL;
	t->size = t->used = 0;
}
