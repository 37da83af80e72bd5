/*
 * The CPU's own tables and modes: the GDT (kernel and user segments in the
 * order sysret needs, and the TSS), the TSS (rsp0 for entries from user
 * mode, one IST stack for NMI, double fault and machine check), the IDT
 * (every vector to its stub in entry.S), the syscall MSRs, NX, SMEP/SMAP
 * when CPUID offers them, and SSE for user programs.
 *
 * The kernel itself is built without SSE, so user floating-point state is
 * touched only by fpu_save/fpu_restore when arch_run changes threads.
 */
#include "cpu.h"
#include "x86.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, attr;
	uint16_t off_mid;
	uint32_t off_hi, zero;
};

struct table_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

#define GATE_INTR 0x8e      /* present, DPL 0, 64-bit interrupt gate */
#define GATE_USER 0x60      /* DPL 3: int3 and into may be used from user mode */
#define SFMASK_BITS 0x47700 /* IF, TF, DF, NT, AC cleared on syscall */

static uint64_t gdt[8] = {
	0,
	0x00af9a000000ffff, /* SEL_KCODE: 64-bit, DPL 0 */
	0x00cf92000000ffff, /* SEL_KDATA */
	0x00cffa000000ffff, /* SEL_UBASE: 32-bit user code, never used */
	0x00cff2000000ffff, /* SEL_UDATA */
	0x00affa000000ffff, /* SEL_UCODE: 64-bit, DPL 3 */
	0,                  /* SEL_TSS: filled in by gdt_load */
	0,
};

static struct tss tss __attribute__((aligned(16)));
static struct idt_gate idt[256] __attribute__((aligned(16)));
static uint8_t ist_stack[ISTSTACK_SIZE] __attribute__((aligned(16)));
uint8_t fpu_initial[512] __attribute__((aligned(16)));
bool cpu_has_nx;

static void gdt_load(void)
{
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
	struct table_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };

	gdt[SEL_TSS / 8] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ull << 40 |
	                   ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[SEL_TSS / 8 + 1] = base >> 32;
	__asm__ volatile("lgdt %0\n"
	                 "pushq %1\n"
	                 "leaq 1f(%%rip), %%rax\n"
	                 "pushq %%rax\n"
	                 "lretq\n"
	                 "1: mov %2, %%eax\n"
	                 "mov %%eax, %%ds\n"
	                 "mov %%eax, %%es\n"
	                 "mov %%eax, %%ss\n"
	                 "ltr %w3\n"
	                 :
	                 : "m"(p), "i"(SEL_KCODE), "i"(SEL_KDATA), "r"(SEL_TSS)
	                 : "rax", "memory");
}

static void idt_set(unsigned vec, uint8_t ist, uint8_t attr)
{
	uint64_t a = (uint64_t)x86_entry_stubs + 16 * vec;

	idt[vec] = (struct idt_gate){
		.off_lo = (uint16_t)a,
		.sel = SEL_KCODE,
		.ist = ist,
		.attr = attr,
		.off_mid = (uint16_t)(a >> 16),
		.off_hi = (uint32_t)(a >> 32),
	};
}

static void idt_load(void)
{
	struct table_ptr p = { sizeof(idt) - 1, (uint64_t)idt };

	for (unsigned v = 0; v < 256; v++)
		idt_set(v, 0, GATE_INTR);
	idt_set(2, 1, GATE_INTR);  /* NMI */
	idt_set(8, 1, GATE_INTR);  /* double fault */
	idt_set(18, 1, GATE_INTR); /* machine check */
	idt_set(3, 0, GATE_INTR | GATE_USER);
	idt_set(4, 0, GATE_INTR | GATE_USER);
	__asm__ volatile("lidt %0" : : "m"(p));
}

static void syscall_init(void)
{
	wrmsr(MSR_STAR, (uint64_t)SEL_UBASE << 48 | (uint64_t)SEL_KCODE << 32);
	wrmsr(MSR_LSTAR, (uint64_t)x86_syscall_entry);
	wrmsr(MSR_SFMASK, SFMASK_BITS);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE | (cpu_has_nx ? EFER_NXE : 0));
}

/* SMEP and SMAP cost nothing: the kernel never touches user memory. */
static void features_init(void)
{
	uint32_t r[4];

	cpuid(0x80000000, 0, r);
	if (r[0] >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		cpu_has_nx = r[3] & (1u << 20);
	}
	cpuid(0, 0, r);
	if (r[0] >= 7) {
		uint64_t cr4 = read_cr4();

		cpuid(7, 0, r);
		if (r[1] & (1u << 7))
			cr4 |= CR4_SMEP;
		if (r[1] & (1u << 20))
			cr4 |= CR4_SMAP;
		write_cr4(cr4);
	}
}

static void fpu_init(void)
{
	write_cr0((read_cr0() & ~(uint64_t)(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("fninit");
	fpu_save(fpu_initial);
}

void fpu_save(void *area)
{
	__asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void fpu_restore(const void *area)
{
	__asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void cpu_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
	x86_entry_top = rsp0;
}

void cpu_init(void)
{
	tss.ist[0] = (uint64_t)ist_stack + sizeof(ist_stack);
	tss.iomap_base = sizeof(tss);
	gdt_load();
	idt_load();
	features_init();
	syscall_init();
	fpu_init();
}
