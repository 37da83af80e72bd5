/*
 * The heap: regions from the kernel, size-class bins of free chunks, and
 * the splitting and merging that keep the heap compact (see heap.h).
 *
 * Bins: 63 exact bins for chunks of 32..1024 bytes (16-byte steps), then
 * four bins per power of two up to 64 MiB and one for everything larger.
 * A bitmap says which bins are non-empty, so finding the smallest bin that
 * can serve a request is a couple of bit scans. Within a large bin the
 * first chunk big enough is taken. A region that becomes entirely free is
 * given back to the kernel when the heap has other free memory to spare.
 */
#include <ferrite/abi.h>
#include <ferrite/sys.h>

#include "heap.h"

#define NSMALL 63
#define NBINS 128
#define PAGE FE_PAGE_SIZE

struct region {
	struct region *next;
	size_t len;
};

#define REGION_HDR 16ul

static struct chunk *bins[NBINS];
static uint64_t binmap[NBINS / 64];
static struct region *regions;
static size_t free_bytes; /* in all bins */

static unsigned bin_index(size_t size)
{
	unsigned log, idx;

	if (size <= 1024)
		return (unsigned)(size / 16 - 2);
	log = 63u - (unsigned)__builtin_clzl(size);
	idx = NSMALL + (log - 10) * 4 + (unsigned)((size >> (log - 2)) & 3);
	return idx < NBINS ? idx : NBINS - 1;
}

static void bin_insert(struct chunk *c)
{
	unsigned i = bin_index(chunk_size(c));

	free_bytes += chunk_size(c);
	c->prev = NULL;
	c->next = bins[i];
	if (c->next)
		c->next->prev = c;
	bins[i] = c;
	binmap[i / 64] |= 1ull << (i % 64);
}

static void bin_remove(struct chunk *c)
{
	unsigned i = bin_index(chunk_size(c));

	free_bytes -= chunk_size(c);
	if (c->prev)
		c->prev->next = c->next;
	else
		bins[i] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[i])
		binmap[i / 64] &= ~(1ull << (i % 64));
}

/* The first non-empty bin at or after i, or NBINS. */
static unsigned next_bin(unsigned i)
{
	while (i < NBINS) {
		uint64_t m = binmap[i / 64] >> (i % 64);

		if (m)
			return i + (unsigned)__builtin_ctzll(m);
		i = (i / 64 + 1) * 64;
	}
	return NBINS;
}

static struct chunk *fit_in_bin(unsigned i, size_t size)
{
	for (struct chunk *c = bins[i]; c; c = c->next)
		if (chunk_size(c) >= size)
			return c;
	return NULL;
}

static void mark_used(struct chunk *c)
{
	c->size |= F_INUSE;
	chunk_next(c)->size |= F_PREV_INUSE;
}

/* Mark the in-use chunk c free, merge it with free neighbours and bin it. */
static void release(struct chunk *c);

void heap_split(struct chunk *c, size_t size)
{
	size_t total = chunk_size(c);
	struct chunk *rest;

	if (total - size < CHUNK_MIN)
		return;
	rest = (struct chunk *)((char *)c + size);
	rest->size = (total - size) | F_INUSE | F_PREV_INUSE;
	c->size = size | (c->size & F_MASK);
	release(rest);
}

static struct chunk *first_chunk(struct region *r)
{
	return (struct chunk *)((char *)r + REGION_HDR);
}

/* A new region with one free chunk big enough for `size`. */
static int add_region(size_t size)
{
	size_t len = size + REGION_HDR + CHUNK_HDR;
	struct region *r;
	struct chunk *c, *end;
	void *p;

	len = len < REGION_MIN ? REGION_MIN : (len + PAGE - 1) & ~(PAGE - 1);
	if (fe_mem_map(NULL, len, FE_PROT_READ | FE_PROT_WRITE, &p) < 0)
		return -1;
	r = p;
	r->len = len;
	r->next = regions;
	regions = r;
	c = first_chunk(r);
	c->size = (len - REGION_HDR - CHUNK_HDR) | F_PREV_INUSE;
	end = chunk_next(c);
	end->prev_size = chunk_size(c);
	end->size = F_INUSE;
	bin_insert(c);
	return 0;
}

struct chunk *heap_take(size_t size)
{
	unsigned i = bin_index(size);
	struct chunk *c = NULL;

	for (i = next_bin(i); i < NBINS && !c; i = next_bin(i + 1))
		c = fit_in_bin(i, size);
	if (!c) {
		if (add_region(size) < 0)
			return NULL;
		return heap_take(size);
	}
	bin_remove(c);
	mark_used(c);
	heap_split(c, size);
	return c;
}

struct chunk *heap_take_aligned(size_t size, size_t align)
{
	struct chunk *c = heap_take(size + align + CHUNK_MIN), *body;
	uintptr_t p, gap;

