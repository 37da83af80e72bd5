/*
 * The signals POSIX names, in the traditional numbering order of the host;
 * see signames.h.
 */
#include <signal.h>
#include <stdlib.h>
#include <strings.h>

#include "signames.h"

static const struct {
	const char *name;
	int num;
} signals[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },   { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS },   { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG },
};

#define NSIGNALS (int)(sizeof(signals) / sizeof(signals[0]))

int sig_number(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);

	if (name[0] >= '0' && name[0] <= '9')
		return *end == '\0' && n < 128 ? (int)n : -1;
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int i = 0; i < NSIGNALS; i++)
		if (strcasecmp(name, signals[i].name) == 0)
			return signals[i].num;
	return -1;
}

const char *sig_name(int num)
{
	for (int i = 0; i < NSIGNALS; i++)
		if (signals[i].num == num)
			return signals[i].name;
	return NULL;
}

const char *sig_at(int i, int *num)
{
	if (i < 0 || i >= NSIGNALS)
		return NULL;
	*num = signals[i].num;
	return signals[i].name;
}
