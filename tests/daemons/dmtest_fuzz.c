/*
 * dmtest_fuzz: hostile requests to every scheme daemon (null, zero, rand,
 * pipe, initfs, sys, ramfs, and hostfs on tests/hostfs/ mounted with
 * ferrite-sim --mount), run as the first process with them in the boot
 * archive. hostfs exists only in the sim: without it in the archive (native)
 * host: is left out and the test says so. Opens of random paths with random
 * flags, every descriptor operation with random arguments and bodies,
 * path operations on random bytes, closes. Afterwards every daemon must
 * still be alive and still answer a plain request correctly.
 *
 * The stream of requests comes from the kernel's generator, so the sim's
 * --seed picks it and replays it. Pipes are always opened O_NONBLOCK, so that no request can wait for a
 * writer that will never come; everything else answers at once.
 */
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "tcheck.h"

#define ROUNDS 20000
#define MAX_FDS 48

static const char *const schemes[] = { "null",   "zero", "rand", "pipe",
	                               "initfs", "sys",  "file", "host" };
#define NSCHEMES (sizeof(schemes) / sizeof(schemes[0]))
#define HOST (NSCHEMES - 1) /* host: comes last */

static unsigned nschemes = NSCHEMES; /* HOST without hostfs */

static uint64_t state;
static int fds[MAX_FDS];
static char body[8192], out[8192];
static unsigned opened, answered; /* requests that succeeded */

static uint64_t rnd(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dull;
}

/* A path: "scheme:" then pieces that often mean something. */
static uint64_t random_path(char *p, uint64_t cap)
{
	static const char *const bits[] = { "/",    "..",   ".",   "tmp",     "etc",   "motd",
		                            "x",    "proc", "1",   "2",       "0",     "//",
		                            "init", "\xff", "a:b", "case.sh", "prog.c" };
	const char *s = schemes[rnd() % nschemes];
	uint64_t n = strlen(s), pieces = rnd() % 4;

	memcpy(p, s, n);
	p[n++] = ':';
	for (uint64_t i = 0; i < pieces; i++) {
		const char *b = bits[rnd() % (sizeof(bits) / sizeof(bits[0]))];
		uint64_t len = strlen(b);

		if (n + len + 2 >= cap)
			break;
		if (rnd() % 4)
			p[n++] = '/';
		memcpy(p + n, b, len);
		n += len;
	}
	if (rnd() % 8 == 0) /* now and then, raw bytes */
		for (uint64_t i = rnd() % 64; i > 0 && n + 1 < cap; i--)
			p[n++] = (char)(rnd() % 255 + 1);
	p[n] = '\0';
	return n;
}

static uint32_t random_flags(const char *path)
{
	static const uint32_t extra[] = { FE_O_CREAT, FE_O_EXCL, FE_O_TRUNC, FE_O_APPEND };
	uint32_t f = (uint32_t)(rnd() % 3);

	for (unsigned i = 0; i < 4; i++)
		if (rnd() % 3 == 0)
			f |= extra[i];
	if (rnd() % 8 == 0)
		f |= FE_O_DIRECTORY;
	if (rnd() % 32 == 0)
		f = (uint32_t)rnd();
	if (strncmp(path, "pipe:", 5) == 0)
		f |= FE_O_NONBLOCK;
	return f;
}

static void fuzz_open(void)
{
	char path[160];
	int slot = (int)(rnd() % MAX_FDS), fd;

	random_path(path, sizeof(path));
	fd = fdio_open(path, random_flags(path), (uint32_t)rnd());
	if (fd < 0)
		return;
	opened++;
	if (fds[slot] >= 0)
		fe_close(fds[slot]);
	fds[slot] = fd;
}

static void fuzz_fd_op(void)
{
	struct fe_msg m = fe_msg_empty();
	int fd = fds[rnd() % MAX_FDS];

	if (fd < 0)
		return;
	m.label = FE_SCHEME_READ + rnd() % (FE_SCHEME_OP_COUNT - FE_SCHEME_READ);
	if (m.label == FE_SCHEME_UNLINK || m.label == FE_SCHEME_MKDIR)
		m.label = FE_SCHEME_SEEK;
	m.w[1] = rnd() % 2 ? rnd() : rnd() % 5000;
	m.w[2] = rnd() % 2 ? rnd() : rnd() % 4;
	m.len = rnd() % 4 ? rnd() % sizeof(body) : 0;
	m.buf = body;
	m.rbuf = out;
	m.rcap = rnd() % sizeof(out);
	for (uint64_t i = 0; i < m.len; i += 8)
		memcpy(body + i, &state, m.len - i < 8 ? m.len - i : 8);
	answered += fe_fd_call(fd, &m, FE_FOREVER) >= 0;
}

