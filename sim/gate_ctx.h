/*
 * Where the gate saves its caller's callee-saved registers in the gate page
 * (struct sim_gate's ctx[]), for fork: a forked thread starts by restoring
 * them and returning 0 from the gate. A separate header because the
 * loader's assembly needs the number too.
 */
#ifndef FERRITE_SIM_GATE_CTX_H
#define FERRITE_SIM_GATE_CTX_H

/* rbx, rbp, r12, r13, r14, r15, then rsp at the gate's entry (pointing at
 * the caller's return address). */
#define SIM_GATE_CTX 144
#define SIM_GATE_CTX_WORDS 7

#endif
