/*
 * The boot archive's checks and lookups (archive.h). Headers are copied out
 * with memcpy: the archive may sit at any alignment.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/abi.h>

#include "archive.h"

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

int archive_open(struct archive *a, const void *base, uint64_t size)
{
	struct bootfs_header h;
	struct bootfs_entry e;
	uint64_t table_end;

	if (size < sizeof(h))
		return -FE_EINVAL;
	memcpy(&h, base, sizeof(h));
	if (memcmp(h.magic, BOOTFS_MAGIC, sizeof(h.magic)) != 0 || h.size > size ||
	    h.size < sizeof(h))
		return -FE_EINVAL;
	if (h.count > (h.size - sizeof(h)) / sizeof(e))
		return -FE_EINVAL;
	a->base = base;
	a->size = h.size;
	a->count = h.count;
	table_end = sizeof(h) + (uint64_t)h.count * sizeof(e);
	for (uint32_t i = 0; i < h.count; i++) {
		archive_entry(a, i, &e);
		if (!entry_ok(&e, table_end, h.size))
			return -FE_EINVAL;
	}
	return 0;
}

void archive_entry(const struct archive *a, uint32_t i, struct bootfs_entry *e)
{
	memcpy(e, a->base + sizeof(struct bootfs_header) + (uint64_t)i * sizeof(*e), sizeof(*e));
}

int64_t archive_find(const struct archive *a, const char *name, uint64_t len)
{
	struct bootfs_entry e;

	if (len == 0 || len >= BOOTFS_NAME_MAX)
		return -FE_ENOENT;
	for (uint32_t i = 0; i < a->count; i++) {
		archive_entry(a, i, &e);
		if (strlen(e.name) == len && memcmp(e.name, name, len) == 0)
			return i;
	}
	return -FE_ENOENT;
}
