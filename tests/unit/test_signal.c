/*
 * Signals, process groups and sessions: argument checks, who may signal
 * whom (with and without FE_GRANT_SIGNAL), default actions, SIGKILL that
 * nothing stops, caught signals that interrupt a wait (a read held by its
 * server too, not other calls) and show in the signal word, masks, waiting
 * for signals, groups, SIGCHLD, fork and exec.
 */
#include "schemes.h"

#define SIGINT 2
#define SIGKILL 9
#define SIGUSR1 10
#define SIGPIPE 13
#define SIGTERM 15
#define BIT(s) (1ull << (s))

/* A process that holds no grant at all. */
static struct thread *ungranted(const char *name)
{
	struct thread *t = new_proc(name);

	ck_assert_int_eq(grants_narrow(&t->proc->grants, &init_proc->grants, NULL, 0), 0);
	return t;
}

/* Make c a forked child of t: its parent, in its session and group. */
static void adopt(struct thread *t, struct thread *c)
{
	c->proc->parent = t->proc->pid;
	c->proc->sid = t->proc->sid;
	c->proc->pgid = t->proc->pgid;
}

/* Catch sig in t's process and watch its signal word; the word's address. */
static uint64_t catching(struct thread *t, int sig)
{
	uint64_t word = ualloc(t, 8);

	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_ACTION, sig, FE_SIG_CATCH), FE_SIG_DFL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_WORD, word), 0);
	ck_assert_uint_eq(uget64(t->proc, word), 0);
	return word;
}

START_TEST(test_send_checks_its_arguments)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target");

	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, u->proc->pid, FE_NSIG), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, u->proc->pid, UINT64_MAX), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, 9999, SIGTERM), -FE_ESRCH);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, 1ull << 40, SIGTERM), -FE_ESRCH);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, (uint64_t)-9999, SIGTERM), -FE_ESRCH);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, (uint64_t)INT64_MIN, SIGTERM), -FE_ESRCH);
	/* Signal 0 checks and sends nothing. */
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, u->proc->pid, 0), 0);
	ck_assert(!u->proc->dead);
	ck_assert_uint_eq(u->proc->sig.pending, 0);
}
END_TEST

START_TEST(test_permission_without_the_grant)
{
	struct thread *a = ungranted("a"), *other = new_proc("other");
	struct thread *child = new_proc("child"), *grandchild = new_proc("grandchild");
	struct thread *peer = new_proc("peer");

	adopt(a, child);
	adopt(child, grandchild);
	grandchild->proc->sid = grandchild->proc->pid; /* as after setsid */
	peer->proc->sid = a->proc->sid;
	ck_assert_int_eq(sys(a, FE_SYS_SIGNAL_SEND, other->proc->pid, 0), -FE_EPERM);
	ck_assert_int_eq(sys(a, FE_SYS_SIGNAL_SEND, other->proc->pid, SIGTERM), -FE_EPERM);
	ck_assert(!other->proc->dead);
	ck_assert_int_eq(sys(a, FE_SYS_SIGNAL_SEND, -(int64_t)other->proc->pgid, SIGTERM),
	                 -FE_EPERM);
	ck_assert(!other->proc->dead);
	/* Descendants and the processes of its own session it may. */
	ck_assert_int_eq(sys(a, FE_SYS_SIGNAL_SEND, grandchild->proc->pid, SIGTERM), 0);
	ck_assert(grandchild->proc->dead);
	ck_assert_int_eq(sys(a, FE_SYS_SIGNAL_SEND, peer->proc->pid, SIGTERM), 0);
	ck_assert(peer->proc->dead);
	/* The child may signal its parent: they share a session. */
	ck_assert_int_eq(sys(child, FE_SYS_SIGNAL_SEND, a->proc->pid, SIGTERM), 0);
	ck_assert(a->proc->dead);
}
END_TEST

START_TEST(test_the_signal_grant_reaches_any_process_and_only_narrows)
{
	struct thread *g = new_proc("granted"), *other = new_proc("other");
	struct thread *bare = ungranted("bare");
	struct fe_grant sig = { .kind = FE_GRANT_SIGNAL };
	struct grants child = { 0 };

	ck_assert_int_eq(grants_narrow(&g->proc->grants, &init_proc->grants, &sig, 1), 0);
	ck_assert_int_eq(sys(g, FE_SYS_SIGNAL_SEND, other->proc->pid, SIGTERM), 0);
	ck_assert(other->proc->dead);
	ck_assert_uint_eq(other->proc->exit.kind, FE_EXIT_SIGNAL);
	/* A process without the grant cannot hand it on. */
	ck_assert_int_eq(grants_narrow(&child, &bare->proc->grants, &sig, 1), -FE_EACCES);
	ck_assert_int_eq(grants_narrow(&child, &g->proc->grants, &sig, 1), 0);
	grants_destroy(&child);
}
END_TEST

