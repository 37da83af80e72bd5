/*
 * scanf, fscanf and their v-forms: the scanf engine (vscan.c) reading a
 * FILE, pushing back through ungetc.
 */
#include "stdio_impl.h"

static int file_get(struct fe_in *in)
{
	return fgetc(in->ctx);
}

static void file_unget(struct fe_in *in, int c)
{
	ungetc(c, in->ctx);
}

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct fe_in in = { .get = file_get, .unget = file_unget, .ctx = f };

	return __fe_vscan(&in, fmt, ap);
}

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfscanf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vscanf(const char *restrict fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return n;
}
