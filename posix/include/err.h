/*
 * The BSD error reporters: "prog: message: strerror(errno)" on standard
 * error, and err/errx exit with the given status.
 */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

_Noreturn void err(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void errx(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void verr(int status, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
_Noreturn void verrx(int status, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* The program's name for messages: argv[0] without its directories. */
const char *getprogname(void);

#endif
