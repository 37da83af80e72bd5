/*
 * Children: the table of processes this program forked, and waiting for
 * them (wait, waitpid), killing them and noticing that they ended.
 *
 * The kernel waits on one process handle at a time (FE_SYS_PROC_WAIT), so
 * waiting for "any child" polls every child and, when there are several,
 * sleeps a little between rounds (1 ms, growing to 10 ms). A child's exit
 * record becomes a POSIX status word as docs/libc.md describes: a normal
 * exit gives its code; one that libc's default signal action ended, or that
 * kill() ended, reads as killed by that signal; a fault reads as SIGSEGV,
 * SIGILL or SIGFPE.
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
	int sig;       /* the signal kill() sent it, if any */
	bool notified; /* SIGCHLD was raised for its end */
};

static struct child children[CHILD_MAX];

void __fe_child_add(pid_t pid, fe_handle_t proc)
{
	for (int i = 0; i < CHILD_MAX; i++)
		if (!children[i].pid) {
			children[i] = (struct child){ .pid = pid, .proc = proc };
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

int __fe_status_from_exit(const struct fe_exit *e, int sent_sig)
{
	switch (e->kind) {
	case FE_EXIT_NORMAL:
		if ((e->code & ~0xff) == 0x100 && (e->code & 0xff) > 128)
			return (e->code & 0xff) - 128;
		return (e->code & 0xff) << 8;
	case FE_EXIT_KILLED:
		return sent_sig ? sent_sig : SIGKILL;
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
		*status = __fe_status_from_exit(&e, c->sig);
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

static pid_t wait_any(int *status, int options)
{
	int64_t pause = 1000000;
	struct child *only = NULL;

	for (;;) {
		int n = count_children(&only);

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
		fe_sleep(pause);
		pause = pause < 10000000 ? pause * 2 : pause;
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

int __fe_child_kill(pid_t pid, int sig)
{
	struct child *c = find(pid);
	int rc;

	if (!c)
		return -FE_ESRCH;
	if (sig == 0)
		return 0;
	rc = fe_proc_kill(c->proc);
	if (rc == 0 && !c->sig)
		c->sig = sig;
	return rc == -FE_ESRCH ? 0 : rc;
}

void __fe_children_poll(void)
{
	for (int i = 0; i < CHILD_MAX; i++) {
		struct child *c = &children[i];
		struct fe_exit e;

		if (c->pid && !c->notified && fe_proc_wait(c->proc, &e, FE_POLL) == 0) {
			c->notified = true;
			raise(SIGCHLD);
		}
	}
}
