/*
 * Formatted output for programs that have no stdio yet: fe_printf writes to
 * the debug console (FE_SYS_DEBUG_WRITE), fe_snprintf to a buffer. They
 * understand %d %i %u %x %X %o %c %s %p %% with the flags - 0 + space #,
 * a width and a precision (numbers or *), and the sizes hh h l ll z.
 */
#ifndef FERRITE_PRINT_H
#define FERRITE_PRINT_H

#include <stdarg.h>
#include <stddef.h>

int fe_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fe_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Like snprintf: writes at most size - 1 characters and a NUL, returns the
 * length the whole output would have had. */
int fe_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int fe_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
