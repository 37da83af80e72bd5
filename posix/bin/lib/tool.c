/*
 * The helpers of tool.h: messages, --help and option errors, in one place so
 * that every tool words them the same way.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

const char *tool_name = "tool";
static const char *tool_usage = "";

void tool_init(const char *name, const char *usage, int argc, char **argv)
{
	tool_name = name;
	tool_usage = usage;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 || argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			exit(0);
		}
	}
}

int tool_getopt(int argc, char **argv, const char *optstring)
{
	int c;

	opterr = 0;
	c = getopt(argc, argv, optstring);
	if (c != '?' && c != ':')
		return c;
	if (strchr(optstring, optopt) && optopt != ':' && optopt != '?')
		tool_usage_error("option requires an argument -- '%c'", optopt);
	tool_usage_error("invalid option -- '%c'", optopt);
}

static void vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", tool_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void tool_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

/* The synopsis: the usage text's first line and the indented lines that
 * continue it, up to the description. */
static void print_synopsis(FILE *f)
{
	const char *p = tool_usage;

	do {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);

		fwrite(p, 1, len, f);
		p += len;
	} while (*p == ' ');
}

void tool_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	print_synopsis(stderr);
	exit(EXIT_USAGE);
}

int tool_errno(const char *what)
{
	tool_warn("%s: %s", what, strerror(errno));
	return 1;
}

int tool_write(int fd, const void *buf, unsigned long len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t r = write(fd, p, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		p += r;
		len -= (unsigned long)r;
	}
	return 0;
}

char *tool_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int sep = dl > 0 && dir[dl - 1] != '/' && dir[dl - 1] != ':';
	char *p = malloc(dl + nl + 2);

	if (!p) {
		tool_warn("out of memory");
		exit(1);
	}
	memcpy(p, dir, dl);
	if (sep)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

char *tool_basename(const char *path)
{
	size_t end = strlen(path), start;
	char *b;

	while (end > 1 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/' && path[start - 1] != ':')
		start--;
	b = malloc(end - start + 1);
	if (!b) {
		tool_warn("out of memory");
		exit(1);
	}
	memcpy(b, path + start, end - start);
	b[end - start] = '\0';
	return b;
}

int tool_parse_long(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (!s[0] || *end || errno)
		return -1;
	return 0;
}
