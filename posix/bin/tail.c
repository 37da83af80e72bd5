/*
 * tail: the last lines (-n N, default 10) or bytes (-c N) of each file;
 * with +N, everything from line (or byte) N on. The input is read whole
 * into memory, which keeps this simple and works on pipes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] =
	"usage: tail [-n [+]LINES | -c [+]BYTES] [FILE...]\n"
	"Print the last 10 lines (or LINES lines, or BYTES bytes) of each FILE;\n"
	"with +N, print from line (byte) N to the end.\n";

struct buf {
	char *s;
	size_t len, cap;
};

static int slurp(int fd, const char *name, struct buf *b)
{
	ssize_t r;

	b->len = 0;
	for (;;) {
		if (b->cap - b->len < 4096) {
			b->cap = b->cap ? b->cap * 2 : 65536;
			b->s = realloc(b->s, b->cap);
			if (!b->s) {
				tool_warn("out of memory");
				exit(1);
			}
		}
		r = read(fd, b->s + b->len, b->cap - b->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return tool_errno(name);
		if (r == 0)
			return 0;
		b->len += (size_t)r;
	}
}

/* Where the output starts in b. */
static size_t start_of(const struct buf *b, long count, int from_start, int bytes)
{
	size_t i;

	if (bytes && from_start) {
		i = count > 0 ? (size_t)count - 1 : 0;
		return i < b->len ? i : b->len;
	}
	if (bytes)
		return (size_t)count < b->len ? b->len - (size_t)count : 0;
	if (from_start) {
		long line = 1;

		for (i = 0; i < b->len && line < count; i++)
			line += b->s[i] == '\n';
		return i;
	}
	i = b->len;
	if (i > 0 && b->s[i - 1] == '\n')
		i--;
	for (long seen = 0; i > 0; i--) {
		if (b->s[i - 1] == '\n' && ++seen == count)
			break;
	}
	return count == 0 ? b->len : i;
}

static int tail(int fd, const char *name, long count, int from_start, int bytes)
{
	struct buf b = { 0 };
	size_t start;

	if (slurp(fd, name, &b)) {
		free(b.s);
		return 1;
	}
	start = start_of(&b, count, from_start, bytes);
	fwrite(b.s + start, 1, b.len - start, stdout);
	free(b.s);
	return 0;
}

static long parse_count(const char *s, int *from_start)
{
	long n;

	*from_start = s[0] == '+';
	if (s[0] == '+' || s[0] == '-')
		s++;
	if (tool_parse_long(s, &n) < 0 || n < 0)
		tool_usage_error("invalid number '%s'", s);
	return n;
}

int main(int argc, char **argv)
{
	long count = 10;
	int c, bytes = 0, from_start = 0, status = 0, n;
	char buf[64];

	tool_init("tail", usage, argc, argv);
	if (argc > 1 && (argv[1][0] == '-' || argv[1][0] == '+') && argv[1][1] >= '0' &&
	    argv[1][1] <= '9') {
		snprintf(buf, sizeof(buf), "-n%s%s", argv[1][0] == '+' ? "+" : "", argv[1] + 1);
		argv[1] = buf;
	}
	while ((c = tool_getopt(argc, argv, "n:c:")) != -1) {
		count = parse_count(optarg, &from_start);
		bytes = c == 'c';
	}
	n = argc - optind;
	if (n == 0)
		return tail(0, "standard input", count, from_start, bytes);
	for (int i = optind; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);

		if (fd < 0) {
			status |= tool_errno(argv[i]);
			continue;
		}
		if (n > 1) {
			printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
			fflush(stdout);
		}
		status |= tail(fd, argv[i], count, from_start, bytes);
		if (fd != 0)
			close(fd);
	}
	return status;
}
