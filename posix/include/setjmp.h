/*
 * Non-local jumps. A jmp_buf holds the callee-saved registers of the x86_64
 * System V ABI, the stack pointer and the return address; sigjmp_buf adds
 * the signal mask (which libc keeps, see <signal.h>).
 */
#ifndef _SETJMP_H
#define _SETJMP_H

typedef long jmp_buf[8];
typedef long sigjmp_buf[10];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
