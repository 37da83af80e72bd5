/*
 * The shared test harness (see harness.h). It plays the part of the main
 * loop: a test picks which thread runs and issues its system calls through
 * syscall_dispatch, holding a reference to the thread across the call just
 * as kernel/main.c does.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "trace.h"

struct process *init_proc;

static void *heap;

/* Scratch bump pointers, by process. */
static struct {
	uint32_t pid;
	uint64_t brk;
} scratch[64];

/* mmap, not malloc: pages are only touched when the core uses them, even
 * with the MALLOC_PERTURB_ that meson sets (it makes calloc fill memory). */
void *test_heap_alloc(void)
{
	void *p = mmap(NULL, TEST_HEAP_SIZE, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	return p;
}

void test_heap_free(void *p)
{
	if (p)
		munmap(p, TEST_HEAP_SIZE);
}

static void core_start(void)
{
	heap = test_heap_alloc();
	kmem_init(heap, TEST_HEAP_SIZE);
	random_seed(42);
	trace_on = false;
	memset(scratch, 0, sizeof(scratch));
}

void bare_setup(void)
{
	arch_test_reset();
}

void bare_teardown(void)
{
	assert_no_kernel_errors();
	arch_test_release();
}

void world_setup(void)
{
	arch_test_reset();
	core_start();
	init_proc = process_create("init");
	ck_assert_ptr_nonnull(init_proc);
	ck_assert_uint_eq(init_proc->pid, 1);
}

void world_teardown(void)
{
	assert_no_kernel_errors();
	arch_test_release();
	test_heap_free(heap);
	heap = NULL;
}

void add_test(Suite *s, const char *name, const TTest *fn, bool bare)
{
	TCase *tc = tcase_create(name);

	if (bare)
		tcase_add_checked_fixture(tc, bare_setup, bare_teardown);
	else
		tcase_add_checked_fixture(tc, world_setup, world_teardown);
	tcase_add_test(tc, fn);
	suite_add_tcase(s, tc);
}

void assert_no_kernel_errors(void)
{
	const char *c = arch_test.console ? arch_test.console : "";

	ck_assert_msg(!strstr(c, "release of a dead object"), "core: %s", c);
	ck_assert_msg(!strstr(c, "kfree of a bad block"), "core: %s", c);
}

/* ---- Processes and threads ------------------------------------------------ */

struct thread *new_proc(const char *name)
{
	struct process *p = process_create(name);
	struct thread *t;

	ck_assert_ptr_nonnull(p);
	umap(p, SCRATCH_BASE, SCRATCH_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	t = thread_create(p, SCRATCH_BASE, SCRATCH_BASE + SCRATCH_SIZE, 0, FE_PRIO_DEFAULT);
	ck_assert_ptr_nonnull(t);
	run_as(t);
	return t;
}

struct thread *new_thread(struct thread *t)
{
	struct thread *nt = thread_create(t->proc, SCRATCH_BASE, SCRATCH_BASE, 0, t->prio);

	ck_assert_ptr_nonnull(nt);
	run_as(nt);
	return nt;
}

void run_as(struct thread *t)
{
	ck_assert_msg(t->state == T_READY || t->state == T_RUNNING,
	              "run_as: thread %u is in state %d", t->tid, (int)t->state);
	sched_remove(t);
	t->state = T_RUNNING;
}

int64_t sys_args(struct thread *t, const uint64_t *a)
{
	struct arch_thread *at = t->arch;
	int64_t ret = BLOCKED;

	ck_assert_msg(t->state == T_RUNNING, "sys: thread %u is not running", t->tid);
	at->ret_set = false;
	kobj_retain(&t->obj);
	syscall_dispatch(t, a[0], a + 1);
	kobj_release(&t->obj);
	if (at->ret_set) {
		ret = at->ret;
		at->ret_set = false;
	}
	return ret;
}

int64_t woken(struct thread *t)
{
	ck_assert_msg(t->state == T_READY, "thread %u was not woken (state %d)", t->tid,
	              (int)t->state);
	ck_assert_msg(t->arch->ret_set, "thread %u was woken without a result", t->tid);
	t->arch->ret_set = false;
	return t->arch->ret;
}

bool still_blocked(struct thread *t)
{
	return t->state == T_BLOCKED && !t->arch->ret_set;
}

/* ---- Handles -------------------------------------------------------------- */

fe_handle_t give(struct thread *t, struct kobj *obj, uint32_t rights)
{
	fe_handle_t h = cap_install(&t->proc->caps, obj, rights);

	ck_assert_int_ge(h, 0);
	return h;
}

struct kobj *handle_obj(struct thread *t, fe_handle_t h)
{
	struct cap c;

	return cap_get(&t->proc->caps, h, FE_OBJ_NONE, 0, &c) == 0 ? c.obj : NULL;
}

uint32_t handle_rights(struct thread *t, fe_handle_t h)
{
	struct cap c;

	ck_assert_int_eq(cap_get(&t->proc->caps, h, FE_OBJ_NONE, 0, &c), 0);
	return c.rights;
}

/* ---- User memory ---------------------------------------------------------- */

uint64_t ualloc(struct thread *t, uint64_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(scratch); i++) {
		if (scratch[i].pid && scratch[i].pid != t->proc->pid)
			continue;
		if (!scratch[i].pid) {
			scratch[i].pid = t->proc->pid;
			scratch[i].brk = SCRATCH_BASE;
		}
		uint64_t at = scratch[i].brk;

		ck_assert_msg(len <= SCRATCH_BASE + SCRATCH_SIZE - at, "scratch memory used up");
		scratch[i].brk = (at + len + 15) & ~15ull;
		return at;
	}
	ck_abort_msg("too many test processes");
}

uint64_t umap(struct process *p, uint64_t addr, uint64_t len, unsigned prot)
{
	struct memobj *mo = memobj_create(len);

	ck_assert_ptr_nonnull(mo);
	ck_assert_int_eq(vm_map(&p->vm, &addr, len, mo, 0, prot), 0);
	kobj_release(&mo->obj);
	return addr;
}

static struct vma *vma_at(struct process *p, uint64_t addr)
{
	struct list *it;

	list_for_each(it, &p->vm.vmas) {
		struct vma *v = list_entry(it, struct vma, link);

		if (v->start <= addr && addr < v->end)
			return v;
	}
	ck_abort_msg("user address %llx of process %u is not mapped", (unsigned long long)addr,
	             p->pid);
}

/* A host pointer to user byte addr, and how many bytes of its page follow. */
static unsigned char *raw(struct process *p, uint64_t addr, uint64_t *avail)
{
	struct vma *v = vma_at(p, addr);
	uint64_t off = v->off + (addr - v->start);

	*avail = FE_PAGE_SIZE - off % FE_PAGE_SIZE;
	return arch_mem_ptr(v->mo->mem, off);
}

void uput(struct process *p, uint64_t addr, const void *src, uint64_t len)
{
	const unsigned char *s = src;

	while (len) {
		uint64_t n;
		unsigned char *d = raw(p, addr, &n);

		n = MIN(n, len);
		memcpy(d, s, n);
		s += n;
		addr += n;
		len -= n;
	}
}

void uget(struct process *p, uint64_t addr, void *dst, uint64_t len)
{
	unsigned char *d = dst;

	while (len) {
		uint64_t n;
		const unsigned char *s = raw(p, addr, &n);

		n = MIN(n, len);
		memcpy(d, s, n);
		d += n;
		addr += n;
		len -= n;
	}
}

uint64_t uget64(struct process *p, uint64_t addr)
{
	uint64_t v;

	uget(p, addr, &v, sizeof(v));
	return v;
}

uint64_t uput_new(struct thread *t, const void *src, uint64_t len)
{
	uint64_t at = ualloc(t, len);

	uput(t->proc, at, src, len);
	return at;
}

/* ---- Time ----------------------------------------------------------------- */

void advance(uint64_t ns)
{
	arch_test.now += ns;
	timer_expire(arch_test.now);
}

/* ---- IPC ------------------------------------------------------------------ */

uint64_t umsg(struct thread *t, const struct fe_msg *m)
{
	return uput_new(t, m, sizeof(*m));
}

struct fe_msg umsg_get(struct thread *t, uint64_t addr)
{
	struct fe_msg m;

	uget(t->proc, addr, &m, sizeof(m));
	return m;
}

fe_handle_t share(struct thread *from, fe_handle_t h, struct thread *to, uint32_t rights)
{
	struct kobj *o = handle_obj(from, h);

	ck_assert_ptr_nonnull(o);
	return give(to, o, rights);
}

fe_handle_t pending_call(struct thread *client, fe_handle_t cep, struct thread *server,
                         fe_handle_t sep)
{
	struct fe_msg m = { .handle = FE_NO_HANDLE };
	uint64_t cm = umsg(client, &m), sm = umsg(server, &m);
	int64_t rh;

	ck_assert_int_eq(sys(client, FE_SYS_CALL, cep, cm, FE_FOREVER), BLOCKED);
	rh = sys(server, FE_SYS_RECV, sep, sm, FE_FOREVER);
	ck_assert_int_ge(rh, 0);
	return (fe_handle_t)rh;
}

void make_pair(struct ipc_pair *pr)
{
	int64_t sep;

	pr->server = new_proc("server");
	pr->client = new_proc("client");
	sep = sys(pr->server, FE_SYS_ENDPOINT_CREATE);
	ck_assert_int_ge(sep, 0);
	pr->sep = (fe_handle_t)sep;
	pr->cep = share(pr->server, pr->sep, pr->client, FE_RIGHT_CALL);
}
