/*
 * Freestanding memory, string and formatting routines for the core.
 *
 * The formatter understands what the kernel prints: %d %i %u %x %s %c %p %%
 * with the l, ll and z length modifiers, a field width and the 0 and -
 * flags. It always NUL-terminates and returns the length it would have
 * written, like snprintf.
 */
#include "lib.h"

#include <arch.h>

/* Eight bytes a step (unaligned moves are fine on x86_64), then the tail. */
void *kmemcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	for (; n >= 8; n -= 8, d += 8, s += 8)
		__builtin_memcpy(d, s, 8);
	while (n--)
		*d++ = *s++;
	return dst;
}

void *kmemset(void *dst, int c, size_t n)
{
	uint64_t w = 0x0101010101010101ull * (unsigned char)c;
	unsigned char *d = dst;

	for (; n >= 8; n -= 8, d += 8)
		__builtin_memcpy(d, &w, 8);
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int kmemcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t kstrnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

bool page_round_up(uint64_t x, uint64_t *out)
{
	if (x > UINT64_MAX - (PAGE_SIZE - 1))
		return false;
	*out = PAGE_DOWN(x + PAGE_SIZE - 1);
	return true;
}

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, uint64_t v, unsigned base, bool neg, int width, char pad,
                    bool left)
{
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + neg;
	if (neg && pad == '0')
		put(o, '-'); /* the sign goes before zero padding: -0042 */
	for (int i = len; !left && i < width; i++)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
	for (int i = len; left && i < width; i++)
		put(o, ' ');
}

static void put_str(struct out *o, const char *s, int width, bool left)
{
	int n = (int)kstrnlen(s ? s : "(null)", 4096);

	for (int i = n; !left && i < width; i++)
		put(o, ' ');
	for (const char *p = s ? s : "(null)"; *p; p++)
		put(o, *p);
	for (int i = n; left && i < width; i++)
		put(o, ' ');
}

static uint64_t arg_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static const char *conv(struct out *o, const char *f, va_list *ap)
{
	bool left = false;
	char pad = ' ';
	int width = 0, lng = 0;

	for (; *f == '-' || *f == '0'; f++) {
		if (*f == '-')
			left = true;
		else
			pad = '0';
	}
	for (; *f >= '0' && *f <= '9'; f++)
		width = width * 10 + (*f - '0');
	for (; *f == 'l' || *f == 'z'; f++)
		lng += *f == 'z' ? 2 : 1;
	switch (*f) {
	case 'd':
	case 'i': {
		int64_t v = arg_signed(ap, lng);
		put_num(o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad, left);
		break;
	}
	case 'u':
		put_num(o, arg_unsigned(ap, lng), 10, false, width, pad, left);
		break;
	case 'x':
		put_num(o, arg_unsigned(ap, lng), 16, false, width, pad, left);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_num(o, (uintptr_t)va_arg(*ap, void *), 16, false, width, pad, left);
		break;
	case 's':
		put_str(o, va_arg(*ap, const char *), width, left);
		break;
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '?');
		return *f ? f + 1 : f;
	}
	return f + 1;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list copy;

	va_copy(copy, ap);
	while (*fmt) {
		if (*fmt != '%')
			put(&o, *fmt++);
		else
			fmt = conv(&o, fmt + 1, &copy);
	}
	va_end(copy);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void kprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	arch_console_write(buf, MIN((size_t)n, sizeof(buf) - 1));
}

static uint64_t rng_state;

void random_seed(uint64_t seed)
{
	rng_state = seed;
}

/* splitmix64: small, fast, and the same sequence on every machine. */
uint64_t random_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
