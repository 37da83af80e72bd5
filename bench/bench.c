/* The benches' shared helpers (bench.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define COUNT_MAX 1000000000L

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

double median(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* Takes opt's value v; false if it is not a valid one. */
static bool take(const struct bench_opt *opt, const char *v)
{
	char *end;

	if (opt->str)
		return snprintf(opt->str, opt->size, "%s", v) < (int)opt->size;
	*opt->num = strtol(v, &end, 10);
	return *v && !*end && *opt->num > 0 && *opt->num <= COUNT_MAX;
}

void parse_opts(int argc, char **argv, const struct bench_opt *opts, const char *usage)
{
	for (int i = 1; i < argc; i += 2) {
		const struct bench_opt *o = opts;

		if (!strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			exit(0);
		}
		while (o->name && (strncmp(argv[i], "--", 2) || strcmp(argv[i] + 2, o->name)))
			o++;
		if (!o->name || i + 1 >= argc || !take(o, argv[i + 1])) {
			fprintf(stderr, "%s: bad argument '%s'\n%s", program_invocation_short_name,
			        argv[i], usage);
			exit(2);
		}
	}
}

void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what, strerror(errno));
	exit(1);
}

/* Starts argv with its stdout on a pipe; returns the pipe's read end. */
static FILE *start(char *const argv[], pid_t *pid)
{
	int fds[2];

	if (pipe(fds) < 0)
		die("pipe");
	fflush(NULL);
	*pid = fork();
	if (*pid < 0)
		die("fork");
	if (*pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		fprintf(stderr, "%s: cannot run %s: %s\n", program_invocation_short_name, argv[0],
		        strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	return fdopen(fds[0], "r");
}

int time_batches(char *const argv[], int batches, uint64_t *ns)
{
	char line[256];
	uint64_t last = 0;
	int b = -1, status;
	pid_t pid;
	FILE *out = start(argv, &pid);

	while (fgets(line, sizeof(line), out)) {
		uint64_t t = now_ns();

		if (b >= 0 && b < batches && strncmp(line, "batch", 5) == 0)
			ns[b++] = t - last;
		else if (b < 0 && strcmp(line, "start\n") == 0)
			b = 0;
		else
			fprintf(stderr, "%s: %s", basename(argv[0]), line);
		last = t;
	}
	fclose(out);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (b < batches || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "%s: %s stopped after %d of %d batches (wait status %#x)\n",
		        program_invocation_short_name, argv[0], b < 0 ? 0 : b, batches, status);
		return -1;
	}
	return 0;
}
