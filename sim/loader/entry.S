/*
 * ferrite-loader's assembly: process entry, signal return, thread creation,
 * thread exit and the jump into user code. Everything here must work with
 * no usable stack of its own or on a stack that is about to disappear, which
 * is why it is not C.
 */
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

	.section .note.GNU-stack, "", @progbits
