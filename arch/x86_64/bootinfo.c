/*
 * Reading what the boot loader left: the PVH start info (QEMU -kernel,
 * Xen) or the multiboot2 information (GRUB). Both give a memory map, a
 * command line and modules; the first module is the boot archive. The
 * ACPI RSDP, when given, is only read by acpi.c, before memory is reused.
 *
 * Everything needed later is copied into struct boot_params before the
 * page allocator starts, so the loader's structures may then be reused;
 * only the module stays where it is (pmm.c keeps it reserved). The
 * structures are read through the direct map, which covers the first
 * 4 GiB from the start, and every length is bounded by our own arrays.
 */
#include "x86.h"

#define PVH_MAGIC 0x336ec578
#define E820_RAM 1

struct pvh_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
	uint32_t memmap_entries, reserved;
};

struct pvh_module {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct pvh_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_module {
	struct mb2_tag tag;
	uint32_t start, end;
};

struct mb2_mmap {
	struct mb2_tag tag;
	uint32_t entry_size, entry_version;
};

struct mb2_mmap_entry {
	uint64_t addr, len;
	uint32_t type, reserved;
};

#define MB2_TAG_END 0
#define MB2_TAG_CMDLINE 1
#define MB2_TAG_MODULE 3
#define MB2_TAG_MMAP 6
#define MB2_TAG_ACPI_OLD 14 /* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW 15 /* a copy of the ACPI 2.0+ RSDP */

static _Noreturn void boot_fail(const char *why)
{
	con_puts("ferrite: cannot boot: ");
	con_puts(why);
	con_puts("\n");
	arch_halt(1);
}

static void add_ram(struct boot_params *bp, uint64_t addr, uint64_t len)
{
	uint64_t start = (addr + PAGE_MASK) & ~PAGE_MASK;
	uint64_t end = (addr + len) & ~PAGE_MASK;

	if (addr + len < addr || end <= start || bp->nram == BOOT_MAX_RANGES)
		return;
	bp->ram[bp->nram++] = (struct phys_range){ start, end };
}

static void copy_cmdline(struct boot_params *bp, uint64_t pa)
{
	const char *s = pa ? phys_to_virt(pa) : "";
	size_t i;

	for (i = 0; i < BOOT_CMDLINE_MAX - 1 && s[i]; i++)
		bp->cmdline[i] = s[i];
	bp->cmdline[i] = '\0';
}

static void read_pvh(uint64_t info_pa, struct boot_params *bp)
{
	const struct pvh_start_info *si = phys_to_virt(info_pa);
	const struct pvh_memmap_entry *mm;

	if (si->magic != PVH_MAGIC)
		boot_fail("bad PVH start info magic");
	if (si->version < 1 || si->memmap_entries == 0 || !si->memmap_paddr)
		boot_fail("the PVH loader gave no memory map");
	bp->protocol = "PVH";
	mm = phys_to_virt(si->memmap_paddr);
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		if (mm[i].type == E820_RAM)
			add_ram(bp, mm[i].addr, mm[i].size);
	copy_cmdline(bp, si->cmdline_paddr);
	bp->rsdp = si->rsdp_paddr;
	if (si->nr_modules && si->modlist_paddr) {
		const struct pvh_module *m = phys_to_virt(si->modlist_paddr);

		bp->module_start = m->paddr;
		bp->module_size = m->size;
	}
}

static void read_mb2_mmap(const struct mb2_mmap *t, struct boot_params *bp)
{
	const char *p = (const char *)(t + 1), *end = (const char *)t + t->tag.size;

	if (t->entry_size < sizeof(struct mb2_mmap_entry))
		return;
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type == E820_RAM)
			add_ram(bp, e->addr, e->len);
	}
}

static void read_mb2_tag(const struct mb2_tag *t, struct boot_params *bp)
{
	const struct mb2_module *m = (const void *)t;

	switch (t->type) {
	case MB2_TAG_CMDLINE:
		copy_cmdline(bp, virt_to_phys(t + 1));
		break;
	case MB2_TAG_MODULE:
		if (!bp->module_start && m->end > m->start) {
			bp->module_start = m->start;
			bp->module_size = m->end - m->start;
		}
		break;
	case MB2_TAG_MMAP:
		read_mb2_mmap((const void *)t, bp);
		break;
	case MB2_TAG_ACPI_OLD:
	case MB2_TAG_ACPI_NEW:
		if (!bp->rsdp || t->type == MB2_TAG_ACPI_NEW)
			bp->rsdp = virt_to_phys(t + 1);
		break;
	}
}

static void read_mb2(uint64_t info_pa, struct boot_params *bp)
{
	const char *info = phys_to_virt(info_pa);
	uint32_t total = *(const uint32_t *)info;
	const char *p = info + 8;

	bp->protocol = "multiboot2";
	while (p + sizeof(struct mb2_tag) <= info + total) {
		const struct mb2_tag *t = (const void *)p;

		if (t->type == MB2_TAG_END || t->size < sizeof(*t))
			break;
		read_mb2_tag(t, bp);
		p += (t->size + 7) & ~7u;
	}
	if (bp->nram == 0)
		boot_fail("the multiboot2 loader gave no memory map");
}

void boot_params_read(uint32_t proto, uint64_t info_pa, struct boot_params *bp)
{
	if (proto == PROTO_PVH)
		read_pvh(info_pa, bp);
	else if (proto == PROTO_MB2)
		read_mb2(info_pa, bp);
	else
		boot_fail("unknown boot protocol");
}
