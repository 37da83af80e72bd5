/*
 * Address spaces in the sim: each is a child Linux process running
 * ferrite-loader, sandboxed before any user code exists.
 *
 * Creating one starts a child that keeps exactly these fds (sim/gate.h):
 * the control socket, the doorbell, the seccomp program, its first
 * thread's region and the wake region (read-only), plus stderr until the
 * loader has set up; it turns ASLR off, is kept off the kernel's CPU, asks to
 * die with ferrite-sim (PDEATHSIG), blocks the preemption signal until the
 * loader can take it, and execs the loader. The child shares the sim's
 * memory until that exec (clone with CLONE_VM | CLONE_VFORK, on a stack of
 * its own) instead of getting a copy: a fork would copy the page tables of
 * every process's memory the sim has mapped, only for exec to drop them.
 * So the child writes nothing of the sim's but its own stack (and errno),
 * and the sim waits for its exec. Mapping and unmapping are queued
 * (sim/ops.c) and applied by the child before its code next runs.
 *
 * Life and death: the child's pidfd is watched in the event loop. When it
 * fires, the child is reaped; if the core does not know yet (the child was
 * killed from outside), it is told by kernel_as_died(), or by arch_run's
 * TRAP_FAULT if the child's thread was running. arch_as_destroy kills the
 * child; the structure lives on until the child is reaped, because the
 * pidfd poll still names it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim.h"

#define CHILD_STACK_SIZE (64u * 1024u)

struct child_args {
	pid_t parent;
	int ctl, gate0;
};

static int child_exec(void *arg)
{
	static char *const argv[] = { "ferrite-loader", NULL };
	static char *const envp[] = { NULL };
	const struct child_args *ca = arg;
	pid_t parent = ca->parent;
	int tmp[5] = { ca->ctl, sim.bell_fd, sim.filter_fd, ca->gate0, sim.wake_fd };
	sigset_t all;

	/* Out of the way first, so no dup2 below clobbers a source. */
	for (int i = 0; i < 5; i++) {
		tmp[i] = fcntl(tmp[i], F_DUPFD, 16);
		if (tmp[i] < 0)
			_exit(126);
	}
	for (int i = 0; i < 5; i++)
		if (dup2(tmp[i], SIM_FD_CTL + i) < 0)
			_exit(126);
	close(0);
	close(1);
	if (syscall(SYS_close_range, SIM_FD_WAKE + 1, ~0u, 0) < 0)
		_exit(126);
	personality(ADDR_NO_RANDOMIZE);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(126);
	/* Preemption stays pending until the loader's handler is in. */
	sigemptyset(&all);
	sigaddset(&all, SIM_SIG_PREEMPT);
	sigprocmask(SIG_SETMASK, &all, NULL);
	execve(sim.loader_path, argv, envp);
	_exit(127);
}

static void as_free(struct arch_as *as)
{
	struct arch_as **pp = &sim.all;

	while (*pp && *pp != as)
		pp = &(*pp)->next;
	if (*pp)
		*pp = as->next;
	if (as->pidfd >= 0)
		close(as->pidfd);
	free(as);
}

