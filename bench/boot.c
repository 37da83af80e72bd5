/*
 * bench/boot: how long Ferrite takes to boot on each machine, and what a
 * native IPC round trip costs in guest instructions.
 *
 *   native_boot_ms   wall time from starting QEMU (TCG, microvm, the
 *                    command line scripts/qemu uses) to the boot point
 *   native_first_line_ms
 *                    the part of it before Ferrite's first line (the
 *                    banner): QEMU starting, and the kernel's own set-up
 *   sim_boot_ms      wall time from starting ferrite-sim to the same point
 *   native_ipc_roundtrip_insns
 *                    guest instructions per call/reply round trip:
 *                    bench/ipc_guest run twice under -icount shift=0 (one
 *                    instruction per virtual ns), with 1,000 and 3,000
 *                    calls per batch; the difference of the halt lines'
 *                    times divided by the 4,000 extra round trips (each
 *                    run makes a warm-up batch and one timed batch)
 *
 * The boot point: both machines boot the system image (every program of
 * build/tests/daemons/image.list, init first), so the point is the shell's
 * prompt ("$ ") once the image has sh — and, until it does, the first line
 * printed by the program init starts (hello's greeting), which comes after
 * every service is up and the console is open, where sh would prompt. The
 * output says which point was used. Each boot runs on a pseudo-terminal, as
 * typed at: the sh run is ended by typing "exit". Each figure is the median
 * of --runs boots, after one boot not counted.
 *
 * Usage: boot [--runs N] [--build DIR] [--ipc]
 *   --ipc   only the native IPC figure (what bench/ipc runs)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_FILES 256
#define MAX_ARGS (2 * MAX_FILES + 40)
#define OUT_MAX (1 << 20)
#define RUN_TIMEOUT_MS 60000
#define QEMU "qemu-system-x86_64"
#define IPC_SMALL 1000
#define IPC_LARGE 3000

struct config {
	int runs;
	bool ipc_only;
	char build[PATH_MAX - 64]; /* room for the paths made from it */
};

/* The system image: module paths, init last. */
struct image {
	char *files[MAX_FILES];
	int n;
	bool has_sh;
};

/* One boot: what to wait for, what to type then, what came out. */
struct run {
	const char *marker; /* record when this first appears */
	const char *reply;  /* typed once the marker has appeared */
	double marker_ms;   /* -1 until it appeared */
	double line_ms;     /* when the first line ended, or -1 */
	char *out;
	size_t len;
	int status; /* the wait status, or -1 on timeout */
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	while (path && *path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, path, prog);
		if (access(buf, X_OK) == 0)
			return true;
		path += len + (path[len] == ':');
	}
	return false;
}

/* ---- running a machine on a pseudo-terminal -------------------------------- */

static void take_output(struct run *r, int fd, const char *buf, size_t n, double t0)
{
	size_t keep = n < OUT_MAX - r->len ? n : OUT_MAX - r->len;

	memcpy(r->out + r->len, buf, keep);
	r->len += keep;
	r->out[r->len] = '\0';
	if (r->line_ms < 0 && memchr(buf, '\n', n))
		r->line_ms = now_ms() - t0;
	if (r->marker_ms < 0 && r->marker && strstr(r->out, r->marker)) {
		r->marker_ms = now_ms() - t0;
		if (r->reply && write(fd, r->reply, strlen(r->reply)) < 0)
			perror("boot: typing into the machine");
	}
}

/* Read until the child closes the terminal or the time is up. */
static void drain(struct run *r, int fd, double t0)
{
	char buf[4096];

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int left = (int)(t0 + RUN_TIMEOUT_MS - now_ms());
		ssize_t n;

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return;
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* EIO: the child and its terminal are gone */
		take_output(r, fd, buf, (size_t)n, t0);
	}
}

