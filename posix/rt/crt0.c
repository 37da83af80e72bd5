/*
 * crt0: the first code of every Ferrite program.
 *
 * The kernel starts a process at _start with the System V x86_64 initial
 * stack: rsp -> argc, argv[0..argc-1], NULL, envp..., NULL, then auxv
 * (type, value) pairs ending with AT_NULL. _start clears the frame pointer,
 * aligns the stack and calls fe_rt_start, which finds the gate
 * (AT_FERRITE_GATE), sets up the environment, runs the constructors and main
 * and passes main's result to exit. A process started without a gate cannot
 * make any call, so it stops with an illegal instruction, which the kernel
 * reports as a fault.
 *
 * The environment: the kernel passes a spawner's arguments verbatim and an
 * empty envp, so libc's spawners append the environment to argv followed by
 * a marker "\036env:N" (N = how many strings are environment); crt0 takes
 * them off argv again (docs/libc.md).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ferrite/abi.h>
#include <ferrite/sys.h>

#include "rt.h"

#define AT_NULL 0
#define ENV_MARK "\036env:"

fe_gate_fn fe_rt_gate;
char **environ;
const char *__fe_argv0; /* for messages: err(), assert() */

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

/* The linker's bounds of the constructor table (empty if none). */
extern void (*__init_array_start[])(int, char **, char **) __attribute__((weak));
extern void (*__init_array_end[])(int, char **, char **) __attribute__((weak));

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

/* The count in a marker "\036env:N", or -1 if `s` is not one. */
static long env_marker(const char *s)
{
	long n = 0;

	if (strncmp(s, ENV_MARK, sizeof(ENV_MARK) - 1) != 0)
		return -1;
	s += sizeof(ENV_MARK) - 1;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/* Take the environment off the end of argv: shift its pointers up one slot
 * over the marker so that argv ends with NULL and environ follows it. */
static int split_env(int argc, char **argv)
{
	long n = argc > 1 ? env_marker(argv[argc - 1]) : -1;
	int first;

	if (n < 0 || n > argc - 2)
		return argc;
	first = argc - 1 - (int)n;
	for (long i = n - 1; i >= 0; i--)
		argv[first + 1 + i] = argv[first + i];
	argv[first] = NULL;
	environ = argv + first + 1;
	return first;
}

static void run_constructors(int argc, char **argv)
{
	size_t n = (size_t)(__init_array_end - __init_array_start);

	for (size_t i = 0; i < n; i++)
		__init_array_start[i](argc, argv, environ);
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
	environ = envp;
	argc = split_env(argc, argv);
	__fe_argv0 = argc > 0 ? argv[0] : "";
	run_constructors(argc, argv);
	exit(main(argc, argv, environ));
}
