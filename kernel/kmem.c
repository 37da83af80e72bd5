/*
 * The kernel heap: power-of-two size classes from 32 bytes to 4 KiB, each
 * with a free list, carved on demand from the region the machine gave at
 * boot. Larger blocks come from a first-fit list of freed large blocks,
 * then from the region. A freed large block is split when only part of it
 * is needed, and small sizes fall back on freed large blocks once the
 * region is used up, so memory freed in large blocks is never lost to small
 * ones. Every block starts with a 16-byte header naming its size, so kfree
 * needs no size. Blocks are zeroed when handed out.
 *
 * The kernel never frees the region itself; running out is reported to the
 * caller as NULL and surfaces to users as -FE_ENOMEM.
 */
#include "lib.h"
#include "list.h"

#define MIN_SHIFT 5
#define MAX_SHIFT 12
#define NCLASSES (MAX_SHIFT - MIN_SHIFT + 1)
#define HDR 16u

struct block {
	uint64_t size; /* usable bytes after the header */
	uint64_t magic;
};

struct free_block {
	struct block hdr;
	struct list link;
};

#define MAGIC_USED 0x46455573ed00ull
#define MAGIC_FREE 0x4645467265650ull

static char *region, *region_end, *region_start;
static struct list classes[NCLASSES];
static struct list large;

void kmem_init(void *base, uint64_t size)
{
	uintptr_t start = ((uintptr_t)base + 15) & ~(uintptr_t)15;

	region = (char *)start;
	region_end = (char *)base + size;
	region_start = region;
	for (int i = 0; i < NCLASSES; i++)
		list_init(&classes[i]);
	list_init(&large);
}

static int class_of(size_t size)
{
	int c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static struct block *carve(uint64_t size)
{
	struct block *b;

	if ((uint64_t)(region_end - region) < size + HDR)
		return NULL;
	b = (struct block *)region;
	region += size + HDR;
	b->size = size;
	return b;
}

/* Keep the first `size` bytes of f; what is left beyond them becomes a free
 * large block of its own if it is big enough to be one. */
static void split(struct free_block *f, uint64_t size)
{
	struct free_block *rest;

	if (f->hdr.size - size <= HDR + ((uint64_t)1 << MAX_SHIFT))
		return;
	rest = (struct free_block *)((char *)f + HDR + size);
	rest->hdr.size = f->hdr.size - size - HDR;
	rest->hdr.magic = MAGIC_FREE;
	list_push_front(&large, &rest->link);
	f->hdr.size = size;
}

static struct block *take_large(uint64_t size)
{
	struct list *it;

	list_for_each(it, &large) {
		struct free_block *f = list_entry(it, struct free_block, link);

		if (f->hdr.size >= size) {
			list_remove(&f->link);
			split(f, size);
			return &f->hdr;
		}
	}
	return carve(size);
}

void *kzalloc(size_t size)
{
	struct block *b;

	if (size == 0)
		size = 1;
	if (size > ((size_t)1 << MAX_SHIFT)) {
		if (size > SIZE_MAX - 15 ||
		    (size > (size_t)(region_end - region) && list_empty(&large)))
			return NULL; /* the first would wrap when rounded up below */
		b = take_large((size + 15) & ~(size_t)15);
	} else {
		int c = class_of(size);
		struct list *n = list_pop_front(&classes[c]);

		b = n ? &list_entry(n, struct free_block, link)->hdr
		      : carve((uint64_t)1 << (c + MIN_SHIFT));
		if (!b)
			b = take_large((uint64_t)1 << (c + MIN_SHIFT));
	}
	if (!b)
		return NULL;
	b->magic = MAGIC_USED;
	kmemset((char *)b + HDR, 0, b->size);
	return (char *)b + HDR;
}

void kfree(void *p)
{
	struct free_block *f;

	if (!p)
		return;
	f = (struct free_block *)((char *)p - HDR);
	if (f->hdr.magic != MAGIC_USED) {
		kprintf("ferrite: kfree of a bad block %p\n", p);
		return;
	}
	f->hdr.magic = MAGIC_FREE;
	if (f->hdr.size > ((uint64_t)1 << MAX_SHIFT))
		list_push_front(&large, &f->link);
	else
		list_push_front(&classes[class_of(f->hdr.size)], &f->link);
}

void kmem_stats(uint64_t *used, uint64_t *size)
{
	*used = (uint64_t)(region - region_start);
	*size = (uint64_t)(region_end - region_start);
}

int kgrow(void **array, uint32_t *size, uint32_t need, size_t elem, uint32_t first, uint32_t max)
{
	uint32_t n = *size ? *size : first;
	void *grown;

	if (need > max)
		return -FE_EMFILE;
	while (n < need)
		n *= 2;
	if (n > max)
		n = max;
	if (n <= *size)
		return 0;
	grown = kzalloc(n * elem);
	if (!grown)
		return -FE_ENOMEM;
	if (*array)
		kmemcpy(grown, *array, *size * elem);
	kfree(*array);
	*array = grown;
	*size = n;
	return 0;
}
