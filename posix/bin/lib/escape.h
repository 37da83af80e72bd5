/*
 * Backslash escapes as echo -e, printf's format and printf's %b read them:
 * \a \b \c \e \f \n \r \t \v \\ \NNN (octal) \xHH (hex).
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#include <stddef.h>

/* s[0] is a backslash: decode one escape into *c. Returns how many chars of
 * s it used. *stop is set for \c (no more output at all). With zero_octal
 * the octal form is \0NNN (echo, %b); without it, \NNN (printf formats).
 * An unknown escape stands for itself, backslash included (*c = '\\', 1). */
size_t unescape_one(const char *s, char *c, int zero_octal, int *stop);
/* Decode all of s into out (room for strlen(s) + 1); returns the length,
 * NULs included, and stops at \c. */
size_t unescape(const char *s, char *out, int zero_octal, int *stop);

#endif
