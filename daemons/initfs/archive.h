/*
 * Reading the boot archive (<ferrite/bootfs.h>) for initfs. The archive
 * comes from outside the daemon, so archive_open checks the header and
 * every entry — name, offset, size — once, before anything is served; after
 * that every entry it hands out is known to lie inside the archive.
 */
#ifndef INITFS_ARCHIVE_H
#define INITFS_ARCHIVE_H

#include <stdint.h>

#include <ferrite/bootfs.h>

struct archive {
	const char *base;
	uint64_t size;
	uint32_t count;
};

/* Check the archive at base (size bytes mapped): 0 or -FE_EINVAL. */
int archive_open(struct archive *a, const void *base, uint64_t size);
/* Entry i (< count), copied out. */
void archive_entry(const struct archive *a, uint32_t i, struct bootfs_entry *e);
/* The index of the entry called name[0 .. len), or -FE_ENOENT. */
int64_t archive_find(const struct archive *a, const char *name, uint64_t len);

#endif
