/*
 * ferrite-loader: the first code of every Ferrite process in the sim.
 *
 * ferrite-sim forks, sets up the fds listed in sim/gate.h, and execs this
 * freestanding static binary, linked far above any user mapping
 * (SIM_LOADER_BASE). The loader then, in this order:
 *
 *   1. maps the first thread's region (SIM_FD_GATE0) and points %gs at it,
 *      and the wake region (SIM_FD_WAKE, read-only);
 *   2. installs the fault and preemption handlers on the region's signal
 *      stack;
 *   3. waits in the gate for its first run: the kernel's first op batch maps
 *      the program and its stack, and the page carries entry, sp and arg;
 *      for the hostfs daemon alone it also brings a wider seccomp program
 *      and the --mount directory (SIM_OP_FILTER, SIM_OP_HOST; sim/host.c);
 *   4. reads the seccomp program (SIM_FD_FILTER) and applies it, after
 *      confining the host directory, if it got one, with Landlock to
 *      reading beneath it; so the sandbox is in force before any user code
 *      runs;
 *   5. closes every fd but the control socket, the doorbell and
 *      SIM_FD_HOST;
 *   6. jumps to the program.
 *
 * Rules: no libc; nothing is mapped at a user address; a failure before the
 * sandbox is up is printed on the inherited stderr and ends the process,
 * which the kernel sees as the process dying.
 */
#include "loader.h"

#define FILTER_MAX_INSNS 4096

static struct k_sock_filter filter[FILTER_MAX_INSNS];
static bool sandboxed, has_host;

static unsigned long str_len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

_Noreturn void loader_die(const char *msg)
{
	static const char pre[] = "ferrite-loader: ";

	sys3(NR_write, 2, (long)pre, sizeof(pre) - 1);
	sys3(NR_write, 2, (long)msg, (long)str_len(msg));
	sys3(NR_write, 2, (long)"\n", 1);
	for (;;)
		sys3(NR_exit_group, 127, 0, 0);
}

static long read_filter(void)
{
	long off = 0, n;

	for (;;) {
		n = sys6(NR_pread64, SIM_FD_FILTER, (long)filter + off, (long)sizeof(filter) - off,
		         off, 0, 0);
		if (n < 0)
			return n;
		if (n == 0)
			break;
		off += n;
		if (off == (long)sizeof(filter))
			return -1;
	}
	if (off == 0 || off % (long)sizeof(filter[0]))
		return -1;
	return off / (long)sizeof(filter[0]);
}

int loader_take_fd(unsigned kind, int fd)
{
	int to = kind == SIM_OP_HOST ? SIM_FD_HOST : SIM_FD_FILTER;

	if (sandboxed || sys3(NR_dup3, fd, to, 0) != to)
		return -1;
	has_host |= kind == SIM_OP_HOST;
	return 0;
}

/* Allow only reading beneath SIM_FD_HOST, for good. A kernel without
 * Landlock leaves RESOLVE_BENEATH and the daemon's read-only opens. */
static int confine_host(void)
{
	uint64_t handled = LANDLOCK_FS_ALL;
	struct k_landlock_beneath rule = { LANDLOCK_FS_READ, SIM_FD_HOST };
	long rs = sys3(NR_landlock_create_ruleset, (long)&handled, sizeof(handled), 0);
	long err;

	if (rs == -ENOSYS || rs == -EOPNOTSUPP)
		return 0;
	if (rs < 0)
		return -1;
	err = sys6(NR_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, (long)&rule, 0, 0, 0);
	if (!err)
		err = sys3(NR_landlock_restrict_self, rs, 0, 0);
	sys3(NR_close, rs, 0, 0);
	return err ? -1 : 0;
}

static int apply_sandbox(void)
{
	struct k_sock_fprog prog;
	long n = read_filter();

	if (n < 0)
		return -1;
	prog.len = (unsigned short)n;
	prog.filter = filter;
	if (sys6(NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0) < 0)
		return -1;
	if (has_host && confine_host() < 0)
		return -1;
	/* TSYNC: a thread the first batch started is covered too. */
	if (sys3(NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, (long)&prog))
		return -1;
	sandboxed = true;
	return (int)sys3(NR_close, SIM_FD_FILTER, 0, 0);
}

static struct sim_gate *map_first_region(void)
{
	uint64_t va = sim_region_va(0);
	long r;

	r = sys6(NR_mmap, (long)va, SIM_REGION_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
	         SIM_FD_GATE0, 0);
	if (r != (long)va)
		return 0;
	sys3(NR_close, SIM_FD_GATE0, 0, 0);
	return (struct sim_gate *)va;
}

static int map_wake_region(void)
{
	long r = sys6(NR_mmap, (long)SIM_WAKE_VA, SIM_WAKE_SIZE, PROT_READ, MAP_SHARED | MAP_FIXED,
	              SIM_FD_WAKE, 0);

	if (r != (long)SIM_WAKE_VA)
		return -1;
	return (int)sys3(NR_close, SIM_FD_WAKE, 0, 0);
}

_Noreturn void loader_main(uint64_t *initial_sp);

_Noreturn void loader_main(uint64_t *initial_sp)
{
	struct sim_gate *g = map_first_region();

	(void)initial_sp;
	if (!g)
		loader_die("cannot map the gate page");
	if (map_wake_region() < 0)
		loader_die("cannot map the wake region");
	if (signals_setup_thread(g) < 0)
		loader_die("cannot set up the first thread");
	if (signals_install() < 0)
		loader_die("cannot install signal handlers");
	gate_wait_run(g);
	if (apply_sandbox() < 0)
		loader_die("cannot apply the sandbox");
	sys3(NR_close, 2, 0, 0);
	gate_enter_user(g);
}

/* The compiler may emit calls to these for structure copies. */
void *memcpy(void *dst, const void *src, unsigned long n);
void *memset(void *dst, int c, unsigned long n);

void *memcpy(void *dst, const void *src, unsigned long n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, unsigned long n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}
