/*
 * The gate page: the one piece of memory a Ferrite thread in the sim shares
 * with the kernel process, and the fixed layout of a sim child's address
 * space. Included by ferrite-sim (host C) and by ferrite-loader
 * (freestanding), so it uses nothing but the compiler's own headers.
 *
 * Every Ferrite thread owns a *region*: a small memfd (SIM_REGION_SIZE)
 * mapped in its child at sim_region_va(index). Page 0 of the region is the
 * gate page (also mapped in the kernel process); the rest is the thread's
 * start-up stack and its signal stack. The thread's %gs base points at its
 * gate page, so the gate and the signal handlers find it without a lookup.
 *
 * The handshake. `state` says who owns the page:
 *
 *   SIM_REQUEST  the kernel owns it: the child has posted `msg` (a Ferrite
 *                call in nr/args, a fault, a preemption, ...) and waits;
 *   SIM_RUN      the child owns it: the kernel has written `action`, `ret`
 *                and maybe a batch of ops, and the child continues.
 *
 * A fresh thread's page starts in SIM_REQUEST with msg SIM_MSG_START.
 * Both sides spin on `state` for a while, then sleep, each saying so first.
 * The kernel sets `kernel_sleeping` and waits in io_uring on the doorbell
 * eventfd; the child sets `child_sleeping` and FUTEX_WAITs on its *wake
 * word*: word `slot` of the wake region, a memfd every child maps read-only
 * at SIM_WAKE_VA, which only the kernel writes. A side publishes `state`
 * with a seq_cst store and then reads the other side's flag (Dekker): the
 * child rings the doorbell only if the kernel sleeps; the kernel bumps the
 * wake word and FUTEX_WAKEs only if the child sleeps; no wake-up is lost.
 *
 * Hand-off. Waking a sleeping thread from the kernel's CPU costs an
 * inter-processor wake-up; having the thread that ran before it (which is
 * still spinning in its gate, on the CPU the next thread will use) do the
 * FUTEX_WAKE and then sleep lets that CPU switch straight from one to the
 * other. So the kernel, instead of waking the next thread itself, may post
 * its slot + 1 in the previous thread's `handoff` word (compare-and-swap
 * from 0); SIM_HANDOFF_STOP asks it only to stop spinning. The child resets
 * `handoff` to 0 when it posts a request and swaps in SIM_HANDOFF_CLOSED
 * whenever it stops spinning, performing any wake it finds; so exactly one
 * of the two wakes the next thread. Wake words reveal nothing but that a
 * thread somewhere was woken; waking one spuriously only makes it look at
 * its own page and sleep again.
 *
 * Rules: the child may scribble anything here, so the kernel treats every
 * field it reads as untrusted input; the kernel writes the page only while
 * it owns it (except the `handoff` CAS and `state`). Everything the
 * handshake touches on a fast call lives in the first cache line.
 */
#ifndef FERRITE_SIM_GATE_H
#define FERRITE_SIM_GATE_H

#include <stdint.h>

#include "gate_ctx.h"

/* ---- A child's address space ------------------------------------------- */

#define SIM_USER_LO 0x10000ul /* user mappings: [LO, HI) */
#define SIM_USER_HI 0x6e0000000000ul
#define SIM_WAKE_VA 0x6e7000000000ul     /* the wake region, read-only */
#define SIM_REGION_BASE 0x6e8000000000ul /* thread regions, never reused */
#define SIM_LOADER_BASE 0x6f0000000000ul /* ferrite-loader's text segment */

#define SIM_REGION_SIZE (64ul * 1024)
#define SIM_REGION_MAX ((SIM_LOADER_BASE - SIM_REGION_BASE) / SIM_REGION_SIZE)
#define SIM_GATE_PAGE 4096ul
#define SIM_START_STACK_TOP (32ul * 1024) /* start-up stack: [4K, 32K) */
#define SIM_ALTSTACK_OFF (32ul * 1024)    /* signal stack: [32K, 64K) */
#define SIM_ALTSTACK_SIZE (32ul * 1024)

#define SIM_WAKE_SIZE (64ul * 1024)
#define SIM_WAKE_SLOTS (SIM_WAKE_SIZE / 4) /* threads alive at once, sim-wide */

static inline uint64_t sim_region_va(uint64_t index)
{
	return SIM_REGION_BASE + index * SIM_REGION_SIZE;
}

/* File descriptors a child holds (everything else is closed before exec). */
#define SIM_FD_CTL 3    /* unix seqpacket socket: fds arrive here */
#define SIM_FD_BELL 4   /* eventfd: the kernel's doorbell (write only) */
#define SIM_FD_FILTER 5 /* the seccomp program; closed once applied */
#define SIM_FD_GATE0 6  /* the first thread's region; closed once mapped */
#define SIM_FD_WAKE 7   /* the wake region (read-only); closed once mapped */
/* hostfs only: the --mount directory (sim/host.c). Above every number a
 * batch's fds can take (they are the lowest free, at most SIM_MAX_FDS). */
