/*
 * kill: send a signal to processes.
 *
 *   kill [-s NAME | -NAME | -NUMBER] PID...   (the default signal is TERM)
 *   kill -l [STATUS]                           list signal names
 *
 * Names are taken with or without "SIG", in any case. A PID below -1 names
 * a process group. The kernel decides who may be signalled: the processes
 * of the caller's session and its descendants, or any with the signal
 * grant (docs/abi.md).
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "signames.h"
#include "tool.h"

static const char usage[] = "usage: kill [-s SIGNAL | -SIGNAL] PID...\n"
			    "       kill -l [EXIT-STATUS]\n"
			    "Send SIGNAL (default TERM) to each PID.\n"
			    "  -s SIGNAL   a name (KILL, SIGKILL, kill) or a number\n"
			    "  -l          list the signal names, or name the signal\n"
			    "              that caused EXIT-STATUS (e.g. 137 -> KILL)\n";

static int list(int argc, char **argv)
{
	long n;
	const char *name;

	if (argc == 0) {
		int num;

		for (int i = 0; (name = sig_at(i, &num)) != NULL; i++)
			printf("%2d %s\n", num, name);
		return 0;
	}
	if (tool_parse_long(argv[0], &n) < 0)
		tool_usage_error("invalid exit status '%s'", argv[0]);
	name = sig_name((int)(n > 128 ? n - 128 : n));
	if (!name) {
		tool_warn("unknown signal %ld", n);
		return 1;
	}
	puts(name);
	return 0;
}

static int send(int sig, const char *arg)
{
	long pid;

	if (tool_parse_long(arg, &pid) < 0) {
		tool_warn("invalid process id '%s'", arg);
		return 1;
	}
	if (kill((pid_t)pid, sig) < 0) {
		tool_warn("(%ld): %s", pid, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, sig = SIGTERM, status = 0;

	tool_init("kill", usage, argc, argv);
	if (i < argc && strcmp(argv[i], "-l") == 0)
		return list(argc - 2, argv + 2);
	if (i < argc && strcmp(argv[i], "-s") == 0) {
		if (i + 1 >= argc)
			tool_usage_error("option requires an argument -- 's'");
		sig = sig_number(argv[i + 1]);
		if (sig < 0)
			tool_usage_error("invalid signal '%s'", argv[i + 1]);
		i += 2;
	} else if (i < argc && argv[i][0] == '-' && isalnum((unsigned char)argv[i][1])) {
		sig = sig_number(argv[i] + 1);
		if (sig < 0)
			tool_usage_error("invalid signal '%s'", argv[i] + 1);
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i == argc)
		tool_usage_error("no process id given");
	for (; i < argc; i++)
		status |= send(sig, argv[i]);
	return status;
}
