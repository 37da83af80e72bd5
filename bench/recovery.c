/*
 * bench/recovery: how long a killed server is away, as a client feels it.
 *
 * One sim run: init supervises pattern (daemons/pattern), readloop -k -s
 * (tests/crash/readloop.c) reads and checks pattern: at a steady pace (a
 * 60 ms virtual pause after each round), and ferrite-sim kills pattern
 * --kills times (--inject kill:pattern/every=CALLS), each a real SIGKILL of
 * its host process. The kills come more than a second of virtual time
 * apart, so each ends a healthy run and init restarts at once (its backoff
 * is for crash loops, which tests/crash/server-kills covers); pattern's
 * manifest keeps a standby spare, so the restart is a signal to a waiting
 * process, not a process start (without `standby` the figures grow by the
 * sim's process start, about 2 ms). For each kill
 * the sim reports (stderr, "served again after N us") the host wall-clock
 * time from the death (the sim sees the process gone) to the first reply
 * made by the new instance: init told, the spare told to take over, the
 * new instance registering and serving, the client's retry reaching it.
 * Wall-clock microseconds, because that is what a user waits.
 *
 *   recovery_kills        kills measured
 *   kill_to_death_median_us
 *                         the host's own time to end a SIGKILLed process,
 *                         not part of the recovery figures
 *   recovery_median_us    median of those times
 *   recovery_p99_us       99th percentile
 *   client_failures       operations readloop saw fail (libc's
 *                         transparent retry should leave none)
 *
 * Usage: recovery [--kills N] [--build DIR]
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define MAX_KILLS 100000
#define CALLS_BETWEEN 400 /* system calls between two kills */
#define ROUNDS_PER_KILL 200
#define PAUSE_US 60000 /* readloop's pause after each round */

struct config {
	unsigned kills;
	char build[PATH_MAX - 64];
};

static void usage(FILE *out)
{
	fprintf(out, "usage: recovery [--kills N] [--build DIR]\n"
	             "  --kills N    kill the server N times (default 200)\n"
	             "  --build DIR  the meson build directory (default build)\n");
}

static void parse(int argc, char **argv, struct config *c)
{
	c->kills = 200;
	snprintf(c->build, sizeof(c->build), "build");
	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(argv[i], "--kills") && i + 1 < argc) {
			unsigned long v = strtoul(argv[++i], &end, 10);

			if (*end || v == 0 || v > MAX_KILLS) {
				fprintf(stderr, "recovery: --kills: not a number in 1..%u\n",
				        MAX_KILLS);
				exit(2);
			}
			c->kills = (unsigned)v;
		} else if (!strcmp(argv[i], "--build") && i + 1 < argc) {
			snprintf(c->build, sizeof(c->build), "%s", argv[++i]);
		} else {
			fprintf(stderr, "recovery: bad argument '%s' (try --help)\n", argv[i]);
			exit(2);
		}
	}
}

/* The sim's command line; the daemons' manifests come from the source tree
 * (BENCH_SOURCE_DIR, set by meson) or ./daemons. */
static void command(const struct config *c, char *cmd, size_t cap)
{
	const char *src = getenv("BENCH_SOURCE_DIR");
	const char *b = c->build;

	src = src ? src : ".";
	snprintf(cmd, cap,
	         "%s/sim/ferrite-sim --seed 1 --inject kill:pattern/every=%u/count=%u "
	         "--module %s/daemons/console --module %s/daemons/console/console.svc "
	         "--module %s/daemons/pattern --module %s/daemons/pattern/pattern.svc "
	         "--module %s/tests/crash/readloop %s/daemons/init readloop -k -s %u %u "
	         "2>&1 </dev/null",
	         b, CALLS_BETWEEN, c->kills, b, src, b, src, b, b, PAUSE_US,
	         c->kills * ROUNDS_PER_KILL);
}

int main(int argc, char **argv)
{
	static uint64_t us[MAX_KILLS], dead[MAX_KILLS];
	static char cmd[12 * PATH_MAX], line[4096];
	struct config c;
	unsigned n = 0;
	unsigned long failures = 0;
	bool summary = false;
	FILE *p;
	int status;

	parse(argc, argv, &c);
	command(&c, cmd, sizeof(cmd));
	p = popen(cmd, "r");
	if (!p)
		die("popen");
	while (fgets(line, sizeof(line), p)) {
		const char *at = strstr(line, "served again after ");
		const char *d = strstr(line, "(dead ");
		const char *sum =
			strncmp(line, "readloop: ", 10) ? NULL : strstr(line, "checked, ");

		if (at && d && n < MAX_KILLS) {
			dead[n] = strtoull(d + 6, NULL, 10);
			us[n++] = strtoull(at + 19, NULL, 10);
		}
		if (sum) {
			failures = strtoul(sum + 9, NULL, 10);
			summary = true;
		}
	}
	status = pclose(p);
	if (!summary || n == 0) {
		fprintf(stderr, "recovery: the run failed (status %d): %s\n", status, cmd);
		return 1;
	}
	printf("recovery_kills: %u\n", n);
	printf("kill_to_death_median_us: %.0f\n", median(dead, (int)n));
	printf("recovery_median_us: %.0f\n", median(us, (int)n));
	printf("recovery_p99_us: %llu\n", (unsigned long long)us[(n * 99) / 100]);
	printf("client_failures: %lu\n", failures);
	return 0;
}