static void fuzz_path_op(void)
{
	static const uint32_t ops[] = { FE_SCHEME_UNLINK, FE_SCHEME_MKDIR, FE_SCHEME_RMDIR,
		                        FE_SCHEME_RENAME, FE_SCHEME_STAT };
	struct fe_msg m = fe_msg_empty();
	char path[330];
	uint64_t n = random_path(path, 160);

	m.label = ops[rnd() % 5];
	m.w[1] = rnd();
	m.rbuf = out;
	m.rcap = rnd() % sizeof(out);
	if (m.label == FE_SCHEME_RENAME && rnd() % 4) {
		path[n++] = '\0';
		n += random_path(path + n, 160);
	}
	answered += fe_path_call(path, n, &m) >= 0;
}

static void round(void)
{
	switch (rnd() % 8) {
	case 0:
	case 1:
		fuzz_open();
		break;
	case 2: {
		int slot = (int)(rnd() % MAX_FDS);

		if (fds[slot] >= 0)
			fe_close(fds[slot]);
		fds[slot] = -1;
		break;
	}
	case 3:
		fuzz_path_op();
		break;
	default:
		fuzz_fd_op();
	}
}

/* Each daemon still answers a plain request as it should. */
static void check_alive(fe_handle_t procs[NSCHEMES])
{
	struct fe_exit ex;
	struct fe_stat st;
	char what[48];
	int fd;

	for (unsigned i = 0; i < nschemes; i++) {
		fe_snprintf(what, sizeof(what), "%s is alive", schemes[i]);
		t_eq(what, fe_proc_wait(procs[i], &ex, FE_POLL), -FE_ETIMEDOUT);
	}
	fd = fdio_open("zero:", FE_O_RDONLY, 0);
	t_eq("zero: still reads", fdio_read(fd, out, 100), 100);
	fd = fdio_open("null:", FE_O_WRONLY, 0);
	t_eq("null: still writes", fdio_write(fd, out, 10), 10);
	fd = fdio_open("rand:", FE_O_RDONLY, 0);
	t_eq("rand: still reads", fdio_read(fd, out, 10), 10);
	t_ok("pipe: still makes pipes", fdio_open("pipe:", FE_O_RDONLY, 0));
	t_eq("initfs: still stats", fdio_stat("initfs:/dmtest_fuzz", &st), 0);
	t_ok("sys: still opens", fdio_open("sys:proc", FE_O_RDONLY, 0));
	t_eq("file: still stats", fdio_stat("/", &st), 0);
	if (nschemes == NSCHEMES)
		t_eq("host: still stats", fdio_stat("host:/case.sh", &st), 0);
	/* The fuzzing may have renamed or removed /tmp: use the root. */
	fd = fdio_open("/after-fuzz", FE_O_RDWR | FE_O_CREAT | FE_O_EXCL, 0644);
	t_ok("file: still creates", fd);
	t_eq("file: still writes", fdio_write(fd, "ok", 2), 2);
}

int main(void)
{
	static const char *const programs[] = { "null",   "zero", "rand",  "pipe",
		                                "initfs", "sys",  "ramfs", "hostfs" };
	fe_handle_t procs[NSCHEMES];
	const void *image;
	uint64_t len;

	if (fe_boot_find("hostfs", &image, &len) < 0) {
		nschemes = HOST;
		fe_printf("info: hostfs is not in the boot archive: host: is not fuzzed\n");
	}
	for (unsigned i = 0; i < nschemes; i++)
		procs[i] = t_service(programs[i], strcmp(programs[i], "initfs") == 0);
	for (int i = 0; i < MAX_FDS; i++)
		fds[i] = -1;
	if (fe_random(&state, sizeof(state)) < 0 || state == 0)
		state = 0x9e3779b97f4a7c15ull;
	for (int i = 0; i < ROUNDS; i++)
		round();
	for (int i = 0; i < MAX_FDS; i++)
		if (fds[i] >= 0)
			fe_close(fds[i]);
	fe_printf("dmtest_fuzz: %d hostile requests sent\n", ROUNDS);
	fe_printf("info: %u opens and %u other requests succeeded\n", opened, answered);
	check_alive(procs);
	return t_finish("dmtest_fuzz");
}
