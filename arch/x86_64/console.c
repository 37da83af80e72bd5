/*
 * The console: COM1, a 16550 UART at 0x3f8. Output is polled; it carries
 * the kernel's messages, the programs' debug output and (prefixed
 * "trace: ") the event trace.
 *
 * Input arrives by the receive interrupt (ISA IRQ 4, routed by irq.c). The
 * handler moves the bytes from the UART into rx_buf; serial_rx_deliver,
 * called from arch_run and arch_idle where upcalls are allowed, offers them
 * to the core (kernel_console_input), which takes what its ring can hold.
 * What it does not take stays in rx_buf and is offered again later. When
 * rx_buf is full the receive interrupt is switched off, so the bytes wait
 * in the UART — and, under QEMU, in the host's pipe or terminal — until
 * the core has made room: nothing is ever dropped.
 *
 * The FIFOs stay off (16450 mode): QEMU empties the receive FIFO whenever
 * the FIFO mode changes, which would lose what was typed before boot, and
 * QEMU hands the UART one byte at a time anyway. On hardware at 115200
 * baud that leaves 87 us per byte, far longer than the kernel ever runs
 * with interrupts off.
 *
 * Stopping the machine also lives here: arch_halt() prints the
 * status and the time since boot (under -icount shift=0 a nanosecond is one
 * guest instruction) and writes the status to QEMU's isa-debug-exit port
 * (0xf4), which ends QEMU with exit code (status << 1) | 1; without that
 * device the CPU just stops.
 */
#include "cpu.h"
#include "x86.h"

#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DR 0x01
#define LSR_THRE 0x20
#define IER_RDI 0x01
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the IRQ line on PC hardware */
#define COM1_IRQ 4
#define RX_SIZE 256u
#define DEBUG_EXIT_PORT 0xf4

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80); /* divisor latch: 115200 baud */
	outb(COM1 + UART_DATA, 1);
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03); /* 8N1 */
	outb(COM1 + UART_FCR, 0);    /* FIFOs off: see above */
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

static char rx_buf[RX_SIZE];
static unsigned rx_head, rx_tail; /* bytes are rx_buf[rx_tail .. rx_head) mod RX_SIZE */
static bool rx_on;                /* the receive interrupt is enabled */
unsigned serial_rx_pending;       /* rx_head - rx_tail, for a cheap test */

static void rx_enable(bool on)
{
	rx_on = on;
	outb(COM1 + UART_IER, on ? IER_RDI : 0);
}

/* COM1's interrupt: empty the UART into rx_buf, or stop listening when
 * rx_buf is full (the UART then holds the bytes). */
static void rx_interrupt(void)
{
	while (rx_head - rx_tail < RX_SIZE && (inb(COM1 + UART_LSR) & LSR_DR))
		rx_buf[rx_head++ % RX_SIZE] = (char)inb(COM1 + UART_DATA);
	if (rx_head - rx_tail == RX_SIZE && rx_on)
		rx_enable(false);
	serial_rx_pending = rx_head - rx_tail;
}

void serial_rx_init(void)
{
	if (!irq_route_isa(COM1_IRQ, rx_interrupt)) {
		con_puts("ferrite: cannot route COM1's interrupt: no console input\n");
		return;
	}
	rx_enable(true);
}

/* Never offers 0 bytes: to the core that means the input ended. */
size_t serial_rx_deliver(void)
{
	size_t given = 0;

	while (rx_head != rx_tail) {
		unsigned off = rx_tail % RX_SIZE;
		unsigned chunk =
			rx_head - rx_tail < RX_SIZE - off ? rx_head - rx_tail : RX_SIZE - off;
		size_t took = kernel_console_input(rx_buf + off, chunk);

		rx_tail += (unsigned)took;
		given += took;
		if (took < chunk)
			break;
	}
	serial_rx_pending = rx_head - rx_tail;
	if (!rx_on && rx_head - rx_tail < RX_SIZE)
		rx_enable(true);
	return given;
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

static void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

void arch_console_write(const char *s, size_t len)
{
	serial_write(s, len);
}

void arch_trace_write(const char *s, size_t len)
{
	serial_write("trace: ", 7);
	serial_write(s, len);
}

void con_puts(const char *s)
{
	serial_write(s, x86_strlen(s));
}

void con_hex(uint64_t v)
{
	char buf[16];

	for (int i = 15; i >= 0; i--, v >>= 4)
		buf[i] = "0123456789abcdef"[v & 15];
	serial_write(buf, sizeof(buf));
}

void con_dec(uint64_t v)
{
	char buf[20];
	int i = sizeof(buf);

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	serial_write(buf + i, sizeof(buf) - i);
}

_Noreturn void arch_halt(int status)
{
	con_puts("ferrite: halted with status ");
	con_dec((uint64_t)status);
	con_puts(" after ");
	con_dec(arch_time_now());
	con_puts(" ns\n");
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	for (;;)
		__asm__ volatile("cli; hlt");
}
