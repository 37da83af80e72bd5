/*
 * The checks of tcheck.h. Output goes to the debug console (fe_printf), so
 * the tests do not depend on the console daemon unless they test it.
 */
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "service.h"
#include "tcheck.h"

static unsigned checks, failures;

const char *t_errname(long rc)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ FE_EPERM, "EPERM" },
		{ FE_ENOENT, "ENOENT" },
		{ FE_ESRCH, "ESRCH" },
		{ FE_EIO, "EIO" },
		{ FE_EBADF, "EBADF" },
		{ FE_EAGAIN, "EAGAIN" },
		{ FE_ENOMEM, "ENOMEM" },
		{ FE_EACCES, "EACCES" },
		{ FE_EFAULT, "EFAULT" },
		{ FE_EBUSY, "EBUSY" },
		{ FE_EEXIST, "EEXIST" },
		{ FE_EXDEV, "EXDEV" },
		{ FE_ENODEV, "ENODEV" },
		{ FE_ENOTDIR, "ENOTDIR" },
		{ FE_EISDIR, "EISDIR" },
		{ FE_EINVAL, "EINVAL" },
		{ FE_EMFILE, "EMFILE" },
		{ FE_ENOTTY, "ENOTTY" },
		{ FE_ENOSPC, "ENOSPC" },
		{ FE_ESPIPE, "ESPIPE" },
		{ FE_EROFS, "EROFS" },
		{ FE_EPIPE, "EPIPE" },
		{ FE_ENAMETOOLONG, "ENAMETOOLONG" },
		{ FE_ENOSYS, "ENOSYS" },
		{ FE_ENOTEMPTY, "ENOTEMPTY" },
		{ FE_EMSGSIZE, "EMSGSIZE" },
		{ FE_ECONNRESET, "ECONNRESET" },
		{ FE_ETIMEDOUT, "ETIMEDOUT" },
		{ FE_ESTALE, "ESTALE" },
	};

	if (rc >= 0)
		return "";
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (-rc == names[i].err)
			return names[i].name;
	return "E?";
}

static bool report(const char *what, bool ok, long got, long want)
{
	checks++;
	if (ok) {
		fe_printf("ok   %s\n", what);
		return true;
	}
	failures++;
	fe_printf("FAIL %s: got %ld %s, want %ld %s\n", what, got, t_errname(got), want,
	          t_errname(want));
	return false;
}

bool t_eq(const char *what, long got, long want)
{
	return report(what, got == want, got, want);
}

bool t_true(const char *what, bool cond)
{
	return report(what, cond, cond, 1);
}

bool t_ok(const char *what, long got)
{
	return report(what, got >= 0, got, 0);
}

int t_finish(const char *name)
{
	if (failures) {
		fe_printf("FAILED %s: %u of %u checks\n", name, failures, checks);
		return 1;
	}
	fe_printf("PASS %s %u checks\n", name, checks);
	return 0;
}

fe_handle_t t_service(const char *program, bool archive)
{
	struct service s = { program, archive, false };
	fe_handle_t proc;
	int rc = svc_start(&s, &proc);

	if (rc < 0) {
		fe_printf("FAIL start %s: %d %s\n", program, rc, t_errname(rc));
		fe_exit(1);
	}
	return proc;
}
