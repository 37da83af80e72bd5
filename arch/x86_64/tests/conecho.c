/*
 * conecho: reads the console (FE_SYS_CONSOLE_READ) and echoes it, a line at
 * a time, as "echo: LINE", until a line "quit" (exit 0) or the end of the
 * input (exit 3). Carriage returns end a line too, as a terminal's Enter
 * sends them. First it says whether the kernel calls the console a
 * terminal, then "ready" — the point from which typed input is expected.
 *
 * With a size (conecho N [MS]) it sleeps MS milliseconds first, so that the
 * kernel's ring and the machine's buffers fill up and the machine has to
 * hold input back, then reads N bytes without echoing them and checks them
 * against what text-gen N writes: nothing may be lost or reordered.
 */
#include <ferrite/print.h>
#include <ferrite/sys.h>

#define LINE_MAX 256

static char line[LINE_MAX];
static unsigned used;

static int line_done(void)
{
	line[used] = '\0';
	if (used == 4 && line[0] == 'q' && line[1] == 'u' && line[2] == 'i' && line[3] == 't')
		return 1;
	fe_printf("echo: %s\n", line);
	used = 0;
	return 0;
}

static int feed(const char *buf, long n)
{
	for (long i = 0; i < n; i++) {
		if (buf[i] == '\n' || buf[i] == '\r') {
			if (used && line_done())
				return 1;
		} else if (used < LINE_MAX - 1) {
			line[used++] = buf[i];
		}
	}
	return 0;
}

static int echo_lines(void)
{
	char buf[64];

	for (;;) {
		long n = fe_console_read(buf, sizeof(buf), FE_FOREVER);

		if (n < 0) {
			fe_printf("conecho: read failed: %ld\n", n);
			return 1;
		}
		if (n == 0)
			return 3;
		if (feed(buf, n))
			return 0;
	}
}

static long parse(const char *s)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	return v;
}

/* The text tests/text-gen writes: Park-Miller from 1, one byte per step. */
static char gen_next(uint64_t *x)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 \n";

	*x = *x * 16807 % 2147483647;
	return alphabet[*x % (sizeof(alphabet) - 1)];
}

/* Read `want` bytes and check each against the generator. */
static int bulk(long want, long ms)
{
	static char buf[4096];
	uint64_t x = 1;
	long got = 0;

	fe_sleep(ms * 1000000);
	while (got < want) {
		long n = fe_console_read(buf, sizeof(buf), FE_FOREVER);

		if (n <= 0)
			break;
		for (long i = 0; i < n; i++, got++) {
			if (buf[i] != gen_next(&x)) {
				fe_printf("conecho: byte %ld differs\n", got);
				return 1;
			}
		}
	}
	fe_printf("conecho: %ld of %ld bytes, all as sent\n", got, want);
	return got == want ? 0 : 1;
}

int main(int argc, char **argv)
{
	long tty = fe_sysinfo(FE_INFO_CONSOLE, NULL, 0);

	fe_printf("conecho: console %s\n", tty > 0 && (tty & FE_CONSOLE_TTY) ? "tty" : "not a tty");
	fe_printf("ready\n");
	if (argc > 1)
		return bulk(parse(argv[1]), argc > 2 ? parse(argv[2]) : 0);
	return echo_lines();
}
