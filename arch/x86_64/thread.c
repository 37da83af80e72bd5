/*
 * Threads' user contexts and running them: arch_run loads the thread's
 * address space and floating-point state, points the TSS at the end of its
 * frame and enters user mode (entry.S); when the thread traps, the frame is
 * complete again and trap_decode says what happened. arch_idle waits with
 * interrupts on for the timer or a device. Both hand the console's input
 * to the core afterwards (the only upcall the port makes).
 *
 * Floating-point/SSE state is switched lazily: it stays in the CPU until a
 * different thread runs (the kernel never uses it), so a thread that makes
 * a system call and runs again costs no save or restore.
 */
#include "cpu.h"
#include "x86.h"

/* What user code may set in rflags: CF PF AF ZF SF TF DF OF AC ID. */
#define USER_RFLAGS 0x240dd5ull
#define RFLAGS_BASE 0x202ull /* IF and the always-one bit */
#define CANONICAL_LOW_END 0x800000000000ull

struct arch_thread {
	struct x86_frame frame; /* first: 64-byte aligned, so its end is 16-aligned */
	uint8_t fpu[512];       /* fxsave area, 16-byte aligned after the frame */
	struct arch_as *as;
};

_Static_assert(sizeof(struct x86_frame) == FRAME_SIZE, "entry.S frame layout");
_Static_assert(sizeof(struct x86_frame) % 16 == 0, "rsp0 must be 16-byte aligned");

static struct slab thread_slab = SLAB_INIT(struct arch_thread);
static struct arch_thread *fpu_owner; /* whose state the FPU registers hold */

struct arch_thread *arch_thread_create(struct arch_as *as, uint64_t entry, uint64_t sp,
                                       uint64_t arg)
{
	struct arch_thread *t = slab_alloc(&thread_slab);

	if (!t)
		return NULL;
	t->as = as;
	t->frame.rip = entry;
	t->frame.rsp = sp;
	t->frame.rdi = arg;
	t->frame.cs = USER_CS;
	t->frame.ss = USER_SS;
	t->frame.rflags = RFLAGS_BASE;
	t->frame.vector = VEC_NEW;
	memcpy(t->fpu, fpu_initial, sizeof(t->fpu));
	return t;
}

/* The parent's whole user state (registers and FPU), in `as`, with 0 as the
 * result of the system call it is in. */
struct arch_thread *arch_thread_fork(struct arch_as *as, struct arch_thread *parent)
{
	struct arch_thread *t = slab_alloc(&thread_slab);

	if (!t)
		return NULL;
	if (fpu_owner == parent)
		fpu_save(parent->fpu);
	memcpy(&t->frame, &parent->frame, sizeof(t->frame));
	memcpy(t->fpu, parent->fpu, sizeof(t->fpu));
	t->as = as;
	t->frame.rax = 0;
	return t;
}

void arch_thread_destroy(struct arch_thread *t)
{
	if (fpu_owner == t)
		fpu_owner = NULL;
	slab_free(&thread_slab, t);
}

void arch_thread_set_ret(struct arch_thread *t, int64_t value)
{
	t->frame.rax = (uint64_t)value;
}

static void fpu_switch(struct arch_thread *t)
{
	if (fpu_owner == t)
		return;
	if (fpu_owner)
		fpu_save(fpu_owner->fpu);
	fpu_restore(t->fpu);
	fpu_owner = t;
}

/*
 * Make the frame safe to return through: user flags only, and a canonical
 * user rip and rsp, since iretq or sysretq to anything else would fault in
 * kernel mode. The core only starts threads inside the user range and the
 * hardware saves canonical values, so false here means a bug elsewhere;
 * the thread then faults as a user jumping there would.
 */
static bool prepare_return(struct x86_frame *f)
{
	f->rflags = (f->rflags & USER_RFLAGS) | RFLAGS_BASE;
	return f->rip < CANONICAL_LOW_END && f->rsp < CANONICAL_LOW_END;
}

/* The gate's system call: number in %rdi, arguments in %rsi, %rdx, %r10,
 * %r8, %r9 (the gate moved the third from %rcx, which syscall clobbers). */
static inline void syscall_decode(const struct x86_frame *f, struct trap *tr)
{
	tr->kind = TRAP_SYSCALL;
	tr->nr = f->rdi;
	tr->args[0] = f->rsi;
	tr->args[1] = f->rdx;
	tr->args[2] = f->r10;
	tr->args[3] = f->r8;
	tr->args[4] = f->r9;
}

void arch_run(struct arch_thread *t, struct trap *tr)
{
	if (!prepare_return(&t->frame)) {
		tr->kind = TRAP_FAULT;
		tr->exit = (struct fe_exit){ .kind = FE_EXIT_FAULT,
			                     .code = FE_FAULT_PAGE,
			                     .ip = t->frame.rip };
		return;
	}
	as_activate(t->as);
	fpu_switch(t);
	cpu_set_kernel_stack((uint64_t)(&t->frame + 1));
	x86_enter_user(&t->frame);
	if (t->frame.vector == VEC_SYSCALL)
		syscall_decode(&t->frame, tr);
	else
		trap_decode(&t->frame, tr);
	if (serial_rx_pending)
		serial_rx_deliver();
}

/* Console bytes the core could not take before may fit now (a reader has
 * emptied its ring): offer them first, and do not sleep if it took some. */
void arch_idle(void)
{
	if (serial_rx_pending && serial_rx_deliver())
		return;
	__asm__ volatile("sti; hlt; cli" : : : "memory");
	if (serial_rx_pending)
		serial_rx_deliver();
}
