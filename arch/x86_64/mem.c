/*
 * Memory objects (arch_mem): a list of physical pages, kept as a one- or
 * two-level table of physical addresses (512 per table page), so the
 * largest object the core allows (1 GiB) needs one directory page. Pages
 * are allocated and zeroed at creation; the core reaches them through the
 * direct map (arch_mem_ptr) and address spaces map them (paging.c).
 *
 * Rules: a page belongs to exactly one arch_mem and is freed with it; the
 * core unmaps an object everywhere before destroying it.
 */
#include "x86.h"

#define PER_TABLE 512ull
#define MAX_PAGES (PER_TABLE * PER_TABLE)

struct arch_mem {
	uint64_t npages;
	uint64_t root; /* physical address of the table or the directory */
	bool two_level;
};

static struct slab mem_slab = SLAB_INIT(struct arch_mem);

static uint64_t *table(uint64_t pa)
{
	return phys_to_virt(pa);
}

/* The slot holding page `i`'s address, or NULL if its table is missing. */
static uint64_t *slot(const struct arch_mem *m, uint64_t i)
{
	uint64_t leaf;

	if (!m->two_level)
		return &table(m->root)[i];
	leaf = table(m->root)[i / PER_TABLE];
	return leaf ? &table(leaf)[i % PER_TABLE] : NULL;
}

uint64_t mem_page(const struct arch_mem *m, uint64_t i)
{
	uint64_t *s = i < m->npages ? slot(m, i) : NULL;

	return s ? *s : 0;
}

static void free_pages(struct arch_mem *m)
{
	for (uint64_t i = 0; i < m->npages; i++) {
		uint64_t *s = slot(m, i);

		if (s && *s)
			pmm_free(*s);
	}
	if (m->two_level)
		for (uint64_t d = 0; d < PER_TABLE; d++)
			if (table(m->root)[d])
				pmm_free(table(m->root)[d]);
	pmm_free(m->root);
}

void arch_mem_destroy(struct arch_mem *m)
{
	if (m->root)
		free_pages(m);
	slab_free(&mem_slab, m);
}

static int fill(struct arch_mem *m)
{
	for (uint64_t i = 0; i < m->npages; i++) {
		uint64_t *s;

		if (m->two_level && i % PER_TABLE == 0) {
			table(m->root)[i / PER_TABLE] = pmm_alloc();
			if (!table(m->root)[i / PER_TABLE])
				return -1;
		}
		s = slot(m, i);
		*s = pmm_alloc();
		if (!*s)
			return -1;
	}
	return 0;
}

struct arch_mem *arch_mem_create(uint64_t size)
{
	struct arch_mem *m;

	/* fail at once rather than fill and empty all of memory */
	if (size == 0 || size % PAGE || size / PAGE > MAX_PAGES ||
	    size / PAGE + size / PAGE / PER_TABLE + 2 > pmm_free_pages())
		return NULL;
	m = slab_alloc(&mem_slab);
	if (!m)
		return NULL;
	m->npages = size / PAGE;
	m->two_level = m->npages > PER_TABLE;
	m->root = pmm_alloc();
	if (!m->root || fill(m) < 0) {
		arch_mem_destroy(m);
		return NULL;
	}
	return m;
}

void *arch_mem_ptr(struct arch_mem *m, uint64_t off)
{
	uint64_t pa = mem_page(m, off / PAGE);

	return pa ? (char *)phys_to_virt(pa) + (off & PAGE_MASK) : NULL;
}