START_TEST(test_default_actions)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target");
	struct process *up = u->proc;

	kobj_retain(&up->obj);
	/* SIGCHLD is dropped by default; SIGINT when ignored. */
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, FE_SIGCHLD), 0);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, SIGINT, FE_SIG_IGN), FE_SIG_DFL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGINT), 0);
	ck_assert(!up->dead);
	ck_assert_uint_eq(up->sig.pending, 0);
	/* SIGPIPE ends it, reported as the signal. */
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGPIPE), 0);
	ck_assert(up->dead);
	ck_assert_uint_eq(up->exit.kind, FE_EXIT_SIGNAL);
	ck_assert_int_eq(up->exit.code, SIGPIPE);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGTERM), -FE_ESRCH);
	kobj_release(&up->obj);
}
END_TEST

START_TEST(test_sigkill_cannot_be_caught_ignored_or_masked)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target");
	struct process *up = u->proc;

	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, SIGKILL, FE_SIG_CATCH), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, SIGKILL, FE_SIG_IGN), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, FE_SIGSTOP, FE_SIG_HOLD), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, 0, FE_SIG_CATCH), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, FE_NSIG, FE_SIG_CATCH), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, SIGTERM, 4), -FE_EINVAL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_MASK, UINT64_MAX), 0);
	ck_assert_uint_eq(up->sig.mask & BIT(SIGKILL), 0);
	ck_assert_uint_eq(up->sig.mask & BIT(SIGTERM), BIT(SIGTERM));
	ck_assert_uint_eq(up->sig.mask & ~(BIT(FE_NSIG) - 2), 0);
	kobj_retain(&up->obj);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGKILL), 0);
	ck_assert(up->dead);
	ck_assert_uint_eq(up->exit.kind, FE_EXIT_SIGNAL);
	ck_assert_int_eq(up->exit.code, SIGKILL);
	kobj_release(&up->obj);
}
END_TEST

START_TEST(test_caught_signal_interrupts_a_sleep_and_shows_in_the_word)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target");
	uint64_t word = catching(u, SIGUSR1);

	ck_assert_int_eq(sys(u, FE_SYS_SLEEP, 1000000000), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, u->proc->pid, SIGUSR1), 0);
	ck_assert_int_eq(woken(u), -FE_EINTR);
	ck_assert_uint_eq(uget64(u->proc, word), BIT(SIGUSR1));
	run_as(u);
	/* Until it is taken, every wait it starts is interrupted at once. */
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_WAIT, 0, FE_FOREVER), -FE_EINTR);
	run_as(u);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_TAKE, BIT(SIGUSR1) | BIT(SIGINT)), BIT(SIGUSR1));
	ck_assert_int_eq(sys(u, FE_SYS_SLEEP, 1000), BLOCKED);
	advance(1000);
	ck_assert_int_eq(woken(u), 0);
	run_as(u);
	ck_assert_uint_eq(uget64(u->proc, word), 0);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_TAKE, BIT(SIGUSR1)), 0);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, SIGUSR1, FE_SIG_DFL), FE_SIG_CATCH);
}
END_TEST

START_TEST(test_a_delivered_call_is_not_interrupted)
{
	struct ipc_pair pr;
	uint64_t word;

	make_pair(&pr);
	word = catching(pr.client, SIGUSR1);
	pending_call(pr.client, pr.cep, pr.server, pr.sep);
	ck_assert_int_eq(sys(pr.server, FE_SYS_SIGNAL_SEND, pr.client->proc->pid, SIGUSR1), 0);
	ck_assert(still_blocked(pr.client));
	ck_assert_uint_eq(uget64(pr.client->proc, word), BIT(SIGUSR1));
}
END_TEST

/* A read its server holds is left with -FE_EINTR; the server's late answer
 * then fails, so it keeps the data. */
START_TEST(test_a_read_at_its_server_is_interrupted)
{
	struct scheme_pair sp;
	struct fe_msg m = { .label = FE_SCHEME_READ, .w = { 0, 16 }, .handle = FE_NO_HANDLE };
	struct request rq;
	uint64_t cm;

	two_files(&sp);
	catching(sp.client, SIGUSR1);
	cm = umsg(sp.client, &m);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_CALL, 0, cm, FE_FOREVER), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.server, FE_SYS_SIGNAL_SEND, sp.client->proc->pid, SIGUSR1), 0);
	ck_assert_int_eq(woken(sp.client), -FE_EINTR);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 5), -FE_EPIPE);
}
END_TEST

