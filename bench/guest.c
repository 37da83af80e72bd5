/* Running a Ferrite program under init in the sim, and timing it (guest.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
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

void time_host_and_guest(int batches, char *const host[], char *const modules[],
                         char *const guest[], double median_ns[2])
{
	char *sim[GUEST_ARGV_MAX];
	uint64_t *ns = calloc(2 * (size_t)batches, sizeof(*ns));

	if (!ns)
		die("calloc");
	guest_argv(sim, modules, guest);
	/* The host's batches before and after the guest's, so that a change in
	 * the machine's load during the run weighs on both sides alike. */
	if (time_batches(host, batches, ns) < 0 || time_batches(sim, batches, ns + batches) < 0)
		exit(1);
	median_ns[1] = median(ns + batches, batches);
	if (time_batches(host, batches, ns + batches) < 0)
		exit(1);
	median_ns[0] = median(ns, 2 * batches);
	free(ns);
}
