/*
 * Signals: POSIX's actions and mask on top of the kernel's signals
 * (<ferrite/abi.h>, "Signals").
 *
 * libc keeps the table of actions and tells the kernel, for each signal,
 * what to do: DFL, IGN, or CATCH for a handler (SIGCHLD is HOLD while this
 * process has children and no handler, so that waitpid can wait for it).
 * The mask is the kernel's too. Every signal goes through the kernel, even
 * raise: the kernel ends the process for a default action, drops an
 * ignored signal and makes a caught one pending, showing it in the signal
 * word that libc registers with the first handler. When a system call
 * returns while the word is non-zero, on_signal (run by the system-call
 * wrapper) takes the signals and runs their handlers, then has the call
 * made again if it was interrupted (-EINTR) and every handler asked for
 * SA_RESTART (never for sleeps). A handler thus runs when the process makes
 * or returns from a call, not between two instructions.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

static struct sigaction actions[NSIG];
sigset_t __fe_sigmask;
static volatile uint64_t word;
static bool watching;
static bool holding_chld;
static unsigned long handled;      /* handlers run, for sigsuspend */
static unsigned long chld_handled; /* SIGCHLD handlers run, for waitpid */

static bool valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static sigset_t bit(int sig)
{
	return 1ul << sig;
}

static bool caught(int sig)
{
	return actions[sig].sa_handler != SIG_DFL && actions[sig].sa_handler != SIG_IGN;
}

/* The mask is kept across exec: learn the kernel's at the first use,
 * masking everything for a moment so that nothing pending acts. */
static void learn_mask(void)
{
	static bool known;
	long old;

	if (known)
		return;
	old = fe_signal_mask(~0ul);
	fe_signal_mask((uint64_t)old);
	__fe_sigmask = (sigset_t)old;
	known = true;
}

static void set_mask(sigset_t mask)
{
	learn_mask();
	mask &= ~(bit(SIGKILL) | bit(SIGSTOP));
	if (mask == __fe_sigmask)
		return;
	__fe_sigmask = mask;
	fe_signal_mask(mask);
}

static void run_handler(int sig, struct sigaction *a)
{
	struct sigaction act = *a;
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER };
	sigset_t saved;

	learn_mask();
	saved = __fe_sigmask;

	if (act.sa_flags & SA_RESETHAND) {
		a->sa_handler = SIG_DFL;
		fe_signal_action(sig, FE_SIG_DFL);
	}
	set_mask(saved | act.sa_mask | ((act.sa_flags & SA_NODEFER) ? 0 : bit(sig)));
	if (act.sa_flags & SA_SIGINFO)
		act.sa_sigaction(sig, &info, NULL);
	else
		act.sa_handler(sig);
	handled++;
	chld_handled += sig == SIGCHLD;
	set_mask(saved);
}

/* The kernel woke us for signals: take and handle them. Non-zero: make the
 * call again. */
static int on_signal(long nr, long rc)
{
	int saved = errno;
	bool restart = rc == -FE_EINTR && nr != FE_SYS_SLEEP && nr != FE_SYS_SIGNAL_WAIT;
	long taken = fe_signal_take(word);

	for (int sig = 1; sig < NSIG && taken > 0; sig++)
		if ((taken & bit(sig)) && caught(sig)) {
			restart = restart && (actions[sig].sa_flags & SA_RESTART);
			run_handler(sig, &actions[sig]);
		}
	errno = saved;
	return restart && taken > 0;
}

/* What the kernel is to do with sig. */
static int kernel_action(int sig)
{
	if (caught(sig))
		return FE_SIG_CATCH;
	if (sig == SIGCHLD && holding_chld)
		return FE_SIG_HOLD;
	return actions[sig].sa_handler == SIG_IGN ? FE_SIG_IGN : FE_SIG_DFL;
}

void __fe_sigchld_hold(void)
{
	if (holding_chld)
		return;
	holding_chld = true;
	fe_signal_action(SIGCHLD, kernel_action(SIGCHLD));
}

unsigned long __fe_sigchld_handled(void)
{
	return caught(SIGCHLD) ? chld_handled : ~0ul;
}

int raise(int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	return (int)fe_err(fe_signal_send(fe_getpid(), sig));
}

void __fe_raise_sigpipe(void)
{
	raise(SIGPIPE);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	int rc;

	if (!valid(sig) || (act && (sig == SIGKILL || sig == SIGSTOP))) {
		errno = EINVAL;
		return -1;
	}
	if (old)
		*old = actions[sig];
	if (!act)
		return 0;
	if (!watching && act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN) {
		rc = fe_signal_watch(&word, on_signal);
		if (rc < 0)
			return (int)fe_err(rc);
		watching = true;
	}
	actions[sig] = *act;
	rc = fe_signal_action(sig, kernel_action(sig));
	return rc < 0 ? (int)fe_err(rc) : 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;

	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int kill(pid_t pid, int sig)
{
	if (sig < 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	return (int)fe_err(fe_signal_send(pid, sig));
}

int killpg(pid_t pgrp, int sig)
{
	if (pgrp <= 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	learn_mask();
	if (old)
		*old = __fe_sigmask;
	if (!set)
		return 0;
	if (how == SIG_BLOCK)
		set_mask(__fe_sigmask | *set);
	else if (how == SIG_UNBLOCK)
		set_mask(__fe_sigmask & ~*set);
	else if (how == SIG_SETMASK)
		set_mask(*set);
	else {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int sigpending(sigset_t *set)
{
	long rc = fe_signal_wait(~0ul, FE_POLL);

	*set = rc > 0 ? (sigset_t)rc : 0;
	return 0;
}

int sigsuspend(const sigset_t *mask)
{
	unsigned long before = handled;
	sigset_t saved;

	learn_mask();
	saved = __fe_sigmask;
	set_mask(*mask);
	while (handled == before)
		fe_signal_wait(0, FE_FOREVER);
	set_mask(saved);
	errno = EINTR;
	return -1;
}

int pause(void)
{
	learn_mask();
	return sigsuspend(&__fe_sigmask);
}

unsigned alarm(unsigned seconds)
{
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0ul;
	return 0;
}

static int set_op(int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (set_op(sig) < 0)
		return -1;
	*set |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (set_op(sig) < 0)
		return -1;
	*set &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (set_op(sig) < 0)
		return -1;
	return (*set & bit(sig)) != 0;
}
