/*
 * arch_run: the kernel's side of the gate handshake (sim/gate.h), and the
 * watchdog.
 *
 * To run a thread: apply its process's pending ops (through the thread
 * itself, or, if its host thread does not exist yet, through another parked
 * thread of the process that lends its gate for SIM_ACT_OPS rounds), write
 * the result of its last call, hand it the page (SIM_RUN) and wake it,
 * preferably through the thread that ran before it (the hand-off), and wait
 * for its next request. The wait spins for sim.kernel_spin_ns, because the
 * next call usually comes within microseconds, then sleeps in io_uring
 * (doorbell, pidfds, timeout).
 *
 * Preemption is the one non-deterministic point of the sim. A thread that
 * computes for PREEMPT_NS of its own CPU time without a call (a syscall-free
 * loop) is sent SIM_SIG_PREEMPT, again every CHECK_NS until it answers, and
 * arch_run returns TRAP_TIMER when it does; one that burns GRACE_CPU_NS more
 * (or waits GRACE_NS of wall time) without answering is killed (TRAP_FAULT,
 * FE_EXIT_KILLED). CPU time, not wall time, so a loaded host slows a run
 * down without changing it. Threads that make calls are never preempted by
 * the sim: everything else is decided by the core on virtual time.
 *
 * TRAP_EVENT is never returned: a host event that happens while a thread
 * runs (another child dying) is handed to the core by an upcall from inside
 * arch_run, and the running thread carries on.
 *
 * Rules: a request (TRAP_SYSCALL) is never lost or turned into something
 * else, unless the process is dead; every field read from the page is
 * checked; a process that breaks the protocol is killed, not trusted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

#define PREEMPT_NS 20000000ull    /* child CPU time before preemption */
#define CHECK_NS 5000000ull       /* wall time between watchdog checks */
#define GRACE_CPU_NS 500000000ull /* child CPU time to answer the signal */
#define GRACE_NS 10000000000ull   /* wall time to answer anything */

static void futex_wake(_Atomic uint32_t *w)
{
	syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
}

/* Ask the thread that ran last, if still spinning, to stop: with `h` a
 * slot + 1 it wakes that thread first. False if it is not spinning. */
static bool hand_off(struct arch_thread *t, uint32_t h)
{
	struct arch_thread *p = sim.last;
	uint32_t open = 0;

	if (!p || p == t)
		return false;
	return atomic_compare_exchange_strong(&p->page->handoff, &open, h);
}

/*
 * Hand the page to the child. If it sleeps, bump its wake word and let the
 * thread that ran before it do the FUTEX_WAKE on its way to sleep (see the
 * hand-off in sim/gate.h), or do it here if that one has stopped spinning.
 */
void sim_gate_release(struct arch_thread *t)
{
	struct sim_gate *g = t->page;
	_Atomic uint32_t *w = &sim.wake[t->slot];

	atomic_store(&g->state, SIM_RUN);
	if (!atomic_load(&g->child_sleeping)) {
		hand_off(t, SIM_HANDOFF_STOP);
		return;
	}
	atomic_fetch_add(w, 1);
	if (!hand_off(t, t->slot + 1))
		futex_wake(w);
}

static bool gate_requested(struct sim_gate *g)
{
	return atomic_load_explicit(&g->state, memory_order_acquire) == SIM_REQUEST;
}

static bool spin_request(struct sim_gate *g)
{
	uint64_t end = 0;

	if (!sim.kernel_spin_ns)
		return gate_requested(g);
	for (unsigned i = 1;; i++) {
		if (gate_requested(g))
			return true;
		__builtin_ia32_pause();
		if (i % 512)
			continue;
		if (!end)
			end = sim_wall_ns() + sim.kernel_spin_ns;
		else if (sim_wall_ns() >= end)
			return false;
	}
}

/*
 * Wait until `g` holds a request. 0, -ESRCH when the process died, or
 * -ETIMEDOUT when the wall clock passes `deadline`.
 */
