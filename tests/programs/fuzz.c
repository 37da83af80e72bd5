/*
 * A seeded fuzzer of the system-call interface: it makes many calls with
 * random numbers and arguments, aimed at the places where a kernel must
 * check: handles that are missing, closed or of the wrong type, rights that
 * are missing, pointers that are null, misaligned, unmapped, read-only,
 * non-canonical or in the kernel's half, lengths that are zero, huge or
 * overflow, and messages, spawn requests and mappings built from all of
 * these.
 *
 * It stays alive on purpose, so that all its calls get made: it never exits
 * through a call, never unmaps memory it did not map itself, lets the kernel
 * write only into its scratch area (or to addresses that must be refused),
 * creates threads only with a valid entry and a stack of their own, and
 * never waits without a short timeout. Handles it gets above HANDLE_RANGE are
 * closed at once, so the kernel objects it holds stay bounded.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"
#include "fuzz.h"

#define HANDLE_RANGE 48
#define SCRATCH_SIZE (64 * 1024)
#define MAX_MAPS 16
#define MAP_MAX_LEN (16 * 1024)
#define THREADS 64
#define THREAD_STACK 4096

struct mapping {
	uint64_t addr, len;
};

struct fuzz {
	uint64_t rng;
	unsigned char *scratch; /* SCRATCH_SIZE bytes, an unmapped page after */
	struct mapping maps[MAX_MAPS];
	int nmaps;
	int threads;
	uint64_t calls, failed;
};

typedef long (*fuzz_fn)(struct fuzz *f);

static unsigned char thread_stacks[THREADS][THREAD_STACK] __attribute__((aligned(16)));

/* ---- Random arguments ---------------------------------------------------- */

static uint64_t rnd(struct fuzz *f)
{
	return t_rand(&f->rng);
}

static uint64_t pick(struct fuzz *f, uint64_t n)
{
	return rnd(f) % n;
}

static bool chance(struct fuzz *f, unsigned percent)
{
	return pick(f, 100) < percent;
}

static uint64_t pick_from(struct fuzz *f, const uint64_t *v, uint64_t n)
{
	return v[pick(f, n)];
}

#define PICK(f, arr) pick_from((f), (arr), sizeof(arr) / sizeof((arr)[0]))

static long any_handle(struct fuzz *f)
{
	static const uint64_t edge[] = { (uint64_t)-1, (uint64_t)-2, 0x7fffffff, 0x80000000,
		                         4095,         4096,         1ull << 32, UINT64_MAX >> 1 };

	if (chance(f, 80))
		return (long)pick(f, HANDLE_RANGE);
	if (chance(f, 60))
		return (long)PICK(f, edge);
	return (long)rnd(f);
}

/* An address no call may use: the kernel must refuse it. */
static uint64_t bad_ptr(struct fuzz *f)
{
	static const uint64_t edge[] = { 0,
		                         1,
		                         0xfff,
		                         0x1000,
		                         0x00007ffffffff000ull,
		                         0x00007fffffffffffull,
		                         0x0000800000000000ull,
		                         0xffff800000000000ull,
		                         0xfffffffffffff000ull,
		                         UINT64_MAX };

	if (chance(f, 85))
		return PICK(f, edge);
	return rnd(f) | (1ull << 63);
}

static uint64_t any_len(struct fuzz *f)
{
	static const uint64_t edge[] = { 0,
		                         1,
		                         7,
		                         4095,
		                         4096,
		                         4097,
		                         FE_MSG_MAX_BUF,
		                         FE_MSG_MAX_BUF + 1,
		                         1ull << 30,
		                         1ull << 63,
		                         UINT64_MAX - 4095,
		                         UINT64_MAX };

	if (chance(f, 60))
		return pick(f, 4097);
	return PICK(f, edge);
}

/* Where the kernel may write `len` bytes: inside the scratch area, across its
 * end into the unmapped page, or an address it must refuse. */
static uint64_t out_ptr(struct fuzz *f, uint64_t len)
{
	uint64_t base = (uint64_t)f->scratch;

	if (len <= SCRATCH_SIZE && chance(f, 55))
		return base + pick(f, SCRATCH_SIZE - len + 1);
	if (len <= SCRATCH_SIZE && len > 0 && chance(f, 20))
		return base + SCRATCH_SIZE - len + 1 + pick(f, len);
	return bad_ptr(f);
}

