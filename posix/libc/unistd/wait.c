/*
 * Children: the table of processes this program forked, and waiting for
 * them (wait, waitpid).
 *
 * The kernel waits on one process handle at a time (FE_SYS_PROC_WAIT), so
 * waiting for "any child" looks at every child without waiting, then waits
 * for the SIGCHLD the kernel sends when a child ends (libc holds SIGCHLD
 * while it has children: see signal.c) and looks again. A child's exit
 * record becomes a POSIX status word as docs/libc.md describes: a normal
 * exit gives its code; a signal's default action, that signal; a kill
 * through the process handle, SIGKILL; a fault, SIGSEGV, SIGILL or SIGFPE.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

struct child {
	pid_t pid; /* 0: free slot */
	fe_handle_t proc;
};

static struct child children[CHILD_MAX];

void __fe_child_add(pid_t pid, fe_handle_t proc)
{
	for (int i = 0; i < CHILD_MAX; i++)
		if (!children[i].pid) {
			children[i] = (struct child){ .pid = pid, .proc = proc };
			__fe_sigchld_hold();
			return;
		}
	fe_handle_close(proc);
}

void __fe_children_forget(void)
{
	for (int i = 0; i < CHILD_MAX; i++)
		if (children[i].pid) {
			fe_handle_close(children[i].proc);
			children[i].pid = 0;
		}
}

static struct child *find(pid_t pid)
{
	for (int i = 0; i < CHILD_MAX; i++)
		if (children[i].pid && children[i].pid == pid)
			return &children[i];
	return NULL;
}

static int fault_signal(int code)
{
	switch (code) {
	case FE_FAULT_ILLEGAL:
		return SIGILL;
	case FE_FAULT_ARITH:
		return SIGFPE;
	case FE_FAULT_BADCALL:
		return SIGSYS;
	default:
		return SIGSEGV;
	}
}

int __fe_status_from_exit(const struct fe_exit *e)
{
	switch (e->kind) {
	case FE_EXIT_NORMAL:
		if ((e->code & ~0xff) == 0x100 && (e->code & 0xff) > 128)
			return (e->code & 0xff) - 128;
		return (e->code & 0xff) << 8;
	case FE_EXIT_SIGNAL:
		return e->code & 0x7f;
	case FE_EXIT_KILLED:
		return SIGKILL;
	case FE_EXIT_FAULT:
		return fault_signal(e->code);
	default:
		return SIGSYS;
	}
}

/* Reap c if it ended (or wait for it): its pid, 0 if it still runs. */
static pid_t reap(struct child *c, int *status, int64_t timeout)
{
	struct fe_exit e;
	int rc = fe_proc_wait(c->proc, &e, timeout);
	pid_t pid = c->pid;

	if (rc == -FE_ETIMEDOUT)
		return 0;
	if (rc < 0)
		return (pid_t)fe_err(rc);
	if (status)
		*status = __fe_status_from_exit(&e);
	fe_handle_close(c->proc);
	c->pid = 0;
	return pid;
}

static int count_children(struct child **only)
{
	int n = 0;

	for (int i = 0; i < CHILD_MAX; i++)
		if (children[i].pid) {
			*only = &children[i];
			n++;
		}
	return n;
}

/* Wait until a child may have ended: the kernel's SIGCHLD, taken here
 * unless the program has a handler for it (then the handler runs). */
static int await_sigchld(unsigned long seen)
{
	sigset_t mask;
	long rc;

	if (__fe_sigchld_handled() != seen)
		return 0; /* a SIGCHLD handler ran since the children were seen */
	rc = fe_signal_wait(1ul << SIGCHLD, FE_FOREVER);
	if (rc < 0)
		return (int)rc;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	if (__fe_sigchld_handled() == ~0ul)
		fe_signal_take(1ul << SIGCHLD);
	else if (mask & (1ul << SIGCHLD))
		fe_sleep(1000000); /* caught but masked: it stays pending; look again soon */
	return 0;
}

static pid_t wait_any(int *status, int options)
{
	struct child *only = NULL;

	for (;;) {
		unsigned long seen = __fe_sigchld_handled();
		int n = count_children(&only), rc;

		if (n == 0)
			return (pid_t)fe_err(-ECHILD);
		if (n == 1 && !(options & WNOHANG))
			return reap(only, status, FE_FOREVER);
		for (int i = 0; i < CHILD_MAX; i++) {
			pid_t pid = children[i].pid ? reap(&children[i], status, FE_POLL) : 0;

			if (pid)
				return pid;
		}
		if (options & WNOHANG)
			return 0;
		rc = await_sigchld(seen);
		if (rc < 0)
			return (pid_t)fe_err(rc);
	}
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	struct child *c;

	if (pid <= 0)
		return wait_any(status, options);
	c = find(pid);
	if (!c)
		return (pid_t)fe_err(-ECHILD);
	return reap(c, status, (options & WNOHANG) ? FE_POLL : FE_FOREVER);
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}
