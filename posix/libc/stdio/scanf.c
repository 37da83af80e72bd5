/*
 * sscanf and vsscanf: the scanf engine (vscan.c) reading a string. The
 * stream versions are in fscanf.c.
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
