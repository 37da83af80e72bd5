/*
 * tsvc: a test service for init's supervision (tests/daemons/svc.sh and
 * the *.svc manifests next to it). Built twice, as tsvc (version 1) and
 * tsvc2 (version 2), so that `svc reload` has a different binary to load.
 *
 *     tsvc SCHEME [exit | fault | open SCHEME2 | pass]
 *
 * It serves SCHEME: a read gives "SCHEME version V\n"; writing "hang"
 * makes it stop answering and beating (after answering that write),
 * "fault" makes it fault. The optional word makes it misbehave at start:
 * `exit` ends it (status 1) just after it is ready, `fault` faults then;
 * `open SCHEME2` tries to open SCHEME2: first; `pass` tries to spawn a
 * child with an IRQ line, an I/O port and a memory range its manifest does
 * not grant (tests/daemons/tsvc-grants.svc), printing each result.
 */
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "loop.h"
#include "mem.h"
#include "service.h"

#ifndef TSVC_VERSION
#define TSVC_VERSION "1"
#endif

static const char *scheme;
static char text[64];
static uint64_t text_len;
static uint64_t offsets[64]; /* per file id, cyclic: enough for the tests */
/* Where a fault writes; volatile, so that the compiler cannot see it. */
static volatile uintptr_t fault_address = 0x10;

static int64_t t_open(void *state, struct srv_req *req)
{
	static uint64_t next;

	(void)state;
	(void)req;
	next = next % 63 + 1;
	offsets[next] = 0;
	return (int64_t)next;
}

static int64_t t_read(void *state, struct srv_req *req)
{
	int64_t n;

	(void)state;
	if (req->id >= 64)
		return -FE_EBADF;
	n = srv_read_slice(req, text, text_len, offsets[req->id], req->arg1);
	offsets[req->id] += (uint64_t)n;
	return n;
}

static _Noreturn void fault(void)
{
	*(volatile int *)fault_address = 1;
	for (;;)
		;
}

static int64_t t_write(void *state, struct srv_req *req)
{
	(void)state;
	if (req->len >= 4 && memcmp(req->data, "hang", 4) == 0) {
		(void)srv_answer(req->reply, (int64_t)req->len, NULL, 0);
		for (;;)
			(void)fe_sleep(FE_FOREVER);
	}
	if (req->len >= 5 && memcmp(req->data, "fault", 5) == 0)
		fault();
	return -FE_EINVAL;
}

static const struct srv_ops ops = { .open = t_open, .read = t_read, .write = t_write };

/* Spawn ourselves with one grant of `kind` [lo, hi]: the kernel's answer. */
static int pass(uint32_t kind, uint64_t lo, uint64_t hi)
{
	static const char *const argv[] = { "tsvc", "child", NULL };
	struct fe_grant g = { .kind = kind, .lo = lo, .hi = hi };
	struct fe_spawn sp = { .flags = FE_SPAWN_GRANTS, .grants = &g, .ngrants = 1 };
	static char args[64];
	const void *archive, *image;
	uint64_t size, len;
	int rc = boot_map(SVC_ARCHIVE_HANDLE, &archive, &size);
	fe_handle_t p;

	if (rc == 0)
		rc = fe_bootfs_find(archive, size, "tsvc", &image, &len);
	if (rc == 0)
		rc = fe_pack_args(argv, args, sizeof(args), &sp);
	if (rc < 0)
		return rc;
	p = fe_proc_spawn(image, len, &sp);
	if (p < 0)
		return p;
	(void)fe_proc_kill(p);
	return fe_handle_close(p);
}

static void misbehave(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[2], "open") == 0) {
		char path[40];
		int fd;

		fe_snprintf(path, sizeof(path), "%s:", argv[3]);
		fd = fdio_open(path, FE_O_RDONLY, 0);
		fe_printf("tsvc: open %s: %d\n", path, fd < 0 ? fd : 0);
		if (fd >= 0)
			(void)fe_close(fd);
	} else if (argc >= 3 && strcmp(argv[2], "pass") == 0) {
		fe_printf("tsvc: pass on IRQ 3: %d\n", pass(FE_GRANT_IRQ, 3, 3));
		fe_printf("tsvc: pass on IRQ 4: %d\n", pass(FE_GRANT_IRQ, 4, 4));
		fe_printf("tsvc: pass on I/O port 0x61: %d\n", pass(FE_GRANT_IOPORT, 0x61, 0x61));
		fe_printf("tsvc: pass on memory 0x2000: %d\n", pass(FE_GRANT_MMIO, 0x2000, 0x2fff));
	}
}

int main(int argc, char **argv)
{
	fe_handle_t ep;

	if (argc < 2 || strcmp(argv[1], "child") == 0)
		return 0;
	scheme = argv[1];
	text_len =
		(uint64_t)fe_snprintf(text, sizeof(text), "%s version %s\n", scheme, TSVC_VERSION);
	misbehave(argc, argv);
	ep = srv_register(scheme);
	if (ep < 0) {
		fe_printf("tsvc: cannot register %s: %d\n", scheme, ep);
		return 1;
	}
	svc_ready();
	if (argc >= 3 && strcmp(argv[2], "exit") == 0)
		return 1;
	if (argc >= 3 && strcmp(argv[2], "fault") == 0)
		fault();
	srv_loop(ep, scheme, &ops, NULL);
}
