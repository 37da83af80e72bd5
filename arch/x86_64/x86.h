/*
 * What the files of the native x86_64 port share: the memory layout, the
 * segment selectors, the trap frame, and each file's entry points.
 *
 * Memory layout (virtual):
 *   [USER_LO, USER_HI)            user mappings (per address space)
 *   GATE_VA                       the gate page, in every address space
 *   DMAP_BASE + phys              all physical memory (the direct map)
 *   KERNEL_VMA + phys             the kernel image (loaded at 1 MiB)
 *
 * Rules: one CPU, the kernel runs with interrupts off except inside
 * arch_idle(); no code here ever dereferences a user address.
 */
#ifndef X86_X86_H
#define X86_X86_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch.h>

#include "layout.h"

#define PAGE 4096ull
#define PAGE_MASK (PAGE - 1)

static inline void *phys_to_virt(uint64_t pa)
{
	return (void *)(DMAP_BASE + pa);
}

static inline uint64_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DMAP_BASE;
}

/*
 * The registers of a user thread as saved on every entry to the kernel.
 * The hardware pushes the last five words; the entry stubs push the rest.
 * TSS.rsp0 points just past the running thread's frame, so an interrupt
 * from user mode lands straight in it.
 */
struct x86_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* ---- boot ---------------------------------------------------------------- */

#define BOOT_MAX_RANGES 64
#define BOOT_CMDLINE_MAX 1024

struct phys_range {
	uint64_t start, end;
};

/* What the boot protocol told us, copied out before memory is reused. */
struct boot_params {
	const char *protocol;
	struct phys_range ram[BOOT_MAX_RANGES];
	unsigned nram;
	char cmdline[BOOT_CMDLINE_MAX];
	uint64_t module_start, module_size; /* the boot archive, or 0 */
	uint64_t rsdp;                      /* ACPI RSDP from the loader, or 0 */
};

/* bootinfo.c: fill `bp` from the PVH start info or the multiboot2 info. */
void boot_params_read(uint32_t proto, uint64_t info_pa, struct boot_params *bp);

/* cmdline.c: turn the command line and the archive into the core's boot_info.
 * Halts with a message when init cannot be found. */
void boot_info_build(const struct boot_params *bp, struct boot_info *bi);
/* Whether `word` is one of the command line's options (before init=). */
bool cmdline_option(const char *cmdline, const char *word);

/* ---- ACPI (acpi.c) ---------------------------------------------------------- */

#define MAX_IOAPIC 8
#define ISA_IRQS 16

struct ioapic_info {
	uint64_t base; /* physical */
	uint32_t gsi_base;
};

/* Where an ISA IRQ arrives: its GSI and the MADT's MPS INTI flags
 * (polarity bits 0-1, trigger bits 2-3; 0 = the ISA default, high/edge). */
struct isa_route {
	uint32_t gsi;
	uint16_t flags;
};

struct irq_topology {
	const char *source; /* where it was learnt, for the boot banner */
	unsigned nioapic;
	struct ioapic_info ioapic[MAX_IOAPIC];
	struct isa_route isa[ISA_IRQS];
	bool pcat; /* the legacy 8259 pair is there */
};

extern struct irq_topology irq_topo;

/* Read the MADT (before the page allocator may reuse the loader's memory). */
void acpi_init(const struct boot_params *bp);

/* ---- device interrupts (irq.c) ----------------------------------------------- */

typedef void irq_handler_fn(void);

/* `pic` forces the 8259s even where there is an IOAPIC (kernel word noapic). */
void irq_init(bool pic);
/* Route ISA IRQ `irq` to `fn` and unmask it; false if it cannot be routed. */
bool irq_route_isa(unsigned irq, irq_handler_fn *fn);
/* An interrupt arrived on `vector` (>= 32, not the timer): run its handler,
 * acknowledge it. Interrupts are off. */
void irq_dispatch(uint64_t vector);
/* Which controller delivers device interrupts, for the boot banner. */
const char *irq_controller(void);

/* ---- console (console.c) -------------------------------------------------- */

void serial_init(void);
/* Take COM1's receive interrupt (after irq_init). */
void serial_rx_init(void);
/* Offer the bytes received but not yet taken to the core
 * (kernel_console_input); how many it took. Only where upcalls may happen:
 * in arch_run and arch_idle, with interrupts off. */
size_t serial_rx_deliver(void);
extern unsigned serial_rx_pending; /* bytes waiting for the core */
void con_puts(const char *s);
void con_hex(uint64_t v);
void con_dec(uint64_t v);

/* ---- cpu (cpu.c) ----------------------------------------------------------- */

extern bool cpu_has_nx;
void cpu_init(void);
void cpu_set_kernel_stack(uint64_t rsp0);
void fpu_save(void *area);
void fpu_restore(const void *area);
extern uint8_t fpu_initial[512];

/* ---- traps (trap.c) -------------------------------------------------------- */

/* A frame that is not a system call's (arch_run decodes those) → `tr`. */
void trap_decode(const struct x86_frame *f, struct trap *tr);
void x86_kernel_trap(struct x86_frame *f);

/* ---- entry.S ------------------------------------------------------------- */

extern const char x86_entry_stubs[];
void x86_syscall_entry(void);
void x86_enter_user(struct x86_frame *f);
extern uint64_t x86_entry_top;

/* ---- physical pages (pmm.c) ----------------------------------------------- */

void pmm_init(const struct boot_params *bp);
/* One zeroed page; 0 when none is left. */
uint64_t pmm_alloc(void);
void pmm_free(uint64_t pa);
/* `n` contiguous pages, not zeroed; 0 when there is no such run. */
uint64_t pmm_alloc_run(uint64_t n);
uint64_t pmm_total_bytes(void);
uint64_t pmm_free_pages(void);
void page_zero(void *page);

/* ---- fixed-size kernel objects (slab.c) ------------------------------------ */

struct slab {
	size_t size;
	void *free;
};

#define SLAB_INIT(type)                                 \
	{                                               \
		(sizeof(type) + 63) & ~(size_t)63, NULL \
	}
void *slab_alloc(struct slab *s);
void slab_free(struct slab *s, void *obj);

/* ---- memory objects (mem.c) ----------------------------------------------- */

/* The physical address of page `i` of `m`, or 0 past its end. */
uint64_t mem_page(const struct arch_mem *m, uint64_t i);

/* ---- paging (paging.c) ----------------------------------------------------- */

void paging_init(const struct boot_params *bp);
void gate_init(void);
void as_activate(struct arch_as *as);
void *mmio_map(uint64_t pa);

/* ---- time (time.c) --------------------------------------------------------- */

void time_init(void);
void lapic_eoi(void);
uint32_t lapic_id(void);
/* Let the 8259s' interrupts through LINT0 (virtual wire mode). */
void lapic_extint(void);
void timer_expired(void);

/* ---- lib.c --------------------------------------------------------------- */

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t x86_strlen(const char *s);

#endif
