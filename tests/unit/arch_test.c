/*
 * The test machine (see arch_test.h): the arch/arch.h hooks implemented with
 * calloc, lists and counters. Each hook first checks that the core keeps its
 * side of the contract and fails the test with a clear message if not.
 */
#include "arch_test.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arch_test arch_test;

static struct arch_mem *all_mems;
static struct arch_as *all_as;
static struct arch_thread *all_threads;

static _Noreturn void violation(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ck_abort_msg("arch contract broken by the core: %s", buf);
}

void arch_test_reset(void)
{
	arch_test_release();
	memset(&arch_test, 0, sizeof(arch_test));
	arch_test.timer_deadline = UINT64_MAX;
	arch_test.mem_fail_after = -1;
	arch_test.as_fail_after = -1;
	arch_test.thread_fail_after = -1;
	arch_test.map_fail_after = -1;
	arch_test.console = calloc(1, 1);
	arch_test.trace = calloc(1, 1);
	ck_assert(arch_test.console && arch_test.trace);
}

void arch_test_release(void)
{
	while (all_mems) {
		struct arch_mem *m = all_mems;

		all_mems = m->next;
		free(m->base);
		free(m);
	}
	while (all_as) {
		struct arch_as *as = all_as;

		all_as = as->next;
		free(as->maps);
		free(as);
	}
	while (all_threads) {
		struct arch_thread *t = all_threads;

		all_threads = t->next;
		free(t);
	}
	free(arch_test.console);
	free(arch_test.trace);
	arch_test.console = arch_test.trace = NULL;
	arch_test.console_len = arch_test.trace_len = 0;
}

/* Counts down an injected failure: true when this creation must fail. */
static bool inject_failure(int *after)
{
	if (*after < 0)
		return false;
	if (*after == 0)
		return true;
	(*after)--;
	return false;
}

/* ---- Console, trace, stop ------------------------------------------------ */

static void capture(char **buf, size_t *len, const char *s, size_t n)
{
	char *nb = realloc(*buf, *len + n + 1);

	ck_assert_ptr_nonnull(nb);
	memcpy(nb + *len, s, n);
	*len += n;
	nb[*len] = '\0';
	*buf = nb;
}

void arch_console_write(const char *s, size_t len)
{
	capture(&arch_test.console, &arch_test.console_len, s, len);
}

void arch_trace_write(const char *s, size_t len)
{
	capture(&arch_test.trace, &arch_test.trace_len, s, len);
}

_Noreturn void arch_halt(int status)
{
	arch_test.halted = true;
	arch_test.halt_status = status;
	if (arch_test.halt_jmp)
		longjmp(*arch_test.halt_jmp, 1);
	ck_abort_msg("unexpected arch_halt(%d); console:\n%s", status,
	             arch_test.console ? arch_test.console : "");
}

/* ---- Time ---------------------------------------------------------------- */

uint64_t arch_time_now(void)
{
	return arch_test.now;
}

void arch_timer_set(uint64_t deadline)
{
	arch_test.timer_deadline = deadline;
	arch_test.timer_sets++;
}

/* ---- Memory -------------------------------------------------------------- */

struct arch_mem *arch_mem_create(uint64_t size)
{
	struct arch_mem *m;

	if (size == 0 || size % FE_PAGE_SIZE)
		violation("arch_mem_create(%llu): not a positive multiple of a page",
		          (unsigned long long)size);
	if (inject_failure(&arch_test.mem_fail_after))
		return NULL;
	m = calloc(1, sizeof(*m));
	ck_assert_ptr_nonnull(m);
	m->size = size;
	m->base = aligned_alloc(FE_PAGE_SIZE, size);
	ck_assert_ptr_nonnull(m->base);
	memset(m->base, 0, size);
	m->next = all_mems;
	all_mems = m;
	arch_test.live_mems++;
	arch_test.mems_made++;
	return m;
}

