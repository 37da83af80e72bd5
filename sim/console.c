/*
 * The sim's console (ferrite-sim's stdin and stdout), the event trace (a file
 * given with --trace) and the way out (arch_halt).
 *
 * Input is read by the event loop (loop.c) and handed to the kernel. When
 * stdin is a terminal it is put in raw mode for the sim's lifetime, so that
 * every key (Ctrl-C included) reaches Ferrite's shell, which does its own
 * line editing; output processing stays on, so "\n" still starts a line.
 * The terminal is restored however the sim ends: halt, or a fatal signal.
 *
 * Rules: the trace holds only bytes the core wrote, so that two runs with
 * the same seed produce the same file; it is buffered and flushed at halt.
 * arch_halt leaves no child behind: every child is killed and reaped first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "sim.h"

static struct termios saved_tty;
static bool tty_raw;

static void tty_restore(void)
{
	if (tty_raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	tty_raw = false;
}

static void tty_fatal(int sig)
{
	tty_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

bool sim_console_init(void)
{
	struct termios raw;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty) < 0)
		return false;
	raw = saved_tty;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | BRKINT | INPCK | ISTRIP);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0)
		return false;
	tty_raw = true;
	signal(SIGTERM, tty_fatal);
	signal(SIGHUP, tty_fatal);
	signal(SIGQUIT, tty_fatal);
	return true;
}

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
	tty_restore();
	if (sim.trace && fclose(sim.trace))
		fprintf(stderr, "ferrite-sim: trace: write failed\n");
	fflush(stdout);
	fflush(stderr);
	_exit(status);
}