/* Where the kernel may read `len` bytes: also the read-only program text. */
static uint64_t in_ptr(struct fuzz *f, uint64_t len)
{
	if (chance(f, 10))
		return (uint64_t)&fuzz_run + pick(f, 256);
	return out_ptr(f, len);
}

static int64_t timeout(struct fuzz *f)
{
	return chance(f, 60) ? FE_POLL : (int64_t)pick(f, 100000) + 1;
}

static uint64_t any_rights(struct fuzz *f)
{
	return chance(f, 70) ? rnd(f) & FE_RIGHTS_ALL : rnd(f);
}

static uint64_t any_prot(struct fuzz *f)
{
	return chance(f, 80) ? pick(f, 8) : rnd(f);
}

/* A mapping address: 0 (kernel's choice), a page-aligned fixed guess in the
 * low user range, or nonsense. */
static uint64_t map_hint(struct fuzz *f)
{
	if (chance(f, 50))
		return 0;
	if (chance(f, 60))
		return (0x10000000ull + pick(f, 1ull << 30)) & ~(FE_PAGE_SIZE - 1);
	return bad_ptr(f) | pick(f, 2);
}

static uint64_t map_len(struct fuzz *f)
{
	if (chance(f, 80))
		return pick(f, MAP_MAX_LEN) + 1;
	return any_len(f);
}

/* A message for call, recv or reply: on our stack, with random contents, or
 * an address that must be refused. */
static long msg_arg(struct fuzz *f, struct fe_msg *m)
{
	if (chance(f, 15))
		return (long)bad_ptr(f);
	m->label = rnd(f);
	for (int k = 0; k < 4; k++)
		m->w[k] = rnd(f);
	m->len = chance(f, 50) ? pick(f, 512) : any_len(f);
	m->buf = (const void *)in_ptr(f, m->len);
	m->rcap = chance(f, 50) ? pick(f, 512) : any_len(f);
	m->rbuf = (void *)out_ptr(f, m->rcap);
	m->rlen = rnd(f);
	m->handle = chance(f, 50) ? FE_NO_HANDLE : (fe_handle_t)any_handle(f);
	m->flags = (uint32_t)rnd(f);
	return (long)m;
}

static long spawn_arg(struct fuzz *f, struct fe_spawn *s)
{
	if (chance(f, 20))
		return (long)bad_ptr(f);
	s->args_len = chance(f, 50) ? pick(f, 64) : any_len(f);
	s->args = (const char *)in_ptr(f, s->args_len);
	s->argc = (uint32_t)(chance(f, 50) ? pick(f, 4) : rnd(f));
	s->priority = (uint32_t)(chance(f, 50) ? pick(f, FE_PRIO_MAX + 2) : rnd(f));
	s->nhandles = (uint32_t)(chance(f, 70) ? pick(f, FE_SPAWN_MAX_HANDLES + 2) : rnd(f));
	s->flags = (uint32_t)rnd(f);
	for (int i = 0; i < FE_SPAWN_MAX_HANDLES; i++)
		s->handles[i] = (fe_handle_t)any_handle(f);
	return (long)s;
}

/* ---- Bookkeeping ------------------------------------------------------- */

static uint64_t page_up(uint64_t len)
{
	return (len + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1);
}

/* Remember a mapping we made, so that only those are ever unmapped. */
static void track(struct fuzz *f, long addr, uint64_t len)
{
	if (addr < 0)
		return;
	if (f->nmaps == MAX_MAPS) {
		(void)fe_mem_unmap((void *)f->maps[0].addr, f->maps[0].len);
		memmove(&f->maps[0], &f->maps[1], sizeof(f->maps[0]) * (MAX_MAPS - 1));
		f->nmaps--;
	}
	f->maps[f->nmaps].addr = (uint64_t)addr;
	f->maps[f->nmaps].len = page_up(len);
	f->nmaps++;
}

/* Keep the handles we hold within [0, HANDLE_RANGE). */
static void keep_handle(long h)
{
	if (h >= HANDLE_RANGE && h <= INT32_MAX)
		(void)fe_handle_close((fe_handle_t)h);
}