#define SIM_FD_HOST 100

/* Real-time signal the kernel sends to preempt a syscall-free loop. */
#define SIM_SIG_PREEMPT 40

/* clone() flags for a thread; the sandbox allows exactly these. */
#define SIM_CLONE_THREAD_FLAGS 0x50f00ul /* VM|FS|FILES|SIGHAND|THREAD|SYSVSEM */

/* ---- The page ------------------------------------------------------------ */

#define SIM_HANDOFF_STOP 0xfffffffeu   /* stop spinning, wake nobody */
#define SIM_HANDOFF_CLOSED 0xffffffffu /* not spinning: hand-offs refused */

enum sim_state {
	SIM_RUN = 1,
	SIM_REQUEST = 2,
};

/* What the child posts with SIM_REQUEST. */
enum sim_msg {
	SIM_MSG_START = 1, /* a new thread waits for its first run */
	SIM_MSG_SYSCALL,   /* a Ferrite call: nr, args */
	SIM_MSG_PREEMPTED, /* the preemption signal stopped user code */
	SIM_MSG_FAULT,     /* a fault: fault_* (the thread never continues) */
	SIM_MSG_OPS_DONE,  /* the ops of an SIM_ACT_OPS batch are applied */
};

/* What the kernel asks with SIM_RUN. */
enum sim_action {
	SIM_ACT_RUN = 1, /* apply the ops, then continue (return `ret`) */
	SIM_ACT_OPS,     /* apply the ops, post SIM_MSG_OPS_DONE, wait again */
	SIM_ACT_EXIT,    /* the thread is destroyed: unmap the region, exit */
	SIM_ACT_FAULT,   /* apply the ops, then jump to SIM_WILD_ADDR (--inject) */
};

/* Never mapped in a child (below SIM_USER_LO): an injected fault runs here. */
#define SIM_WILD_ADDR 0x8ul

enum sim_op_kind {
	SIM_OP_MAP = 1, /* mmap fds[fd] at va (MAP_SHARED|MAP_FIXED) */
	SIM_OP_UNMAP,   /* munmap va, len */
	SIM_OP_THREAD,  /* map region fds[fd] at va, start a thread on it */
	/* The first batch of the hostfs daemon only (sim/host.c), before the
	 * loader applies the sandbox; refused after. */
	SIM_OP_FILTER, /* fds[fd] replaces the seccomp program (SIM_FD_FILTER) */
	SIM_OP_HOST,   /* fds[fd] becomes SIM_FD_HOST, read-only by Landlock */
};

struct sim_op {
	uint32_t kind;
	int32_t fd;    /* index into the fds received with the batch */
	uint32_t prot; /* host PROT_* bits */
	uint32_t pad;
	uint64_t va;
	uint64_t len;
	uint64_t off;
};

#define SIM_MAX_OPS 96
#define SIM_MAX_FDS 64

struct sim_gate {
	/* Cache line 0: the handshake. */
	_Atomic uint32_t state;
	_Atomic uint8_t child_sleeping;
	_Atomic uint8_t kernel_sleeping;
	uint8_t msg;              /* child -> kernel: enum sim_msg */
	uint8_t action;           /* kernel -> child: enum sim_action */
	uint16_t nops;            /* ops in this batch */
	uint16_t nfds;            /* fds sent on SIM_FD_CTL for this batch */
	_Atomic uint32_t handoff; /* 0, a slot + 1, SIM_HANDOFF_STOP/CLOSED */
	union {
		uint64_t nr; /* request: the call number */
		int64_t ret; /* reply: the call's result */
	};
	uint64_t args[5];

	/* Cache line 1: set once, or on the slow paths. */
	uint64_t self;  /* the page's address in the child */
	uint64_t entry; /* where the thread starts, with sp and arg */
	uint64_t sp;
	uint64_t arg;
	int32_t tid;              /* host thread id, written by its creator */
	uint32_t preempt_pending; /* child-private: preempted inside the gate */
	uint32_t fault_kind;      /* enum fe_exit_kind */
	int32_t fault_code;
	uint64_t fault_addr;
	uint64_t fault_ip;
	uint32_t fault_arch; /* AUDIT_ARCH_* of a forbidden call */
	uint32_t spin;       /* how long the child spins before it sleeps */
	uint32_t slot;       /* its wake word */
	uint32_t pad;
	uint64_t ctx[SIM_GATE_CTX_WORDS]; /* the caller's saved registers (gate_ctx.h) */

	struct sim_op ops[SIM_MAX_OPS];
};

_Static_assert(sizeof(struct sim_gate) <= SIM_GATE_PAGE, "gate page overflow");
_Static_assert(__builtin_offsetof(struct sim_gate, ctx) == SIM_GATE_CTX,
               "the loader's assembly finds ctx at SIM_GATE_CTX");
_Static_assert(__builtin_offsetof(struct sim_gate, self) == 64,
               "handshake must fill exactly cache line 0");

#endif
