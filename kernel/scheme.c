/*
 * The scheme namespace: a short list of names, each with its server's
 * endpoint and generation. Only the kernel calls these endpoints.
 */
#include "fd.h"
#include "lib.h"
#include "trace.h"

static struct list schemes = LIST_INIT(schemes);

bool scheme_name_ok(const char *name, uint64_t len)
{
	if (len == 0 || len > FE_SCHEME_NAME_MAX)
		return false;
	for (uint64_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

struct scheme *scheme_find(const char *name, uint64_t len)
{
	struct list *it;

	list_for_each(it, &schemes) {
		struct scheme *s = list_entry(it, struct scheme, link);

		if (kstrnlen(s->name, sizeof(s->name)) == len && !kmemcmp(s->name, name, len))
			return s;
	}
	return NULL;
}

int scheme_register(const char *name, uint64_t len, struct endpoint *ep)
{
	struct scheme *old = scheme_find(name, len), *s;

	if (old && old->ep->recv_caps > 0)
		return -FE_EEXIST;
	s = kzalloc(sizeof(*s));
	if (!s)
		return -FE_ENOMEM;
	kobj_init(&s->obj, KOBJ_SCHEME); /* the namespace's reference */
	kmemcpy(s->name, name, len);
	kobj_retain(&ep->obj);
	s->ep = ep;
	s->generation = old ? old->generation + 1 : 1;
	if (old) {
		old->dead = true;
		list_remove(&old->link);
		kobj_release(&old->obj);
	}
	list_push_back(&schemes, &s->link);
	trace_event("scheme '%s' generation %u", s->name, s->generation);
	return 0;
}

void scheme_send_close(struct scheme *s, uint64_t id)
{
	uint64_t w[4] = { id, 0, 0, 0 };

	if (!s->dead)
		endpoint_post(s->ep, FE_SCHEME_CLOSE, w);
}

static void scheme_destroy(struct kobj *o)
{
	struct scheme *s = container_of(o, struct scheme, obj);

	kobj_release(&s->ep->obj);
	kfree(s);
}

const struct kobj_ops scheme_ops = { .destroy = scheme_destroy };
