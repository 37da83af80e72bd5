/*
 * The runtime's private interface between crt0 and the rest of posix/rt:
 * where the gate lives and who calls main.
 */
#ifndef FERRITE_RT_H
#define FERRITE_RT_H

typedef long (*fe_gate_fn)(long nr, long a0, long a1, long a2, long a3, long a4);

/* The kernel's gate, found in the auxiliary vector before main runs. */
extern fe_gate_fn fe_rt_gate;

/* Called by _start with the initial stack pointer. */
_Noreturn void fe_rt_start(long *sp);

int main(int argc, char **argv, char **envp);

#endif
