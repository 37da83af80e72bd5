/*
 * ferrite-loader's assembly: process entry, signal return, thread creation,
 * thread exit and the jump into user code. Everything here must work with
 * no usable stack of its own or on a stack that is about to disappear, which
 * is why it is not C.
 */
#include "../gate_ctx.h"

	.text

/* Process entry: the Linux initial stack is at %rsp. */
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call loader_main
	ud2
	.size _start, . - _start

/* rt_sigaction's sa_restorer: return from a signal handler. */
	.globl sim_restorer
	.type sim_restorer, @function
sim_restorer:
	mov $15, %eax		/* rt_sigreturn */
	syscall
	ud2
	.size sim_restorer, . - sim_restorer

/*
 * long sim_clone(unsigned long flags, void *stack_top, void (*fn)(void *),
 *                void *arg)
 * Start a thread that calls fn(arg) on stack_top; fn never returns.
 * Returns the new thread's id, or a negative errno.
 */
	.globl sim_clone
	.type sim_clone, @function
sim_clone:
	and $-16, %rsi
	sub $16, %rsi
	mov %rdx, 0(%rsi)	/* fn */
	mov %rcx, 8(%rsi)	/* arg */
	xor %edx, %edx		/* parent_tid */
	xor %r10d, %r10d	/* child_tid */
	xor %r8d, %r8d		/* tls */
	mov $56, %eax		/* clone */
	syscall
	test %rax, %rax
	jnz 1f
	xor %ebp, %ebp
	pop %rax
	pop %rdi
	call *%rax
	ud2
1:	ret
	.size sim_clone, . - sim_clone

/*
 * _Noreturn void sim_unmap_and_exit(uint64_t addr, uint64_t len)
 * Unmap the calling thread's region (its stacks and gate page) and end the
 * thread. No memory is touched after the munmap.
 */
	.globl sim_unmap_and_exit
	.type sim_unmap_and_exit, @function
sim_unmap_and_exit:
	mov $11, %eax		/* munmap */
	syscall
	xor %edi, %edi
	mov $60, %eax		/* exit (this thread only) */
	syscall
	ud2
	.size sim_unmap_and_exit, . - sim_unmap_and_exit

/*
 * _Noreturn void sim_enter_user(uint64_t entry, uint64_t sp, uint64_t arg)
 * Start user code as the System V process entry expects: %rsp at the
 * initial stack, %rdi = arg, %rdx = 0 (no exit handler), and nothing of the
 * loader left in the other registers.
 */
	.globl sim_enter_user
	.type sim_enter_user, @function
sim_enter_user:
	mov %rsi, %rsp
	mov %rdi, %rax
	mov %rdx, %rdi
	xor %edx, %edx
	xor %esi, %esi
	xor %ecx, %ecx
	xor %ebx, %ebx
	xor %ebp, %ebp
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r11d, %r11d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	jmp *%rax
	.size sim_enter_user, . - sim_enter_user

/*
 * long sim_gate(long nr, long a0, long a1, long a2, long a3, long a4)
 * The gate (AT_FERRITE_GATE). It keeps the caller's callee-saved registers
 * and stack pointer in the gate page, where the kernel can copy them into a
 * forked child, and goes on in C (gate.c).
 */
	.globl sim_gate
	.type sim_gate, @function
sim_gate:
	mov %rbx, %gs:SIM_GATE_CTX + 0
	mov %rbp, %gs:SIM_GATE_CTX + 8
	mov %r12, %gs:SIM_GATE_CTX + 16
	mov %r13, %gs:SIM_GATE_CTX + 24
	mov %r14, %gs:SIM_GATE_CTX + 32
	mov %r15, %gs:SIM_GATE_CTX + 40
	mov %rsp, %gs:SIM_GATE_CTX + 48
	jmp sim_gate_call
	.size sim_gate, . - sim_gate

/*
 * Where a forked child's first thread starts (sim_enter_user jumps here):
 * the registers its parent had when it called the gate, and 0 as the
 * gate's result.
 */
	.globl sim_fork_return
	.type sim_fork_return, @function
sim_fork_return:
	mov %gs:SIM_GATE_CTX + 0, %rbx
	mov %gs:SIM_GATE_CTX + 8, %rbp
	mov %gs:SIM_GATE_CTX + 16, %r12
	mov %gs:SIM_GATE_CTX + 24, %r13
	mov %gs:SIM_GATE_CTX + 32, %r14
	mov %gs:SIM_GATE_CTX + 40, %r15
	mov %gs:SIM_GATE_CTX + 48, %rsp
	xor %eax, %eax
	ret
	.size sim_fork_return, . - sim_fork_return

	.section .note.GNU-stack, "", @progbits
