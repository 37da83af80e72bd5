/*
 * The BSD reporters (err, warn and friends) and the program's name for
 * messages, which crt0 records from argv[0].
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char *__fe_argv0;

const char *getprogname(void)
{
	const char *slash;

	if (!__fe_argv0)
		return "";
	slash = strrchr(__fe_argv0, '/');
	return slash ? slash + 1 : __fe_argv0;
}

static void report(const char *fmt, va_list ap, int err)
{
	fprintf(stderr, "%s: ", getprogname());
	if (fmt)
		vfprintf(stderr, fmt, ap);
	if (err >= 0)
		fprintf(stderr, "%s%s", fmt ? ": " : "", strerror(err));
	fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap)
{
	report(fmt, ap, errno);
}

void vwarnx(const char *fmt, va_list ap)
{
	report(fmt, ap, -1);
}

_Noreturn void verr(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, errno);
	exit(status);
}

_Noreturn void verrx(int status, const char *fmt, va_list ap)
{
	report(fmt, ap, -1);
	exit(status);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

_Noreturn void err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verr(status, fmt, ap);
}

_Noreturn void errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrx(status, fmt, ap);
}