static void fuzz_thread(void *arg)
{
	fe_thread_exit();
}

/* ---- One generator per system call ----------------------------------------- */

static long sys(long nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	return fe_syscall(nr, (long)a0, (long)a1, (long)a2, (long)a3, (long)a4);
}

static long fz_debug_write(struct fuzz *f)
{
	if (chance(f, 20))
		return sys(FE_SYS_DEBUG_WRITE, (uint64_t)f->scratch, 0, rnd(f), 0, 0);
	return sys(FE_SYS_DEBUG_WRITE, bad_ptr(f), any_len(f), 0, 0, 0);
}

static long fz_no_args(struct fuzz *f, long nr)
{
	return sys(nr, rnd(f), rnd(f), rnd(f), rnd(f), rnd(f));
}

static long fz_yield(struct fuzz *f)
{
	return fz_no_args(f, FE_SYS_YIELD);
}

static long fz_clock(struct fuzz *f)
{
	return fz_no_args(f, FE_SYS_CLOCK);
}

static long fz_getpid(struct fuzz *f)
{
	return fz_no_args(f, FE_SYS_GETPID);
}

static long fz_sleep(struct fuzz *f)
{
	return sys(FE_SYS_SLEEP, pick(f, 3) ? pick(f, 20000) : 0, rnd(f), 0, 0, 0);
}

static long fz_handle_close(struct fuzz *f)
{
	return sys(FE_SYS_HANDLE_CLOSE, (uint64_t)any_handle(f), 0, 0, 0, 0);
}

static long fz_handle_dup(struct fuzz *f)
{
	long h = sys(FE_SYS_HANDLE_DUP, (uint64_t)any_handle(f), any_rights(f), 0, 0, 0);

	keep_handle(h);
	return h;
}

static long fz_handle_info(struct fuzz *f)
{
	uint64_t out = out_ptr(f, sizeof(struct fe_handle_info));

	return sys(FE_SYS_HANDLE_INFO, (uint64_t)any_handle(f), out, 0, 0, 0);
}

static long fz_create(struct fuzz *f, long nr)
{
	long h = sys(nr, rnd(f), rnd(f), 0, 0, 0);

	keep_handle(h);
	return h;
}

static long fz_endpoint_create(struct fuzz *f)
{
	return fz_create(f, FE_SYS_ENDPOINT_CREATE);
}

static long fz_notify_create(struct fuzz *f)
{
	return fz_create(f, FE_SYS_NOTIFY_CREATE);
}

static long fz_call(struct fuzz *f)
{
	struct fe_msg m;
	long msg = msg_arg(f, &m);

	return sys(FE_SYS_CALL, (uint64_t)any_handle(f), (uint64_t)msg, (uint64_t)timeout(f), 0, 0);
}

static long fz_recv(struct fuzz *f)
{
	struct fe_msg m;
	long msg = msg_arg(f, &m);
	long h = sys(FE_SYS_RECV, (uint64_t)any_handle(f), (uint64_t)msg, (uint64_t)timeout(f), 0,
	             0);

	keep_handle(h);
	return h;
}

static long fz_reply(struct fuzz *f)
{
	struct fe_msg m;
	long msg = msg_arg(f, &m);

	return sys(FE_SYS_REPLY, (uint64_t)any_handle(f), (uint64_t)msg, 0, 0, 0);
}

static long fz_notify_signal(struct fuzz *f)
{
	return sys(FE_SYS_NOTIFY_SIGNAL, (uint64_t)any_handle(f), rnd(f), 0, 0, 0);
}

static long fz_notify_wait(struct fuzz *f)
{
	uint64_t out = out_ptr(f, sizeof(uint64_t));

	return sys(FE_SYS_NOTIFY_WAIT, (uint64_t)any_handle(f), out, (uint64_t)timeout(f), 0, 0);
}

static long fz_mem_map(struct fuzz *f)
{
	uint64_t len = map_len(f);
	long addr = sys(FE_SYS_MEM_MAP, map_hint(f), len, any_prot(f), 0, 0);

	track(f, addr, len);
	return addr;
}

