/*
 * Signals, process groups and sessions (the rules are in <ferrite/abi.h>).
 *
 * The kernel acts on a signal at once when it is sent (signal_post): it ends
 * the process (SIGKILL, or a default action that terminates), drops it, or
 * makes it pending. A pending caught signal interrupts one thread blocked in
 * an interruptible wait (every wait but the reply of a delivered call other
 * than a read, whose server already works on it) with -FE_EINTR and shows in the
 * process's signal word, a user address the kernel writes and the program
 * only reads; the program takes the signal with SIGNAL_TAKE when a call
 * returns and runs its handler. A thread in SIGNAL_WAIT is woken by a
 * signal of its set first.
 *
 * Permission: a process may signal itself, its descendants and the
 * processes of its session; one holding FE_GRANT_SIGNAL may signal any.
 * The first process (the system) gets only the signals it catches or
 * holds: no signal's default action ends it, not even SIGKILL's.
 */
#include <ferrite/scheme.h>

#include "lib.h"
#include "syscall.h"
#include "trace.h"

#define SIGBIT(s) (1ull << (s))
#define VALID_SIGS (SIGBIT(FE_NSIG) - 2) /* signals 1 .. FE_NSIG-1 */
#define UNBLOCKABLE (SIGBIT(FE_SIGKILL) | SIGBIT(FE_SIGSTOP))

/* Signals whose default action is to be dropped. */
static bool default_ignores(int sig)
{
	switch (sig) {
	case FE_SIGCHLD:
	case FE_SIGCONT:
	case FE_SIGURG:
	case FE_SIGWINCH:
	case FE_SIGSTOP:
	case FE_SIGTSTP:
	case FE_SIGTTIN:
	case FE_SIGTTOU:
		return true;
	default:
		return false;
	}
}

static bool has_default(const struct process *p, int sig)
{
	return !((p->sig.caught | p->sig.ignored | p->sig.held) & SIGBIT(sig));
}

/* Write the pending, caught, unmasked signals to the process's word. */
static void publish(struct process *p)
{
	uint64_t v = p->sig.pending & p->sig.caught & ~p->sig.mask;

	if (p->sig.word)
		vm_copy_out(&p->vm, p->sig.word, &v, sizeof(v));
}

static void terminate(struct process *p, int sig)
{
	struct fe_exit why = { .kind = FE_EXIT_SIGNAL, .code = sig };

	process_kill(p, &why);
}

/* Every wait but that for the reply to a delivered call, which its server
 * is working on; except a descriptor read: servers keep what a read they
 * could not answer would have taken (the caller has gone), so it is safe
 * to leave, and reads are where programs wait for long (a terminal, a
 * pipe). */
static bool interruptible(const struct thread *t)
{
	if (t->state != T_BLOCKED)
		return false;
	return t->wait != W_REPLY ||
	       (t->ipc.mode == IPC_RESULT && t->ipc.msg.label == FE_SCHEME_READ);
}

/* A signal became pending: wake a thread waiting for it, or interrupt one
 * if it is caught and unmasked. */
static void notice(struct process *p, int sig)
{
	struct list *it;

	publish(p);
	list_for_each(it, &p->threads) {
		struct thread *t = list_entry(it, struct thread, proc_link);

		if (t->state == T_BLOCKED && t->wait == W_SIGNAL && (t->sigwait & SIGBIT(sig))) {
			thread_wake(t, (int64_t)(p->sig.pending & t->sigwait));
			return;
		}
	}
	if (!(p->sig.caught & ~p->sig.mask & SIGBIT(sig)))
		return;
	list_for_each(it, &p->threads) {
		struct thread *t = list_entry(it, struct thread, proc_link);

		if (interruptible(t)) {
			thread_abort(t, -FE_EINTR);
			return;
		}
	}
}

void signal_check_wait(struct thread *t)
{
	const struct signals *s = &t->proc->sig;

	if (interruptible(t) && (s->pending & s->caught & ~s->mask))
		thread_abort(t, -FE_EINTR);
}