START_TEST(test_masked_signals_wait_for_the_unmask)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target");
	struct process *up = u->proc;
	uint64_t word = catching(u, SIGUSR1);

	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_MASK, BIT(SIGUSR1) | BIT(SIGTERM)), 0);
	ck_assert_int_eq(sys(u, FE_SYS_SLEEP, 1000000000), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGUSR1), 0);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, up->pid, SIGTERM), 0);
	ck_assert(still_blocked(u));
	ck_assert(!up->dead);
	ck_assert_uint_eq(up->sig.pending, BIT(SIGUSR1) | BIT(SIGTERM));
	ck_assert_uint_eq(uget64(up, word), 0);
	advance(1000000000);
	ck_assert_int_eq(woken(u), 0);
	run_as(u);
	/* Unmasking the caught one shows it; the default one then ends u. */
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_MASK, BIT(SIGTERM)),
	                 (int64_t)(BIT(SIGUSR1) | BIT(SIGTERM)));
	ck_assert_uint_eq(uget64(up, word), BIT(SIGUSR1));
	kobj_retain(&up->obj);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_MASK, 0), BLOCKED);
	ck_assert(up->dead);
	ck_assert_int_eq(up->exit.code, SIGTERM);
	kobj_release(&up->obj);
}
END_TEST

START_TEST(test_signal_wait)
{
	struct thread *t = new_proc("sender"), *u = new_proc("target"), *sleeper;

	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_ACTION, FE_SIGCHLD, FE_SIG_HOLD), FE_SIG_DFL);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_WAIT, BIT(FE_SIGCHLD), FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_WAIT, BIT(FE_SIGCHLD), 1000), BLOCKED);
	advance(1000);
	ck_assert_int_eq(woken(u), -FE_ETIMEDOUT);
	run_as(u);
	/* A held signal wakes the waiter for it, not a sleeper. */
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_WAIT, BIT(FE_SIGCHLD), FE_FOREVER), BLOCKED);
	sleeper = new_thread(u);
	ck_assert_int_eq(sys(sleeper, FE_SYS_SLEEP, 1000000), BLOCKED);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_SEND, u->proc->pid, FE_SIGCHLD), 0);
	ck_assert_int_eq(woken(u), (int64_t)BIT(FE_SIGCHLD));
	ck_assert(still_blocked(sleeper));
	ck_assert_uint_eq(u->proc->sig.pending, BIT(FE_SIGCHLD)); /* not taken */
	run_as(u);
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_WAIT, BIT(FE_SIGCHLD), FE_FOREVER),
	                 (int64_t)BIT(FE_SIGCHLD));
	ck_assert_int_eq(sys(u, FE_SYS_SIGNAL_TAKE, UINT64_MAX), (int64_t)BIT(FE_SIGCHLD));
}
END_TEST

START_TEST(test_a_parent_gets_sigchld)
{
	struct thread *parent = new_proc("parent"), *child = new_proc("child");

	adopt(parent, child);
	ck_assert_int_eq(sys(parent, FE_SYS_SIGNAL_ACTION, FE_SIGCHLD, FE_SIG_HOLD), FE_SIG_DFL);
	ck_assert_int_eq(sys(parent, FE_SYS_SIGNAL_WAIT, BIT(FE_SIGCHLD), FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(child, FE_SYS_PROC_EXIT, 0), BLOCKED);
	ck_assert_int_eq(woken(parent), (int64_t)BIT(FE_SIGCHLD));
}
END_TEST

START_TEST(test_group_signal)
{
	struct thread *sh = ungranted("sh"), *b = new_proc("b"), *c = new_proc("c");
	struct thread *other = new_proc("other");

	adopt(sh, b);
	adopt(sh, c);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, b->proc->pid, 0), 0);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, c->proc->pid, b->proc->pid), 0);
	ck_assert_int_eq(sys(c, FE_SYS_GETPGID, 0), b->proc->pid);
	ck_assert_int_eq(sys(sh, FE_SYS_GETPGID, c->proc->pid), b->proc->pid);
	other->proc->pgid = b->proc->pid; /* same number, another session: refused */
	ck_assert_int_eq(sys(sh, FE_SYS_SIGNAL_SEND, -(int64_t)b->proc->pid, SIGTERM), 0);
	ck_assert(b->proc->dead && c->proc->dead);
	ck_assert(!sh->proc->dead && !other->proc->dead);
	/* Group 0 is the caller's own. */
	ck_assert_int_eq(sys(other, FE_SYS_SIGNAL_SEND, 0, SIGTERM), BLOCKED);
	ck_assert_int_eq(sys(sh, FE_SYS_SIGNAL_SEND, -(int64_t)b->proc->pid, SIGTERM), -FE_ESRCH);
}
END_TEST

