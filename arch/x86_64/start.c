/*
 * x86_main: from boot.S's first C call to the core's kernel_main. The
 * order matters: the console first (so anything after can complain), the
 * CPU tables, then the boot loader's information (and ACPI's interrupt
 * routing) is read before the page allocator may reuse its memory, then
 * paging, time, device interrupts and console input, and the boot_info the
 * core needs (heap, init program, boot archive).
 */
#include "x86.h"

#define HEAP_MIN (4ull << 20)
#define HEAP_MAX (256ull << 20)

void x86_main(uint32_t proto, uint64_t info_pa);

static struct boot_params params;
static struct boot_info info;

/* One contiguous run for the core's heap: an eighth of memory, bounded. */
static void heap_init(struct boot_info *bi)
{
	uint64_t size = pmm_total_bytes() / 8, pa;

	size = size < HEAP_MIN ? HEAP_MIN : size > HEAP_MAX ? HEAP_MAX : size;
	size &= ~PAGE_MASK;
	pa = pmm_alloc_run(size / PAGE);
	if (!pa) {
		con_puts("ferrite: cannot boot: no memory for the kernel heap\n");
		arch_halt(1);
	}
	bi->heap = phys_to_virt(pa);
	bi->heap_size = size;
}

static void banner(const struct boot_params *bp)
{
	con_puts("ferrite: x86_64, ");
	con_puts(bp->protocol);
	con_puts(" boot, ");
	con_dec(pmm_total_bytes() >> 20);
	con_puts(" MiB free, interrupts by ");
	con_puts(irq_controller());
	con_puts(" (");
	con_puts(irq_topo.source);
	con_puts(")\n");
}

/* Device interrupts, and with them console input: the serial port is a
 * terminal, so the core is told it is interactive — unless the command
 * line says `notty` (input piped in by a test, as the sim's stdin would be). */
static void input_init(const struct boot_params *bp, struct boot_info *bi)
{
	irq_init(cmdline_option(bp->cmdline, "noapic"));
	serial_rx_init();
	bi->console_tty = !cmdline_option(bp->cmdline, "notty");
}

void x86_main(uint32_t proto, uint64_t info_pa)
{
	serial_init();
	cpu_init();
	boot_params_read(proto, info_pa, &params);
	acpi_init(&params);
	pmm_init(&params);
	paging_init(&params);
	gate_init();
	time_init();
	input_init(&params, &info);
	banner(&params);
	heap_init(&info);
	boot_info_build(&params, &info);
	kernel_main(&info);
}
