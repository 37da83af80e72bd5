/*
 * mem_alloc for daemons: a small allocator on anonymous mappings.
 *
 * Every block starts with a 16-byte header (its size class, or its mapped
 * length), so blocks stay 16-byte aligned. Requests up to 4080 bytes use
 * power-of-two classes from 32 to 4096 bytes, carved from 64 KiB chunks and
 * recycled through one free list per class; larger ones are mapped whole
 * and unmapped on free — except that up to CACHE_SLOTS freed ones of at
 * most CACHE_MAX bytes are kept and serve the next large requests they can
 * hold, since a server allocates request-sized buffers (a pipe's waiting
 * write, up to 64 KiB) over and over, and a map and an unmap cost far more
 * than clearing the block. Memory of small classes is never returned to
 * the kernel: a daemon's small objects come and go in similar numbers.
 *
 * Single-threaded: a daemon's helper threads never allocate.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <ferrite/sys.h>

#include "mem.h"

#define HEAD 16u
#define NCLASS 8u /* 32 << 0 .. 32 << 7 = 4096 */
#define LARGE 0xffu
#define CHUNK (64u * 1024u)
#define CACHE_SLOTS 4u
#define CACHE_MAX (128u * 1024u) /* mapped bytes, header included */

struct head {
	uint64_t size; /* usable bytes */
	uint64_t class;
};

struct free_block {
	struct free_block *next;
};

static struct free_block *free_list[NCLASS];
static struct head *cache[CACHE_SLOTS]; /* freed large blocks, or NULL */
static char *chunk;
static uint64_t chunk_left;

static uint64_t class_bytes(unsigned c)
{
	return 32ull << c;
}

/* A cached block that holds n bytes, cleared, or NULL. */
static void *cache_take(size_t n)
{
	for (unsigned i = 0; i < CACHE_SLOTS; i++) {
		struct head *h = cache[i];

		if (h && h->size >= n) {
			cache[i] = NULL;
			memset((char *)h + HEAD, 0, n);
			return (char *)h + HEAD;
		}
	}
	return NULL;
}

/* Keep a freed large block if it is small enough and a slot is free. */
static bool cache_put(struct head *h)
{
	if (h->size + HEAD > CACHE_MAX)
		return false;
	for (unsigned i = 0; i < CACHE_SLOTS; i++) {
		if (!cache[i]) {
			cache[i] = h;
			return true;
		}
	}
	return false;
}

static void *large_alloc(size_t n)
{
	uint64_t len = (n + HEAD + FE_PAGE_SIZE - 1) & ~(FE_PAGE_SIZE - 1);
	struct head *h;
	void *p = cache_take(n);

	if (p)
		return p;
	if (fe_mem_map(NULL, len, FE_PROT_READ | FE_PROT_WRITE, &p) < 0)
		return NULL;
	h = p;
	h->size = len - HEAD;
	h->class = LARGE;
	return (char *)p + HEAD;
}

static struct head *carve(unsigned c)
{
	uint64_t bytes = class_bytes(c);
	struct head *h;

	if (chunk_left < bytes) {
		void *p;

		/* The rest of the old chunk is too small for this class: let it go. */
		if (fe_mem_map(NULL, CHUNK, FE_PROT_READ | FE_PROT_WRITE, &p) < 0)
			return NULL;
		chunk = p;
		chunk_left = CHUNK;
	}
	h = (struct head *)chunk;
	chunk += bytes;
	chunk_left -= bytes;
	return h;
}

static void *small_alloc(size_t n)
{
	unsigned c = 0;
	struct head *h;

	while (class_bytes(c) - HEAD < n)
		c++;
	if (free_list[c]) {
		h = (struct head *)((char *)free_list[c] - HEAD);
		free_list[c] = free_list[c]->next;
	} else {
		h = carve(c);
		if (!h)
			return NULL;
	}
	h->size = class_bytes(c) - HEAD;
	h->class = c;
	memset((char *)h + HEAD, 0, h->size);
	return (char *)h + HEAD;
}

void *mem_alloc(size_t n)
{
	if (n > (size_t)1 << 40)
		return NULL;
	if (n > class_bytes(NCLASS - 1) - HEAD)
		return large_alloc(n);
	return small_alloc(n);
}

void mem_free(void *p)
{
	struct head *h;

	if (!p)
		return;
	h = (struct head *)((char *)p - HEAD);
	if (h->class == LARGE) {
		if (!cache_put(h))
			(void)fe_mem_unmap(h, h->size + HEAD);
		return;
	}
	((struct free_block *)p)->next = free_list[h->class];
	free_list[h->class] = p;
}

void *mem_realloc(void *p, size_t n)
{
	struct head *h;
	void *q;

	if (!p)
		return mem_alloc(n);
	h = (struct head *)((char *)p - HEAD);
	if (n <= h->size)
		return p;
	q = mem_alloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, h->size);
	mem_free(p);
	return q;
}
