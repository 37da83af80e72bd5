/*
 * Grants, checked from the inside: a child spawned with a narrow list may
 * serve and open only what it lists, is refused the rest with -FE_EACCES
 * (reported once per kind on the console), and can pass on to its own
 * children only what it holds, for every kind of grant.
 *
 * Usage: grants              the parent: runs the cases below
 *        grants child        the narrowly granted child
 *        grants grandchild   one it lets through: exits at once
 */
#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

static const struct fe_grant narrow[] = {
	{ .kind = FE_GRANT_SERVE, .name = "alpha" },
	{ .kind = FE_GRANT_OPEN, .name = "alpha" },
	{ .kind = FE_GRANT_IRQ, .lo = 3, .hi = 5 },
	{ .kind = FE_GRANT_IOPORT, .lo = 0x3f8, .hi = 0x3ff },
	{ .kind = FE_GRANT_MMIO, .lo = 0xfee00000, .hi = 0xfee00fff },
};

static long spawn_granted(const char *role, const struct fe_grant *g, uint32_t n, fe_handle_t *proc)
{
	char args[32] = "grants";
	uint64_t len = 7, rlen = 0;
	struct fe_spawn sa = { .args = args,
		               .argc = 2,
		               .nhandles = 1, /* the boot archive, handle 0 */
		               .flags = FE_SPAWN_GRANTS,
		               .grants = g,
		               .ngrants = n };
	const void *image;
	uint64_t size;
	long h;

	while (role[rlen])
		rlen++;
	for (uint64_t i = 0; i <= rlen; i++)
		args[len + i] = role[i];
	sa.args_len = len + rlen + 1;
	if (fe_boot_find("grants", &image, &size) < 0)
		return -1;
	h = fe_proc_spawn(image, size, &sa);
	if (h >= 0)
		*proc = h;
	return h < 0 ? h : 0;
}

static int expect(const char *what, long got, long want)
{
	fe_printf("grants: %s: %ld%s\n", what, got, got == want ? "" : " (WRONG)");
	return got == want ? 0 : 1;
}

/* Try to pass on one grant: held ones pass, wider ones do not. */
static int pass_on(const char *what, struct fe_grant g, long want)
{
	fe_handle_t proc;
	struct fe_exit ex;
	long rc = spawn_granted("grandchild", &g, 1, &proc);

	if (rc == 0)
		t_wait(proc, &ex);
	return expect(what, rc, want);
}

static int child(void)
{
	fe_handle_t ep = fe_endpoint_create();
	int bad = 0;

	bad += expect("serve alpha", fe_scheme_register("alpha", 5, ep), 0);
	bad += expect("serve beta", fe_scheme_register("beta", 4, ep), -FE_EACCES);
	bad += expect("serve gamma", fe_scheme_register("gamma", 5, ep), -FE_EACCES);
	bad += expect("open beta:x", fe_open("beta:x", 6, 0, 0), -FE_EACCES);
	bad += expect("open /etc/motd", fe_open("/etc/motd", 9, 0, 0), -FE_EACCES);
	bad += pass_on("pass on open alpha",
	               (struct fe_grant){ .kind = FE_GRANT_OPEN, .name = "alpha" }, 0);
	bad += pass_on("pass on open *", (struct fe_grant){ .kind = FE_GRANT_OPEN, .name = "*" },
	               -FE_EACCES);
	bad += pass_on("pass on IRQ 4", (struct fe_grant){ .kind = FE_GRANT_IRQ, .lo = 4, .hi = 4 },
	               0);
	bad += pass_on("pass on IRQ 4-6",
	               (struct fe_grant){ .kind = FE_GRANT_IRQ, .lo = 4, .hi = 6 }, -FE_EACCES);
	bad += pass_on("pass on ports 3f8-3ff",
	               (struct fe_grant){ .kind = FE_GRANT_IOPORT, .lo = 0x3f8, .hi = 0x3ff }, 0);
	bad += pass_on("pass on ports 3f0-3ff",
	               (struct fe_grant){ .kind = FE_GRANT_IOPORT, .lo = 0x3f0, .hi = 0x3ff },
	               -FE_EACCES);
	bad += pass_on(
		"pass on memory fee00000",
		(struct fe_grant){ .kind = FE_GRANT_MMIO, .lo = 0xfee00000, .hi = 0xfee00003 }, 0);
	bad += pass_on("pass on memory 0-fff",
	               (struct fe_grant){ .kind = FE_GRANT_MMIO, .lo = 0, .hi = 0xfff },
	               -FE_EACCES);
	bad += pass_on("pass on a bad range",
	               (struct fe_grant){ .kind = FE_GRANT_IRQ, .lo = 5, .hi = 4 }, -FE_EINVAL);
	bad += pass_on("pass on a bad kind", (struct fe_grant){ .kind = 99 }, -FE_EINVAL);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	fe_handle_t proc;
	struct fe_exit ex;
	long rc;

	if (argc == 2 && argv[1][0] == 'c')
		return child();
	if (argc == 2)
		return 0; /* a grandchild that was let through */
	rc = spawn_granted("child", narrow, sizeof(narrow) / sizeof(narrow[0]), &proc);
	if (rc < 0)
		return expect("spawn the child", rc, 0);
	t_wait(proc, &ex);
	fe_printf("grants: child exit kind %u code %d\n", ex.kind, ex.code);
	fe_printf("grants: %s\n", ex.kind == FE_EXIT_NORMAL && ex.code == 0 ? "ok" : "FAIL");
	return ex.kind == FE_EXIT_NORMAL ? ex.code : 1;
}
