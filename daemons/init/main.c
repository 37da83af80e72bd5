/*
 * init: the first process, and the supervisor of every service.
 *
 *     init [PROGRAM [ARG...]]
 *
 * It reads the service manifests of the boot archive (every NAME.svc,
 * docs/services.md), orders them by their dependencies and starts each
 * once its dependencies are ready, with the grants its manifest lists.
 * When every service is up (or given up on), it opens console: as
 * descriptors 0, 1 and 2 and starts PROGRAM (default: sh) with them; when
 * the program ends, init ends with its exit status, which stops the
 * machine. Meanwhile it supervises (supervise.c) and serves svc: (control.c).
 *
 * Rules: a bad manifest is reported (file:line: why) and skipped, and so
 * is a service that cannot start, but an optional one whose program the
 * archive lacks is skipped quietly (hostfs: ferrite-sim adds it with
 * --mount); only a missing console is fatal (status 1). A program that is not in the archive is status 127; one that ends
 * abnormally gets the shell's 128 + signal number.
 */
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/bootfs.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "control.h"
#include "fdio.h"
#include "loop.h"
#include "manifest.h"
#include "mem.h"
#include "service.h"
#include "supervise.h"

#define STATUS_NOT_FOUND 127

static void report(const char *file, const struct mf_error *err)
{
	if (err->line)
		fe_printf("init: %s:%u: %s", file, err->line, err->what);
	else
		fe_printf("init: %s: %s", file, err->what);
	fe_printf(err->word[0] ? " '%s'; skipped\n" : "%s; skipped\n", err->word);
}

/* Parse every NAME.svc of the archive into mf[]: how many parsed. */
static uint32_t read_manifests(struct manifest *mf, uint32_t max)
{
	const struct bootfs_header *head;
	const struct bootfs_entry *e;
	const void *base;
	uint64_t size;
	uint32_t n = 0;

	if (boot_map(FE_BOOTFS_HANDLE, &base, &size) < 0)
		return 0;
	head = base;
	e = (const struct bootfs_entry *)(head + 1);
	for (uint32_t i = 0; i < head->count && i < (size - sizeof(*head)) / sizeof(*e); i++) {
		char name[BOOTFS_NAME_MAX];
		const void *text;
		uint64_t len, nl = strnlen(e[i].name, sizeof(name) - 1);
		struct mf_error err;

		memcpy(name, e[i].name, nl);
		name[nl] = '\0';
		if (nl <= 4 || strcmp(name + nl - 4, MF_SUFFIX) != 0)
			continue;
		if (n == max) {
			fe_printf("init: %s: more than %u services; skipped\n", name, max);
			continue;
		}
		if (fe_bootfs_find(base, size, name, &text, &len) < 0)
			continue;
		if (manifest_parse(name, text, len, &mf[n], &err) < 0)
			report(name, &err);
		else
			n++;
	}
	return n;
}

/* Add the services in dependency order. */
static void add_services(void)
{
	static struct manifest mf[SUP_MAX - 1];
	static struct mf_error bad[SUP_MAX - 1];
	static uint32_t order[SUP_MAX - 1];
	uint32_t n = read_manifests(mf, SUP_MAX - 1), placed = manifest_order(mf, n, order, bad);

	for (uint32_t i = 0; i < n; i++)
		if (bad[i].what) {
			char file[MF_NAME_MAX + 4];

			fe_snprintf(file, sizeof(file), "%s%s", mf[i].name, MF_SUFFIX);
			report(file, &bad[i]);
		}
	for (uint32_t i = 0; i < placed; i++) {
		const struct manifest *m = &mf[order[i]];
		int rc = sup_add(m);

		if (rc == -FE_ENOENT && !m->optional)
			fe_printf("init: %s: no program '%s' in the boot archive; skipped\n",
			          m->name, m->args);
		else if (rc < 0 && rc != -FE_ENOENT)
			fe_printf("init: %s: cannot supervise it: error %d; skipped\n", m->name,
			          -rc);
	}
}

/* console: as descriptors 0, 1 and 2. */
static int open_console(void)
{
	for (int fd = 0; fd < 3; fd++) {
		int rc = fdio_open("console:", FE_O_RDWR, 0);

		if (rc != fd)
			return rc < 0 ? rc : -FE_EBADF;
	}
	return 0;
}

static int start_program(const char *const argv[])
{
	int rc = open_console();

	if (rc < 0) {
		fe_printf("init: no console: error %d\n", -rc);
		return 1;
	}
	rc = sup_add_program(argv);
	if (rc == -FE_ENOENT) {
		fe_printf("init: no program '%s' in the boot archive\n", argv[0]);
		return STATUS_NOT_FOUND;
	}
	if (rc < 0) {
		fe_printf("init: cannot start %s: error %d\n", argv[0], -rc);
		return 1;
	}
	return 0;
}

/* Serve events and svc: until the program ends. */
static int run(fe_handle_t ep, const char *const argv[])
{
	bool started = false;
	int status;

	for (;;) {
		uint64_t next = sup_tick(), now;
		int64_t timeout = FE_FOREVER;

		if (sup_done(&status))
			return status;
		if (!started && sup_settled()) {
			started = true;
			status = start_program(argv);
			if (status != 0)
				return status;
			continue;
		}
		now = fe_clock();
		if (next)
			timeout = next > now ? (int64_t)(next - now) : FE_POLL;
		(void)srv_step(ep, "init", &control_ops, NULL, timeout);
	}
}

int main(int argc, char **argv)
{
	static const char *const shell[] = { "sh", NULL };
	fe_handle_t ep = fe_endpoint_create();
	int rc = ep < 0 ? ep : fe_scheme_register("svc", 3, ep);

	if (rc < 0) {
		fe_printf("init: cannot serve svc: error %d\n", -rc);
		return 1;
	}
	sup_init(ep);
	add_services();
	return run(ep, argc > 1 ? (const char *const *)argv + 1 : shell);
}
