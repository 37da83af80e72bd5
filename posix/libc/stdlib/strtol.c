/*
 * String to integer conversion: strtol and friends, atoi, and the intmax_t
 * versions. One parser reads the magnitude as an unsigned long long and
 * says whether it overflowed; each function then applies its own range.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

struct parsed {
	unsigned long long mag;
	bool neg;
	bool overflow;
};

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Skip "0x" when the base allows it and a hex digit follows; settle base 0. */
static const char *read_prefix(const char *s, int *base)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16;

	if ((*base == 0 || *base == 16) && hex) {
		*base = 16;
		return s + 2;
	}
	if (*base == 0)
		*base = s[0] == '0' ? 8 : 10;
	return s;
}

/* Parse; *end gets where parsing stopped (s itself when no digits). */
static struct parsed parse(const char *s, char **end, int base)
{
	struct parsed p = { 0 };
	const char *start = s, *digits;

	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)start;
		return p;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		p.neg = *s++ == '-';
	s = digits = read_prefix(s, &base);
	for (; digit_value((unsigned char)*s) < base; s++) {
		unsigned d = (unsigned)digit_value((unsigned char)*s);

		if (p.mag > (ULLONG_MAX - d) / (unsigned)base)
			p.overflow = true;
		else
			p.mag = p.mag * (unsigned)base + d;
	}
	if (end)
		*end = (char *)(s == digits ? start : s);
	return p;
}

/* A signed result in [-max - 1, max]. */
static long long to_signed(struct parsed p, unsigned long long max)
{
	if (p.overflow || p.mag > max + p.neg) {
		errno = ERANGE;
		return p.neg ? -(long long)max - 1 : (long long)max;
	}
	return p.neg ? (long long)(0 - p.mag) : (long long)p.mag;
}

/* An unsigned result: a minus sign negates it, as C says. */
static unsigned long long to_unsigned(struct parsed p, unsigned long long max)
{
	if (p.overflow || p.mag > max) {
		errno = ERANGE;
		return max;
	}
	return p.neg ? (max & (0 - p.mag)) : p.mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)to_signed(parse(s, end, base), LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return to_signed(parse(s, end, base), LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)to_unsigned(parse(s, end, base), ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return to_unsigned(parse(s, end, base), ULLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}
