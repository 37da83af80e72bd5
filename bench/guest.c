/* The command that runs a Ferrite program under init in the sim (guest.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_config.h"
#include "guest.h"

static void add(char **argv, int *n, char *arg)
{
	if (*n >= GUEST_ARGV_MAX - 1) {
		fprintf(stderr, "%s: the sim's command line is too long\n",
		        program_invocation_short_name);
		exit(2);
	}
	argv[(*n)++] = arg;
}

void guest_argv(char **argv, char *const modules[], char *const args[])
{
	static char *const system[] = { SYSTEM_MODULES, NULL };
	int n = 0;

	add(argv, &n, FERRITE_SIM);
	add(argv, &n, "--seed");
	add(argv, &n, "1");
	for (int i = 0; system[i]; i++) {
		add(argv, &n, "--module");
		add(argv, &n, system[i]);
	}
	for (int i = 0; modules[i]; i++) {
		add(argv, &n, "--module");
		add(argv, &n, modules[i]);
	}
	add(argv, &n, INIT_PROGRAM);
	for (int i = 0; args[i]; i++)
		add(argv, &n, args[i]);
	argv[n] = NULL;
}
