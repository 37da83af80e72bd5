/*
 * What a trap means. trap_decode turns the frame a user thread left on its
 * way into the kernel into the core's struct trap: a fault (reported with the same kinds and addresses the sim derives from
 * the host's signals), the timer, or a device interrupt (irq.c; an event).
 * x86_kernel_trap handles what arrives in kernel mode: the timer and device
 * interrupts while idle, and kernel
 * faults, which print the registers and a frame-pointer backtrace and stop
 * the machine.
 */
#include "cpu.h"
#include "x86.h"

#define MAX_BACKTRACE 32

extern char boot_stack[], boot_stack_top[];

static const char *const exception_names[32] = {
	"divide error",
	"debug",
	"NMI",
	"breakpoint",
	"overflow",
	"bound range",
	"invalid opcode",
	"device not available",
	"double fault",
	"coprocessor overrun",
	"invalid TSS",
	"segment not present",
	"stack fault",
	"general protection",
	"page fault",
	"reserved",
	"x87 error",
	"alignment check",
	"machine check",
	"SIMD error",
	"virtualization",
	"control protection",
};

static void fault(const struct x86_frame *f, struct trap *tr)
{
	uint32_t kind = FE_FAULT_OTHER;
	uint64_t addr = f->rip;

	switch (f->vector) {
	case VEC_PF:
		kind = FE_FAULT_PAGE;
		addr = read_cr2();
		break;
	case 12: /* stack fault */
	case 13: /* general protection: the sim's SIGSEGV, at address 0 */
	case 17: /* alignment check: SIGBUS */
		kind = FE_FAULT_PAGE;
		addr = 0;
		break;
	case 6:
		kind = FE_FAULT_ILLEGAL;
		break;
	case 0:
	case 16:
	case 19:
		kind = FE_FAULT_ARITH;
		break;
	}
	tr->kind = TRAP_FAULT;
	tr->exit = (struct fe_exit){
		.kind = FE_EXIT_FAULT, .code = (int32_t)kind, .addr = addr, .ip = f->rip
	};
}

/* Everything but a system call (which arch_run decodes itself, inline). */
void trap_decode(const struct x86_frame *f, struct trap *tr)
{
	if (f->vector < 32) {
		fault(f, tr);
	} else if (f->vector == VEC_TIMER) {
		lapic_eoi();
		timer_expired();
		tr->kind = TRAP_TIMER;
	} else {
		irq_dispatch(f->vector);
		tr->kind = TRAP_EVENT;
	}
}

static void reg(const char *name, uint64_t v, bool last)
{
	con_puts(name);
	con_puts(" ");
	con_hex(v);
	con_puts(last ? "\n" : "  ");
}

static void dump_regs(const struct x86_frame *f)
{
	reg("  rip", f->rip, false);
	reg("cs", f->cs, false);
	reg("rflags", f->rflags, true);
	reg("  rsp", f->rsp, false);
	reg("ss", f->ss, false);
	reg("error ", f->error, true);
	reg("  cr2", read_cr2(), false);
	reg("cr3", read_cr3(), false);
	reg("cr4", read_cr4(), true);
	reg("  rax", f->rax, false);
	reg("rbx", f->rbx, false);
	reg("rcx", f->rcx, false);
	reg("rdx", f->rdx, true);
	reg("  rsi", f->rsi, false);
	reg("rdi", f->rdi, false);
	reg("rbp", f->rbp, false);
	reg("r8 ", f->r8, true);
	reg("  r9 ", f->r9, false);
	reg("r10", f->r10, false);
	reg("r11", f->r11, false);
	reg("r12", f->r12, true);
	reg("  r13", f->r13, false);
	reg("r14", f->r14, false);
	reg("r15", f->r15, true);
}

static bool on_kernel_stack(uint64_t p)
{
	return p >= (uint64_t)boot_stack && p + 16 <= (uint64_t)boot_stack_top && !(p & 7);
}

static void backtrace(const struct x86_frame *f)
{
	uint64_t rbp = f->rbp;

	con_puts("backtrace (addr2line -e ferrite-x86_64.elf):\n  ");
	con_hex(f->rip);
	con_puts("\n");
	for (int i = 0; i < MAX_BACKTRACE && on_kernel_stack(rbp); i++) {
		const uint64_t *fp = (const uint64_t *)rbp;

		con_puts("  ");
		con_hex(fp[1]);
		con_puts("\n");
		rbp = fp[0];
	}
}

static _Noreturn void kernel_fault(const struct x86_frame *f)
{
	const char *name = f->vector < 32 ? exception_names[f->vector] : NULL;

	con_puts("\nferrite: kernel fault: vector ");
	con_dec(f->vector);
	con_puts(name ? " (" : "");
	con_puts(name ? name : "");
	con_puts(name ? ")\n" : "\n");
	dump_regs(f);
	backtrace(f);
	con_puts("ferrite: kernel panic\n");
	arch_halt(255);
}

void x86_kernel_trap(struct x86_frame *f)
{
	if (f->vector == VEC_TIMER) {
		lapic_eoi();
		timer_expired();
		return;
	}
	if (f->vector == 2)
		return;
	if (f->vector >= 32) {
		irq_dispatch(f->vector);
		return;
	}
	kernel_fault(f);
}
