/*
 * printf: format and print the arguments, as C's printf does.
 *
 *   printf FORMAT [ARGUMENT...]
 *
 * Conversions: %s %b (the argument's backslash escapes are read) %c %d %i
 * %u %o %x %X %e %f %g %E %G %%, with flags (-+ #0), width and precision
 * (numbers or *). The format's escapes: \n \t \\ \NNN and the like. The
 * format is used again while arguments remain; missing arguments are empty
 * strings or zero. A numeric argument may be 'c (the code of c). A bad
 * number is reported and makes the status 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tool.h"

static const char usage[] =
	"usage: printf FORMAT [ARGUMENT...]\n"
	"Print the ARGUMENTs as FORMAT says (%s %b %c %d %i %u %o %x %X\n"
	"%e %f %g %%, with flags, width and precision; escapes \\n \\t \\NNN).\n";

struct args {
	char **v;
	int n, next;
	int used; /* how many the current pass took */
	int status;
	int stop; /* \c met: no more output */
};

static const char *next_arg(struct args *a)
{
	if (a->next >= a->n)
		return NULL;
	a->used++;
	return a->v[a->next++];
}

static void bad_number(struct args *a, const char *s)
{
	tool_warn("'%s': expected a numeric value", s);
	a->status = 1;
}

static long long int_arg(struct args *a)
{
	const char *s = next_arg(a);
	char *end;
	long long v;

	if (!s)
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtoll(s, &end, 0);
	if (!s[0] || *end || errno) {
		if (*end == '\0' && errno == ERANGE)
			tool_warn("'%s': out of range", s);
		else
			bad_number(a, s);
		a->status = 1;
	}
	return v;
}

static unsigned long long uint_arg(struct args *a)
{
	const char *s = a->next < a->n ? a->v[a->next] : NULL;

	if (s && s[0] == '-')
		return (unsigned long long)int_arg(a);
	if (s && s[0] != '\'' && s[0] != '"') {
		char *end;
		unsigned long long v;

		next_arg(a);
		errno = 0;
		v = strtoull(s, &end, 0);
		if (!s[0] || *end || errno)
			bad_number(a, s);
		return v;
	}
	return (unsigned long long)int_arg(a);
}

static double float_arg(struct args *a)
{
	const char *s = next_arg(a);
	char *end;
	double v;

	if (!s)
		return 0;
	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	v = strtod(s, &end);
	if (!s[0] || *end)
		bad_number(a, s);
	return v;
}

static void print_b(struct args *a, const char *spec)
{
	const char *s = next_arg(a);
	char *buf;
	size_t n;

	if (!s)
		s = "";
	buf = malloc(strlen(s) + 1);
	if (!buf)
		exit(tool_errno("malloc"));
	n = unescape(s, buf, 1, &a->stop);
	if (strlen(buf) == n) {
		printf(spec, buf);
	} else {
		fwrite(buf, 1, n, stdout);
	}
	free(buf);
}

/* One conversion; spec holds "%" flags width precision, conv its letter. */
static void convert(struct args *a, char *spec, size_t len, char conv)
{
	char full[64];

	switch (conv) {
	case 'd':
	case 'i':
		snprintf(full, sizeof(full), "%.*sll%c", (int)len, spec, conv);
		printf(full, int_arg(a));
		break;
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		snprintf(full, sizeof(full), "%.*sll%c", (int)len, spec, conv);
		printf(full, uint_arg(a));
		break;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
		snprintf(full, sizeof(full), "%.*s%c", (int)len, spec, conv);
		printf(full, float_arg(a));
		break;
	case 'c': {
		const char *s = next_arg(a);

		snprintf(full, sizeof(full), "%.*sc", (int)len, spec);
		printf(full, s && s[0] ? s[0] : '\0');
		break;
	}
	case 'b':
		snprintf(full, sizeof(full), "%.*ss", (int)len, spec);
		print_b(a, full);
		break;
	default: {
		const char *s = next_arg(a);

		snprintf(full, sizeof(full), "%.*ss", (int)len, spec);
		printf(full, s ? s : "");
	}
	}
}

/* Copy flags, width and precision (a '*' replaced by its argument) into
 * spec; returns the number of format characters used. */
static size_t read_spec(struct args *a, const char *f, char *spec, size_t size)
{
	size_t i = 1, n = 1;

	spec[0] = '%';
	while (f[i] && strchr("-+ #0", f[i]) && n < size - 24)
		spec[n++] = f[i++];
	for (int part = 0; part < 2; part++) {
		if (part == 1 && f[i] == '.')
			spec[n++] = f[i++];
		else if (part == 1)
			break;
		if (f[i] == '*') {
			n += (size_t)snprintf(spec + n, size - n, "%d", (int)int_arg(a));
			i++;
		}
		while (f[i] >= '0' && f[i] <= '9' && n < size - 24)
			spec[n++] = f[i++];
	}
	spec[n] = '\0';
	return i;
}

/* One pass over the format. Returns -1 on a bad conversion. */
static int run_format(struct args *a, const char *f)
{
	char spec[64];

	while (*f && !a->stop) {
		if (*f == '\\' && f[1]) {
			char c;

			f += unescape_one(f, &c, 0, &a->stop);
			if (!a->stop)
				putchar(c);
		} else if (*f == '%' && f[1] == '%') {
			putchar('%');
			f += 2;
		} else if (*f == '%') {
			size_t used = read_spec(a, f, spec, sizeof(spec));

			if (!f[used] || !strchr("diuoxXeEfFgGcsb", f[used])) {
				tool_warn("%.*s: invalid conversion", (int)used + (f[used] != 0),
				          f);
				return -1;
			}
			convert(a, spec, strlen(spec), f[used]);
			f += used + 1;
		} else {
			putchar(*f++);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };

	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	tool_name = "printf";
	if (argc < 2)
		tool_usage_error("missing format");
	a.v = argv + 2;
	a.n = argc - 2;
	do {
		a.used = 0;
		if (run_format(&a, argv[1]) < 0) {
			fflush(stdout);
			return 1;
		}
	} while (a.used > 0 && a.next < a.n && !a.stop);
	if (fflush(stdout) != 0)
		return tool_errno("write error");
	return a.status;
}
