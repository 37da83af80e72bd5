/*
 * Signals, delivered by libc inside the process.
 *
 * Ferrite's kernel has no signals. libc keeps the POSIX model in the
 * process: a table of actions, a mask and a pending set. A signal arrives
 * when the program raises it (raise, kill of itself, abort), when a write
 * finds its pipe broken (SIGPIPE), and when libc notices that a child has
 * ended (SIGCHLD: checked in sleep, nanosleep, pause, sigsuspend and
 * waitpid). kill() of a child is the kernel's process kill, whatever the
 * signal; the parent's waitpid then reports that signal. Signals from
 * outside (a terminal's ^C, kill from another process to a non-child) are
 * not delivered yet.
 *
 * Default actions: SIGCHLD, SIGCONT, SIGURG and SIGWINCH are ignored, the
 * stop signals are ignored (there is no job control), everything else ends
 * the process with FE_SIGEXIT_BASE + sig, which waitpid decodes.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

static struct sigaction actions[NSIG];
sigset_t __fe_sigmask;
static sigset_t pending;

static bool valid(int sig)
{
	return sig > 0 && sig < NSIG;
}

static sigset_t bit(int sig)
{
	return 1ul << sig;
}

static bool ignored_by_default(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGCONT:
	case SIGURG:
	case SIGWINCH:
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return true;
	default:
		return false;
	}
}

static void run_handler(int sig, struct sigaction *a)
{
	struct sigaction act = *a;
	sigset_t saved = __fe_sigmask;
	siginfo_t info = { .si_signo = sig, .si_code = SI_USER, .si_pid = getpid() };

	if (act.sa_flags & SA_RESETHAND)
		a->sa_handler = SIG_DFL;
	__fe_sigmask |= act.sa_mask | ((act.sa_flags & SA_NODEFER) ? 0 : bit(sig));
	if (act.sa_flags & SA_SIGINFO)
		act.sa_sigaction(sig, &info, NULL);
	else
		act.sa_handler(sig);
	__fe_sigmask = saved;
}

static void deliver(int sig)
{
	struct sigaction *a = &actions[sig];

	if (a->sa_handler == SIG_IGN)
		return;
	if (a->sa_handler == SIG_DFL) {
		if (!ignored_by_default(sig))
			fe_exit(FE_SIGEXIT_BASE + sig);
		return;
	}
	run_handler(sig, a);
}

/* Deliver every pending signal the mask now lets through. */
static void deliver_pending(void)
{
	for (int sig = 1; sig < NSIG; sig++)
		if ((pending & bit(sig)) && !(__fe_sigmask & bit(sig))) {
			pending &= ~bit(sig);
			deliver(sig);
		}
}

int raise(int sig)
{
	if (!valid(sig)) {
		errno = EINVAL;
		return -1;
	}
	if (sig != SIGKILL && sig != SIGSTOP && (__fe_sigmask & bit(sig))) {
		pending |= bit(sig);
		return 0;
	}
	deliver(sig);
	return 0;
}

void __fe_raise_sigpipe(void)
{
	raise(SIGPIPE);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	if (!valid(sig) || (act && (sig == SIGKILL || sig == SIGSTOP))) {
		errno = EINVAL;
		return -1;
	}
	if (old)
		*old = actions[sig];
	if (act) {
		actions[sig] = *act;
		if (act->sa_handler == SIG_IGN)
			pending &= ~bit(sig);
	}
	return 0;
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
	int rc;

	if (sig < 0 || sig >= NSIG) {
		errno = EINVAL;
		return -1;
	}
	if (pid == 0 || pid == -1 || pid == getpid() || -pid == getpid())
		return sig ? raise(sig) : 0;
	rc = __fe_child_kill(pid < 0 ? -pid : pid, sig);
	return (int)fe_err(rc == -FE_ESRCH ? -FE_EPERM : rc);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	sigset_t unblockable = bit(SIGKILL) | bit(SIGSTOP);

	if (old)
		*old = __fe_sigmask;
	if (!set)
		return 0;
	if (how == SIG_BLOCK)
		__fe_sigmask |= *set;
	else if (how == SIG_UNBLOCK)
		__fe_sigmask &= ~*set;
	else if (how == SIG_SETMASK)
		__fe_sigmask = *set;
	else {
		errno = EINVAL;
		return -1;
	}
	__fe_sigmask &= ~unblockable;
	deliver_pending();
	return 0;
}

int sigpending(sigset_t *set)
{
	*set = pending;
	return 0;
}

int sigsuspend(const sigset_t *mask)
{
	sigset_t saved = __fe_sigmask;

	__fe_sigmask = *mask;
	while (!(pending & ~__fe_sigmask)) {
		__fe_children_poll();
		if (pending & ~__fe_sigmask)
			break;
		fe_sleep(10000000);
	}
	deliver_pending();
	__fe_sigmask = saved;
	errno = EINTR;
	return -1;
}

int pause(void)
{
	sigset_t mask = __fe_sigmask;

	return sigsuspend(&mask);
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
