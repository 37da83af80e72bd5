/*
 * ferrite-sim: the hosted machine. It checks its command line, builds the
 * boot archive, sets up the host side (sandbox program, event loop, heap)
 * and hands a struct boot_info to the core's kernel_main, which never
 * returns; the sim ends in arch_halt.
 *
 *   ferrite-sim [--seed N] [--trace FILE] [--inject SPEC]... [--module PATH]...
 *               [--mount DIR]
 *               [--] PROGRAM [ARG...]
 *
 * Rules: every mistake of the user (bad option, missing or unreadable file,
 * a PROGRAM that is not an ELF64 x86_64 executable) is one line on stderr
 * and exit status 2, before anything boots; a host failure is exit status 1.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim.h"

#define HEAP_SIZE (256ull << 20)
#define KERNEL_SPIN_NS 200000 /* arch_run spins this long, then sleeps */
#define CHILD_SPIN 1000       /* a parked child spins ~20 us, then sleeps */
#define MAX_MODULES 256

struct sim sim = { .filter_fd = -1, .host_filter_fd = -1, .bell_fd = -1, .deadline = UINT64_MAX };

struct options {
	uint64_t seed;
	const char *trace;
	const char *mount;
	char *modules[MAX_MODULES + 1]; /* + hostfs, with --mount */
	unsigned nmodules;
	char **argv; /* PROGRAM [ARG...] */
	int argc;
};

static void usage(FILE *out)
{
	fprintf(out, "usage: ferrite-sim [--seed N] [--trace FILE] [--inject SPEC]... "
	             "[--module PATH]... [--mount DIR] [--] PROGRAM [ARG...]\n"
	             "  --seed N       seed the run (default 1); same seed, same run\n"
	             "  --trace FILE   write the kernel's event trace to FILE\n"
	             "  --inject SPEC  inject faults at seeded points (repeatable, or\n"
	             "                 comma-separated); SPEC is\n"
	             "                 ACTION:VICTIM[@N][/every=K|/rand=K][/count=C]\n"
	             "                 ACTION  kill, fault, hang or slow=USEC\n"
	             "                 VICTIM  a process name, or random[-NAME...]: a\n"
	             "                         seeded pick among the scheme servers\n"
	             "                         but init and the NAMEs\n"
	             "                 @N      at the Nth system call (default: first)\n"
	             "                 every=K then every K calls; rand=K after\n"
	             "                         seeded intervals of 1..2K calls\n"
	             "                 count=C at most C times\n"
	             "                 e.g. kill:zero@500, kill:random-console/rand=3000/count=20\n"
	             "  --module PATH  add PATH to the boot archive (repeatable)\n"
	             "  --mount DIR    serve DIR read-only as the scheme host: (the\n"
	             "                 hostfs daemon joins the boot archive)\n"
	             "  PROGRAM        ELF64 x86_64 executable of the first process\n");
}

static _Noreturn void fail(int status, const char *what, const char *why)
{
	fprintf(stderr, "ferrite-sim: %s: %s\n", what, why);
	exit(status);
}

static uint64_t parse_seed(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end || *s == '-')
		fail(2, "--seed", "not a non-negative integer");
	return v;
}

static void parse(int argc, char **argv, struct options *o)
{
	static const struct option longs[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "trace", required_argument, NULL, 't' },
		{ "module", required_argument, NULL, 'm' },
		{ "inject", required_argument, NULL, 'i' },
		{ "mount", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->seed = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longs, NULL)) != -1) {
		if (c == 's')
			o->seed = parse_seed(optarg);
		else if (c == 't')
			o->trace = optarg;
		else if (c == 'i' && sim_inject_parse(optarg))
			fail(2, optarg, "bad --inject spec (try --help)");
		else if (c == 'm' && o->nmodules == MAX_MODULES)
			fail(2, "--module", "too many modules");
		else if (c == 'm')
			o->modules[o->nmodules++] = optarg;
		else if (c == 'i')
			continue;
		else if (c == 'M' && o->mount)
			fail(2, "--mount", "given twice");
		else if (c == 'M')
			o->mount = optarg;
		else if (c == 'h') {
			usage(stdout);
			exit(0);
		} else {
			fprintf(stderr,
			        "ferrite-sim: bad option '%s' "
			        "(try --help)\n",
			        argv[optind - 1]);
			exit(2);
		}
	}
	if (optind >= argc)
		fail(2, "usage", "no PROGRAM given (try --help)");
	o->argv = argv + optind;
	o->argc = argc - optind;
}

static const char *elf_problem(const Elf64_Ehdr *h, uint64_t size)
{
	if (size < sizeof(*h) || memcmp(h->e_ident, ELFMAG, SELFMAG))
		return "not an ELF file";
	if (h->e_ident[EI_CLASS] != ELFCLASS64 || h->e_ident[EI_DATA] != ELFDATA2LSB)
		return "not a 64-bit little-endian ELF file";
	if (h->e_machine != EM_X86_64)
		return "not an x86_64 ELF file";
	if (h->e_type != ET_EXEC)
		return "not a static executable (ET_EXEC)";
	return NULL;
}

