/*
 * Small helpers the whole shell uses: allocation that never returns NULL,
 * growable strings, arenas for parsed trees, and unbuffered output.
 *
 * Running out of memory ends the shell: a half-built command can not be run
 * safely, and an interactive user would rather see the reason than a hang.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static void out_of_memory(void)
{
	static const char msg[] = "sh: out of memory\n";

	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(2);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void sb_init(struct strbuf *sb)
{
	sb->s = NULL;
	sb->len = 0;
	sb->cap = 0;
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	while (sb->len + extra + 1 > sb->cap)
		sb->cap = sb->cap ? sb->cap * 2 : 32;
	sb->s = xrealloc(sb->s, sb->cap);
}

void sb_putc(struct strbuf *sb, char c)
{
	sb_grow(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

void sb_putn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_putn(sb, s, strlen(s));
}

/* Hand the string over to the caller; the buffer is empty afterwards. */
char *sb_take(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");

	sb_init(sb);
	return s;
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb_init(sb);
}

/* An arena is a list of chunks; everything in it is freed at once. */
struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct chunk *head;
};

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));

	a->head = NULL;
	return a;
}

void arena_free(struct arena *a)
{
	struct chunk *c, *next;

	if (!a)
		return;
	for (c = a->head; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	size_t align = sizeof(max_align_t);
	struct chunk *c = a->head;
	void *p;

	n = (n + align - 1) / align * align;
	if (!c || c->size - c->used < n) {
		size_t size = n > 4096 ? n : 4096;

		c = xmalloc(sizeof(*c) + size);
		c->used = 0;
		c->size = size;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void out_str(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t r = write(fd, s, len);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		s += r;
		len -= (size_t)r;
	}
}

static void out_vfmt(int fd, const char *prefix, const char *suffix, const char *fmt, va_list ap)
{
	char small[512];
	struct strbuf sb;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	sb_init(&sb);
	sb_puts(&sb, prefix);
	if (n >= 0 && (size_t)n < sizeof(small)) {
		sb_puts(&sb, small);
	} else if (n >= 0) {
		char *big = xmalloc((size_t)n + 1);

		vsnprintf(big, (size_t)n + 1, fmt, ap);
		sb_puts(&sb, big);
		free(big);
	}
	sb_puts(&sb, suffix);
	out_str(fd, sb.s);
	sb_free(&sb);
}

void out_fmt(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vfmt(fd, "", "", fmt, ap);
	va_end(ap);
}

void sh_error(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	sb_puts(&sb, "sh: ");
	if (sh.script_name) {
		sb_puts(&sb, sh.script_name);
		sb_puts(&sb, ": ");
	}
	va_start(ap, fmt);
	out_vfmt(2, sb.s, "\n", fmt, ap);
	va_end(ap);
	sb_free(&sb);
}

int is_name_start(int c)
{
	return c == '_' || isalpha((unsigned char)c);
}

int is_name_char(int c)
{
	return c == '_' || isalnum((unsigned char)c);
}

size_t name_len(const char *s)
{
	size_t n = 0;

	if (!is_name_start((unsigned char)s[0]))
		return 0;
	while (is_name_char((unsigned char)s[n]))
		n++;
	return n;
}
