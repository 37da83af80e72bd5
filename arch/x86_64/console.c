/*
 * The console: COM1, a 16550 UART at 0x3f8, polled. It carries the kernel's
 * messages, the programs' debug output and (prefixed "trace: ") the event
 * trace. Stopping the machine also lives here: arch_halt() prints the
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
#define LSR_THRE 0x20
#define DEBUG_EXIT_PORT 0xf4

void serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80); /* divisor latch: 115200 baud */
	outb(COM1 + UART_DATA, 1);
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x03); /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7); /* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
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
