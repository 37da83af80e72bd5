/*
 * The hosted port's internals: what the files of ferrite-sim share.
 *
 * ferrite-sim is the kernel: the core (kernel/) plus this port, one Linux
 * process, single-threaded. Each Ferrite process is a child Linux process
 * running ferrite-loader (sim/loader/), and each Ferrite thread a Linux
 * thread in it; they meet the kernel only through their gate pages
 * (sim/gate.h), the doorbell, the read-only wake region and the control
 * socket.
 *
 * Files:
 *   main.c      options, boot_info, the jump into kernel_main
 *   bootfs.c    the boot archive
 *   loaderelf.c finds ferrite-loader (and files beside ferrite-sim) and its
 *               gate's address
 *   sandbox.c   the seccomp program (libseccomp) and violation reports
 *   host.c      --mount: which process gets the host directory
 *   console.c   console, trace, halt
 *   mem.c       memory objects (memfds)
 *   as.c        address spaces: starting, killing and reaping children
 *   ops.c       the per-address-space queue of map/unmap/thread ops
 *   thread.c    thread contexts and their wake words
 *   run.c       arch_run: the kernel side of the gate handshake, watchdog
 *   loop.c      the io_uring event loop, virtual time, arch_idle
 *   inject.c    fault injection (--inject): kill, fault, hang, slow
 *
 * Rules: one thread, no locks; functions return 0 or -errno; everything a
 * child writes is untrusted; nothing host-dependent (pids, wall time, host
 * addresses) is handed to the core except through fields the core only
 * passes back (host call numbers and addresses in fault reports).
 */
#ifndef FERRITE_SIM_H
#define FERRITE_SIM_H

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <arch.h>

#include "gate.h"

struct arch_mem {
	int fd;        /* the memfd, read-write */
	int ro_fd;     /* a read-only reopening, made on demand, or -1 */
	uint8_t *base; /* the kernel's mapping */
	uint64_t size;
	unsigned refs; /* the core's one, plus one per queued op */
};

/* A queued change to a child's mappings, applied before it next runs. */
struct sim_pending {
	struct sim_op op;           /* fd left unset until sent */
	struct arch_mem *mem;       /* SIM_OP_MAP: holds a reference */
	struct arch_thread *thread; /* SIM_OP_THREAD */
};

struct arch_thread {
	struct arch_as *as;
	struct arch_thread *next; /* in as->threads */
	struct sim_gate *page;    /* the kernel's mapping of the gate page */
	int region_fd;            /* until sent to the child, else -1 */
	uint64_t index;           /* region number in the child */
	int64_t ret;
	uint32_t slot; /* its wake word */
	bool spawned;  /* its host thread exists or is being made */
	bool claimed;  /* handed to the core (the first thread) */
};

struct arch_as {
	pid_t pid;
	int pidfd;
	int ctl_fd;           /* our end of the control socket */
	struct arch_as *next; /* in sim.all */
	struct arch_thread *threads;
	struct arch_thread *spare; /* the last host thread, parked for good */
	uint64_t next_index;
	struct sim_pending *ops;
	unsigned nops, cap;
	unsigned nlive; /* threads whose host thread still runs */
	bool dead;      /* the host process is gone or dying */
	bool reaped;
	bool destroyed;   /* arch_as_destroy called: free when reaped */
	bool reported;    /* the core already knows it is dead */
	bool ran;         /* arch_run has run one of its threads */
	bool hung;        /* --inject hang: never resumed again */
	bool fault;       /* --inject fault: faults when it next runs */
	uint64_t slow_ns; /* --inject slow: added to each IPC call */
	struct fe_exit why;
};

struct sim {
	char loader_path[4096];
	uint64_t gate_addr;        /* sim_gate in ferrite-loader */
	uint64_t fork_return_addr; /* sim_fork_return in ferrite-loader */
	int filter_fd;             /* seccomp program, read-only */
	int host_filter_fd;        /* hostfs's program (--mount only), or -1 */
	int bell_fd;               /* the shared doorbell eventfd */
	_Atomic uint32_t *wake;    /* the wake region (sim/gate.h) */
	int wake_fd;               /* ... read-only, for children */
	uint64_t vtime;
	uint64_t deadline;
	uint64_t calls;           /* system calls handed to the core: injection points */
	struct arch_as *all;      /* every child not yet reaped */
	struct arch_as *running;  /* whose thread arch_run is running */
	struct arch_thread *last; /* the thread arch_run ran last */
	FILE *trace;
	uint64_t seed;
	bool pin_children; /* children stay off the kernel's CPU */
	cpu_set_t child_cpus;
	uint64_t kernel_spin_ns; /* how long arch_run spins before sleeping */
	uint32_t child_spin;     /* pause loops a child spins before sleeping */
};

extern struct sim sim;

/* Virtual nanoseconds a trap costs. */
#define SIM_TRAP_NS 1000

/* bootfs.c */
int sim_bootfs_build(char **paths, unsigned n, void **out, uint64_t *size);

/* loaderelf.c */
int sim_loader_find(void);
/* The path of `rel` relative to ferrite-sim's own directory, in out. */
int sim_beside(const char *rel, char *out, size_t cap);

/* sandbox.c: the filters; hostfs's too when `host` */
int sim_sandbox_init(bool host);
void sim_sandbox_report(pid_t pid, const struct sim_gate *g);

/* host.c */
/* Open DIR for --mount and read the hostfs program: 0, or -errno and a
 * one-line reason in *why. */
int sim_host_mount(const char *dir, const char **why);
/* The hostfs program's path for the boot archive, or NULL without --mount. */
char *sim_host_module(void);
/* Before an address space first runs: queue hostfs's ops if it is hostfs. */
int sim_host_first_run(struct arch_as *as, struct arch_thread *t);
/* The fd a SIM_OP_FILTER or SIM_OP_HOST op sends. */
int sim_host_op_fd(unsigned kind);

/* console.c */
int sim_trace_open(const char *path);
/* Raw mode if stdin is a terminal; true if it is. */
bool sim_console_init(void);
/* Offer the kernel console input it has not taken yet (an upcall: call only
 * from arch_run or arch_idle). True if the kernel took any. */
bool sim_console_pump(void);

/* mem.c */
void sim_mem_get(struct arch_mem *mem);
void sim_mem_put(struct arch_mem *mem);
int sim_mem_fd(struct arch_mem *mem, unsigned fe_prot);

/* as.c */
void sim_as_exited(struct arch_as *as);
void sim_as_kill(struct arch_as *as);
void sim_as_kill_all(void);

/* ops.c */
int sim_ops_push(struct arch_as *as, const struct sim_pending *p);
void sim_ops_drop_thread(struct arch_as *as, struct arch_thread *t);
void sim_ops_clear(struct arch_as *as);
int sim_ops_send(struct arch_thread *t, unsigned action);

/* thread.c */
int sim_wake_init(void);
struct arch_thread *sim_thread_new(struct arch_as *as);
void sim_thread_free(struct arch_thread *t);

/* run.c */
void sim_gate_release(struct arch_thread *t);

/* inject.c */
int sim_inject_parse(const char *spec);
void sim_inject_start(void);
void sim_inject_call(struct arch_thread *t, const struct trap *trap);
void sim_inject_hang(struct trap *trap);

/* loop.c */
int sim_loop_init(void);
int sim_loop_watch(struct arch_as *as);
int sim_loop_wait(int64_t timeout_ns);
bool sim_loop_poll(void);
uint64_t sim_wall_ns(void);

#endif
