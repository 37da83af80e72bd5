/*
 * What the pieces of ferrite-loader share: the start-up code (loader.c),
 * the gate and its page protocol (gate.c) and the signal handlers
 * (signals.c).
 */
#ifndef FERRITE_SIM_LOADER_H
#define FERRITE_SIM_LOADER_H

#include "../gate.h"
#include "sys.h"

/* The calling thread's gate page: %gs points at it, and self sits at 64. */
static inline struct sim_gate *my_gate(void)
{
	struct sim_gate *g;

	__asm__ volatile("mov %%gs:64, %0" : "=r"(g));
	return g;
}

_Noreturn void loader_die(const char *msg);
/* SIM_OP_FILTER or SIM_OP_HOST: keep `fd` (only before the sandbox). */
int loader_take_fd(unsigned kind, int fd);

/* gate.c */
long sim_gate(long nr, long a0, long a1, long a2, long a3, long a4);
long sim_gate_call(long nr, long a0, long a1, long a2, long a3, long a4);
void gate_post(struct sim_gate *g, unsigned msg);
void gate_wait_run(struct sim_gate *g);
void gate_preempt_now(struct sim_gate *g);
_Noreturn void gate_report_fault(struct sim_gate *g, unsigned kind, int code, uint64_t addr,
                                 uint64_t ip, unsigned arch);
_Noreturn void gate_enter_user(struct sim_gate *g);

/* signals.c */
int signals_setup_thread(struct sim_gate *g);
int signals_install(void);

#endif
