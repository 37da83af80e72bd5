/*
 * Characters, lines and blocks: getc, putc, fgets, fputs, fread, fwrite,
 * getline, ungetc and their relatives. Pushed-back characters (ungetc, at
 * most UNGET_MAX) come before the buffer.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

int fgetc(FILE *f)
{
	if (f->nungot)
		return f->ungot[--f->nungot];
	if (f->dir != DIR_READ || f->rpos == f->rend)
		if (__fe_fill(f) <= 0)
			return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

int getc_unlocked(FILE *f)
{
	return fgetc(f);
}

int getchar_unlocked(void)
{
	return fgetc(stdin);
}

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->nungot == UNGET_MAX)
		return EOF;
	if (f->dir == DIR_WRITE && __fe_flush(f) < 0)
		return EOF;
	f->dir = DIR_READ;
	f->ungot[f->nungot++] = (unsigned char)c;
	f->flags &= ~SF_EOF;
	return (unsigned char)c;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return __fe_write(f, &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int putc_unlocked(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar_unlocked(int c)
{
	return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);

	return __fe_write(f, s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	int i = 0, c;

	if (n <= 0)
		return NULL;
	while (i < n - 1 && (c = fgetc(f)) != EOF) {
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	/* Nothing read before the end (or an error): NULL, s untouched. */
	if (i == 0 && n > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

/* Copy buffered bytes out; how many. */
static size_t take_buffered(FILE *f, unsigned char *p, size_t n)
{
	size_t done = 0;

	while (done < n && f->nungot)
		p[done++] = f->ungot[--f->nungot];
	if (f->dir == DIR_READ && f->rpos < f->rend) {
		size_t k = f->rend - f->rpos;

		k = k < n - done ? k : n - done;
		memcpy(p + done, f->buf + f->rpos, k);
		f->rpos += k;
		done += k;
	}
	return done;
}

size_t fread(void *restrict ptr, size_t size, size_t n, FILE *restrict f)
{
	unsigned char *p = ptr;
	size_t want, done;

	if (size == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EOVERFLOW;
		return 0;
	}
	want = size * n;
	done = take_buffered(f, p, want);
	while (done < want) {
		if (__fe_fill(f) <= 0)
			break;
		done += take_buffered(f, p + done, want - done);
	}
	return done / size;
}

size_t fwrite(const void *restrict ptr, size_t size, size_t n, FILE *restrict f)
{
	if (size == 0 || n == 0)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EOVERFLOW;
		return 0;
	}
	return __fe_write(f, ptr, size * n) / size;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	size_t len = 0;
	int c;

	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		c = fgetc(f);
		if (len + 2 > *cap || !*line) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;
			char *p = realloc(*line, ncap);

			if (!p) {
				errno = ENOMEM;
				return -1;
			}
			*line = p;
			*cap = ncap;
		}
		if (c == EOF)
			break;
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[len] = '\0';
	return len || c != EOF ? (ssize_t)len : -1;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}