static bool mem_is_mapped(const struct arch_mem *m)
{
	for (const struct arch_as *as = all_as; as; as = as->next)
		for (size_t i = 0; i < as->nmaps; i++)
			if (as->maps[i].mem == m)
				return true;
	return false;
}

void arch_mem_destroy(struct arch_mem *mem)
{
	struct arch_mem **pp = &all_mems;

	while (*pp && *pp != mem)
		pp = &(*pp)->next;
	if (!*pp)
		violation("arch_mem_destroy(%p): not live memory", (void *)mem);
	if (mem_is_mapped(mem))
		violation("arch_mem_destroy(%p): still mapped in an address space", (void *)mem);
	*pp = mem->next;
	free(mem->base);
	free(mem);
	arch_test.live_mems--;
}

void *arch_mem_ptr(struct arch_mem *mem, uint64_t off)
{
	if (off >= mem->size)
		violation("arch_mem_ptr(off %llu) beyond %llu bytes", (unsigned long long)off,
		          (unsigned long long)mem->size);
	return mem->base + off;
}

/* ---- Address spaces ------------------------------------------------------ */

void arch_user_range(uint64_t *lo, uint64_t *hi)
{
	*lo = TEST_USER_LO;
	*hi = TEST_USER_HI;
}

struct arch_as *arch_as_create(void)
{
	struct arch_as *as;

	if (inject_failure(&arch_test.as_fail_after))
		return NULL;
	as = calloc(1, sizeof(*as));
	ck_assert_ptr_nonnull(as);
	as->maps = calloc(TEST_AS_MAX_MAPS, sizeof(*as->maps));
	ck_assert_ptr_nonnull(as->maps);
	as->next = all_as;
	all_as = as;
	arch_test.live_as++;
	arch_test.as_made++;
	return as;
}

static void check_live_as(const struct arch_as *as, const char *what)
{
	if (!as || as->destroyed)
		violation("%s on a destroyed address space", what);
}

void arch_as_destroy(struct arch_as *as)
{
	check_live_as(as, "arch_as_destroy");
	for (struct arch_thread *t = all_threads; t; t = t->next) {
		if (t->as == as && !t->destroyed) {
			t->destroyed = true;
			arch_test.live_threads--;
		}
	}
	as->nmaps = 0;
	as->destroyed = true;
	arch_test.live_as--;
}

static bool overlaps(const struct test_mapping *m, uint64_t va, uint64_t len)
{
	return m->va < va + len && va < m->va + m->len;
}

int arch_as_map(struct arch_as *as, uint64_t va, struct arch_mem *mem, uint64_t off, uint64_t len,
                unsigned prot)
{
	check_live_as(as, "arch_as_map");
	if (va % FE_PAGE_SIZE || off % FE_PAGE_SIZE || len % FE_PAGE_SIZE || len == 0)
		violation("arch_as_map(%llx, off %llx, len %llx): not page-aligned",
		          (unsigned long long)va, (unsigned long long)off, (unsigned long long)len);
	if (off > mem->size || len > mem->size - off)
		violation("arch_as_map: [%llx, +%llx) beyond memory of %llx bytes",
		          (unsigned long long)off, (unsigned long long)len,
		          (unsigned long long)mem->size);
	if (va < TEST_USER_LO || va > TEST_USER_HI || len > TEST_USER_HI - va)
		violation("arch_as_map(%llx, len %llx): outside the user range",
		          (unsigned long long)va, (unsigned long long)len);
	for (size_t i = 0; i < as->nmaps; i++)
		if (overlaps(&as->maps[i], va, len))
			violation("arch_as_map(%llx, len %llx): range not free",
			          (unsigned long long)va, (unsigned long long)len);
	if (as->nmaps == TEST_AS_MAX_MAPS || inject_failure(&arch_test.map_fail_after))
		return -FE_ENOMEM;
	as->maps[as->nmaps++] = (struct test_mapping){ va, len, off, mem, prot };
	as->map_calls++;
	return 0;
}

