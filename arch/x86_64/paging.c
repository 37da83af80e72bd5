/*
 * Page tables: the kernel's, and one set per user address space.
 *
 * The kernel's tables start as the ones boot.S built: PML4 slot 256 holds
 * the direct map of physical memory (2 MiB pages; the first 4 GiB from
 * boot, RAM above that added here) and slot 511 the kernel image.
 * paging_init drops boot's identity map, remaps the image with 4 KiB pages
 * (text read-only and executable, rodata read-only, data writable; only
 * text executable; the page below the kernel stack left out as a guard),
 * makes the direct map non-executable, and makes the top
 * 32 MiB below 4 GiB (the LAPIC and IOAPIC) uncached. Every address space
 * shares the kernel half by copying PML4 slots 256-511, which never change
 * after boot.
 *
 * A user address space is a PML4 whose lower half maps 4 KiB pages of
 * memory objects, plus the gate page at GATE_VA, read-only and executable:
 * `mov %rcx, %r10; syscall; ret`. Intermediate tables are created on
 * demand and freed with the address space.
 *
 * Rules: leaf pages belong to their arch_mem, never to the page tables; a
 * change to the loaded address space is followed by invlpg.
 */
#include "cpu.h"
#include "x86.h"

#define PTE_P 0x1ull
#define PTE_W 0x2ull
#define PTE_U 0x4ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_PS 0x80ull
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
#define GIB (1ull << 30)

struct arch_as {
	uint64_t pml4; /* physical */
};

extern uint64_t boot_pml4[512], boot_pdpt_low[512], boot_pdpt_high[512], boot_pd[4 * 512];
extern char __text_start[], __rodata_start[], __data_start[], __bss_end[], boot_stack_guard[];

static struct slab as_slab = SLAB_INIT(struct arch_as);
static struct arch_as *loaded; /* whose tables CR3 holds; NULL: the kernel's */
static uint64_t gate_page;

static const uint8_t gate_code[] = {
	0x49, 0x89, 0xca, /* mov %rcx, %r10 */
	0x0f, 0x05,       /* syscall */
	0xc3,             /* ret */
};

static uint64_t *table(uint64_t pa)
{
	return phys_to_virt(pa);
}

static uint64_t ram_end(const struct boot_params *bp)
{
	uint64_t end = 0;

	for (unsigned i = 0; i < bp->nram; i++)
		if (bp->ram[i].end > end)
			end = bp->ram[i].end;
	return end < DMAP_MAX ? end : DMAP_MAX;
}

/* Direct-map RAM above 4 GiB, one 1 GiB page directory at a time. */
static void extend_direct_map(uint64_t end)
{
	for (uint64_t g = 4; g * GIB < end; g++) {
		uint64_t pd = pmm_alloc();

		if (!pd) {
			con_puts("ferrite: no memory to map RAM above ");
			con_hex(g * GIB);
			con_puts("\n");
			return;
		}
		for (uint64_t i = 0; i < 512; i++)
			table(pd)[i] = (g * GIB + (i << 21)) | PTE_P | PTE_W | PTE_PS;
		boot_pdpt_low[g] = pd | PTE_P | PTE_W;
	}
}

static uint64_t image_flags(uint64_t va)
{
	if (va < (uint64_t)__rodata_start)
		return PTE_P;
	if (va < (uint64_t)__data_start)
		return PTE_P | (cpu_has_nx ? PTE_NX : 0);
	return PTE_P | PTE_W | (cpu_has_nx ? PTE_NX : 0);
}

/* The image with 4 KiB pages and its sections' own rights, in new tables
 * under PDPT slot 510; false if there is no memory for them. */
static bool map_image(void)
{
	uint64_t pd = pmm_alloc(), pt = 0;

	if (!pd)
		return false;
	for (uint64_t va = (uint64_t)__text_start; va < (uint64_t)__bss_end; va += PAGE) {
		uint64_t off = va - KERNEL_VMA;

		if (!pt || (off & ((1ull << 21) - 1)) == 0) {
			pt = pmm_alloc();
			if (!pt)
				return false;
			table(pd)[(off >> 21) & 511] = pt | PTE_P | PTE_W;
		}
		if (va != (uint64_t)boot_stack_guard)
			table(pt)[(off >> 12) & 511] = off | image_flags(va);
	}
	boot_pdpt_high[510] = pd | PTE_P | PTE_W;
	return true;
}

/* No execution through the direct map; the APICs' 32 MiB uncached. */
static void protect_direct_map(void)
{
	uint64_t nx = cpu_has_nx ? PTE_NX : 0;

	for (uint64_t i = 0; i < 2048; i++)
		boot_pd[i] |= nx | (i >= MMIO_WINDOW >> 21 ? PTE_PCD | PTE_PWT : 0);
	for (uint64_t g = 4; g < 512; g++)
		if (boot_pdpt_low[g] & PTE_P)
			for (uint64_t i = 0; i < 512; i++)
				table(boot_pdpt_low[g] & PTE_ADDR)[i] |= nx;
}