static int run_machine(char **argv, struct run *r)
{
	double t0 = now_ms();
	int fd, st;
	pid_t pid = forkpty(&fd, NULL, NULL, NULL);

	if (pid < 0) {
		perror("boot: forkpty");
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "boot: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	r->marker_ms = -1;
	r->line_ms = -1;
	r->len = 0;
	drain(r, fd, t0);
	if (waitpid(pid, &st, WNOHANG) == 0) {
		kill(pid, SIGKILL); /* timed out */
		waitpid(pid, &st, 0);
		st = -1;
	}
	close(fd);
	r->status = st;
	return 0;
}

/* ---- the two machines ----------------------------------------------------- */

/* Link `file` as DIR/NAME: the archive and the sim name a program by its
 * file's basename, and the list may give one file two names. */
static char *link_as(const char *dir, const char *name, const char *file)
{
	char path[PATH_MAX];

	if (strchr(name, '/') || snprintf(path, sizeof(path), "%s/%s", dir, name) >= PATH_MAX ||
	    symlink(file, path) < 0) {
		fprintf(stderr, "boot: cannot link %s as %s/%s: %s\n", file, dir, name,
		        strerror(errno));
		return NULL;
	}
	return strdup(path);
}

/* The image list's programs, linked under their names in `dir`, init last. */
static int read_image(const struct config *c, const char *dir, struct image *im)
{
	char path[PATH_MAX + 32], name[256], file[PATH_MAX], *init = NULL;
	bool whole;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/daemons/image.list", c->build);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "boot: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while (im->n < MAX_FILES - 1 && fscanf(f, "%255s %4095s", name, file) == 2) {
		char *l = link_as(dir, name, file);

		if (!l)
			break;
		if (!strcmp(name, "init"))
			init = l;
		else
			im->files[im->n++] = l;
		im->has_sh |= !strcmp(name, "sh");
	}
	whole = feof(f);
	fclose(f);
	if (!whole || !init) {
		fprintf(stderr, "boot: %s: %s\n", path, init ? "cannot take it all" : "no init");
		return -1;
	}
	im->files[im->n++] = init;
	return 0;
}

static int make_archive(const struct config *c, const char **files, int n, const char *out)
{
	char tool[PATH_MAX + 32];
	char *argv[MAX_FILES + 4];
	int argc = 0, st;
	pid_t pid;

	snprintf(tool, sizeof(tool), "%s/tools/mkbootfs", c->build);
	argv[argc++] = tool;
	argv[argc++] = "-o";
	argv[argc++] = (char *)out;
	for (int i = 0; i < n; i++)
		argv[argc++] = (char *)files[i];
	argv[argc] = NULL;
	pid = fork();
	if (pid == 0) {
		execv(tool, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "boot: %s failed\n", tool);
		return -1;
	}
	return 0;
}

/* scripts/qemu's command line for microvm, with the console on stdio. */
static void qemu_argv(const struct config *c, char **argv, char *kernel, const char *archive,
                      const char *cmdline, bool icount)
{
	static const char *const fixed[] = { QEMU,
		                             "-M",
		                             "microvm,x-option-roms=off,rtc=off",
		                             "-cpu",
		                             "max",
		                             "-m",
		                             "128M",
		                             "-nodefaults",
		                             "-no-user-config",
		                             "-no-reboot",
		                             "-display",
		                             "none",
		                             "-chardev",
		                             "stdio,id=con,mux=on",
		                             "-serial",
		                             "chardev:con",
		                             "-mon",
		                             "chardev=con,mode=readline",
		                             "-device",
		                             "isa-debug-exit,iobase=0xf4,iosize=0x04",
		                             NULL };
	int i = 0;

	snprintf(kernel, PATH_MAX, "%s/arch/x86_64/ferrite-x86_64.elf", c->build);
	for (; fixed[i]; i++)
		argv[i] = (char *)fixed[i];
	if (icount) {
		argv[i++] = "-icount";
		argv[i++] = "shift=0,sleep=off";
	}
	argv[i++] = "-kernel";
	argv[i++] = kernel;
	argv[i++] = "-initrd";
	argv[i++] = (char *)archive;
	argv[i++] = "-append";
	argv[i++] = (char *)cmdline;
	argv[i] = NULL;
}

static void sim_argv(const struct config *c, const struct image *im, char **argv, char *sim)
{
	int i = 0;

	snprintf(sim, PATH_MAX, "%s/sim/ferrite-sim", c->build);
	argv[i++] = sim;
	for (int k = 0; k < im->n - 1; k++) {
		argv[i++] = "--module";
		argv[i++] = im->files[k];
	}
	argv[i++] = im->files[im->n - 1];
	if (!im->has_sh)
		argv[i++] = "hello";
	argv[i] = NULL;
}

/* Boot `runs` + 1 times; the medians of the last `runs` times to the boot
 * point and to the end of the first line (fig[0], fig[1]). -1 on failure. */
static int time_boots(char **argv, const struct image *im, int runs, double fig[2])
{
	static char out[OUT_MAX + 1];
	double *ms = calloc(2 * (size_t)runs, sizeof(*ms));
	struct run r = { .out = out };

	r.marker = im->has_sh ? "$ " : "hello from ferrite";
	r.reply = im->has_sh ? "exit\r" : NULL;
	for (int i = -1; i < runs; i++) {
		if (!ms || run_machine(argv, &r) < 0 || r.marker_ms < 0) {
			fprintf(stderr, "boot: %s never reached the boot point; it printed:\n%s\n",
			        argv[0], r.out);
			free(ms);
			return -1;
		}
		if (i >= 0) {
			ms[i] = r.marker_ms;
			ms[runs + i] = r.line_ms;
		}
	}
	fig[0] = median(ms, runs);
	fig[1] = median(ms + runs, runs);
	free(ms);
	return 0;
}

/* ---- the figures ------------------------------------------------------------ */

/* Both boot figures; the image's programs are linked under tmp/image. */
static int boot_figures(const struct config *c, const char *tmp, struct image *im)
{
	char archive[PATH_MAX], kernel[PATH_MAX], sim[PATH_MAX], dir[PATH_MAX];
	char *argv[MAX_ARGS];
	double fig[2];

	snprintf(archive, sizeof(archive), "%s/image.bootfs", tmp);
	snprintf(dir, sizeof(dir), "%s/image", tmp);
	if (mkdir(dir, 0755) < 0 || read_image(c, dir, im) < 0 ||
	    make_archive(c, (const char **)im->files, im->n, archive) < 0)
		return -1;
	printf("boot_point: %s\n", im->has_sh ? "the shell's prompt"
	                                      : "init's first program (hello) printing its first "
	                                        "line: the image has no sh yet");
	fflush(stdout);
	if (!in_path(QEMU)) {
		printf("native_boot_ms: skipped (no qemu)\n");
	} else {
		qemu_argv(c, argv, kernel, archive, im->has_sh ? "init=init" : "init=init hello",
		          false);
		if (time_boots(argv, im, c->runs, fig) < 0) {
			printf("native_boot_ms: failed\n");
		} else {
			printf("native_boot_ms: %.0f\n", fig[0]);
			printf("native_first_line_ms: %.0f\n", fig[1]);
		}
	}
	fflush(stdout);
	sim_argv(c, im, argv, sim);
	if (access(sim, X_OK) != 0)
		printf("sim_boot_ms: skipped (no ferrite-sim)\n");
	else if (time_boots(argv, im, c->runs, fig) < 0)
		printf("sim_boot_ms: failed\n");
	else
		printf("sim_boot_ms: %.0f\n", fig[0]);
	fflush(stdout);
	return 0;
}

/* Guest nanoseconds (= instructions under -icount shift=0) of one
 * ipc_guest boot with `calls` per batch, from its halt line; -1 on failure. */
static double ipc_run(const struct config *c, const char *archive, long calls)
{
	static char out[OUT_MAX + 1];
	struct run r = { .out = out, .marker = "ferrite: halted with status 0 after " };
	char kernel[PATH_MAX], cmdline[64], *argv[MAX_ARGS];
	const char *p;

	snprintf(cmdline, sizeof(cmdline), "init=ipc_guest 1 %ld", calls);
	qemu_argv(c, argv, kernel, archive, cmdline, true);
	if (run_machine(argv, &r) < 0 || r.marker_ms < 0) {
		fprintf(stderr, "boot: ipc_guest did not halt with status 0; it printed:\n%s\n",
		        out);
		return -1;
	}
	p = strstr(out, r.marker) + strlen(r.marker);
	return strtod(p, NULL);
}

static void ipc_figure(const struct config *c, const char *tmp)
{
	char guest[PATH_MAX + 32], archive[PATH_MAX];
	const char *files[1] = { guest };
	double small, large;

	if (!in_path(QEMU)) {
		printf("native_ipc_roundtrip_insns: skipped (no qemu)\n");
		return;
	}
	snprintf(guest, sizeof(guest), "%s/bench/ipc_guest", c->build);
	snprintf(archive, sizeof(archive), "%s/ipc.bootfs", tmp);
	if (make_archive(c, files, 1, archive) < 0 ||
	    (small = ipc_run(c, archive, IPC_SMALL)) < 0 ||
	    (large = ipc_run(c, archive, IPC_LARGE)) < 0) {
		printf("native_ipc_roundtrip_insns: failed\n");
		return;
	}
	printf("native_ipc_roundtrip_insns: %.0f\n",
	       (large - small) / (2.0 * (IPC_LARGE - IPC_SMALL)));
}

/* ---- main -------------------------------------------------------------------- */

static void defaults(struct config *c)
{
	char self[PATH_MAX - 128];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	c->runs = 7;
	c->ipc_only = false;
	self[n > 0 ? n : 0] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	snprintf(c->build, sizeof(c->build), "%s/..", self);
}

static int parse_args(struct config *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--ipc")) {
			c->ipc_only = true;
		} else if (!strcmp(argv[i], "--runs") && v && atoi(v) > 0) {
			c->runs = atoi(v);
			i++;
		} else if (!strcmp(argv[i], "--build") && v) {
			snprintf(c->build, sizeof(c->build), "%s", v);
			i++;
		} else {
			fprintf(stderr, "usage: boot [--runs N] [--build DIR] [--ipc]\n");
			return -1;
		}
	}
	return 0;
}

static void remove_tmp(const char *tmp, const struct image *im)
{
	char path[PATH_MAX];

	for (int i = 0; i < im->n; i++) {
		unlink(im->files[i]);
		free(im->files[i]);
	}
	snprintf(path, sizeof(path), "%s/image", tmp);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/image.bootfs", tmp);
	unlink(path);
	snprintf(path, sizeof(path), "%s/ipc.bootfs", tmp);
	unlink(path);
	rmdir(tmp);
}

int main(int argc, char **argv)
{
	struct config c;
	struct image im = { .n = 0 };
	char tmp[] = "/tmp/ferrite-boot-XXXXXX";
	int rc = 0;

	defaults(&c);
	if (parse_args(&c, argc, argv) < 0)
		return 2;
	if (!mkdtemp(tmp)) {
		perror("boot: mkdtemp");
		return 1;
	}
	if (!c.ipc_only && boot_figures(&c, tmp, &im) < 0)
		rc = 1;
	else
		ipc_figure(&c, tmp);
	remove_tmp(tmp, &im);
	return rc;
}