	if (!c)
		return NULL;
	p = (uintptr_t)chunk_payload(c);
	gap = ((p + align - 1) & ~(uintptr_t)(align - 1)) - p;
	if (gap && gap < CHUNK_MIN)
		gap += align;
	if (gap) {
		body = (struct chunk *)((char *)c + gap);
		body->size = (chunk_size(c) - gap) | F_INUSE | F_PREV_INUSE;
		c->size = gap | (c->size & F_MASK);
		release(c);
		c = body;
	}
	heap_split(c, size);
	return c;
}

static struct region *region_of(struct chunk *c)
{
	for (struct region *r = regions; r; r = r->next)
		if (first_chunk(r) == c)
			return r;
	return NULL;
}

/* Give a wholly free region back, unless the heap would then have little
 * free memory left: keeping a spare region spares the next burst of
 * allocations the cost of fresh pages. */
static bool drop_region(struct chunk *c)
{
	struct region *r, **pp;

	if (chunk_next(c)->size != F_INUSE || !regions || !regions->next)
		return false;
	if (free_bytes < 2 * REGION_MIN)
		return false;
	r = region_of(c);
	if (!r)
		return false;
	for (pp = &regions; *pp != r; pp = &(*pp)->next)
		;
	*pp = r->next;
	fe_mem_unmap(r, r->len);
	return true;
}

static void release(struct chunk *c)
{
	size_t size = chunk_size(c);
	struct chunk *next = chunk_next(c);

	if (!(c->size & F_PREV_INUSE)) {
		c = chunk_prev(c);
		bin_remove(c);
		size += chunk_size(c);
	}
	if (!(next->size & F_INUSE)) {
		bin_remove(next);
		size += chunk_size(next);
	}
	c->size = size | F_PREV_INUSE;
	next = chunk_next(c);
	next->prev_size = size;
	next->size &= ~F_PREV_INUSE;
	if (!drop_region(c))
		bin_insert(c);
}

void heap_give(struct chunk *c)
{
	release(c);
}

bool heap_grow_into_next(struct chunk *c, size_t size)
{
	struct chunk *next = chunk_next(c);

	if (next->size & F_INUSE || chunk_size(c) + chunk_size(next) < size)
		return false;
	bin_remove(next);
	c->size += chunk_size(next);
	chunk_next(c)->size |= F_PREV_INUSE;
	heap_split(c, size);
	return true;
}

void *heap_map_large(size_t n, size_t align)
{
	size_t len = n + CHUNK_HDR + (align > CHUNK_ALIGN ? align : 0);
	uintptr_t base, payload;
	struct chunk *c;
	void *p;

	if (len < n)
		return NULL;
	len = (len + PAGE - 1) & ~(PAGE - 1);
	if (fe_mem_map(NULL, len, FE_PROT_READ | FE_PROT_WRITE, &p) < 0)
		return NULL;
	base = (uintptr_t)p;
	payload = (base + CHUNK_HDR + align - 1) & ~(uintptr_t)(align - 1);
	c = payload_chunk((void *)payload);
	c->prev_size = (uintptr_t)c - base;
	c->size = len | F_MAPPED | F_INUSE;
	return (void *)payload;
}

void heap_unmap_large(struct chunk *c)
{
	fe_mem_unmap((char *)c - c->prev_size, chunk_size(c));
}

/* Walk one region; -1 on any broken rule. Counts the free chunks. */
static int check_region(struct region *r, size_t *nfree)
{
	char *end = (char *)r + r->len - CHUNK_HDR;
	struct chunk *c = first_chunk(r);
	bool prev_used = true;

	for (; (char *)c < end; c = chunk_next(c)) {
		size_t size = chunk_size(c);
		bool used = c->size & F_INUSE;

		if (size < CHUNK_MIN || size % CHUNK_ALIGN || (char *)c + size > end)
			return -1;
		if (!!(c->size & F_PREV_INUSE) != prev_used || (!prev_used && !used))
			return -1;
		if (!used && chunk_next(c)->prev_size != size)
			return -1;
		*nfree += !used;
		prev_used = used;
	}
	return (char *)c == end && c->size == (F_INUSE | (prev_used ? F_PREV_INUSE : 0)) ? 0 : -1;
}

int heap_check(void)
{
	size_t nfree = 0, nbinned = 0;

	for (struct region *r = regions; r; r = r->next)
		if (check_region(r, &nfree) < 0)
			return -1;
	for (unsigned i = 0; i < NBINS; i++) {
		if (!!bins[i] != !!(binmap[i / 64] & (1ull << (i % 64))))
			return -2;
		for (struct chunk *c = bins[i]; c; c = c->next, nbinned++)
			if (c->size & F_INUSE || bin_index(chunk_size(c)) != i ||
			    (c->next && c->next->prev != c))
				return -2;
	}
	return nfree == nbinned ? 0 : -3;
}
