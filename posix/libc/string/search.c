/*
 * Searching strings: for characters, sets of characters and substrings,
 * and splitting into tokens.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

char *strchr(const char *s, int c)
{
	s = strchrnul(s, c);
	return *s == (char)c ? (char *)s : NULL;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

/* A 256-bit set of the bytes in `chars`. */
static void make_set(const char *chars, unsigned long set[4])
{
	set[0] = set[1] = set[2] = set[3] = 0;
	for (; *chars; chars++) {
		unsigned char c = (unsigned char)*chars;

		set[c / 64] |= 1ul << (c % 64);
	}
}

static bool in_set(const unsigned long set[4], unsigned char c)
{
	return set[c / 64] >> (c % 64) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	unsigned long set[4];
	size_t n = 0;

	make_set(accept, set);
	while (s[n] && in_set(set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	unsigned long set[4];
	size_t n = 0;

	make_set(reject, set);
	while (s[n] && !in_set(set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)hay;
	for (; *hay; hay++)
		if (*hay == *needle && strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return *needle ? NULL : (char *)hay;
}

char *strcasestr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (!n)
		return (char *)hay;
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return (char *)hay;
	return *needle ? NULL : (char *)hay;
}

char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
	char *end;

	if (!s)
		s = *save;
	s += strspn(s, delim);
	if (!*s) {
		*save = s;
		return NULL;
	}
	end = s + strcspn(s, delim);
	if (*end)
		*end++ = '\0';
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict delim)
{
	static char *save;

	return strtok_r(s, delim, &save);
}

char *strsep(char **sp, const char *delim)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, delim);
	if (*end) {
		*end = '\0';
		*sp = end + 1;
	} else {
		*sp = NULL;
	}
	return s;
}

int strcasecmp(const char *a, const char *b)
{
	while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b))
		a++, b++;
	return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);

		if (x != y)
			return x - y;
		if (!x)
			break;
	}
	return 0;
}

int ffsll(long long x)
{
	return x ? __builtin_ctzll((unsigned long long)x) + 1 : 0;
}

int ffsl(long x)
{
	return ffsll(x);
}

int ffs(int x)
{
	return ffsll((unsigned)x);
}