static int wait_request(struct arch_thread *t, uint64_t deadline, bool spin)
{
	struct sim_gate *g = t->page;
	int err = 0;

	if (spin && spin_request(g))
		return 0;
	/* A hand-off that never happened must not leave the child asleep. */
	if (atomic_load(&g->state) == SIM_RUN && atomic_load(&g->child_sleeping))
		futex_wake(&sim.wake[t->slot]);
	for (;;) {
		uint64_t now;

		atomic_store(&g->kernel_sleeping, 1);
		if (gate_requested(g))
			break;
		now = sim_wall_ns();
		if (t->as->dead) {
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
		sim_gate_release(h);
		sim.last = h;
		err = wait_request(h, sim_wall_ns() + GRACE_NS, true);
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

	if (!t->as->ran) {
		t->as->ran = true;
		if (sim_host_first_run(t->as, t))
			return run_broken(t->as);
	}
	if (!t->spawned) {
		struct arch_thread *h = run_helper(t->as);

		err = h ? run_ops_via(h) : run_broken(t->as);
		if (err)
			return err;
	}
	for (;;) {
		if (!gate_requested(g))
			return run_broken(t->as);
		more = sim_ops_send(t, t->as->fault ? SIM_ACT_FAULT : SIM_ACT_RUN);
		if (more < 0)
			return run_broken(t->as);
		if (!more)
			break;
		sim_gate_release(t);
		sim.last = t;
		err = wait_request(t, sim_wall_ns() + GRACE_NS, true);
		if (err == -ETIMEDOUT || (!err && g->msg != SIM_MSG_OPS_DONE))
			return run_broken(t->as);
		if (err)
			return err;
	}
	g->ret = t->ret;
	sim_gate_release(t);
	sim.last = t;
	return 0;
}

static void trap_fault(struct arch_thread *t, struct trap *trap)
{
	struct sim_gate *g = t->page;
	struct arch_as *as = t->as;
	struct fe_exit e = { g->fault_kind, g->fault_code, g->fault_addr, g->fault_ip };

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

/* CPU time the child has used, or wall time if that cannot be read. */
static uint64_t child_cpu_ns(struct arch_as *as)
{
	struct timespec ts;
	clockid_t id;

	if (clock_getcpuclockid(as->pid, &id) || clock_gettime(id, &ts))
		return sim_wall_ns();
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

struct watchdog {
	bool armed, preempting;
	uint64_t cpu0;    /* child CPU time when the kernel first slept */
	uint64_t sig_cpu; /* ... and when it was first sent the signal */
	uint64_t sig_wall;
	uint64_t next; /* wall time of the next check */
};

/*
 * The kernel's wait timed out (wall clock): check how much CPU the child
 * has burnt since, preempt it past PREEMPT_NS, repeat the signal, kill it if
 * it does not answer. CPU time, not wall time, so that a child that merely
 * waits for a host CPU is never preempted or killed.
 */
static int watchdog_tick(struct arch_thread *t, struct watchdog *w)
{
	struct arch_as *as = t->as;
	uint64_t cpu = child_cpu_ns(as), now = sim_wall_ns();
	pid_t tid = t->page->tid > 0 ? t->page->tid : as->pid;

	w->next = now + CHECK_NS;
	if (!w->armed) {
		w->armed = true;
		w->cpu0 = cpu;
		return 0;
	}
	if (!w->preempting) {
		if (cpu - w->cpu0 < PREEMPT_NS)
			return 0;
		w->preempting = true;
		w->sig_cpu = cpu;
		w->sig_wall = now;
	} else if (cpu - w->sig_cpu > GRACE_CPU_NS || now - w->sig_wall > GRACE_NS) {
		as->why = (struct fe_exit){ FE_EXIT_KILLED, SIGKILL, 0, 0 };
		sim_as_kill(as);
		return -ETIMEDOUT;
	}
	syscall(SYS_tgkill, as->pid, tid, SIM_SIG_PREEMPT);
	return 0;
}

/* Wait for t's next request and turn it into a trap. */
static int run_wait(struct arch_thread *t, struct trap *trap)
{
	struct sim_gate *g = t->page;
	struct watchdog w = { .next = 0 };
	bool spin = true;
	int err;

	for (;;) {
		err = wait_request(t, w.next, spin);
		spin = false;
		if (err == -ETIMEDOUT) {
			err = watchdog_tick(t, &w);
			if (err)
				return err;
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
			if (w.preempting) {
				/* It ran its slice out: the timer has fired. */
				if (sim.deadline != UINT64_MAX && sim.vtime < sim.deadline)
					sim.vtime = sim.deadline;
				trap->kind = TRAP_TIMER;
				return 0;
			}
			err = run_release(t); /* a stale signal: carry on */
			if (err)
				return err;
			spin = true;
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
	sim_console_pump();
	if (as->hung && !as->dead)
		sim_inject_hang(trap);
	else if (!as->dead && !run_release(t) && !run_wait(t, trap) && trap->kind == TRAP_SYSCALL)
		sim_inject_call(t, trap);
	if (as->dead) {
		/* Whatever it last asked, the process is gone. */
		trap->kind = TRAP_FAULT;
		trap->exit = as->why;
		as->reported = true;
	}
	sim.running = NULL;
	sim.vtime += SIM_TRAP_NS;
}
