/*
 * The first instructions: the two ways in, and the road to 64-bit C.
 *
 * Two boot protocols reach the same 32-bit code, both in protected mode
 * with paging off and no stack:
 *   PVH (QEMU -kernel, Xen): the XEN_ELFNOTE_PHYS32_ENTRY note names
 *     pvh_entry; %ebx holds the physical address of the hvm_start_info.
 *   multiboot2 (GRUB): the header below; the ELF entry is mb2_entry;
 *     %eax holds MB2_BOOT_MAGIC and %ebx the physical address of the info.
 *
 * boot32 then zeroes .bss, builds the boot page tables (the first 4 GiB
 * mapped identically and at DMAP_BASE, the first 1 GiB at KERNEL_VMA, all
 * with 2 MiB pages), enables PAE, long mode and paging, and far-jumps to
 * 64-bit code, which moves to the higher half and calls
 * x86_main(protocol, info physical address). paging.c later removes the
 * identity mapping and keeps the rest as the kernel's own page tables.
 *
 * Rules: the code in .boot.* runs at its physical address (linked there);
 * everything else is linked at KERNEL_VMA + its physical address, so 32-bit
 * code reaches it as `symbol - KERNEL_VMA`.
 */
#include "layout.h"

#define PHYS(x) ((x) - KERNEL_VMA)
#define MB2_MAGIC 0xe85250d6
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80
#define CR0_PE 0x1
#define CR0_WP 0x10000
#define CR0_PG 0x80000000
#define CR4_PAE 0x20
#define MSR_EFER 0xc0000080
#define EFER_LME 0x100

	.section .boot.header, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long 0 /* i386 protected mode */
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + (mb2_header_end - mb2_header))
	/* the end tag: no other requests */
	.balign 8
	.short 0, 0
	.long 8
mb2_header_end:

	.section .note.pvh, "a", @note
	.balign 4
	.long 4 /* name size: "Xen\0" */
	.long 4 /* descriptor size */
	.long 18 /* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.balign 4
	.long pvh_entry
	.balign 4

	.section .boot.text, "ax"
	.code32
	.global pvh_entry
pvh_entry:
	cli
	mov $PROTO_PVH, %ebp
	mov %ebx, %esi
	jmp boot32

	.global mb2_entry
mb2_entry:
	cli
	cmp $MB2_BOOT_MAGIC, %eax
	jne 1f
	mov $PROTO_MB2, %ebp
	mov %ebx, %esi
	jmp boot32
1:	hlt
	jmp 1b

/* %ebp = protocol, %esi = info; both survive to x86_main. */
boot32:
	cld
	mov $PHYS(boot_stack_top), %esp
	/* .bss: the loader should have zeroed it, but nothing depends on that */
	mov $PHYS(__bss_start), %edi
	mov $PHYS(__bss_end), %ecx
	sub %edi, %ecx
	shr $2, %ecx
	xor %eax, %eax
	rep stosl
	call map_boot
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $PHYS(boot_pml4), %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov %cr0, %eax
	or $(CR0_PG | CR0_WP | CR0_PE), %eax
	mov %eax, %cr0
	lgdt boot_gdtr
	ljmp $SEL_KCODE, $long_entry

/* 2048 2 MiB pages covering 0..4 GiB, shared by the identity and direct maps;
 * the first 1 GiB of them also at KERNEL_VMA (PML4 511, PDPT 510). */
map_boot:
	mov $PHYS(boot_pd), %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
	xor %edx, %edx
	mov $2048, %ecx
1:	mov %eax, (%edi)
	mov %edx, 4(%edi)
	add $0x200000, %eax
	adc $0, %edx
	add $8, %edi
	loop 1b
	mov $PHYS(boot_pdpt_low), %edi
	mov $(PHYS(boot_pd) + PTE_P + PTE_W), %eax
	mov $4, %ecx
2:	mov %eax, (%edi)
	add $4096, %eax
	add $8, %edi
	loop 2b
	movl $(PHYS(boot_pd) + PTE_P + PTE_W), PHYS(boot_pdpt_high) + 510 * 8
	mov $(PHYS(boot_pdpt_low) + PTE_P + PTE_W), %eax
	mov %eax, PHYS(boot_pml4)
	mov %eax, PHYS(boot_pml4) + 256 * 8
	movl $(PHYS(boot_pdpt_high) + PTE_P + PTE_W), PHYS(boot_pml4) + 511 * 8
	ret

	.code64
long_entry:
	mov $SEL_KDATA, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	movabs $high_entry, %rax
	jmp *%rax

	.text
	.cfi_sections .debug_frame
	.type high_entry, @function
high_entry:
	.cfi_startproc
	.cfi_undefined rip /* the outermost frame, for debuggers */
	movabs $boot_stack_top, %rsp
	mov %ebp, %edi /* the protocol */
	mov %esi, %esi /* the info address, zero-extended */
	xor %ebp, %ebp /* the end of every backtrace */
	call x86_main
1:	cli
	hlt
	jmp 1b
	.cfi_endproc
	.size high_entry, . - high_entry

	.section .boot.rodata, "a"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff /* SEL_KCODE: 64-bit code */
	.quad 0x00cf92000000ffff /* SEL_KDATA */
boot_gdt_end:
boot_gdtr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.bss
	.balign 4096
	.global boot_pml4, boot_pdpt_low, boot_pdpt_high, boot_pd
boot_pml4:
	.skip 4096
boot_pdpt_low:
	.skip 4096
boot_pdpt_high:
	.skip 4096
boot_pd:
	.skip 4 * 4096
	/* left unmapped by paging.c: an overflow of the stack below faults
	 * (a double fault, on the IST stack) instead of corrupting memory */
	.global boot_stack_guard
boot_stack_guard:
	.skip 4096
	.global boot_stack, boot_stack_top
boot_stack:
	.skip KSTACK_SIZE
boot_stack_top:
