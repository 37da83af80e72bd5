/*
 * Starting services and programs from the boot archive (service.h).
 *
 * Readiness is a notification rather than retried opens: init learns the
 * moment a service serves, without polling the scheme namespace, and a
 * service that dies before it is ready is noticed through its process
 * handle while init waits.
 */
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/bootfs.h>
#include <ferrite/sys.h>

#include "service.h"

#define READY_POLL_NS (20ll * 1000 * 1000)

void svc_wait_go(void)
{
	struct fe_handle_info info;
	uint64_t bits = 0;

	if (fe_handle_info(SVC_GO_HANDLE, &info) < 0 || info.type != FE_OBJ_NOTIFY)
		return;
	while (fe_notify_wait(SVC_GO_HANDLE, &bits, FE_FOREVER) == 0 && !bits)
		;
	(void)fe_handle_close(SVC_GO_HANDLE);
}

static bool beating;
static uint64_t last_beat;

void svc_ready(void)
{
	struct fe_handle_info info;

	if (fe_handle_info(SVC_READY_HANDLE, &info) < 0 || info.type != FE_OBJ_NOTIFY)
		return;
	last_beat = fe_clock();
	beating = fe_notify_signal(SVC_READY_HANDLE, SVC_READY_BIT) == 0;
}

bool svc_beating(void)
{
	return beating;
}

void svc_beat(void)
{
	uint64_t now;

	if (!beating)
		return;
	now = fe_clock();
	if (now - last_beat < (uint64_t)SVC_BEAT_NS)
		return;
	last_beat = now;
	(void)fe_notify_signal(SVC_READY_HANDLE, SVC_BEAT_BIT);
}

int boot_map(fe_handle_t h, const void **base, uint64_t *size)
{
	struct bootfs_header head;
	uint64_t len;
	void *p;
	int rc = fe_memobj_map(h, NULL, FE_PAGE_SIZE, FE_PROT_READ, 0, &p);

	if (rc < 0)
		return rc;
	memcpy(&head, p, sizeof(head));
	(void)fe_mem_unmap(p, FE_PAGE_SIZE);
	if (memcmp(head.magic, BOOTFS_MAGIC, sizeof(head.magic)) != 0 || head.size < sizeof(head) ||
	    head.size > (1ull << 32))
		return -FE_EINVAL;
	len = (head.size + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1);
	rc = fe_memobj_map(h, NULL, len, FE_PROT_READ, 0, &p);
	if (rc < 0)
		return rc;
	*base = p;
	*size = head.size;
	return 0;
}

int boot_spawn(const char *name, const char *const argv[], const fe_handle_t *h, uint32_t nh,
               uint32_t flags, fe_handle_t *proc)
{
	static const void *archive;
	static uint64_t archive_size;
	static char args[FE_SPAWN_MAX_ARGS];
	const char *const own[] = { name, NULL };
	struct fe_spawn sp = { .nhandles = nh, .flags = flags };
	const void *image;
	uint64_t len;
	fe_handle_t p;
	int rc = archive ? 0 : boot_map(FE_BOOTFS_HANDLE, &archive, &archive_size);

	if (rc == 0 && nh > FE_SPAWN_MAX_HANDLES)
		rc = -FE_EINVAL;
	if (rc == 0)
		rc = fe_bootfs_find(archive, archive_size, name, &image, &len);
	if (rc == 0)
		rc = fe_pack_args(argv ? argv : own, args, sizeof(args), &sp);
	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < nh; i++)
		sp.handles[i] = h[i];
	p = fe_proc_spawn(image, len, &sp);
	if (p < 0)
		return p;
	*proc = p;
	return 0;
}

/* Wait for the ready bit; notice the service ending or taking too long. */
static int wait_ready(fe_handle_t note, fe_handle_t proc)
{
	uint64_t start = fe_clock();

	for (;;) {
		struct fe_exit ex;
		uint64_t bits = 0;
		int rc = fe_notify_wait(note, &bits, READY_POLL_NS);

		if (rc == 0 && (bits & SVC_READY_BIT))
			return 0;
		if (rc < 0 && rc != -FE_ETIMEDOUT)
			return rc;
		if (fe_proc_wait(proc, &ex, FE_POLL) == 0)
			return -FE_ESRCH;
		if (fe_clock() - start > (uint64_t)SVC_READY_TIMEOUT_NS) {
			(void)fe_proc_kill(proc);
			return -FE_ETIMEDOUT;
		}
	}
}

int svc_start(const struct service *s, fe_handle_t *proc)
{
	fe_handle_t note = fe_notify_create(), h[2];
	int rc;

	if (note < 0)
		return note;
	h[0] = fe_handle_dup(note, FE_RIGHT_SIGNAL | FE_RIGHT_TRANSFER);
	h[1] = FE_BOOTFS_HANDLE;
	rc = h[0] < 0 ? h[0] : boot_spawn(s->program, NULL, h, s->archive ? 2 : 1, 0, proc);
	if (h[0] >= 0)
		(void)fe_handle_close(h[0]);
	if (rc == 0) {
		rc = wait_ready(note, *proc);
		if (rc < 0)
			(void)fe_handle_close(*proc);
	}
	(void)fe_handle_close(note);
	return rc;
}
