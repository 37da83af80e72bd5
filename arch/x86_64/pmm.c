/*
 * Physical pages. The free memory is the boot memory map's RAM minus the
 * first MiB, the kernel image and the boot archive. Pages are handed out
 * from the lowest free range upwards; freed pages go on a stack threaded
 * through the pages themselves (reached by the direct map) and are reused
 * first. Nothing is touched until it is handed out, so start-up costs
 * nothing however large the memory.
 *
 * Rules: pmm_alloc returns a zeroed page; the ranges are sorted, so early
 * allocations (the direct map's own tables) come from low memory, which the
 * boot page tables already map.
 */
#include "x86.h"

#define MAX_FREE (BOOT_MAX_RANGES * 3)
#define LOW_RESERVED 0x100000ull

extern char __phys_start[], __phys_end[];

static struct phys_range ranges[MAX_FREE]; /* [start: next unused, end) */
static unsigned nranges;
static uint64_t free_stack;   /* physical address of the top page, or 0 */
static uint64_t total, nfree; /* bytes managed; pages free */

static void add_range(uint64_t start, uint64_t end)
{
	unsigned i = nranges;

	if (end <= start || nranges == MAX_FREE)
		return;
	while (i > 0 && ranges[i - 1].start > start) {
		ranges[i] = ranges[i - 1];
		i--;
	}
	ranges[i] = (struct phys_range){ start, end };
	nranges++;
	total += end - start;
	nfree += (end - start) / PAGE;
}

/* Add [start, end) minus the reserved ranges. */
static void add_ram(uint64_t start, uint64_t end, const struct phys_range *rsv, unsigned nrsv)
{
	for (unsigned i = 0; i < nrsv; i++) {
		if (rsv[i].end <= start || rsv[i].start >= end)
			continue;
		add_ram(start, rsv[i].start > start ? rsv[i].start : start, rsv + i + 1,
		        nrsv - i - 1);
		start = rsv[i].end;
		if (start >= end)
			return;
	}
	add_range(start, end);
}

void pmm_init(const struct boot_params *bp)
{
	struct phys_range rsv[3] = {
		{ 0, LOW_RESERVED },
		{ (uint64_t)__phys_start, ((uint64_t)__phys_end + PAGE_MASK) & ~PAGE_MASK },
		{ bp->module_start & ~PAGE_MASK,
		  (bp->module_start + bp->module_size + PAGE_MASK) & ~PAGE_MASK },
	};

	for (unsigned i = 0; i < bp->nram; i++) {
		uint64_t end = bp->ram[i].end < DMAP_MAX ? bp->ram[i].end : DMAP_MAX;

		add_ram(bp->ram[i].start, end, rsv, 3);
	}
}

uint64_t pmm_alloc(void)
{
	uint64_t pa = free_stack;

	if (pa) {
		free_stack = *(uint64_t *)phys_to_virt(pa);
		nfree--;
	} else {
		pa = pmm_alloc_run(1);
		if (!pa)
			return 0;
	}
	page_zero(phys_to_virt(pa));
	return pa;
}

void pmm_free(uint64_t pa)
{
	*(uint64_t *)phys_to_virt(pa) = free_stack;
	free_stack = pa;
	nfree++;
}

uint64_t pmm_alloc_run(uint64_t n)
{
	for (unsigned i = 0; i < nranges; i++) {
		struct phys_range *r = &ranges[i];

		if ((r->end - r->start) / PAGE >= n) {
			uint64_t pa = r->start;

			r->start += n * PAGE;
			nfree -= n;
			return pa;
		}
	}
	return 0;
}

uint64_t pmm_total_bytes(void)
{
	return total;
}

uint64_t pmm_free_pages(void)
{
	return nfree;
}

/* Eight bytes a step: much faster than rep stosb under QEMU's TCG. */
void page_zero(void *page)
{
	uint64_t n = PAGE / 8;

	__asm__ volatile("rep stosq" : "+D"(page), "+c"(n) : "a"(0ull) : "memory");
}
