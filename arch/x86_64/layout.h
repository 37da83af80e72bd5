/*
 * Constants shared by the port's C files and its assembly (boot.S,
 * entry.S): addresses, selectors, vectors, trap frame offsets. Only
 * #defines, so the assembler can include it. kernel.ld repeats KERNEL_VMA
 * and KERNEL_PHYS; keep them in step.
 */
#ifndef X86_LAYOUT_H
#define X86_LAYOUT_H

/* The kernel image: linked at KERNEL_VMA + KERNEL_PHYS, loaded at KERNEL_PHYS. */
#define KERNEL_VMA 0xffffffff80000000
#define KERNEL_PHYS 0x100000
/* All physical memory, mapped with 2 MiB pages (PML4 slot 256). */
#define DMAP_BASE 0xffff800000000000
#define DMAP_MAX (512ull << 30)
/* The top 32 MiB below 4 GiB, mapped uncached: the LAPIC and IOAPICs. */
#define MMIO_WINDOW 0xfe000000

/* User space: [USER_LO, USER_HI), then the gate page, then one unmapped page
 * below the end of the canonical lower half. */
#define USER_LO 0x10000
#define GATE_VA 0x7fffffffe000
#define USER_HI GATE_VA

/* GDT selectors. The order of the user ones is what sysret requires:
 * STAR[63:48] + 8 is the user stack segment and + 16 the 64-bit code. */
#define SEL_KCODE 0x08
#define SEL_KDATA 0x10
#define SEL_UBASE 0x18
#define SEL_UDATA 0x20
#define SEL_UCODE 0x28
#define SEL_TSS 0x30
#define USER_CS (SEL_UCODE | 3)
#define USER_SS (SEL_UDATA | 3)

/* Interrupt vectors. 0-31 are exceptions; the legacy PICs are moved to
 * 0x30-0x3f (and masked unless they are the interrupt controller). */
#define VEC_PF 14
#define VEC_PIC_BASE 0x30
#define VEC_TIMER 0x40
/* IOAPIC lines: GSI g on VEC_IRQ_BASE + g. */
#define VEC_IRQ_BASE 0x50
#define VEC_IRQ_LAST 0xef
#define VEC_SPURIOUS 0xff
/* Not hardware vectors: how a frame was made when no interrupt made it. */
#define VEC_SYSCALL 0x100
#define VEC_NEW 0x101

/* struct x86_frame (x86.h), in bytes. */
#define FRAME_VECTOR 120
#define FRAME_ERROR 128
#define FRAME_RIP 136
#define FRAME_CS 144
#define FRAME_RFLAGS 152
#define FRAME_RSP 160
#define FRAME_SS 168
#define FRAME_SIZE 176

/* The kernel's stack and the double-fault / NMI stack. */
#define KSTACK_SIZE 65536
#define ISTSTACK_SIZE 8192

#define MB2_BOOT_MAGIC 0x36d76289
#define PROTO_PVH 1
#define PROTO_MB2 2

#endif
