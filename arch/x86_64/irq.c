/*
 * Device interrupts: routing a line to a vector and a handler, and
 * acknowledging it.
 *
 * Where the MADT (acpi.c) lists an IOAPIC — every QEMU machine, every PC
 * of this century — GSI g arrives on vector VEC_IRQ_BASE + g, sent to this
 * CPU's LAPIC in physical mode, and is acknowledged at the LAPIC. ISA IRQs
 * follow the MADT's overrides (polarity, trigger, GSI). Otherwise, or with
 * the kernel word `noapic`, the legacy 8259s deliver ISA IRQ i on vector
 * VEC_PIC_BASE + i through the LAPIC's LINT0 (virtual wire mode) and are
 * acknowledged at the 8259s. time.c has already moved the 8259s to
 * VEC_PIC_BASE and masked them; every IOAPIC entry starts masked here.
 *
 * Handlers run with interrupts off, on whatever stack took the interrupt
 * (the kernel's, or the trap path out of user mode); they must not call
 * into the core — they store what they need and arch_run/arch_idle make
 * the upcalls afterwards.
 */
#include "cpu.h"
#include "x86.h"

#define IOREGSEL 0x00
#define IOWIN 0x10
#define IOAPIC_VER 0x01
#define IOAPIC_REDIR 0x10
#define REDIR_MASKED (1u << 16)
#define REDIR_LEVEL (1u << 15)
#define REDIR_LOW (1u << 13)
#define INTI_POLARITY_LOW 3u
#define INTI_TRIGGER_LEVEL (3u << 2)
#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define PIC_EOI 0x20
#define PIC_CASCADE 2

static irq_handler_fn *handlers[256];
static bool use_pic;

static uint32_t ioapic_read(const struct ioapic_info *io, uint32_t reg)
{
	volatile uint32_t *base = mmio_map(io->base);

	base[IOREGSEL / 4] = reg;
	return base[IOWIN / 4];
}

static void ioapic_write(const struct ioapic_info *io, uint32_t reg, uint32_t v)
{
	volatile uint32_t *base = mmio_map(io->base);

	base[IOREGSEL / 4] = reg;
	base[IOWIN / 4] = v;
}

static unsigned ioapic_pins(const struct ioapic_info *io)
{
	return ((ioapic_read(io, IOAPIC_VER) >> 16) & 0xff) + 1;
}

/* The IOAPIC whose pins hold `gsi`, and the pin; NULL if none does. */
static const struct ioapic_info *ioapic_for(uint32_t gsi, unsigned *pin)
{
	for (unsigned i = 0; i < irq_topo.nioapic; i++) {
		const struct ioapic_info *io = &irq_topo.ioapic[i];

		if (gsi >= io->gsi_base && gsi - io->gsi_base < ioapic_pins(io)) {
			*pin = gsi - io->gsi_base;
			return io;
		}
	}
	return NULL;
}

/* Only the uncached window below 4 GiB (paging.c) may hold an IOAPIC. */
static bool ioapic_usable(const struct ioapic_info *io)
{
	return io->base >= MMIO_WINDOW && io->base < (1ull << 32) && !(io->base & 0xf);
}

static void ioapic_mask_all(void)
{
	unsigned kept = 0;

	for (unsigned i = 0; i < irq_topo.nioapic; i++) {
		const struct ioapic_info *io = &irq_topo.ioapic[i];

		if (!ioapic_usable(io))
			continue;
		irq_topo.ioapic[kept++] = *io;
		for (unsigned pin = 0; pin < ioapic_pins(io); pin++)
			ioapic_write(io, IOAPIC_REDIR + 2 * pin, REDIR_MASKED);
	}
	irq_topo.nioapic = kept;
}

void irq_init(bool pic)
{
	ioapic_mask_all();
	use_pic = pic || irq_topo.nioapic == 0;
	if (use_pic)
		lapic_extint();
}

const char *irq_controller(void)
{
	return use_pic ? "8259 PIC" : "IOAPIC";
}

static bool route_ioapic(unsigned irq, irq_handler_fn *fn)
{
	const struct isa_route *r = &irq_topo.isa[irq];
	uint32_t lo = 0;
	unsigned pin;
	const struct ioapic_info *io = ioapic_for(r->gsi, &pin);

	if (!io || VEC_IRQ_BASE + r->gsi > VEC_IRQ_LAST)
		return false;
	if ((r->flags & 3u) == INTI_POLARITY_LOW)
		lo |= REDIR_LOW;
	if ((r->flags & (3u << 2)) == INTI_TRIGGER_LEVEL)
		lo |= REDIR_LEVEL;
	handlers[VEC_IRQ_BASE + r->gsi] = fn;
	ioapic_write(io, IOAPIC_REDIR + 2 * pin + 1, lapic_id() << 24);
	ioapic_write(io, IOAPIC_REDIR + 2 * pin, lo | (VEC_IRQ_BASE + r->gsi));
	return true;
}

static void route_pic(unsigned irq, irq_handler_fn *fn)
{
	handlers[VEC_PIC_BASE + irq] = fn;
	if (irq >= 8) {
		outb(PIC2_DATA, inb(PIC2_DATA) & (uint8_t) ~(1u << (irq - 8)));
		irq = PIC_CASCADE;
	}
	outb(PIC1_DATA, inb(PIC1_DATA) & (uint8_t) ~(1u << irq));
}

bool irq_route_isa(unsigned irq, irq_handler_fn *fn)
{
	if (irq >= ISA_IRQS || irq == PIC_CASCADE)
		return false;
	if (use_pic)
		route_pic(irq, fn);
	else if (!route_ioapic(irq, fn))
		return false;
	return true;
}

/*
 * A vector nobody routed is spurious (the LAPIC's own, or an 8259's IRQ 7
 * or 15 glitch): an 8259's is not acknowledged, a stray LAPIC vector is,
 * so that it cannot block lower priorities. An 8259 line is acknowledged
 * at the 8259s (virtual wire: the LAPIC holds no in-service bit for it),
 * every other line at the LAPIC.
 */
void irq_dispatch(uint64_t vector)
{
	irq_handler_fn *fn = vector < 256 ? handlers[vector] : NULL;

	if (fn)
		fn();
	if (vector >= VEC_PIC_BASE && vector < VEC_PIC_BASE + 16) {
		if (fn && vector >= VEC_PIC_BASE + 8)
			outb(PIC2_CMD, PIC_EOI);
		if (fn)
			outb(PIC1_CMD, PIC_EOI);
	} else if (vector != VEC_SPURIOUS) {
		lapic_eoi();
	}
}