static long fz_mem_unmap(struct fuzz *f)
{
	struct mapping m;

	if (f->nmaps == 0 || chance(f, 40)) {
		uint64_t len = chance(f, 50) ? any_len(f) : UINT64_MAX - pick(f, 8192);

		return sys(FE_SYS_MEM_UNMAP, bad_ptr(f), len, 0, 0, 0);
	}
	m = f->maps[--f->nmaps];
	if (chance(f, 20))
		return sys(FE_SYS_MEM_UNMAP, m.addr, UINT64_MAX - pick(f, 4096), 0, 0, 0);
	return sys(FE_SYS_MEM_UNMAP, m.addr, m.len, 0, 0, 0);
}

static long fz_memobj_create(struct fuzz *f)
{
	uint64_t size = chance(f, 85) ? pick(f, 4 * FE_PAGE_SIZE + 1) : any_len(f);
	long h = sys(FE_SYS_MEMOBJ_CREATE, size, 0, 0, 0, 0);

	keep_handle(h);
	return h;
}

static long fz_memobj_map(struct fuzz *f)
{
	static const uint64_t offsets[] = {
		0, 0, 1, FE_PAGE_SIZE, 2 * FE_PAGE_SIZE, 1ull << 40, UINT64_MAX - 4095
	};
	uint64_t len = map_len(f);
	long addr = sys(FE_SYS_MEMOBJ_MAP, (uint64_t)any_handle(f), map_hint(f), len, any_prot(f),
	                PICK(f, offsets));

	track(f, addr, len);
	return addr;
}

static long fz_proc_spawn(struct fuzz *f)
{
	struct fe_spawn s;
	long sp = spawn_arg(f, &s);
	uint64_t len = any_len(f);
	long h = sys(FE_SYS_PROC_SPAWN, in_ptr(f, len), len, (uint64_t)sp, 0, 0);

	keep_handle(h);
	return h;
}

static long fz_proc_wait(struct fuzz *f)
{
	uint64_t out = out_ptr(f, sizeof(struct fe_exit));

	return sys(FE_SYS_PROC_WAIT, (uint64_t)any_handle(f), out, (uint64_t)timeout(f), 0, 0);
}

/* Never aimed at a process: we may hold no handle to anything we must not
 * kill, so only handles that are not processes are tried. */
static long fz_proc_kill(struct fuzz *f)
{
	struct fe_handle_info info;
	long h = any_handle(f);

	if (h >= 0 && h <= INT32_MAX && fe_handle_info((fe_handle_t)h, &info) == 0 &&
	    info.type == FE_OBJ_PROCESS)
		h = -1;
	return sys(FE_SYS_PROC_KILL, (uint64_t)h, 0, 0, 0, 0);
}

static long fz_thread_create(struct fuzz *f)
{
	long h;

	if (f->threads == THREADS)
		return fz_yield(f);
	h = sys(FE_SYS_THREAD_CREATE, (uint64_t)&fuzz_thread,
	        (uint64_t)thread_stacks[f->threads] + THREAD_STACK, rnd(f), 0, 0);
	if (h >= 0)
		f->threads++;
	keep_handle(h);
	return h;
}

static long fz_set_priority(struct fuzz *f)
{
	return sys(FE_SYS_SET_PRIORITY, chance(f, 80) ? pick(f, FE_PRIO_MAX + 4) : rnd(f), 0, 0, 0,
	           0);
}

static long fz_random(struct fuzz *f)
{
	uint64_t len = chance(f, 70) ? pick(f, 4097) : any_len(f);

	return sys(FE_SYS_RANDOM, out_ptr(f, len), len, 0, 0, 0);
}

/*
 * Schemes and descriptors. No scheme exists in this test, and the fuzzer
 * never registers one it could reach (a name it registers is invalid, or
 * the handle is not a valid endpoint), so an open can never wait for a
 * server: it fails at once, as do descriptor calls on descriptors it lacks.
 */
static uint64_t path_arg(struct fuzz *f, uint64_t *len)
{
	static const char *const paths[] = { "nosuch:x", "file:/a", "/etc/motd", ":",
		                             "Bad:x",    "a:b:c",   "" };
	const char *p = paths[pick(f, sizeof(paths) / sizeof(paths[0]))];

	if (chance(f, 30)) {
		*len = any_len(f);
		return bad_ptr(f);
	}
	*len = strlen(p) + (chance(f, 20) ? pick(f, 5000) : 0);
	memcpy(f->scratch, p, strlen(p));
	return (uint64_t)f->scratch;
}

