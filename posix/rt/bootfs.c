/*
 * Reading the boot archive and spawning programs from it.
 *
 * The archive comes from outside the program (the machine builds it), so
 * every field is checked before it is used: fe_bootfs_find validates the
 * whole table, not only the entry it returns, so a bad archive is refused the
 * same way whatever is looked up. Headers are copied out with memcpy because
 * the archive may sit at any alignment.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/bootfs.h>
#include <ferrite/sys.h>

static bool entry_ok(const struct bootfs_entry *e, uint64_t data_start, uint64_t limit)
{
	if (!memchr(e->name, '\0', sizeof(e->name)) || e->name[0] == '\0')
		return false;
	if (strchr(e->name, '/'))
		return false;
	if (e->offset % 8 != 0 || e->offset < data_start || e->offset > limit)
		return false;
	return e->size <= limit - e->offset;
}

static int read_header(const void *archive, uint64_t size, struct bootfs_header *h)
{
	if (size < sizeof(*h))
		return -FE_EINVAL;
	memcpy(h, archive, sizeof(*h));
	if (memcmp(h->magic, BOOTFS_MAGIC, sizeof(h->magic)) != 0)
		return -FE_EINVAL;
	if (h->size > size || h->size < sizeof(*h))
		return -FE_EINVAL;
	if (h->count > (h->size - sizeof(*h)) / sizeof(struct bootfs_entry))
		return -FE_EINVAL;
	return 0;
}

int fe_bootfs_find(const void *archive, uint64_t size, const char *name, const void **data,
                   uint64_t *len)
{
	const char *base = archive;
	struct bootfs_header h;
	struct bootfs_entry e;
	uint64_t table_end;
	int rc = read_header(archive, size, &h), found = -1;

	if (rc < 0)
		return rc;
	table_end = sizeof(h) + (uint64_t)h.count * sizeof(e);
	for (uint32_t i = 0; i < h.count; i++) {
		memcpy(&e, base + sizeof(h) + (uint64_t)i * sizeof(e), sizeof(e));
		if (!entry_ok(&e, table_end, h.size))
			return -FE_EINVAL;
		if (found < 0 && strcmp(e.name, name) == 0) {
			found = (int)i;
			*data = base + e.offset;
			*len = e.size;
		}
	}
	return found < 0 ? -FE_ENOENT : 0;
}

int fe_pack_args(const char *const argv[], char *buf, uint64_t cap, struct fe_spawn *sp)
{
	uint64_t used = 0;

	sp->argc = 0;
	for (; argv[sp->argc]; sp->argc++) {
		uint64_t n = strlen(argv[sp->argc]) + 1;

		if (n > cap - used)
			return -FE_E2BIG;
		memcpy(buf + used, argv[sp->argc], n);
		used += n;
	}
	sp->args = buf;
	sp->args_len = used;
	return 0;
}

int fe_spawn_image(const void *image, uint64_t len, const char *const argv[],
                   const fe_handle_t *handles, uint32_t nhandles, fe_handle_t *proc)
{
	static char args[FE_SPAWN_MAX_ARGS];
	struct fe_spawn sp = { .priority = FE_PRIO_DEFAULT, .nhandles = nhandles };
	fe_handle_t h;
	int rc;

	if (nhandles > FE_SPAWN_MAX_HANDLES)
		return -FE_EINVAL;
	rc = fe_pack_args(argv, args, sizeof(args), &sp);
	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < nhandles; i++)
		sp.handles[i] = handles[i];
	h = fe_proc_spawn(image, len, &sp);
	if (h < 0)
		return h;
	*proc = h;
	return 0;
}

static const void *boot_archive;
static uint64_t boot_size;

/* Map the boot archive: one page first to learn its size, then all of it.
 * fe_bootfs_find checks the rest of the header. */
static int map_boot_archive(void)
{
	struct bootfs_header h;
	uint64_t len;
	void *p;
	int rc;

	if (boot_archive)
		return 0;
	rc = fe_memobj_map(FE_BOOTFS_HANDLE, NULL, FE_PAGE_SIZE, FE_PROT_READ, 0, &p);
	if (rc < 0)
		return rc;
	memcpy(&h, p, sizeof(h));
	(void)fe_mem_unmap(p, FE_PAGE_SIZE);
	if (h.size < sizeof(h) || h.size > UINT64_MAX - FE_PAGE_SIZE)
		return -FE_EINVAL;
	len = (h.size + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1);
	rc = fe_memobj_map(FE_BOOTFS_HANDLE, NULL, len, FE_PROT_READ, 0, &p);
	if (rc < 0)
		return rc;
	boot_archive = p;
	boot_size = h.size;
	return 0;
}

int fe_boot_find(const char *name, const void **image, uint64_t *len)
{
	int rc = map_boot_archive();

	return rc < 0 ? rc : fe_bootfs_find(boot_archive, boot_size, name, image, len);
}

int fe_spawn_boot(const char *name, const char *const argv[], const fe_handle_t *handles,
                  uint32_t nhandles, fe_handle_t *proc)
{
	const char *const own[] = { name, NULL };
	const void *image;
	uint64_t len;
	int rc = map_boot_archive();

	if (rc < 0)
		return rc;
	rc = fe_bootfs_find(boot_archive, boot_size, name, &image, &len);
	if (rc < 0)
		return rc;
	return fe_spawn_image(image, len, argv ? argv : own, handles, nhandles, proc);
}
