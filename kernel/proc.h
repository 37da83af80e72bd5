/*
 * Processes and threads.
 *
 * A process is an address space, a capability table and its threads. A
 * thread is a user context plus the kernel's record of what it waits for.
 *
 * Blocking: the kernel keeps no stack for a blocked thread. A system call
 * that must wait records why in the thread (wait, wait_link, deadline) and
 * returns SYSCALL_BLOCKED; whoever later completes the wait calls
 * thread_wake() with the call's result. thread_abort() ends a wait early
 * (timeout, kill) and undoes whatever the wait had set up.
 *
 * References: a live process holds its threads; each thread holds its
 * process; handles hold either. A dead process lingers as a zombie while
 * handles to it remain, so its exit can still be read.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <arch.h>

#include "cap.h"
#include "fdtable.h"
#include "grant.h"
#include "list.h"
#include "object.h"
#include "vm.h"

enum thread_state { T_READY, T_RUNNING, T_BLOCKED, T_DEAD };

enum wait_kind { W_NONE, W_SEND, W_RECV, W_REPLY, W_NOTIFY, W_PROC, W_SLEEP, W_CONSOLE, W_SIGNAL };

struct reply;
struct scheme;

/*
 * What the kernel does with a reply: IPC_USER writes the reply's header to
 * the caller's message and the call returns 0 (FE_SYS_CALL); IPC_RESULT does
 * the same but the call returns the reply's label (descriptor and path
 * operations); IPC_OPEN makes a descriptor for the file id in the label.
 */
enum ipc_mode { IPC_USER, IPC_RESULT, IPC_OPEN };

/* What a thread in an IPC call keeps while it waits. */
struct ipc_state {
	struct fe_msg msg;  /* the message as copied in at the call */
	uint64_t msg_uaddr; /* where results go */
	struct kobj *xfer;  /* handle being sent, or NULL (holds a reference) */
	uint32_t xfer_rights;
	struct reply *reply; /* caller waiting for a reply: its reply object */
	enum ipc_mode mode;
	struct scheme *scheme; /* IPC_OPEN: the scheme opened through (no reference:
				  the reply object holds one) */
	uint32_t fd_flags;     /* IPC_OPEN: flags of the new descriptor */
};

struct thread {
	struct kobj obj;
	struct process *proc; /* holds a reference */
	struct arch_thread *arch;
	uint32_t tid;
	uint32_t prio;
	enum thread_state state;
	struct list run_link;  /* run queue */
	struct list proc_link; /* process's thread list */

	enum wait_kind wait;
	struct list wait_link; /* the queue of the object waited on */
	struct kobj *wait_obj; /* that object (holds a reference) */
	uint64_t deadline;     /* UINT64_MAX: none */
	struct list timer_link;
	uint64_t out_uaddr; /* notification bits or exit record go here */
	uint64_t sigwait;   /* W_SIGNAL: the signals waited for */
	uint64_t slice_end;

	struct ipc_state ipc;
};

/* A process's signals (signal.c; the rules are in <ferrite/abi.h>). */
struct signals {
	uint64_t pending, mask;
	uint64_t caught, ignored, held; /* the signals whose action is not DFL */
	uint64_t word;                  /* user address of the signal word, 0: none */
};

struct process {
	struct kobj obj;
	uint32_t pid;
	uint32_t parent; /* pid of the spawner, 0 for the first process */
	uint32_t pgid;   /* process group */
	uint32_t sid;    /* session */
	struct signals sig;
	uint64_t start_ns;
	char name[32];
	struct vm vm;
	struct cap_table caps;
	struct fd_table fds;
	struct grants grants;
	struct list threads;
	uint32_t nthreads;
	bool dead;
	bool quiet;  /* never started: no report, no halt */
	bool server; /* has registered a scheme */
	struct fe_exit exit;
	struct list waiters; /* threads in FE_SYS_PROC_WAIT */
	struct list all_link;
};

/* The result a system call handler returns when the thread now waits. */
#define SYSCALL_BLOCKED INT64_MIN

/* Process lifecycle (process.c). */
struct process *process_create(const char *name);
struct process *process_find(uint32_t pid);
struct process *process_by_as(const struct arch_as *as);
void process_kill(struct process *p, const struct fe_exit *why);
void process_exit(struct process *p, int status);
/* Throw away a process that never ran (a failed spawn). */
void process_discard(struct process *p);
uint32_t process_count(void);
/* Describe up to `max` live processes; returns how many there are. */
uint32_t process_list(struct fe_procinfo *out, uint32_t max);

/* Call fn for each live process in pid order until it returns false; fn
 * may kill the process it is given. */
void process_each(bool (*fn)(struct process *p, void *arg), void *arg);

/* Signals (signal.c). Act on signal `sig` sent to p: end p, drop the
 * signal or make it pending, interrupting a wait. */
void signal_post(struct process *p, int sig);
/* t just started a wait: interrupt it if a caught signal is pending. */
void signal_check_wait(struct thread *t);
/* A forked child's signals: its parent's actions and mask, none pending. */
void signal_fork(struct process *c, const struct process *p);
/* exec: caught signals return to their default action; no word. */
void signal_exec(struct process *p);

/* Console input (console.c). */
void console_init(bool tty);
bool console_tty(void);
/* Called when the last thread of p ends by itself. */
void process_last_thread_gone(struct process *p);

/* Threads (thread.c). */
struct thread *thread_create(struct process *p, uint64_t entry, uint64_t sp, uint64_t arg,
                             uint32_t prio);
/* A thread in p continuing parent's pending system call with the result 0. */
struct thread *thread_fork(struct process *p, struct thread *parent);
void thread_set_ret(struct thread *t, int64_t ret);
/* Wait on `obj` (may be NULL) in `queue` (may be NULL) for up to timeout ns. */
void thread_block(struct thread *t, enum wait_kind kind, struct kobj *obj, struct list *queue,
                  int64_t timeout);
/* End a wait with `ret` and make the thread runnable, ahead of its peers. */
void thread_wake(struct thread *t, int64_t ret);
/* End a wait early with `ret`, undoing what the wait set up. */
void thread_abort(struct thread *t, int64_t ret);
/* Kill one thread (its process is dying or it exits). */
void thread_kill(struct thread *t);

/* Scheduler (sched.c). */
void sched_ready(struct thread *t, bool front);
void sched_remove(struct thread *t);
struct thread *sched_pick(void);
/* After a trap: put the running thread back, at the front unless its slice
 * is used up or it yields. */
void sched_requeue(struct thread *t, bool yield);
void timer_add(struct thread *t, uint64_t deadline);
void timer_cancel(struct thread *t);
void timer_expire(uint64_t now);
uint64_t timer_next(void);
uint64_t sched_slice(void);

#endif
