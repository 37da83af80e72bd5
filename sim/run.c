/*
 * arch_run: the kernel's side of the gate handshake (sim/gate.h), and the
 * wall-clock watchdog.
 *
 * To run a thread: apply its process's pending ops (through the thread
 * itself, or, if its host thread does not exist yet, through another parked
 * thread of the process that lends its gate for SIM_ACT_OPS rounds), write
 * the result of its last call, hand it the page (SIM_RUN), and wait for its
 * next request. The wait spins for KERNEL_SPIN_NS, because the answer to a
 * call usually comes within microseconds, then sleeps in io_uring (doorbell,
 * pidfds, timeout).
 *
 * Preemption is the one non-deterministic point of the sim: a thread that
 * runs PREEMPT_NS of wall-clock time without a call (a syscall-free compute
 * loop) is sent SIM_SIG_PREEMPT, repeated every RESEND_NS, and arch_run
 * returns TRAP_TIMER once it answers; a thread that has not answered after
 * GRACE_NS is killed (TRAP_FAULT, FE_EXIT_KILLED). Threads that make calls
 * are never preempted by wall clock: everything else is decided by the core
 * on virtual time.
 *
 * Rules: a request (TRAP_SYSCALL) is never lost or turned into something
 * else; every field read from the page is checked; a process that breaks the
 * protocol is killed, not trusted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sim.h"

#define KERNEL_SPIN_NS 200000ull
#define PREEMPT_NS 20000000ull
#define RESEND_NS 10000000ull
#define GRACE_NS 2000000000ull

/* Hand the page to the child, waking it if it said it sleeps. */
void sim_gate_release(struct sim_gate *g)
{
	atomic_store(&g->state, SIM_RUN);
	if (atomic_load(&g->child_sleeping))
		syscall(SYS_futex, &g->state, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static bool gate_requested(struct sim_gate *g)
{
	return atomic_load_explicit(&g->state, memory_order_acquire) ==
	       SIM_REQUEST;
}

static bool spin_request(struct sim_gate *g)
{
	uint64_t end = 0;

	for (unsigned i = 1;; i++) {
		if (gate_requested(g))
			return true;
		__builtin_ia32_pause();
		if (i % 512)
			continue;
		if (!end)
			end = sim_wall_ns() + KERNEL_SPIN_NS;
		else if (sim_wall_ns() >= end)
			return false;
	}
}

/*
 * Wait until `g` holds a request. 0, -ESRCH when the process died, or
 * -ETIMEDOUT when the wall clock passes `deadline`.
 */
static int wait_request(struct arch_as *as, struct sim_gate *g,
                        uint64_t deadline)
{
	int err = 0;

	if (spin_request(g))
		return 0;
	for (;;) {
		uint64_t now;

		atomic_store(&g->kernel_sleeping, 1);
		if (gate_requested(g))
			break;
		now = sim_wall_ns();
		if (as->dead) {
			err = -ESRCH;
			break;
		}
		if (now >= deadline) {
			err = -ETIMEDOUT;
			break;
		}
		sim_loop_wait((int64_t)(deadline - now));
	}
	atomic_store_explicit(&g->kernel_sleeping, 0, memory_order_relaxed);
	return err;
}

/* The process broke the protocol or could not be given its ops. */
static int run_broken(struct arch_as *as)
{
	if (!as->dead) {
		as->why = (struct fe_exit){ FE_EXIT_FAULT, FE_FAULT_OTHER, 0, 0 };
		sim_as_kill(as);
	}
	return -EIO;
}

/* Give `h` (parked) rounds of ops until the queue is empty. */
static int run_ops_via(struct arch_thread *h)
{
	struct sim_gate *g = h->page;
	int more, err;

	do {
		if (!gate_requested(g))
			return run_broken(h->as);
		more = sim_ops_send(h, SIM_ACT_OPS);
		if (more < 0)
			return run_broken(h->as);
		sim_gate_release(g);
		err = wait_request(h->as, g, sim_wall_ns() + GRACE_NS);
		if (err == -ETIMEDOUT || (!err && g->msg != SIM_MSG_OPS_DONE))
			return run_broken(h->as);
		if (err)
			return err;
	} while (more);
	return 0;
}

static struct arch_thread *run_helper(struct arch_as *as)
{
	for (struct arch_thread *t = as->threads; t; t = t->next)
		if (t->spawned)
			return t;
	return as->spare;
}

/* Apply the queue and hand `t` its page with SIM_ACT_RUN. */
static int run_release(struct arch_thread *t)
{
	struct sim_gate *g = t->page;
	int more, err;

	if (!t->spawned) {
		struct arch_thread *h = run_helper(t->as);

		err = h ? run_ops_via(h) : run_broken(t->as);
		if (err)
			return err;
	}
	for (;;) {
		if (!gate_requested(g))
			return run_broken(t->as);
		more = sim_ops_send(t, SIM_ACT_RUN);
		if (more < 0)
			return run_broken(t->as);
		if (!more)
			break;
		sim_gate_release(g);
		err = wait_request(t->as, g, sim_wall_ns() + GRACE_NS);
		if (err == -ETIMEDOUT || (!err && g->msg != SIM_MSG_OPS_DONE))
			return run_broken(t->as);
		if (err)
			return err;
	}
	g->ret = t->ret;
	sim_gate_release(g);
	return 0;
}

static void trap_fault(struct arch_thread *t, struct trap *trap)
{
	struct sim_gate *g = t->page;
	struct arch_as *as = t->as;
	struct fe_exit e = { g->fault_kind, g->fault_code, g->fault_addr,
		             g->fault_ip };

	if (e.kind == FE_EXIT_SANDBOX) {
		sim_sandbox_report(as->pid, g);
	} else {
		e.kind = FE_EXIT_FAULT;
		if (e.code < FE_FAULT_PAGE || e.code > FE_FAULT_OTHER)
			e.code = FE_FAULT_OTHER;
	}
	as->why = e;
	sim_as_kill(as);
	trap->kind = TRAP_FAULT;
	trap->exit = e;
}

static void trap_syscall(struct sim_gate *g, struct trap *trap)
{
	trap->kind = TRAP_SYSCALL;
	trap->nr = g->nr;
	for (int i = 0; i < 5; i++)
		trap->args[i] = g->args[i];
}

static void preempt(struct arch_thread *t)
{
	struct arch_as *as = t->as;
	pid_t tid = t->page->tid > 0 ? t->page->tid : as->pid;

	syscall(SYS_tgkill, as->pid, tid, SIM_SIG_PREEMPT);
}

/* Wait for t's next request and turn it into a trap. */
static int run_wait(struct arch_thread *t, struct trap *trap)
{
	struct sim_gate *g = t->page;
	uint64_t start = sim_wall_ns(), deadline = start + PREEMPT_NS;
	bool preempting = false;
	int err;

	for (;;) {
		err = wait_request(t->as, g, deadline);
		if (err == -ETIMEDOUT) {
			if (sim_wall_ns() >= start + PREEMPT_NS + GRACE_NS) {
				t->as->why = (struct fe_exit){ FE_EXIT_KILLED,
				                               SIGKILL, 0, 0 };
				sim_as_kill(t->as);
				return -ETIMEDOUT;
			}
			preempting = true;
			preempt(t);
			deadline = sim_wall_ns() + RESEND_NS;
			continue;
		}
		if (err)
			return err;
		switch (g->msg) {
		case SIM_MSG_SYSCALL:
			trap_syscall(g, trap);
			return 0;
		case SIM_MSG_FAULT:
			trap_fault(t, trap);
			return 0;
		case SIM_MSG_PREEMPTED:
			if (preempting) {
				trap->kind = TRAP_TIMER;
				return 0;
			}
			err = run_release(t); /* a stale signal: carry on */
			if (err)
				return err;
			continue;
		default:
			return run_broken(t->as);
		}
	}
}

void arch_run(struct arch_thread *t, struct trap *trap)
{
	struct arch_as *as = t->as;

	sim.running = as;
	if (!as->dead && !run_release(t))
		run_wait(t, trap);
	if (as->dead) {
		/* Whatever it last asked, the process is gone. */
		trap->kind = TRAP_FAULT;
		trap->exit = as->why;
		as->reported = true;
	}
	sim.running = NULL;
	sim.vtime += SIM_TRAP_NS;
}
