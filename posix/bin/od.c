/*
 * od: dump files in octal, hexadecimal, decimal or as characters.
 *
 * Each line shows an offset (octal unless -A says otherwise) and 16 bytes
 * in every format asked for, one format per line. Without a format, -o:
 * octal 2-byte words. Words are read in the machine's byte order, as POSIX
 * says. A line equal to the one before is shown as a single "*" (unless
 * -v), and the last line gives the total length.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: od [-bcdox] [-A d|o|x|n] [-v] [FILE...]\n"
			    "Dump FILEs (or standard input) 16 bytes per line.\n"
			    "  -b  octal bytes        -c  characters (\\n, \\t, octal for others)\n"
			    "  -d  unsigned decimal 2-byte words\n"
			    "  -o  octal 2-byte words (the default)\n"
			    "  -x  hexadecimal 2-byte words\n"
			    "  -A  offsets in decimal, octal, hex, or none\n"
			    "  -v  show repeated lines rather than '*'\n";

#define LINE 16

static char formats[8];
static int nformats, verbose;
static char radix = 'o';

static void print_offset(unsigned long long off)
{
	if (radix == 'd')
		printf("%07llu", off);
	else if (radix == 'x')
		printf("%06llx", off);
	else if (radix == 'o')
		printf("%07llo", off);
}

static void print_char(unsigned char c)
{
	static const char esc[] = "\0\a\b\f\n\r\t\v";
	static const char *const names[] = {
		"\\0", "\\a", "\\b", "\\f", "\\n", "\\r", "\\t", "\\v"
	};
	const char *e = c ? memchr(esc + 1, c, sizeof(esc) - 2) : esc;

	if (e)
		printf("  %s", names[e - esc]);
	else if (c >= 32 && c < 127)
		printf("   %c", c);
	else
		printf(" %03o", c);
}

static void print_format(char f, const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned short w = 0;

		if (f == 'b' || f == 'c') {
			if (f == 'b')
				printf(" %03o", buf[i]);
			else
				print_char(buf[i]);
			i++;
			continue;
		}
		memcpy(&w, buf + i, n - i >= 2 ? 2 : 1);
		if (f == 'o')
			printf(" %06o", w);
		else if (f == 'x')
			printf(" %04x", w);
		else
			printf(" %5u", w);
		i += 2;
	}
	putchar('\n');
}

static void print_line(unsigned long long off, const unsigned char *buf, size_t n)
{
	for (int i = 0; i < nformats; i++) {
		if (i == 0)
			print_offset(off);
		else if (radix != 'n')
			printf("%*s", radix == 'x' ? 6 : 7, "");
		print_format(formats[i], buf, n);
	}
}

struct dump {
	unsigned char line[LINE], prev[LINE];
	size_t fill;
	unsigned long long off;
	int have_prev, starred;
};

static void flush_line(struct dump *d)
{
	if (!verbose && d->have_prev && d->fill == LINE && memcmp(d->line, d->prev, LINE) == 0) {
		if (!d->starred)
			puts("*");
		d->starred = 1;
	} else {
		print_line(d->off, d->line, d->fill);
		d->starred = 0;
	}
	memcpy(d->prev, d->line, LINE);
	d->have_prev = d->fill == LINE;
	d->off += d->fill;
	d->fill = 0;
}

static int dump_fd(struct dump *d, int fd, const char *name)
{
	unsigned char buf[4096];
	ssize_t r;

	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return tool_errno(name);
		for (ssize_t i = 0; i < r; i++) {
			d->line[d->fill++] = buf[i];
			if (d->fill == LINE)
				flush_line(d);
		}
	}
	return 0;
}

static void add_format(char f)
{
	if (nformats < (int)sizeof(formats))
		formats[nformats++] = f;
}

int main(int argc, char **argv)
{
	struct dump d = { 0 };
	int c, status = 0, opened = 0;

	tool_init("od", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "bcdoxvA:")) != -1) {
		if (c == 'v') {
			verbose = 1;
		} else if (c == 'A') {
			if (strlen(optarg) != 1 || !strchr("doxn", optarg[0]))
				tool_usage_error("invalid address radix '%s'", optarg);
			radix = optarg[0];
		} else {
			add_format((char)c);
		}
	}
	if (nformats == 0)
		add_format('o');
	if (optind == argc) {
		status = dump_fd(&d, 0, "standard input");
		opened = 1;
	}
	for (int i = optind; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		if (fd < 0) {
			status |= tool_errno(argv[i]);
			continue;
		}
		opened = 1;
		status |= dump_fd(&d, fd, argv[i]);
		if (fd != 0)
			close(fd);
	}
	if (d.fill)
		flush_line(&d);
	if (radix != 'n' && opened) {
		print_offset(d.off);
		putchar('\n');
	}
	return status;
}