void signal_post(struct process *p, int sig)
{
	uint64_t b = SIGBIT(sig);

	if (p->dead)
		return;
	trace_event("signal %d to process %u", sig, p->pid);
	if (p->pid == 1 && has_default(p, sig))
		return; /* the system ends only by itself */
	if (sig == FE_SIGKILL) {
		terminate(p, sig);
		return;
	}
	if (p->sig.ignored & b)
		return;
	if (has_default(p, sig) && default_ignores(sig))
		return;
	if (has_default(p, sig) && !(p->sig.mask & b)) {
		terminate(p, sig);
		return;
	}
	p->sig.pending |= b;
	notice(p, sig);
}

/* After a change of actions or mask: act on the pending signals that are
 * now unmasked and no longer caught or held. */
static void settle(struct process *p)
{
	for (int sig = 1; sig < FE_NSIG && !p->dead; sig++) {
		uint64_t b = SIGBIT(sig);

		if (!(p->sig.pending & b) || (p->sig.mask & b))
			continue;
		if (p->sig.ignored & b || (has_default(p, sig) && default_ignores(sig)))
			p->sig.pending &= ~b;
		else if (has_default(p, sig))
			terminate(p, sig);
	}
	if (!p->dead)
		publish(p);
}

void signal_fork(struct process *c, const struct process *p)
{
	c->sig = p->sig;
	c->sig.pending = 0;
	c->pgid = p->pgid;
	c->sid = p->sid;
}

void signal_exec(struct process *p)
{
	p->sig.pending &= ~(p->sig.caught | p->sig.held);
	p->sig.caught = 0;
	p->sig.held = 0;
	p->sig.word = 0;
}

static bool descends(const struct process *p, uint32_t ancestor)
{
	uint32_t pid = p->parent;

	while (pid) {
		const struct process *q;

		if (pid == ancestor)
			return true;
		q = process_find(pid);
		if (!q)
			return false;
		pid = q->parent;
	}
	return false;
}

static bool may_signal(const struct process *s, const struct process *p)
{
	return s == p || s->sid == p->sid || descends(p, s->pid) || grant_signal(s);
}

/* One send to a group (pgid), or to all but the first process and the
 * sender (pgid 0). */
struct send {
	struct process *from;
	uint32_t pgid;
	int sig;
	bool found, sent;
};

static bool send_one(struct process *p, void *arg)
{
	struct send *s = arg;

	if (s->pgid ? p->pgid != s->pgid : (p->pid == 1 || p == s->from))
		return true;
	s->found = true;
	if (!may_signal(s->from, p))
		return true;
	s->sent = true;
	if (s->sig)
		signal_post(p, s->sig);
	return true;
}

static int send(struct process *from, int64_t pid, int sig)
{
	struct send s = { from, 0, sig, false, false };
	struct process *p;

	if (pid > 0) {
		p = pid <= UINT32_MAX ? process_find((uint32_t)pid) : NULL;
		if (!p)
			return -FE_ESRCH;
		if (!may_signal(from, p))
			return -FE_EPERM;
		if (sig)
			signal_post(p, sig);
		return 0;
	}
	if (pid < -(int64_t)UINT32_MAX)
		return -FE_ESRCH;
	s.pgid = pid == 0 ? from->pgid : pid == -1 ? 0 : (uint32_t)-pid;
	process_each(send_one, &s);
	return s.sent ? 0 : s.found ? -FE_EPERM : -FE_ESRCH;
}

/* The result of a call that may have ended the caller's own process, which
 * it retained: SYSCALL_BLOCKED if it did. */
static int64_t unless_died(struct process *self, int64_t rc)
{
	bool died = self->dead;

	kobj_release(&self->obj);
	return died ? SYSCALL_BLOCKED : rc;
}

int64_t sys_signal_send(struct thread *t, const uint64_t *a)
{
	struct process *self = t->proc;

	if (a[1] >= FE_NSIG)
		return -FE_EINVAL;
	kobj_retain(&self->obj);
	return unless_died(self, send(self, (int64_t)a[0], (int)a[1]));
}

