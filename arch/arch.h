/*
 * The contract between Ferrite's portable kernel core (kernel/) and a machine.
 *
 * Two machines implement it: the hosted simulator (sim/), where the kernel is a
 * Linux process and every Ferrite process a sandboxed Linux process, and the
 * native x86_64 port (arch/x86_64/). The core never asks which one it runs on;
 * every difference between them is one of the hooks below.
 *
 * The kernel runs one event loop on one CPU (kernel/main.c):
 *
 *     for (;;) {
 *             t = sched_pick();
 *             if (t == NULL) { arch_idle(); continue; }
 *             arch_run(t->arch, &trap);      runs t until it traps
 *             handle the trap;
 *     }
 *
 * The kernel is not preemptible and keeps no per-thread kernel stack: a thread
 * that blocks in a system call is simply not picked until something gives it
 * a result with arch_thread_set_ret(). Upcalls from the machine into the core
 * (kernel_as_died, kernel_irq) happen only inside arch_run() and arch_idle().
 *
 * Objects that the machine owns (address spaces, threads' user contexts,
 * memory) are opaque to the core: it holds pointers and passes them back.
 */
#ifndef FERRITE_ARCH_H
#define FERRITE_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ferrite/abi.h>

struct arch_as;     /* a user address space */
struct arch_thread; /* a user thread's machine context */
struct arch_mem;    /* a zero-filled, page-granular piece of memory */

/* ---- What the machine hands the core at boot ---------------------------- */

struct boot_info {
	void *heap; /* memory the kernel allocates its objects from */
	uint64_t heap_size;
	const void *init_image; /* ELF of the first process */
	uint64_t init_size;
	const char *init_args; /* its argv, strings laid end to end */
	uint64_t init_args_len;
	uint32_t init_argc;
	const void *bootfs; /* boot archive, given to init as handle 0 */
	uint64_t bootfs_size;
	uint64_t seed;    /* seeds the kernel's random numbers */
	bool trace;       /* emit the event trace through arch_trace_write */
	bool console_tty; /* console input is an interactive terminal */
};

/* The core's entry point. Never returns; the machine stops via arch_halt(). */
_Noreturn void kernel_main(const struct boot_info *boot);

/* ---- Console, trace, stop ------------------------------------------------ */

/* Write to the debug console (the sim's stdout; the native serial port). */
void arch_console_write(const char *s, size_t len);

/* Append to the event trace. Only called when boot_info.trace is set. */
void arch_trace_write(const char *s, size_t len);

/* Stop the machine. The sim exits with `status`; native halts the CPU. */
_Noreturn void arch_halt(int status);

/* ---- Time ---------------------------------------------------------------- */

/* Monotonic nanoseconds since boot. In the deterministic sim it is virtual
 * time, which only the machine advances. */
uint64_t arch_time_now(void);

/* Ask for one timer event at `deadline` (arch_time_now() units); a later call
 * replaces it, UINT64_MAX cancels it. When it is due, arch_run() may return
 * TRAP_TIMER (the core checks its timers after every trap anyway) and
 * arch_idle() returns; the timer is then spent. */
void arch_timer_set(uint64_t deadline);

/* ---- Memory ---------------------------------------------------------------- */

/* Create zero-filled memory of `size` bytes (a multiple of FE_PAGE_SIZE).
 * NULL when there is none left. */
struct arch_mem *arch_mem_create(uint64_t size);

/* Release memory. The core first unmaps it from every address space. */
void arch_mem_destroy(struct arch_mem *mem);

/* A kernel pointer to byte `off` of `mem`, valid up to the end of that page. */
void *arch_mem_ptr(struct arch_mem *mem, uint64_t off);

/* ---- Address spaces ------------------------------------------------------ */

/* The range [*lo, *hi) of addresses user mappings may use. */
void arch_user_range(uint64_t *lo, uint64_t *hi);

/* Create an empty address space; NULL when out of resources. In the sim this
 * starts the sandboxed host process that will hold it. */
struct arch_as *arch_as_create(void);

/* Destroy an address space and every thread context in it. */
void arch_as_destroy(struct arch_as *as);

/* Map [off, off + len) of `mem` at `va` with FE_PROT_* bits. Page-aligned;
 * the range is free (the core guarantees both). 0 or -FE_ENOMEM. */
int arch_as_map(struct arch_as *as, uint64_t va, struct arch_mem *mem, uint64_t off, uint64_t len,
                unsigned prot);

/* Remove the mappings in [va, va + len). */
void arch_as_unmap(struct arch_as *as, uint64_t va, uint64_t len);

/* The user-visible address of the gate in `as` (passed as AT_FERRITE_GATE). */
uint64_t arch_gate_addr(struct arch_as *as);

/* ---- Threads --------------------------------------------------------------- */

/* A user context in `as` that starts at `entry` with stack pointer `sp` and
 * `arg` in the first argument register. NULL when out of resources. */
struct arch_thread *arch_thread_create(struct arch_as *as, uint64_t entry, uint64_t sp,
                                       uint64_t arg);

/* A copy of `parent`'s user context in `as` (the parent's memory has been
 * copied there): it continues from the parent's pending system call, which
 * returns 0 in it. NULL when out of resources. */
struct arch_thread *arch_thread_fork(struct arch_as *as, struct arch_thread *parent);

void arch_thread_destroy(struct arch_thread *t);

/* The value the thread's pending system call returns when it next runs. */
void arch_thread_set_ret(struct arch_thread *t, int64_t value);

enum trap_kind {
	TRAP_SYSCALL, /* nr and args are set */
	TRAP_FAULT,   /* exit describes the fault; the thread must not run again */
	TRAP_TIMER,   /* the timer fired; the thread can run again as it is */
	TRAP_EVENT,   /* an upcall happened; the thread can run again as it is */
};

struct trap {
	enum trap_kind kind;
	uint64_t nr;
	uint64_t args[5];
	struct fe_exit exit;
};

/* Run `t` until it traps, and say how in `trap`. */
void arch_run(struct arch_thread *t, struct trap *trap);

/* Nothing is runnable: wait for the timer or an event (an upcall). */
void arch_idle(void);

/* ---- Upcalls: the core provides these, the machine calls them ------------- */

/* Bytes typed on (or piped into) the console; len 0 means the input ended.
 * The kernel buffers them for FE_SYS_CONSOLE_READ and returns how many it
 * took: the machine keeps the rest and offers them again later (nothing is
 * dropped). */
size_t kernel_console_input(const char *buf, size_t len);

/* Every thread in `as` is gone (sim: the host process died, e.g. killed from
 * outside). The core kills the process that owned it, reporting `why`. */
void kernel_as_died(struct arch_as *as, const struct fe_exit *why);

/* What the machine's fault injection (the sim's --inject) sees of a process. */
struct kernel_proc_view {
	struct arch_as *as;
	uint32_t pid;
	bool server; /* it has registered a scheme */
	char name[32];
};

/* Describe up to `max` live processes, in pid order; returns how many were
 * written. */
unsigned kernel_processes(struct kernel_proc_view *out, unsigned max);

#endif