START_TEST(test_setpgid_and_setsid_rules)
{
	struct thread *sh = new_proc("sh"), *c = new_proc("c"), *stranger = new_proc("stranger");
	struct thread *alien = new_proc("alien");

	adopt(sh, c);
	adopt(alien, stranger);
	ck_assert_int_eq(sys(sh, FE_SYS_GETSID, c->proc->pid), sh->proc->pid);
	ck_assert_int_eq(sys(sh, FE_SYS_GETSID, 0), sh->proc->pid);
	ck_assert_int_eq(sys(sh, FE_SYS_GETSID, 9999), -FE_ESRCH);
	ck_assert_int_eq(sys(sh, FE_SYS_GETPGID, 1ull << 33), -FE_ESRCH);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, -1, 0), -FE_EINVAL);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, 0, -1), -FE_EINVAL);
	/* Not a child; a session leader; a group of another session. */
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, stranger->proc->pid, 0), -FE_ESRCH);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, 0, 0), -FE_EPERM);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, c->proc->pid, alien->proc->pid), -FE_EPERM);
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, c->proc->pid, 4242), -FE_EPERM);
	ck_assert_uint_eq(c->proc->pgid, sh->proc->pid);
	/* A child may lead a new group, then a new session, only once. */
	ck_assert_int_eq(sys(c, FE_SYS_SETSID), c->proc->pid);
	ck_assert_uint_eq(c->proc->sid, c->proc->pid);
	ck_assert_uint_eq(c->proc->pgid, c->proc->pid);
	ck_assert_int_eq(sys(c, FE_SYS_SETSID), -FE_EPERM);
	ck_assert_int_eq(sys(sh, FE_SYS_SETSID), -FE_EPERM);
	/* Now in another session, sh can no longer move it. */
	ck_assert_int_eq(sys(sh, FE_SYS_SETPGID, c->proc->pid, 0), -FE_EPERM);
}
END_TEST

START_TEST(test_word_needs_a_writable_aligned_address)
{
	struct thread *t = new_proc("t");
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);

	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_WORD, ro), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_WORD, 8), -FE_EFAULT);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_WORD, SCRATCH_BASE + 4), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_WORD, 0), 0);
	ck_assert_uint_eq(t->proc->sig.word, 0);
}
END_TEST

START_TEST(test_fork_keeps_actions_and_exec_resets_caught_ones)
{
	struct thread *t = new_proc("t"), *c = new_proc("c");

	catching(t, SIGUSR1);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_ACTION, SIGINT, FE_SIG_IGN), FE_SIG_DFL);
	ck_assert_int_eq(sys(t, FE_SYS_SIGNAL_MASK, BIT(SIGTERM)), 0);
	t->proc->sig.pending = BIT(SIGUSR1);
	signal_fork(c->proc, t->proc);
	ck_assert_uint_eq(c->proc->sig.pending, 0);
	ck_assert_uint_eq(c->proc->sig.caught, BIT(SIGUSR1));
	ck_assert_uint_eq(c->proc->sig.mask, BIT(SIGTERM));
	ck_assert_uint_eq(c->proc->sid, t->proc->sid);
	signal_exec(t->proc);
	ck_assert_uint_eq(t->proc->sig.caught, 0);
	ck_assert_uint_eq(t->proc->sig.ignored, BIT(SIGINT));
	ck_assert_uint_eq(t->proc->sig.mask, BIT(SIGTERM));
	ck_assert_uint_eq(t->proc->sig.word, 0);
}
END_TEST

Suite *suite_signal(void)
{
	Suite *s = suite_create("signal");

	ADD_TEST(s, test_send_checks_its_arguments);
	ADD_TEST(s, test_permission_without_the_grant);
	ADD_TEST(s, test_the_signal_grant_reaches_any_process_and_only_narrows);
	ADD_TEST(s, test_default_actions);
	ADD_TEST(s, test_sigkill_cannot_be_caught_ignored_or_masked);
	ADD_TEST(s, test_caught_signal_interrupts_a_sleep_and_shows_in_the_word);
	ADD_TEST(s, test_a_delivered_call_is_not_interrupted);
	ADD_TEST(s, test_a_read_at_its_server_is_interrupted);
	ADD_TEST(s, test_masked_signals_wait_for_the_unmask);
	ADD_TEST(s, test_signal_wait);
	ADD_TEST(s, test_a_parent_gets_sigchld);
	ADD_TEST(s, test_group_signal);
	ADD_TEST(s, test_setpgid_and_setsid_rules);
	ADD_TEST(s, test_word_needs_a_writable_aligned_address);
	ADD_TEST(s, test_fork_keeps_actions_and_exec_resets_caught_ones);
	return s;
}