/* Read PROGRAM whole and check its ELF header. */
static void load_program(const char *path, void **image, uint64_t *size)
{
	struct stat st;
	const char *why;
	void *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0)
		fail(2, path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		fail(2, path, "not a regular file");
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf)
		fail(1, path, "out of memory");
	if (read(fd, buf, (size_t)st.st_size) != st.st_size)
		fail(2, path, "cannot read it whole");
	close(fd);
	why = elf_problem(buf, (uint64_t)st.st_size);
	if (why)
		fail(2, path, why);
	*image = buf;
	*size = (uint64_t)st.st_size;
}

/* init's argv: PROGRAM's basename, then the ARGs, NUL-terminated. */
static void build_args(const struct options *o, struct boot_info *b)
{
	const char *base = strrchr(o->argv[0], '/');
	uint64_t len = 0, off = 0;
	char *buf;

	base = base ? base + 1 : o->argv[0];
	len = strlen(base) + 1;
	for (int i = 1; i < o->argc; i++)
		len += strlen(o->argv[i]) + 1;
	buf = malloc(len);
	if (!buf)
		fail(1, "args", "out of memory");
	memcpy(buf, base, strlen(base) + 1);
	off = strlen(base) + 1;
	for (int i = 1; i < o->argc; i++) {
		memcpy(buf + off, o->argv[i], strlen(o->argv[i]) + 1);
		off += strlen(o->argv[i]) + 1;
	}
	b->init_args = buf;
	b->init_args_len = len;
	b->init_argc = (uint32_t)o->argc;
}

static void raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/*
 * The one virtual CPU. arch_run spins while a thread runs, so the kernel
 * gets a host CPU of its own and the children share the others: a child on
 * the kernel's CPU would have to wait for the kernel's spin to end before it
 * could answer, and children that share their CPUs hand it to each other
 * directly (the hand-off in sim/gate.h). With a single host CPU nobody
 * spins and nothing is pinned.
 */
static void setup_cpus(void)
{
	cpu_set_t all, self;
	int cpu = sched_getcpu();

	if (sched_getaffinity(0, sizeof(all), &all) < 0 || CPU_COUNT(&all) < 2)
		return;
	sim.kernel_spin_ns = KERNEL_SPIN_NS;
	sim.child_spin = CHILD_SPIN;
	if (cpu < 0 || !CPU_ISSET(cpu, &all))
		for (cpu = 0; !CPU_ISSET(cpu, &all); cpu++)
			;
	CPU_ZERO(&self);
	CPU_SET(cpu, &self);
	if (sched_setaffinity(0, sizeof(self), &self) < 0)
		return;
	sim.child_cpus = all;
	CPU_CLR(cpu, &sim.child_cpus);
	sim.pin_children = true;
}

/* --mount DIR: check DIR, add the hostfs daemon to the modules. */
static void mount_dir(struct options *o)
{
	const char *why;
	int err;

	if (!o->mount)
		return;
	err = sim_host_mount(o->mount, &why);
	if (err == -EINVAL)
		fail(2, o->mount, why);
	if (err)
		fail(1, "hostfs daemon (daemons/hostfs beside sim/)", why);
	o->modules[o->nmodules++] = sim_host_module();
}

static void host_setup(struct boot_info *b, bool host)
{
	int err;

	raise_nofile();
	setup_cpus();
	signal(SIGPIPE, SIG_IGN);
	err = sim_loader_find();
	if (err)
		fail(1, "ferrite-loader (next to ferrite-sim)", strerror(-err));
	err = sim_wake_init();
	if (err)
		fail(1, "wake region", strerror(-err));
	err = sim_sandbox_init(host);
	if (err)
		fail(1, "sandbox", strerror(-err));
	err = sim_loop_init();
	if (err)
		fail(1, "io_uring", strerror(-err));
	b->heap = mmap(NULL, HEAP_SIZE, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (b->heap == MAP_FAILED)
		fail(1, "heap", strerror(errno));
	b->heap_size = HEAP_SIZE;
}

int main(int argc, char **argv)
{
	static struct options o;
	static struct boot_info b;
	void *image, *bootfs;
	uint64_t size, bootfs_size;

	parse(argc, argv, &o);
	load_program(o.argv[0], &image, &size);
	mount_dir(&o);
	if (sim_bootfs_build(o.modules, o.nmodules, &bootfs, &bootfs_size))
		exit(2);
	if (o.trace && sim_trace_open(o.trace))
		fail(2, o.trace, strerror(errno));
	host_setup(&b, o.mount != NULL);
	b.init_image = image;
	b.init_size = size;
	build_args(&o, &b);
	b.bootfs = bootfs;
	b.bootfs_size = bootfs_size;
	b.seed = o.seed;
	b.trace = o.trace != NULL;
	b.console_tty = sim_console_init();
	sim.seed = o.seed;
	sim_inject_start();
	kernel_main(&b);
}
