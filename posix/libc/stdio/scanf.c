/*
 * The scanf family: the engine (vscan.c) reading from a string or a FILE.
 */
#include "stdio_impl.h"

static int str_get(struct fe_in *in)
{
	return *in->s ? (unsigned char)*in->s++ : EOF;
}

static void str_unget(struct fe_in *in, int c)
{
	in->s--;
}

int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
{
	struct fe_in in = { .get = str_get, .unget = str_unget, .s = s };

	return __fe_vscan(&in, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

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
