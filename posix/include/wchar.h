/*
 * Wide characters, as far as the C locale needs them: every byte is one
 * character and wchar_t holds its value. Enough for programs that mention
 * wchar_t and mbstate_t, convert a character or measure a wide string.
 */
#ifndef _WCHAR_H
#define _WCHAR_H

#include <stddef.h>

typedef unsigned int wint_t;
typedef struct {
	unsigned state;
} mbstate_t;

#define WEOF ((wint_t)-1)
#ifndef WCHAR_MIN
#define WCHAR_MIN __WCHAR_MIN__
#define WCHAR_MAX __WCHAR_MAX__
#endif

size_t wcslen(const wchar_t *s);
int wcscmp(const wchar_t *a, const wchar_t *b);
wchar_t *wcscpy(wchar_t *restrict dst, const wchar_t *restrict src);
wchar_t *wcschr(const wchar_t *s, wchar_t c);
wint_t btowc(int c);
int wctob(wint_t c);
int mbsinit(const mbstate_t *ps);
size_t mbrtowc(wchar_t *restrict wc, const char *restrict s, size_t n, mbstate_t *restrict ps);
size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps);
size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps);

#endif
