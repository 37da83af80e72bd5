/*
 * The boot archive: the read-only files the machine hands the first process
 * (programs, later manifests), as one memory object at handle 0.
 *
 * Layout, all integers little-endian:
 *   struct bootfs_header                  at offset 0
 *   struct bootfs_entry[count]            right after it
 *   file data                             each file at its entry's offset,
 *                                         8-byte aligned, inside the archive
 * Names are NUL-terminated, at most BOOTFS_NAME_MAX - 1 bytes, with no '/'.
 * Readers must check every offset and size against the archive's length.
 */
#ifndef FERRITE_BOOTFS_H
#define FERRITE_BOOTFS_H

#include <stdint.h>

#define BOOTFS_MAGIC "FEBOOTFS"
#define BOOTFS_NAME_MAX 48

struct bootfs_header {
	char magic[8];
	uint32_t count;
	uint32_t reserved;
	uint64_t size; /* the whole archive, in bytes */
};

struct bootfs_entry {
	char name[BOOTFS_NAME_MAX];
	uint64_t offset;
	uint64_t size;
};

#endif
