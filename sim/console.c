/*
 * The sim's console (ferrite-sim's stdout), the event trace (a file given
 * with --trace) and the way out (arch_halt).
 *
 * Rules: the trace holds only bytes the core wrote, so that two runs with
 * the same seed produce the same file; it is buffered and flushed at halt.
 * arch_halt leaves no child behind: every child is killed and reaped first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sim.h"

void arch_console_write(const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(STDOUT_FILENO, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

int sim_trace_open(const char *path)
{
	sim.trace = fopen(path, "we");
	if (!sim.trace)
		return -errno;
	setvbuf(sim.trace, NULL, _IOFBF, 1 << 16);
	return 0;
}

void arch_trace_write(const char *s, size_t len)
{
	if (sim.trace)
		fwrite(s, 1, len, sim.trace);
}

/*
 * _exit, not exit: the core's objects live in the boot heap, which the leak
 * checker of a sanitized build cannot see into, so it would report every
 * memory object still alive at halt as a leak.
 */
_Noreturn void arch_halt(int status)
{
	sim_as_kill_all();
	if (sim.trace && fclose(sim.trace))
		fprintf(stderr, "ferrite-sim: trace: write failed\n");
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}
