/*
 * wc: count lines, words and bytes.
 *
 * With no option all three are printed, in that order. Numbers are
 * separated by one space; with several files they are right-aligned to the
 * widest count and a "total" line follows. A word is a run of characters
 * that are not white space.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char usage[] = "usage: wc [-lwc] [FILE...]\n"
			    "Count lines, words and bytes of each FILE (or standard input).\n"
			    "  -l  lines    -w  words    -c  bytes (-m: the same)\n";

struct counts {
	unsigned long long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int count_fd(int fd, const char *name, struct counts *c)
{
	unsigned char buf[8192];
	int in_word = 0;
	ssize_t r;

	memset(c, 0, sizeof(*c));
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return tool_errno(name);
		c->bytes += (unsigned long long)r;
		for (ssize_t i = 0; i < r; i++) {
			int space = isspace(buf[i]);

			c->lines += buf[i] == '\n';
			if (!space && !in_word)
				c->words++;
			in_word = !space;
		}
	}
	return 0;
}

static int count_file(const char *path, struct counts *c)
{
	int fd, status;

	if (strcmp(path, "-") == 0)
		return count_fd(0, "standard input", c);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return tool_errno(path);
	status = count_fd(fd, path, c);
	close(fd);
	return status;
}

static int digits(unsigned long long v)
{
	int n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void print(const struct counts *c, int width, const char *name)
{
	const char *sep = "";

	if (show_lines) {
		printf("%*llu", width, c->lines);
		sep = " ";
	}
	if (show_words) {
		printf("%s%*llu", sep, width, c->words);
		sep = " ";
	}
	if (show_bytes)
		printf("%s%*llu", sep, width, c->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct counts total = { 0 }, each[argc > 1 ? argc : 1];
	int c, n, width = 1, status = 0;
	int ok[argc > 1 ? argc : 1];

	tool_init("wc", usage, argc, argv);
	while ((c = tool_getopt(argc, argv, "lwcm")) != -1) {
		show_lines |= c == 'l';
		show_words |= c == 'w';
		show_bytes |= c == 'c' || c == 'm';
	}
	if (!show_lines && !show_words && !show_bytes)
		show_lines = show_words = show_bytes = 1;
	n = argc - optind;
	if (n == 0) {
		if (count_fd(0, "standard input", &each[0]))
			return 1;
		print(&each[0], 1, NULL);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		ok[i] = count_file(argv[optind + i], &each[i]) == 0;
		status |= !ok[i];
		total.lines += each[i].lines;
		total.words += each[i].words;
		total.bytes += each[i].bytes;
	}
	if (n > 1 || show_lines + show_words + show_bytes > 1)
		width = digits(total.bytes > total.lines ? total.bytes : total.lines);
	for (int i = 0; i < n; i++)
		if (ok[i])
			print(&each[i], width, argv[optind + i]);
	if (n > 1)
		print(&total, width, "total");
	return status;
}
