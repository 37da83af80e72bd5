/*
 * Memory objects: page-granular, zero-filled memory that can be mapped into
 * address spaces. Anonymous mappings, ELF segments, stacks and shared memory
 * are all memory objects; a shared one is simply mapped twice.
 */
#ifndef KERNEL_MEMOBJ_H
#define KERNEL_MEMOBJ_H

#include <arch.h>

#include "object.h"

struct memobj {
	struct kobj obj;
	struct arch_mem *mem;
	uint64_t size;
	bool named; /* created by FE_SYS_MEMOBJ_CREATE: fork shares it */
};

/* Largest memory object a user may ask for (bounds host memory in the sim). */
#define MEMOBJ_MAX_SIZE (1ull << 30)

/* A new object of `size` bytes (rounded up to pages), one reference. */
struct memobj *memobj_create(uint64_t size);

#endif
