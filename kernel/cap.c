/*
 * Capability tables: lookup with type and rights checks, install, close.
 *
 * A table starts with 16 slots and doubles up to CAP_MAX. Installing or
 * removing a handle tells the object (cap_added/cap_removed) before the
 * reference is dropped, so the object still exists when it hears of it.
 */
#include "cap.h"

#include "lib.h"

#define CAP_INITIAL 16

void cap_table_init(struct cap_table *t)
{
	t->slots = NULL;
	t->size = 0;
	t->used = 0;
}

void cap_table_destroy(struct cap_table *t)
{
	for (uint32_t i = 0; i < t->size; i++)
		if (t->slots[i].obj)
			cap_close(t, (fe_handle_t)i);
	kfree(t->slots);
	cap_table_init(t);
}

int cap_get(struct cap_table *t, fe_handle_t h, uint32_t type, uint32_t need, struct cap *out)
{
	struct cap *c;

	if (h < 0 || (uint32_t)h >= t->size)
		return -FE_EBADF;
	c = &t->slots[h];
	if (!c->obj || (type != FE_OBJ_NONE && c->obj->type != type))
		return -FE_EBADF;
	if ((c->rights & need) != need)
		return -FE_EACCES;
	*out = *c;
	return 0;
}

static int grow(struct cap_table *t)
{
	return kgrow((void **)&t->slots, &t->size, t->size + 1, sizeof(*t->slots), CAP_INITIAL,
	             CAP_MAX);
}

int cap_reserve(struct cap_table *t, uint32_t n)
{
	while (t->used + n > t->size) {
		int rc = grow(t);

		if (rc < 0)
			return rc;
	}
	return 0;
}

fe_handle_t cap_install(struct cap_table *t, struct kobj *obj, uint32_t rights)
{
	int rc = cap_reserve(t, 1);

	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < t->size; i++) {
		if (t->slots[i].obj)
			continue;
		kobj_retain(obj);
		t->slots[i].obj = obj;
		t->slots[i].rights = rights;
		t->used++;
		if (kobj_ops(obj)->cap_added)
			kobj_ops(obj)->cap_added(obj, rights);
		return (fe_handle_t)i;
	}
	return -FE_EMFILE;
}

int cap_close(struct cap_table *t, fe_handle_t h)
{
	struct cap c;
	int rc = cap_get(t, h, FE_OBJ_NONE, 0, &c);

	if (rc < 0)
		return rc;
	t->slots[h].obj = NULL;
	t->slots[h].rights = 0;
	t->used--;
	if (kobj_ops(c.obj)->cap_removed)
		kobj_ops(c.obj)->cap_removed(c.obj, c.rights);
	kobj_release(c.obj);
	return 0;
}

int cap_table_copy(struct cap_table *dst, const struct cap_table *src)
{
	int rc = cap_reserve(dst, src->size);

	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < src->size; i++) {
		const struct cap *c = &src->slots[i];

		/* A reply handle answers one call: it stays with its holder. */
		if (!c->obj || c->obj->type == FE_OBJ_REPLY)
			continue;
		kobj_retain(c->obj);
		dst->slots[i] = *c;
		dst->used++;
		if (kobj_ops(c->obj)->cap_added)
			kobj_ops(c->obj)->cap_added(c->obj, c->rights);
	}
	return 0;
}
