/*
 * The child's side of the gate: sim_gate(), which user programs call for
 * every Ferrite system call, and the page protocol behind it (see
 * sim/gate.h): post a request, wait for the kernel's answer (spinning a
 * while, then sleeping on the thread's wake word, and performing any
 * hand-off the kernel leaves on the way), apply the ops the kernel queued
 * for this address space (maps, unmaps, new threads), continue.
 *
 * Rules: this code runs in the sandbox, so it makes only the host calls the
 * filter allows (futex wait and wake, doorbell write, recvmsg, mmap of
 * received fds, munmap, close, clone, exit); it keeps no state outside the
 * gate page, so the thread's %gs is all it needs; it never trusts user code
 * to have left anything but the page itself intact.
 */
#include <stdatomic.h>

#include <ferrite/abi.h>

#include "loader.h"

void gate_post(struct sim_gate *g, unsigned msg)
{
	static const uint64_t one = 1;

	g->msg = (uint8_t)msg;
	atomic_store_explicit(&g->handoff, 0, memory_order_relaxed);
	atomic_store(&g->state, SIM_REQUEST);
	if (atomic_load(&g->kernel_sleeping))
		sys3(NR_write, SIM_FD_BELL, (long)&one, sizeof(one));
}

static _Atomic uint32_t *wake_word(uint32_t slot)
{
	return (_Atomic uint32_t *)SIM_WAKE_VA + (slot < SIM_WAKE_SLOTS ? slot : 0);
}

/* Stop taking hand-offs; perform the one the kernel may have left us. */
static void gate_hand_over(struct sim_gate *g)
{
	uint32_t h = atomic_exchange(&g->handoff, SIM_HANDOFF_CLOSED);

	if (h && h <= SIM_WAKE_SLOTS)
		sys6(NR_futex, (long)wake_word(h - 1), FUTEX_WAKE, 1, 0, 0, 0);
}

/* Spin until the page is ours or the kernel tells us to stop. */
static bool gate_spin(struct sim_gate *g)
{
	for (uint32_t i = g->spin; i; i--) {
		if (atomic_load_explicit(&g->state, memory_order_acquire) == SIM_RUN)
			return true;
		if (atomic_load_explicit(&g->handoff, memory_order_relaxed))
			return false;
		cpu_relax();
	}
	return false;
}

/* Wait until the kernel hands the page back (state SIM_RUN). */
static void gate_wait_state(struct sim_gate *g)
{
	_Atomic uint32_t *w = wake_word(g->slot);

	if (gate_spin(g)) {
		/* Hand-offs only ever go to parked threads, so the fast path
		 * need not close: look, don't take the cache line. */
		if (atomic_load_explicit(&g->handoff, memory_order_relaxed))
			gate_hand_over(g);
		return;
	}
	gate_hand_over(g);
	for (;;) {
		uint32_t seen = atomic_load(w);

		atomic_store(&g->child_sleeping, 1);
		if (atomic_load(&g->state) == SIM_RUN)
			break;
		sys6(NR_futex, (long)w, FUTEX_WAIT, seen, 0, 0, 0);
	}
	atomic_store_explicit(&g->child_sleeping, 0, memory_order_relaxed);
}

/* Take the fds the kernel sent for this batch; the count must match. */
static int gate_recv_fds(int *fds, unsigned want)
{
	union {
		struct k_cmsghdr h;
		char buf[sizeof(struct k_cmsghdr) + SIM_MAX_FDS * sizeof(int)];
	} cbuf;
	char byte;
	struct k_iovec iov = { &byte, 1 };
	struct k_msghdr mh = { 0 };
	long n;

	mh.iov = &iov;
	mh.iovlen = 1;
	mh.control = &cbuf;
	mh.controllen = sizeof(struct k_cmsghdr) + want * sizeof(int);
	do
		n = sys3(NR_recvmsg, SIM_FD_CTL, (long)&mh, MSG_CMSG_CLOEXEC);
	while (n == -EINTR);
	if (n < 0)
		return (int)n;
	if (cbuf.h.level != SOL_SOCKET || cbuf.h.type != SCM_RIGHTS ||
	    cbuf.h.len != sizeof(struct k_cmsghdr) + want * sizeof(int))
		return -1;
	for (unsigned i = 0; i < want; i++)
		fds[i] = ((int *)(cbuf.buf + sizeof(struct k_cmsghdr)))[i];
	return 0;
}

static void gate_thread_main(void *arg)
{
	struct sim_gate *g = arg;

	if (signals_setup_thread(g) < 0)
		gate_report_fault(g, FE_EXIT_FAULT, FE_FAULT_OTHER, g->self, 0, 0);
	gate_wait_run(g);
	gate_enter_user(g);
}

