/*
 * The four memory routines the compiler may call on its own (for structure
 * copies and initialisers) even in freestanding code, and a strlen. They
 * use the string instructions, which the compiler cannot turn back into
 * calls to themselves, eight bytes a step where they can (QEMU's TCG runs
 * each step of a rep prefix separately).
 */
#include "x86.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 8, bytes = n % 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(words) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(bytes) : : "memory");
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	const char *s = src;
	char *d = dst;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	s += n - 1;
	d += n - 1;
	__asm__ volatile("std; rep movsb; cld" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint64_t v = (uint8_t)c * 0x0101010101010101ull;
	size_t words = n / 8, bytes = n % 8;
	void *d = dst;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(words) : "a"(v) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(v) : "memory");
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

size_t x86_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
