/*
 * init: the first process. It starts the services in the order of the
 * table below, each from the boot archive, waiting until each one serves
 * its scheme (service.h); then opens console: as descriptors 0, 1 and 2,
 * starts the program its arguments name (default: sh) with them, waits for
 * it and ends with its exit status, which stops the machine with it.
 *
 *     init [PROGRAM [ARG...]]
 *
 * The table is what a manifest will describe once init becomes the
 * supervisor (restart policies, capabilities): one entry per service, read
 * in order, nothing else in init knowing which services exist.
 *
 * Rules: a service that fails to start is reported and skipped, except the
 * console, without which there is no terminal (exit status 1); an optional
 * one the archive lacks is skipped quietly (hostfs: ferrite-sim adds it
 * with --mount). A program that is not in the archive is status 127; one
 * that ends abnormally gets the shell's 128 + signal number.
 */
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "fdio.h"
#include "service.h"

#define STATUS_NOT_FOUND 127

static const struct service services[] = {
	{ "console", false, false }, { "null", false, false },  { "zero", false, false },
	{ "rand", false, false },    { "pipe", false, false },  { "initfs", true, false },
	{ "sys", false, false },     { "ramfs", false, false }, { "hostfs", false, true },
};

static int start_services(void)
{
	for (unsigned i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
		fe_handle_t proc;
		int rc = svc_start(&services[i], &proc);

		if (rc == -FE_ENOENT && services[i].optional)
			continue;
		if (rc < 0) {
			fe_printf("init: cannot start %s: error %d\n", services[i].program, -rc);
			if (i == 0)
				return rc;
		}
	}
	return 0;
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

/* The status a shell would report for the way a program ended. */
static int exit_status(const char *name, const struct fe_exit *ex)
{
	static const int fault_signal[] = { [FE_FAULT_PAGE] = 11,
		                            [FE_FAULT_ILLEGAL] = 4,
		                            [FE_FAULT_ARITH] = 8,
		                            [FE_FAULT_BADCALL] = 31 };
	int sig = 6;

	if (ex->kind == FE_EXIT_NORMAL)
		return ex->code;
	if (ex->kind == FE_EXIT_KILLED)
		sig = 9;
	else if (ex->kind == FE_EXIT_SANDBOX)
		sig = 31;
	else if (ex->kind == FE_EXIT_FAULT && ex->code > 0 && ex->code <= FE_FAULT_BADCALL)
		sig = fault_signal[ex->code];
	fe_printf("init: %s ended abnormally (kind %u, code %d)\n", name, ex->kind, ex->code);
	return 128 + sig;
}

static int run(const char *const argv[])
{
	struct fe_exit ex;
	fe_handle_t proc;
	int rc = boot_spawn(argv[0], argv, NULL, 0, FE_SPAWN_FDS, &proc);

	if (rc == -FE_ENOENT) {
		fe_printf("init: no program '%s' in the boot archive\n", argv[0]);
		return STATUS_NOT_FOUND;
	}
	if (rc < 0) {
		fe_printf("init: cannot start %s: error %d\n", argv[0], -rc);
		return 1;
	}
	rc = fe_proc_wait(proc, &ex, FE_FOREVER);
	if (rc < 0) {
		fe_printf("init: waiting for %s failed: error %d\n", argv[0], -rc);
		return 1;
	}
	return exit_status(argv[0], &ex);
}

int main(int argc, char **argv)
{
	static const char *const shell[] = { "sh", NULL };
	int rc = start_services();

	if (rc == 0)
		rc = open_console();
	if (rc < 0) {
		fe_printf("init: no console: error %d\n", -rc);
		return 1;
	}
	return run(argc > 1 ? (const char *const *)argv + 1 : shell);
}