int64_t sys_signal_action(struct thread *t, const uint64_t *a)
{
	struct signals *s = &t->proc->sig;
	uint64_t b = SIGBIT(a[0] & 63);
	int64_t old;

	if (a[0] == 0 || a[0] >= FE_NSIG || a[1] > FE_SIG_HOLD ||
	    (a[1] != FE_SIG_DFL && (b & UNBLOCKABLE)))
		return -FE_EINVAL;
	old = s->caught & b    ? FE_SIG_CATCH
	      : s->ignored & b ? FE_SIG_IGN
	      : s->held & b    ? FE_SIG_HOLD
	                       : FE_SIG_DFL;
	s->caught &= ~b;
	s->ignored &= ~b;
	s->held &= ~b;
	if (a[1] == FE_SIG_CATCH)
		s->caught |= b;
	else if (a[1] == FE_SIG_IGN)
		s->ignored |= b;
	else if (a[1] == FE_SIG_HOLD)
		s->held |= b;
	kobj_retain(&t->proc->obj);
	settle(t->proc);
	return unless_died(t->proc, old);
}

int64_t sys_signal_mask(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc;
	int64_t old = (int64_t)p->sig.mask;

	p->sig.mask = a[0] & VALID_SIGS & ~UNBLOCKABLE;
	kobj_retain(&p->obj);
	settle(p);
	return unless_died(p, old);
}

int64_t sys_signal_take(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc;
	uint64_t taken = p->sig.pending & a[0];

	p->sig.pending &= ~taken;
	publish(p);
	return (int64_t)taken;
}

int64_t sys_signal_wait(struct thread *t, const uint64_t *a)
{
	uint64_t set = a[0] & VALID_SIGS;
	uint64_t ready = t->proc->sig.pending & set;
	int64_t timeout = timeout_arg(a[1]);

	if (ready)
		return (int64_t)ready;
	if (timeout == 0)
		return -FE_ETIMEDOUT;
	t->sigwait = set;
	thread_block(t, W_SIGNAL, NULL, NULL, timeout);
	return SYSCALL_BLOCKED;
}

int64_t sys_signal_word(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc;

	if (a[0] % sizeof(uint64_t))
		return -FE_EINVAL;
	if (a[0] && vm_check(&p->vm, a[0], sizeof(uint64_t), FE_PROT_WRITE) < 0)
		return -FE_EFAULT;
	p->sig.word = a[0];
	publish(p);
	return 0;
}

/* The process `pid` names for the caller (0: the caller), or NULL. */
static struct process *pid_arg(struct thread *t, uint64_t pid)
{
	if (pid == 0)
		return t->proc;
	return pid <= UINT32_MAX ? process_find((uint32_t)pid) : NULL;
}

struct group_query {
	uint32_t pgid, sid;
	bool found;
};

static bool group_match(struct process *p, void *arg)
{
	struct group_query *q = arg;

	if (p->pgid == q->pgid && (!q->sid || p->sid == q->sid))
		q->found = true;
	return !q->found;
}

/* Is there a process in group pgid (and session sid, unless 0)? */
static bool group_exists(uint32_t pgid, uint32_t sid)
{
	struct group_query q = { pgid, sid, false };

	process_each(group_match, &q);
	return q.found;
}

int64_t sys_setpgid(struct thread *t, const uint64_t *a)
{
	struct process *self = t->proc, *p;
	uint32_t pgid;

	if (a[0] > INT32_MAX || a[1] > INT32_MAX)
		return -FE_EINVAL;
	p = pid_arg(t, a[0]);
	if (!p || (p != self && p->parent != self->pid))
		return -FE_ESRCH;
	pgid = a[1] ? (uint32_t)a[1] : p->pid;
	if (p->sid != self->sid || p->pid == p->sid)
		return -FE_EPERM;
	if (pgid != p->pid && !group_exists(pgid, self->sid))
		return -FE_EPERM;
	p->pgid = pgid;
	trace_event("process %u group %u", p->pid, pgid);
	return 0;
}

int64_t sys_getpgid(struct thread *t, const uint64_t *a)
{
	struct process *p = pid_arg(t, a[0]);

	return p ? (int64_t)p->pgid : -FE_ESRCH;
}

int64_t sys_setsid(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc;

	if (p->pgid == p->pid || group_exists(p->pid, 0))
		return -FE_EPERM;
	p->pgid = p->sid = p->pid;
	trace_event("process %u session %u", p->pid, p->sid);
	return p->sid;
}

int64_t sys_getsid(struct thread *t, const uint64_t *a)
{
	struct process *p = pid_arg(t, a[0]);

	return p ? (int64_t)p->sid : -FE_ESRCH;
}
