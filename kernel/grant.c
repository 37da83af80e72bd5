/*
 * Grants: checking that a request is covered, narrowing at spawn, and
 * reporting a refusal once per process and kind, so that a misbehaving
 * daemon is named on the console without flooding it.
 */
#include "grant.h"

#include "lib.h"
#include "proc.h"

void grants_init_all(struct grants *g)
{
	*g = (struct grants){ .all = true };
}

void grants_destroy(struct grants *g)
{
	kfree(g->list);
	*g = (struct grants){ 0 };
}

static int grants_set(struct grants *dst, const struct fe_grant *list, uint32_t n, bool all)
{
	struct fe_grant *copy = NULL;

	if (n) {
		copy = kzalloc(n * sizeof(*copy));
		if (!copy)
			return -FE_ENOMEM;
		kmemcpy(copy, list, n * sizeof(*copy));
	}
	kfree(dst->list);
	*dst = (struct grants){ .all = all, .n = n, .list = copy };
	return 0;
}

int grants_copy(struct grants *dst, const struct grants *src)
{
	return grants_set(dst, src->list, src->n, src->all);
}

static bool name_ok(const struct fe_grant *g)
{
	uint64_t len = kstrnlen(g->name, sizeof(g->name));

	return len < sizeof(g->name) && (len == 1 && g->name[0] == '*' ? true : len > 0);
}

static bool covers(const struct fe_grant *have, const struct fe_grant *want)
{
	if (have->kind != want->kind)
		return false;
	if (want->kind == FE_GRANT_SERVE || want->kind == FE_GRANT_OPEN)
		return !kmemcmp(have->name, "*", 2) ||
		       !kmemcmp(have->name, want->name, sizeof(have->name));
	if (want->kind == FE_GRANT_SIGNAL)
		return true;
	return have->lo <= want->lo && want->hi <= have->hi;
}

static bool holds(const struct grants *g, const struct fe_grant *want)
{
	if (g->all)
		return true;
	for (uint32_t i = 0; i < g->n; i++)
		if (covers(&g->list[i], want))
			return true;
	return false;
}

static int check_entry(const struct fe_grant *w)
{
	if (w->kind == 0 || w->kind >= FE_GRANT_KIND_COUNT || w->reserved)
		return -FE_EINVAL;
	if (w->kind == FE_GRANT_SERVE || w->kind == FE_GRANT_OPEN)
		return name_ok(w) ? 0 : -FE_EINVAL;
	if (w->kind == FE_GRANT_SIGNAL)
		return 0;
	return w->lo <= w->hi ? 0 : -FE_EINVAL;
}

/* A checked entry with its name's bytes after the NUL zeroed, so that
 * names compare whole. */
static void normalize(const struct fe_grant *in, struct fe_grant *out)
{
	*out = *in;
	if (in->kind == FE_GRANT_SERVE || in->kind == FE_GRANT_OPEN) {
		uint64_t len = kstrnlen(in->name, sizeof(in->name));

		kmemset(out->name + len, 0, sizeof(out->name) - len);
	}
}

int grants_narrow(struct grants *dst, const struct grants *parent, const struct fe_grant *want,
                  uint32_t n)
{
	struct fe_grant norm[FE_SPAWN_MAX_GRANTS];

	if (n > FE_SPAWN_MAX_GRANTS)
		return -FE_EINVAL;
	for (uint32_t i = 0; i < n; i++) {
		int rc = check_entry(&want[i]);

		if (rc < 0)
			return rc;
		normalize(&want[i], &norm[i]);
		if (!holds(parent, &norm[i]))
			return -FE_EACCES;
	}
	return grants_set(dst, norm, n, false);
}

static const char *const kind_names[FE_GRANT_KIND_COUNT] = {
	"?", "serve scheme", "open scheme", "IRQ", "I/O port", "memory range", "signal",
};

static void report(struct process *p, uint32_t kind, const char *name)
{
	if (p->grants.reported & (1u << kind))
		return;
	p->grants.reported |= 1u << kind;
	kprintf("ferrite: process %u '%s' denied: %s '%s' is not in its grants\n", p->pid, p->name,
	        kind_names[kind], name);
}

bool grant_scheme(struct process *p, uint32_t kind, const char *name, uint64_t len)
{
	struct fe_grant want = { .kind = kind };

	kmemcpy(want.name, name, MIN(len, sizeof(want.name) - 1));
	if (holds(&p->grants, &want))
		return true;
	report(p, kind, want.name);
	return false;
}

void grants_report_missing(struct process *p, const struct fe_grant *want, uint32_t n)
{
	for (uint32_t i = 0; i < n && i < FE_SPAWN_MAX_GRANTS; i++) {
		struct fe_grant g;

		if (check_entry(&want[i]) < 0)
			return;
		normalize(&want[i], &g);
		if (holds(&p->grants, &g))
			continue;
		if (g.kind == FE_GRANT_SERVE || g.kind == FE_GRANT_OPEN) {
			report(p, g.kind, g.name);
		} else if (!(p->grants.reported & (1u << g.kind))) {
			p->grants.reported |= 1u << g.kind;
			kprintf("ferrite: process %u '%s' denied: %s 0x%llx-0x%llx is not in its "
			        "grants\n",
			        p->pid, p->name, kind_names[g.kind], (unsigned long long)g.lo,
			        (unsigned long long)g.hi);
		}
		return;
	}
}

bool grant_signal(const struct process *p)
{
	struct fe_grant want = { .kind = FE_GRANT_SIGNAL };

	return holds(&p->grants, &want);
}