static long fz_scheme_register(struct fuzz *f)
{
	static const char name[] = "Upper";
	uint64_t len = chance(f, 50) ? pick(f, 40) : sizeof(name) - 1;

	memcpy(f->scratch, name, sizeof(name));
	return sys(FE_SYS_SCHEME_REGISTER, chance(f, 20) ? bad_ptr(f) : (uint64_t)f->scratch, len,
	           (uint64_t)any_handle(f), 0, 0);
}

static long fz_open(struct fuzz *f)
{
	uint64_t len, path = path_arg(f, &len);

	return sys(FE_SYS_OPEN, path, len, rnd(f), rnd(f), 0);
}

static long fz_fd(struct fuzz *f, long nr)
{
	struct fe_msg m;
	long msg = msg_arg(f, &m);

	if (nr == FE_SYS_FD_CALL)
		return sys(nr, (uint64_t)any_handle(f), (uint64_t)msg, (uint64_t)timeout(f), 0, 0);
	return sys(nr, chance(f, 50) ? pick(f, 2000) : rnd(f), rnd(f) % 4 - 1, pick(f, 4), 0, 0);
}

static long fz_close(struct fuzz *f)
{
	return sys(FE_SYS_CLOSE, chance(f, 50) ? pick(f, 2000) : rnd(f), 0, 0, 0, 0);
}

static long fz_fd_call(struct fuzz *f)
{
	return fz_fd(f, FE_SYS_FD_CALL);
}

static long fz_dup(struct fuzz *f)
{
	return fz_fd(f, FE_SYS_DUP);
}

static long fz_fd_flags(struct fuzz *f)
{
	return fz_fd(f, FE_SYS_FD_FLAGS);
}

static long fz_path_call(struct fuzz *f)
{
	struct fe_msg m;
	long msg = msg_arg(f, &m);
	uint64_t len, path = path_arg(f, &len);

	return sys(FE_SYS_PATH_CALL, path, len, (uint64_t)msg, 0, 0);
}

/* Every call but the two that end the caller. */
static const fuzz_fn generators[] = {
	fz_debug_write,   fz_yield,           fz_clock,
	fz_sleep,         fz_handle_close,    fz_handle_dup,
	fz_handle_info,   fz_endpoint_create, fz_call,
	fz_recv,          fz_reply,           fz_notify_create,
	fz_notify_signal, fz_notify_wait,     fz_mem_map,
	fz_mem_unmap,     fz_memobj_create,   fz_memobj_map,
	fz_proc_spawn,    fz_proc_wait,       fz_proc_kill,
	fz_thread_create, fz_getpid,          fz_set_priority,
	fz_random,        fz_scheme_register, fz_open,
	fz_close,         fz_fd_call,         fz_path_call,
	fz_dup,           fz_fd_flags,
};

static int setup(struct fuzz *f, uint64_t seed)
{
	void *p;
	int rc;

	memset(f, 0, sizeof(*f));
	f->rng = t_stream(seed, 0);
	rc = fe_mem_map(NULL, SCRATCH_SIZE + FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE, &p);
	if (rc == 0)
		rc = fe_mem_unmap((char *)p + SCRATCH_SIZE, FE_PAGE_SIZE);
	if (rc < 0) {
		fe_printf("hostile: cannot map the scratch area: %d\n", rc);
		return rc;
	}
	f->scratch = p;
	return 0;
}

int fuzz_run(uint64_t seed, uint64_t count)
{
	const uint64_t n = sizeof(generators) / sizeof(generators[0]);
	struct fuzz f;

	if (setup(&f, seed) < 0)
		return 2;
	for (; f.calls < count; f.calls++)
		if (generators[pick(&f, n)](&f) < 0)
			f.failed++;
	fe_printf("hostile: %llu syscalls done\n", (unsigned long long)f.calls);
	fe_printf("hostile: %llu succeeded, %llu failed, %d threads\n",
	          (unsigned long long)(f.calls - f.failed), (unsigned long long)f.failed,
	          f.threads);
	return 0;
}
