/*
 * The allocator's inner structures, shared by heap.c (regions, bins,
 * splitting and coalescing) and malloc.c (the public functions).
 *
 * Memory comes from the kernel in regions (FE_SYS_MEM_MAP). A region is a
 * run of chunks, each with a 16-byte header before its payload:
 *
 *     prev_size   the size of the chunk before, valid only when it is free
 *     size        this chunk's size (a multiple of 16) | flags
 *
 * Free chunks keep their links to their bin's list in the payload, and
 * their size again in the next chunk's prev_size (a boundary tag), so that
 * free() can merge a chunk with both neighbours in constant time. Two free
 * chunks are never adjacent. A region ends with a sentinel header marked in
 * use. Blocks of FE_MMAP_MIN bytes or more get a mapping of their own.
 */
#ifndef FERRITE_MALLOC_HEAP_H
#define FERRITE_MALLOC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHUNK_HDR 16ul
#define CHUNK_ALIGN 16ul
#define CHUNK_MIN 32ul
#define FE_MMAP_MIN (256ul << 10)
#define REGION_MIN (1ul << 20)

#define F_INUSE 1ul
#define F_PREV_INUSE 2ul
#define F_MAPPED 4ul
#define F_MASK 15ul

struct chunk {
	size_t prev_size;
	size_t size;
	/* Only while free: */
	struct chunk *next, *prev;
};

static inline size_t chunk_size(const struct chunk *c)
{
	return c->size & ~F_MASK;
}

static inline struct chunk *chunk_next(const struct chunk *c)
{
	return (struct chunk *)((char *)c + chunk_size(c));
}

static inline struct chunk *chunk_prev(const struct chunk *c)
{
	return (struct chunk *)((char *)c - c->prev_size);
}

static inline void *chunk_payload(const struct chunk *c)
{
	return (char *)c + CHUNK_HDR;
}

static inline struct chunk *payload_chunk(const void *p)
{
	return (struct chunk *)((char *)p - CHUNK_HDR);
}

/* The chunk size that holds n payload bytes, or 0 if n is absurd. */
static inline size_t request_size(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	n = (n + CHUNK_HDR + CHUNK_ALIGN - 1) & ~(CHUNK_ALIGN - 1);
	return n < CHUNK_MIN ? CHUNK_MIN : n;
}

/* heap.c */
struct chunk *heap_take(size_t size);
/* A chunk whose payload is align-aligned (align a power of two > 16). */
struct chunk *heap_take_aligned(size_t size, size_t align);
void heap_give(struct chunk *c);
void heap_split(struct chunk *c, size_t size);
bool heap_grow_into_next(struct chunk *c, size_t size);
void *heap_map_large(size_t n, size_t align);
void heap_unmap_large(struct chunk *c);
int heap_check(void);

#endif
