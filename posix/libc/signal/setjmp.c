/*
 * setjmp and longjmp for x86_64. A jmp_buf holds rbx, rbp, r12-r15, the
 * stack pointer as it is after setjmp returns, and the return address;
 * longjmp restores them and "returns" from setjmp again with a non-zero
 * value. sigsetjmp also records the signal mask (when asked to) in slots 8
 * and 9, which siglongjmp puts back before jumping.
 */
#include <setjmp.h>
#include <signal.h>

extern sigset_t __fe_sigmask;

__asm__(".text\n"
        ".global setjmp, _setjmp\n"
        ".type setjmp, @function\n"
        ".type _setjmp, @function\n"
        "setjmp:\n"
        "_setjmp:\n"
        "	mov %rbx, 0(%rdi)\n"
        "	mov %rbp, 8(%rdi)\n"
        "	mov %r12, 16(%rdi)\n"
        "	mov %r13, 24(%rdi)\n"
        "	mov %r14, 32(%rdi)\n"
        "	mov %r15, 40(%rdi)\n"
        "	lea 8(%rsp), %rdx\n"
        "	mov %rdx, 48(%rdi)\n"
        "	mov (%rsp), %rdx\n"
        "	mov %rdx, 56(%rdi)\n"
        "	xor %eax, %eax\n"
        "	ret\n"
        ".size setjmp, . - setjmp\n"
        ".size _setjmp, . - _setjmp\n"
        "\n"
        ".global longjmp, _longjmp\n"
        ".type longjmp, @function\n"
        ".type _longjmp, @function\n"
        "longjmp:\n"
        "_longjmp:\n"
        "	mov %esi, %eax\n"
        "	test %eax, %eax\n"
        "	jnz 1f\n"
        "	inc %eax\n"
        "1:\n"
        "	mov 0(%rdi), %rbx\n"
        "	mov 8(%rdi), %rbp\n"
        "	mov 16(%rdi), %r12\n"
        "	mov 24(%rdi), %r13\n"
        "	mov 32(%rdi), %r14\n"
        "	mov 40(%rdi), %r15\n"
        "	mov 48(%rdi), %rsp\n"
        "	jmp *56(%rdi)\n"
        ".size longjmp, . - longjmp\n"
        ".size _longjmp, . - _longjmp\n"
        "\n"
        ".global sigsetjmp\n"
        ".type sigsetjmp, @function\n"
        "sigsetjmp:\n"
        "	movslq %esi, %rdx\n"
        "	mov %rdx, 72(%rdi)\n"
        "	test %esi, %esi\n"
        "	jz setjmp\n"
        "	mov __fe_sigmask(%rip), %rdx\n"
        "	mov %rdx, 64(%rdi)\n"
        "	jmp setjmp\n"
        ".size sigsetjmp, . - sigsetjmp\n");

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env[9])
		sigprocmask(SIG_SETMASK, (const sigset_t *)&env[8], NULL);
	longjmp(env, val);
}
