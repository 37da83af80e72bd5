/*
 * The memory functions. memcpy, memmove and memset use the x86 string
 * instructions, which modern processors run at cache speed for long blocks
 * (ERMS) and which keep these functions short; the others are plain loops.
 * This file is built with -fno-tree-loop-distribute-patterns so that the
 * compiler never turns a loop here back into a call to the function itself.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(dst, src, n);
	/* The destination overlaps the source's end: copy backwards. */
	d += n - 1;
	s += n - 1;
	__asm__ volatile("std\n\trep movsb\n\tcld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

void *memccpy(void *restrict dst, const void *restrict src, int c, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n; n--) {
		*d = *s++;
		if (*d++ == (unsigned char)c)
			return d;
	}
	return NULL;
}

void *memmem(const void *hay, size_t hn, const void *needle, size_t nn)
{
	const unsigned char *h = hay;

	if (nn == 0)
		return (void *)hay;
	for (; hn >= nn; h++, hn--)
		if (*h == *(const unsigned char *)needle && memcmp(h, needle, nn) == 0)
			return (void *)h;
	return NULL;
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}