static int gate_start_thread(const struct sim_op *op, int fd)
{
	long r, tid;

	r = sys6(NR_mmap, (long)op->va, SIM_REGION_SIZE, PROT_READ | PROT_WRITE,
	         MAP_SHARED | MAP_FIXED, fd, 0);
	if (r != (long)op->va)
		return -1;
	tid = sim_clone(SIM_CLONE_THREAD_FLAGS, (void *)(op->va + SIM_START_STACK_TOP),
	                gate_thread_main, (void *)op->va);
	if (tid < 0)
		return -1;
	((struct sim_gate *)op->va)->tid = (int32_t)tid;
	return 0;
}

static int gate_apply_op(const struct sim_op *op, const int *fds, unsigned nfds)
{
	long r;

	if (op->kind == SIM_OP_UNMAP)
		return sys3(NR_munmap, (long)op->va, (long)op->len, 0) ? -1 : 0;
	if (op->fd < 0 || (unsigned)op->fd >= nfds)
		return -1;
	if (op->kind == SIM_OP_THREAD)
		return gate_start_thread(op, fds[op->fd]);
	if (op->kind == SIM_OP_FILTER || op->kind == SIM_OP_HOST)
		return loader_take_fd(op->kind, fds[op->fd]);
	if (op->kind != SIM_OP_MAP)
		return -1;
	r = sys6(NR_mmap, (long)op->va, (long)op->len, op->prot, MAP_SHARED | MAP_FIXED,
	         fds[op->fd], (long)op->off);
	return r == (long)op->va ? 0 : -1;
}

static void gate_apply_ops(struct sim_gate *g)
{
	int fds[SIM_MAX_FDS];
	unsigned nfds = g->nfds, nops = g->nops;
	unsigned i;

	if (nfds > SIM_MAX_FDS || nops > SIM_MAX_OPS)
		gate_report_fault(g, FE_EXIT_FAULT, FE_FAULT_OTHER, 0, 0, 0);
	if (nfds && gate_recv_fds(fds, nfds) < 0)
		gate_report_fault(g, FE_EXIT_FAULT, FE_FAULT_OTHER, 0, 0, 0);
	for (i = 0; i < nops; i++) {
		struct sim_op op = g->ops[i];

		if (gate_apply_op(&op, fds, nfds) < 0)
			gate_report_fault(g, FE_EXIT_FAULT, FE_FAULT_OTHER, op.va, 0, 0);
	}
	for (i = 0; i < nfds; i++)
		sys3(NR_close, fds[i], 0, 0);
}

/* An injected fault: continue at a wild address, as a thread whose return
 * address was overwritten would; the fault handler reports it. */
static void gate_go_wild(void)
{
	void (*volatile wild)(void) = (void (*)(void))SIM_WILD_ADDR;

	wild();
}

/* Wait for SIM_ACT_RUN, applying op batches and obeying SIM_ACT_EXIT and
 * SIM_ACT_FAULT. */
void gate_wait_run(struct sim_gate *g)
{
	for (;;) {
		unsigned act;

		gate_wait_state(g);
		act = g->action;
		if (act == SIM_ACT_EXIT)
			sim_unmap_and_exit(g->self, SIM_REGION_SIZE);
		if (g->nops || g->nfds)
			gate_apply_ops(g);
		if (act == SIM_ACT_FAULT)
			gate_go_wild();
		if (act == SIM_ACT_RUN)
			return;
		gate_post(g, SIM_MSG_OPS_DONE);
	}
}

/* The preemption signal hit user code (or the gate's way out): stop here
 * until the kernel runs this thread again. */
void gate_preempt_now(struct sim_gate *g)
{
	g->preempt_pending = 0;
	gate_post(g, SIM_MSG_PREEMPTED);
	gate_wait_run(g);
}

_Noreturn void gate_report_fault(struct sim_gate *g, unsigned kind, int code, uint64_t addr,
                                 uint64_t ip, unsigned arch)
{
	g->fault_kind = kind;
	g->fault_code = code;
	g->fault_addr = addr;
	g->fault_ip = ip;
	g->fault_arch = arch;
	for (;;) {
		gate_post(g, SIM_MSG_FAULT);
		gate_wait_state(g);
		if (g->action == SIM_ACT_EXIT)
			sim_unmap_and_exit(g->self, SIM_REGION_SIZE);
	}
}

_Noreturn void gate_enter_user(struct sim_gate *g)
{
	if (g->preempt_pending)
		gate_preempt_now(g);
	sim_enter_user(g->entry, g->sp, g->arg);
}

/* The gate, past its assembly entry (sim_gate in entry.S), which is what
 * AT_FERRITE_GATE points at. */
long sim_gate_call(long nr, long a0, long a1, long a2, long a3, long a4)
{
	struct sim_gate *g = my_gate();
	long ret;

	g->nr = (uint64_t)nr;
	g->args[0] = (uint64_t)a0;
	g->args[1] = (uint64_t)a1;
	g->args[2] = (uint64_t)a2;
	g->args[3] = (uint64_t)a3;
	g->args[4] = (uint64_t)a4;
	gate_post(g, SIM_MSG_SYSCALL);
	gate_wait_run(g);
	ret = g->ret;
	if (g->preempt_pending)
		gate_preempt_now(g);
	return ret;
}
