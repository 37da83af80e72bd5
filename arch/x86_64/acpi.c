/*
 * ACPI, only as far as interrupt routing needs it: find the RSDP, walk the
 * XSDT (or RSDT) to the MADT, and read out of it the IOAPICs, the ISA
 * interrupt overrides and whether the machine has the legacy 8259s.
 *
 * The RSDP is where the boot loader said (PVH start info, multiboot2 tag
 * 14/15, whose copy bootinfo.c keeps in boot_params) or, failing that,
 * where BIOSes put it: the first KiB of the EBDA or 0xe0000-0xfffff. Every
 * table's checksum is checked and every length bounded before use; a
 * table above 4 GiB (outside the boot direct map) is not followed.
 *
 * This runs before the page allocator starts, while the loader's memory is
 * still intact. Without an MADT the machine is taken to be QEMU's (one
 * IOAPIC at 0xfec00000, GSI = ISA IRQ, as on microvm, pc and q35).
 */
#include "x86.h"

#define BIOS_EBDA_PTR 0x40e
#define BIOS_ROM_START 0xe0000
#define BIOS_ROM_END 0x100000
#define FOURGIB (1ull << 32)
#define TABLE_MAX 0x10000u
#define QEMU_IOAPIC 0xfec00000ull

#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define MADT_PCAT_COMPAT 1u

struct rsdp {
	char sig[8];
	uint8_t checksum;
	char oem[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t xchecksum, reserved[3];
} __attribute__((packed));

struct sdt {
	char sig[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

struct madt {
	struct sdt h;
	uint32_t lapic;
	uint32_t flags;
} __attribute__((packed));

struct madt_ioapic {
	uint8_t type, len, id, reserved;
	uint32_t addr, gsi_base;
} __attribute__((packed));

struct madt_override {
	uint8_t type, len, bus, source;
	uint32_t gsi;
	uint16_t flags;
} __attribute__((packed));

struct irq_topology irq_topo;

static bool sum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	for (size_t i = 0; i < len; i++)
		s += b[i];
	return s == 0;
}

static const struct rsdp *rsdp_at(uint64_t pa)
{
	const struct rsdp *r = phys_to_virt(pa);

	if (memcmp(r->sig, "RSD PTR ", 8) || !sum_ok(r, 20))
		return NULL;
	if (r->revision >= 2 && (r->length < sizeof(*r) || !sum_ok(r, sizeof(*r))))
		return NULL;
	return r;
}

static const struct rsdp *rsdp_scan(uint64_t start, uint64_t end)
{
	for (uint64_t pa = start; pa + sizeof(struct rsdp) <= end; pa += 16) {
		const struct rsdp *r = rsdp_at(pa);

		if (r)
			return r;
	}
	return NULL;
}

static const struct rsdp *rsdp_find(uint64_t hint)
{
	uint64_t ebda = (uint64_t) * (const uint16_t *)phys_to_virt(BIOS_EBDA_PTR) << 4;
	const struct rsdp *r = hint && hint < FOURGIB ? rsdp_at(hint) : NULL;

	if (!r && ebda >= 0x80000 && ebda < 0xa0000)
		r = rsdp_scan(ebda, ebda + 1024);
	return r ? r : rsdp_scan(BIOS_ROM_START, BIOS_ROM_END);
}

/* The table at `pa` if it is whole, below 4 GiB and sums to zero. */
static const struct sdt *sdt_at(uint64_t pa)
{
	const struct sdt *t;

	if (!pa || pa + sizeof(*t) > FOURGIB)
		return NULL;
	t = phys_to_virt(pa);
	if (t->length < sizeof(*t) || t->length > TABLE_MAX || pa + t->length > FOURGIB)
		return NULL;
	return sum_ok(t, t->length) ? t : NULL;
}

/* Look `sig` up in the XSDT (8-byte entries) or the RSDT (4-byte ones). */
static const struct sdt *sdt_find(const struct rsdp *r, const char *sig)
{
	bool x = r->revision >= 2 && r->xsdt;
	const struct sdt *root = sdt_at(x ? r->xsdt : r->rsdt);
	unsigned width = x ? 8 : 4;

	if (!root)
		return NULL;
	for (uint32_t off = sizeof(*root); off + width <= root->length; off += width) {
		const uint8_t *e = (const uint8_t *)root + off;
		uint64_t pa = x ? *(const uint64_t *)e : *(const uint32_t *)e;
		const struct sdt *t = sdt_at(pa);

		if (t && memcmp(t->sig, sig, 4) == 0)
			return t;
	}
	return NULL;
}

static void add_ioapic(const struct madt_ioapic *e)
{
	if (irq_topo.nioapic == MAX_IOAPIC)
		return;
	irq_topo.ioapic[irq_topo.nioapic++] =
		(struct ioapic_info){ .base = e->addr, .gsi_base = e->gsi_base };
}

static void add_override(const struct madt_override *e)
{
	if (e->bus != 0 || e->source >= ISA_IRQS)
		return;
	irq_topo.isa[e->source] = (struct isa_route){ .gsi = e->gsi, .flags = e->flags };
}

static void madt_read(const struct madt *m)
{
	const uint8_t *p = (const uint8_t *)(m + 1), *end = (const uint8_t *)m + m->h.length;

	irq_topo.pcat = m->flags & MADT_PCAT_COMPAT;
	for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1]) {
		if (p[0] == MADT_IOAPIC && p[1] >= sizeof(struct madt_ioapic))
			add_ioapic((const void *)p);
		else if (p[0] == MADT_OVERRIDE && p[1] >= sizeof(struct madt_override))
			add_override((const void *)p);
	}
}

void acpi_init(const struct boot_params *bp)
{
	const struct rsdp *r = rsdp_find(bp->rsdp);
	const struct sdt *m = r ? sdt_find(r, "APIC") : NULL;

	for (unsigned i = 0; i < ISA_IRQS; i++)
		irq_topo.isa[i] = (struct isa_route){ .gsi = i, .flags = 0 };
	if (m && m->length >= sizeof(struct madt)) {
		irq_topo.source = "ACPI MADT";
		madt_read((const struct madt *)m);
		return;
	}
	irq_topo.source = "no MADT: QEMU's layout assumed";
	irq_topo.pcat = true;
	irq_topo.nioapic = 1;
	irq_topo.ioapic[0] = (struct ioapic_info){ .base = QEMU_IOAPIC, .gsi_base = 0 };
}
