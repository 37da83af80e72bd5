/*
 * abort: raise SIGABRT; if a handler returns (or the signal is ignored or
 * blocked), end the process as SIGABRT's default action would. Output
 * buffers are not flushed, as with glibc.
 */
#include <signal.h>
#include <stdlib.h>

#include <ferrite/sys.h>

#include "../libc.h"

_Noreturn void abort(void)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	sigset_t abrt = 1ul << SIGABRT;

	raise(SIGABRT);
	sigaction(SIGABRT, &dfl, NULL);
	sigprocmask(SIG_UNBLOCK, &abrt, NULL);
	raise(SIGABRT);
	fe_exit(FE_SIGEXIT_BASE + SIGABRT);
}
