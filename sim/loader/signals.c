/*
 * The child's signal handlers. They all run on the thread's signal stack
 * (inside its region), so they work whatever user code did to its own stack.
 *
 *   SIGSYS (a call the sandbox forbids), SIGSEGV, SIGBUS, SIGILL, SIGFPE:
 *     report the fault to the kernel through the gate page as a sim message
 *     (not a Ferrite call) and never return; the kernel kills the process.
 *   SIM_SIG_PREEMPT (sent by the kernel to a thread that has computed too
 *     long without a call): if it hit user code, stop there in the gate until
 *     the kernel runs the thread again, then return to the user code. If it
 *     hit the loader's own code, the thread is already on its way into or out
 *     of the gate: note it, and the gate stops on its way out. The kernel
 *     repeats the signal until it is answered, which closes the window
 *     between that check and the return to user code.
 *
 * Rules: handlers use only the host calls the sandbox allows; the
 * preemption handler is SA_NODEFER so a thread it starts never inherits a
 * blocked SIM_SIG_PREEMPT.
 */
#include <ferrite/abi.h>

#include "loader.h"

#define SA_NODEFER 0x40000000

extern const char __executable_start[];
extern const char etext[];

static uint64_t uc_ip(void *uc)
{
	return *(uint64_t *)((char *)uc + UC_RIP);
}

static uint64_t si_field(void *si, unsigned off)
{
	return *(uint64_t *)((char *)si + off);
}

static void on_fault(int sig, void *si, void *uc)
{
	struct sim_gate *g = my_gate();
	uint64_t ip = uc_ip(uc);
	uint64_t addr = si_field(si, SI_ADDR);
	int kind = FE_FAULT_OTHER;

	if (sig == SIGSYS) {
		int nr = *(int *)((char *)si + SI_SYSCALL);
		unsigned arch = *(unsigned *)((char *)si + SI_SYSCALL + 4);

		gate_report_fault(g, FE_EXIT_SANDBOX, nr, addr, ip, arch);
	}
	if (sig == SIGSEGV || sig == SIGBUS)
		kind = FE_FAULT_PAGE;
	else if (sig == SIGILL)
		kind = FE_FAULT_ILLEGAL;
	else if (sig == SIGFPE)
		kind = FE_FAULT_ARITH;
	gate_report_fault(g, FE_EXIT_FAULT, kind, addr, ip, 0);
}

static void on_preempt(int sig, void *si, void *uc)
{
	struct sim_gate *g = my_gate();
	uint64_t ip = uc_ip(uc);

	if (ip >= (uint64_t)__executable_start && ip < (uint64_t)etext) {
		g->preempt_pending = 1;
		return;
	}
	gate_preempt_now(g);
}

static int install(int sig, void (*fn)(int, void *, void *), unsigned long flags)
{
	struct k_sigaction sa = {
		.handler = fn,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER | flags,
		.restorer = sim_restorer,
		.mask = 0,
	};

	return (int)sys6(NR_rt_sigaction, sig, (long)&sa, 0, sizeof(sa.mask), 0, 0);
}

int signals_install(void)
{
	static const int faults[] = { SIGSYS, SIGSEGV, SIGBUS, SIGILL, SIGFPE };

	uint64_t none = 0;

	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++)
		if (install(faults[i], on_fault, 0) < 0)
			return -1;
	if (install(SIM_SIG_PREEMPT, on_preempt, SA_RESTART | SA_NODEFER) < 0)
		return -1;
	/* ferrite-sim started us with SIM_SIG_PREEMPT blocked. */
	return (int)sys6(NR_rt_sigprocmask, SIG_SETMASK, (long)&none, 0, sizeof(none), 0, 0);
}

/* Per thread: %gs at the gate page, and the signal stack in the region. */
int signals_setup_thread(struct sim_gate *g)
{
	struct k_stack ss = {
		.sp = (char *)g + SIM_ALTSTACK_OFF,
		.flags = 0,
		.size = SIM_ALTSTACK_SIZE,
	};

	if (sys3(NR_arch_prctl, ARCH_SET_GS, (long)g, 0) < 0)
		return -1;
	return sys3(NR_sigaltstack, (long)&ss, 0, 0) < 0 ? -1 : 0;
}