/* The image moves to its own tables (and the CPU forgets the old ones)
 * before the direct map, which the boot tables shared with it, loses
 * execute rights. */
void paging_init(const struct boot_params *bp)
{
	extend_direct_map(ram_end(bp));
	boot_pml4[0] = 0;
	if (!map_image()) {
		con_puts("ferrite: no memory to map the kernel by sections\n");
		write_cr3(virt_to_phys(boot_pml4));
		return;
	}
	write_cr3(virt_to_phys(boot_pml4));
	protect_direct_map();
	write_cr3(virt_to_phys(boot_pml4));
}

void *mmio_map(uint64_t pa)
{
	return phys_to_virt(pa);
}

void gate_init(void)
{
	uint8_t *p;

	gate_page = pmm_alloc();
	p = phys_to_virt(gate_page);
	memset(p, 0xcc, PAGE); /* int3 everywhere else */
	memcpy(p, gate_code, sizeof(gate_code));
}

/* The leaf entry for `va`, creating the tables on the way if asked. */
static uint64_t *walk(uint64_t pml4, uint64_t va, bool create)
{
	uint64_t pa = pml4;

	for (int level = 3; level > 0; level--) {
		uint64_t *e = &table(pa)[(va >> (12 + 9 * level)) & 511];

		if (!(*e & PTE_P)) {
			uint64_t n = create ? pmm_alloc() : 0;

			if (!n)
				return NULL;
			*e = n | PTE_P | PTE_W | PTE_U;
		}
		pa = *e & PTE_ADDR;
	}
	return &table(pa)[(va >> 12) & 511];
}

static uint64_t pte_flags(unsigned prot)
{
	uint64_t f = PTE_P | PTE_U;

	if (prot & FE_PROT_WRITE)
		f |= PTE_W;
	if (!(prot & FE_PROT_EXEC) && cpu_has_nx)
		f |= PTE_NX;
	return f;
}

void arch_user_range(uint64_t *lo, uint64_t *hi)
{
	*lo = USER_LO;
	*hi = USER_HI;
}

uint64_t arch_gate_addr(struct arch_as *as)
{
	return GATE_VA;
}

struct arch_as *arch_as_create(void)
{
	struct arch_as *as = slab_alloc(&as_slab);
	uint64_t *gate;

	if (!as)
		return NULL;
	as->pml4 = pmm_alloc();
	gate = as->pml4 ? walk(as->pml4, GATE_VA, true) : NULL;
	if (!gate) {
		arch_as_destroy(as);
		return NULL;
	}
	memcpy(&table(as->pml4)[256], &boot_pml4[256], 256 * sizeof(uint64_t));
	*gate = gate_page | pte_flags(FE_PROT_READ | FE_PROT_EXEC);
	return as;
}

static void free_tables(uint64_t pa, int level)
{
	for (int i = 0; level > 1 && i < 512; i++)
		if (table(pa)[i] & PTE_P)
			free_tables(table(pa)[i] & PTE_ADDR, level - 1);
	pmm_free(pa);
}

void arch_as_destroy(struct arch_as *as)
{
	if (loaded == as)
		as_activate(NULL);
	if (as->pml4) {
		for (int i = 0; i < 256; i++)
			if (table(as->pml4)[i] & PTE_P)
				free_tables(table(as->pml4)[i] & PTE_ADDR, 3);
		pmm_free(as->pml4);
	}
	slab_free(&as_slab, as);
}

void arch_as_unmap(struct arch_as *as, uint64_t va, uint64_t len)
{
	for (uint64_t a = va; a < va + len; a += PAGE) {
		uint64_t *pte = walk(as->pml4, a, false);

		if (pte && *pte) {
			*pte = 0;
			if (as == loaded)
				invlpg(a);
		}
	}
}

int arch_as_map(struct arch_as *as, uint64_t va, struct arch_mem *mem, uint64_t off, uint64_t len,
                unsigned prot)
{
	uint64_t flags = pte_flags(prot);

	if (!(prot & (FE_PROT_READ | FE_PROT_WRITE | FE_PROT_EXEC)))
		return 0; /* no access: leave the range unmapped */
	for (uint64_t i = 0; i < len / PAGE; i++) {
		uint64_t *pte = walk(as->pml4, va + i * PAGE, true);

		if (!pte) {
			arch_as_unmap(as, va, i * PAGE);
			return -FE_ENOMEM;
		}
		*pte = mem_page(mem, off / PAGE + i) | flags;
	}
	return 0;
}

void as_activate(struct arch_as *as)
{
	if (as == loaded)
		return;
	write_cr3(as ? as->pml4 : virt_to_phys(boot_pml4));
	loaded = as;
}
