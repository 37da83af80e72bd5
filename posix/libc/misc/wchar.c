/*
 * Multibyte and wide characters in the C locale: a byte is a character.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

size_t wcslen(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a < *b ? -1 : *a > *b;
}

wchar_t *wcscpy(wchar_t *restrict dst, const wchar_t *restrict src)
{
	wchar_t *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wint_t btowc(int c)
{
	return c == EOF || c < 0 || c > 255 ? WEOF : (wint_t)c;
}

int wctob(wint_t c)
{
	return c < 256 ? (int)c : EOF;
}

int mbsinit(const mbstate_t *ps)
{
	return !ps || ps->state == 0;
}

size_t mbrtowc(wchar_t *restrict wc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	if (!s)
		return 0;
	if (n == 0)
		return (size_t)-2;
	if (wc)
		*wc = (unsigned char)*s;
	return *s != '\0';
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	return mbrtowc(NULL, s, n, ps);
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	if (!s)
		return 1;
	if (wc < 0 || wc > 255) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	*s = (char)wc;
	return 1;
}

int mblen(const char *s, size_t n)
{
	return s && n ? *s != '\0' : 0;
}

int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n)
{
	if (!s)
		return 0;
	if (n == 0)
		return -1;
	if (wc)
		*wc = (unsigned char)*s;
	return *s != '\0';
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	return wcrtomb(s, wc, NULL) == (size_t)-1 ? -1 : 1;
}

size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n)
{
	size_t i = 0;

	for (; !dst || i < n; i++) {
		if (dst)
			dst[i] = (unsigned char)src[i];
		if (!src[i])
			return i;
	}
	return i;
}

size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n)
{
	size_t i = 0;

	for (; !dst || i < n; i++) {
		if (src[i] < 0 || src[i] > 255) {
			errno = EILSEQ;
			return (size_t)-1;
		}
		if (dst)
			dst[i] = (char)src[i];
		if (!src[i])
			return i;
	}
	return i;
}