static void as_reap_now(struct arch_as *as)
{
	kill(as->pid, SIGKILL);
	while (waitpid(as->pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* Start the child (child_exec); returns its pid, or -errno. */
static pid_t start_child(int ctl, int gate0)
{
	static char stack[CHILD_STACK_SIZE] __attribute__((aligned(16)));
	struct child_args ca = { getpid(), ctl, gate0 };
	sigset_t all, old;
	pid_t pid;

	/* No handler of the sim may run on the shared memory in the child. */
	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = clone(child_exec, stack + sizeof(stack), CLONE_VM | CLONE_VFORK | SIGCHLD, &ca);
	if (pid < 0)
		pid = -errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	/* Only now, on its own memory: had the child moved to another CPU with
	 * the sim's, every later unmap in the sim would shoot down that CPU's
	 * TLB too. */
	if (pid > 0 && sim.pin_children)
		sched_setaffinity(pid, sizeof(sim.child_cpus), &sim.child_cpus);
	return pid;
}

static int as_spawn(struct arch_as *as, struct arch_thread *t0)
{
	int sv[2], err;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return -errno;
	as->pid = start_child(sv[1], t0->region_fd);
	err = as->pid < 0 ? as->pid : 0;
	close(sv[1]);
	if (err) {
		close(sv[0]);
		return err;
	}
	as->ctl_fd = sv[0];
	as->pidfd = (int)syscall(SYS_pidfd_open, as->pid, 0);
	err = as->pidfd < 0 ? -errno : sim_loop_watch(as);
	if (err) {
		as_reap_now(as);
		close(as->ctl_fd);
		if (as->pidfd >= 0)
			close(as->pidfd);
	}
	return err;
}

struct arch_as *arch_as_create(void)
{
	struct arch_as *as = calloc(1, sizeof(*as));
	struct arch_thread *t0;

	if (!as)
		return NULL;
	as->pidfd = as->ctl_fd = -1;
	t0 = sim_thread_new(as);
	if (!t0 || as_spawn(as, t0) < 0) {
		if (t0)
			sim_thread_free(t0);
		free(as);
		return NULL;
	}
	close(t0->region_fd);
	t0->region_fd = -1;
	t0->spawned = true;
	t0->page->tid = as->pid;
	as->nlive = 1;
	as->next = sim.all;
	sim.all = as;
	return as;
}

void sim_as_kill(struct arch_as *as)
{
	as->dead = true;
	if (!as->reaped)
		syscall(SYS_pidfd_send_signal, as->pidfd, SIGKILL, NULL, 0);
}

void arch_as_destroy(struct arch_as *as)
{
	while (as->threads) {
		struct arch_thread *t = as->threads;

		as->threads = t->next;
		sim_thread_free(t);
	}
	if (as->spare)
		sim_thread_free(as->spare);
	as->spare = NULL;
	sim_ops_clear(as);
	close(as->ctl_fd);
	as->ctl_fd = -1;
	as->destroyed = true;
	if (as->reaped) {
		as_free(as);
		return;
	}
	sim_as_kill(as);
}

/* The event loop saw the child's pidfd fire: reap, then tell the core. */
void sim_as_exited(struct arch_as *as)
{
	int status = 0;

	while (waitpid(as->pid, &status, 0) < 0 && errno == EINTR)
		;
	as->reaped = true;
	if (as->destroyed) {
		as_free(as);
		return;
	}
	if (!as->dead) {
		int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

		as->dead = true;
		as->why = (struct fe_exit){ FE_EXIT_KILLED, sig, 0, 0 };
	}
	if (as->reported || sim.running == as)
		return;
	as->reported = true;
	kernel_as_died(as, &as->why);
}

void sim_as_kill_all(void)
{
	for (struct arch_as *as = sim.all; as; as = as->next)
		if (!as->reaped)
			syscall(SYS_pidfd_send_signal, as->pidfd, SIGKILL, NULL, 0);
	for (struct arch_as *as = sim.all; as; as = as->next)
		if (!as->reaped)
			waitpid(as->pid, NULL, 0);
}

static unsigned host_prot(unsigned prot)
{
	return (prot & FE_PROT_READ ? PROT_READ : 0) | (prot & FE_PROT_WRITE ? PROT_WRITE : 0) |
	       (prot & FE_PROT_EXEC ? PROT_EXEC : 0);
}

static bool user_range_ok(uint64_t va, uint64_t len)
{
	return va % FE_PAGE_SIZE == 0 && len % FE_PAGE_SIZE == 0 && len && va >= SIM_USER_LO &&
	       va <= SIM_USER_HI && len <= SIM_USER_HI - va;
}

int arch_as_map(struct arch_as *as, uint64_t va, struct arch_mem *mem, uint64_t off, uint64_t len,
                unsigned prot)
{
	struct sim_pending p = {
		.op = { .kind = SIM_OP_MAP,
		        .fd = -1,
		        .prot = host_prot(prot),
		        .va = va,
		        .len = len,
		        .off = off },
		.mem = mem,
	};

	if (!user_range_ok(va, len) || off % FE_PAGE_SIZE || off > mem->size ||
	    len > mem->size - off)
		return -FE_EINVAL;
	return sim_ops_push(as, &p) ? -FE_ENOMEM : 0;
}

void arch_as_unmap(struct arch_as *as, uint64_t va, uint64_t len)
{
	struct sim_pending p = {
		.op = { .kind = SIM_OP_UNMAP, .fd = -1, .va = va, .len = len },
	};

	if (!user_range_ok(va, len))
		return;
	if (sim_ops_push(as, &p) < 0) {
		/* A mapping we cannot take away must not stay: end the
		 * process instead. */
		as->why = (struct fe_exit){ FE_EXIT_KILLED, 0, 0, 0 };
		sim_as_kill(as);
	}
}

uint64_t arch_gate_addr(struct arch_as *as)
{
	return sim.gate_addr;
}

void arch_user_range(uint64_t *lo, uint64_t *hi)
{
	*lo = SIM_USER_LO;
	*hi = SIM_USER_HI;
}
