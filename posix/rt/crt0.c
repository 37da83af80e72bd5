/*
 * crt0: the first code of every Ferrite program.
 *
 * The kernel starts a process at _start with the System V x86_64 initial
 * stack: rsp -> argc, argv[0..argc-1], NULL, envp..., NULL, then auxv
 * (type, value) pairs ending with AT_NULL. _start clears the frame pointer,
 * aligns the stack and calls fe_rt_start, which finds the gate
 * (AT_FERRITE_GATE), runs main and passes its result to fe_exit. A process
 * started without a gate cannot make any call, so it stops with an illegal
 * instruction, which the kernel reports as a fault.
 */
#include <stdint.h>

#include <ferrite/abi.h>
#include <ferrite/sys.h>

#include "rt.h"

#define AT_NULL 0

fe_gate_fn fe_rt_gate;

__asm__(".text\n"
        ".global _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "	xor %ebp, %ebp\n"
        "	mov %rsp, %rdi\n"
        "	and $-16, %rsp\n"
        "	call fe_rt_start\n"
        "	ud2\n"
        ".size _start, . - _start\n");

static long *skip_vector(long *p)
{
	while (*p)
		p++;
	return p + 1;
}

static fe_gate_fn find_gate(long *auxv)
{
	for (; auxv[0] != AT_NULL; auxv += 2)
		if ((unsigned long)auxv[0] == AT_FERRITE_GATE)
			return (fe_gate_fn)auxv[1];
	return 0;
}

_Noreturn void fe_rt_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	long *auxv = skip_vector((long *)envp);

	fe_rt_gate = find_gate(auxv);
	if (!fe_rt_gate)
		__builtin_trap();
	fe_exit(main(argc, argv, envp));
}