/* Remove [va, va + len) from mapping i, keeping what lies outside it. */
static void cut(struct arch_as *as, size_t i, uint64_t va, uint64_t len)
{
	struct test_mapping m = as->maps[i];
	uint64_t end = va + len, mend = m.va + m.len;

	as->maps[i] = as->maps[--as->nmaps];
	if (m.va < va)
		as->maps[as->nmaps++] =
			(struct test_mapping){ m.va, va - m.va, m.off, m.mem, m.prot };
	if (mend > end)
		as->maps[as->nmaps++] =
			(struct test_mapping){ end, mend - end, m.off + (end - m.va), m.mem,
			                       m.prot };
}

void arch_as_unmap(struct arch_as *as, uint64_t va, uint64_t len)
{
	check_live_as(as, "arch_as_unmap");
	if (va % FE_PAGE_SIZE || len % FE_PAGE_SIZE)
		violation("arch_as_unmap(%llx, len %llx): not page-aligned", (unsigned long long)va,
		          (unsigned long long)len);
	as->unmap_calls++;
	for (size_t i = 0; i < as->nmaps;) {
		if (overlaps(&as->maps[i], va, len))
			cut(as, i, va, len);
		else
			i++;
	}
}

uint64_t arch_gate_addr(struct arch_as *as)
{
	check_live_as(as, "arch_gate_addr");
	return TEST_GATE_ADDR;
}

const struct test_mapping *arch_test_mapping_at(const struct arch_as *as, uint64_t va)
{
	for (size_t i = 0; i < as->nmaps; i++)
		if (as->maps[i].va <= va && va - as->maps[i].va < as->maps[i].len)
			return &as->maps[i];
	return NULL;
}

/* ---- Threads --------------------------------------------------------------- */

struct arch_thread *arch_thread_create(struct arch_as *as, uint64_t entry, uint64_t sp,
                                       uint64_t arg)
{
	struct arch_thread *t;

	check_live_as(as, "arch_thread_create");
	if (inject_failure(&arch_test.thread_fail_after))
		return NULL;
	t = calloc(1, sizeof(*t));
	ck_assert_ptr_nonnull(t);
	*t = (struct arch_thread){ .as = as, .entry = entry, .sp = sp, .arg = arg };
	t->next = all_threads;
	all_threads = t;
	arch_test.live_threads++;
	arch_test.threads_made++;
	return t;
}

/* A fork's thread: the parent's context, result 0 (marked forked_from). */
struct arch_thread *arch_thread_fork(struct arch_as *as, struct arch_thread *parent)
{
	struct arch_thread *t = arch_thread_create(as, parent->entry, parent->sp, parent->arg);

	if (t) {
		t->forked_from = parent;
		t->ret = 0;
		t->ret_set = true;
	}
	return t;
}

void arch_thread_destroy(struct arch_thread *t)
{
	if (!t || t->destroyed)
		violation("arch_thread_destroy of a destroyed thread");
	t->destroyed = true;
	arch_test.live_threads--;
}

void arch_thread_set_ret(struct arch_thread *t, int64_t value)
{
	if (!t || t->destroyed)
		violation("arch_thread_set_ret(%lld) on a destroyed thread", (long long)value);
	t->ret = value;
	t->ret_set = true;
}

void arch_run(struct arch_thread *t, struct trap *trap)
{
	if (t->destroyed)
		violation("arch_run of a destroyed thread");
	if (!arch_test.run)
		ck_abort_msg("arch_run called, but this test scripted no run");
	arch_test.runs++;
	memset(trap, 0, sizeof(*trap));
	arch_test.run(t, trap);
}

/* Nothing runnable: jump to the timer, or fail rather than hang. */
void arch_idle(void)
{
	arch_test.idles++;
	if (arch_test.timer_deadline == UINT64_MAX)
		ck_abort_msg("arch_idle with no timer set: the system would hang");
	if (arch_test.timer_deadline > arch_test.now)
		arch_test.now = arch_test.timer_deadline;
}
