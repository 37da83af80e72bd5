/*
 * Crossing between user mode and the kernel.
 *
 * The kernel has one stack and runs a thread "until it traps": arch_run()
 * calls x86_enter_user(frame), which saves the kernel's callee-saved
 * registers and stack pointer in x86_kernel_rsp, loads the thread's saved
 * registers and drops to user mode (sysretq after a system call, iretq
 * otherwise). Every way back — the syscall instruction, an exception, an
 * interrupt — saves the user registers into that same frame and "returns"
 * from x86_enter_user, so arch_run() simply reads the frame.
 *
 * The frame is reached without touching the kernel stack: TSS.rsp0 and
 * x86_entry_top point just past the running thread's struct x86_frame, so
 * the CPU's own pushes and the stubs' pushes fill it exactly.
 *
 * Interrupts and exceptions taken in kernel mode (the timer inside
 * arch_idle, or a kernel bug) and those on the IST stack (NMI, double
 * fault, machine check) go to x86_kernel_trap() on the current stack and
 * return with iretq.
 *
 * Rules: the kernel does not use %fs or %gs, so there is no swapgs; the
 * flags are reset (IF, DF, AC clear) on every way back into the kernel.
 */
#include "layout.h"

	.bss
	.balign 8
	.global x86_entry_top
x86_entry_top:
	.quad 0
x86_kernel_rsp:
	.quad 0
x86_user_rsp:
	.quad 0

	.text

.macro push_regs
	push %rax
	push %rbx
	push %rcx
	push %rdx
	push %rsi
	push %rdi
	push %rbp
	push %r8
	push %r9
	push %r10
	push %r11
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro pop_regs
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %r11
	pop %r10
	pop %r9
	pop %r8
	pop %rbp
	pop %rdi
	pop %rsi
	pop %rdx
	pop %rcx
	pop %rbx
	pop %rax
.endm

/* void x86_enter_user(struct x86_frame *f) */
	.global x86_enter_user
	.type x86_enter_user, @function
x86_enter_user:
	push %rbx
	push %rbp
	push %r12
	push %r13
	push %r14
	push %r15
	mov %rsp, x86_kernel_rsp(%rip)
	mov %rdi, %rsp
	cmpq $VEC_SYSCALL, FRAME_VECTOR(%rsp)
	je 1f
	pop_regs
	add $16, %rsp /* vector, error */
	iretq
1:	pop_regs
	mov FRAME_RIP - FRAME_VECTOR(%rsp), %rcx
	mov FRAME_RFLAGS - FRAME_VECTOR(%rsp), %r11
	mov FRAME_RSP - FRAME_VECTOR(%rsp), %rsp
	sysretq
	.size x86_enter_user, . - x86_enter_user

/* Back into x86_enter_user's caller, the user frame complete. */
to_kernel:
	mov x86_kernel_rsp(%rip), %rsp
	pushq $2
	popfq
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbp
	pop %rbx
	ret

/* syscall: rip in %rcx, rflags in %r11, still on the user stack. */
	.global x86_syscall_entry
	.type x86_syscall_entry, @function
x86_syscall_entry:
	mov %rsp, x86_user_rsp(%rip)
	mov x86_entry_top(%rip), %rsp
	pushq $USER_SS
	pushq x86_user_rsp(%rip)
	push %r11
	pushq $USER_CS
	push %rcx
	pushq $0
	pushq $VEC_SYSCALL
	push_regs
	jmp to_kernel
	.size x86_syscall_entry, . - x86_syscall_entry

/* Interrupts and exceptions. The stack holds vector, error, then the
 * hardware frame (rip, cs, rflags, rsp, ss). */
isr_common:
	testb $3, FRAME_CS - FRAME_VECTOR(%rsp)
	jz isr_kernel
	push_regs
	jmp to_kernel
isr_kernel:
	push_regs
	mov %rsp, %rdi
	call x86_kernel_trap
	pop_regs
	add $16, %rsp
	iretq

/* 256 stubs, 16 bytes apart from x86_entry_stubs: push a zero error code
 * where the CPU pushes none, push the vector, go to the common path. */
	.balign 16
	.global x86_entry_stubs
x86_entry_stubs:
vec = 0
.rept 256
	.balign 16
	.if !(vec == 8 || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30)
	pushq $0
	.endif
	pushq $vec
	.if vec == 2 || vec == 8 || vec == 18
	jmp isr_kernel /* on the IST stack: never a user frame */
	.else
	jmp isr_common
	.endif
vec = vec + 1
.endr
