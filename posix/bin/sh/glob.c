/*
 * Patterns: matching (*, ?, [...], backslash escapes) for `case` and ${X%pat},
 * and pathname expansion for unquoted words (`ls *.c`).
 *
 * Pathname expansion walks the pattern one component at a time: components
 * without pattern characters are taken as they are, the others are matched
 * against the entries of the directory reached so far. A name starting with
 * '.' only matches a pattern that starts with '.', as POSIX requires.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

static int class_match(const char *name, size_t len, int c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alpha", isalpha }, { "digit", isdigit },   { "alnum", isalnum },
		{ "upper", isupper }, { "lower", islower },   { "space", isspace },
		{ "punct", ispunct }, { "xdigit", isxdigit }, { "print", isprint },
		{ "graph", isgraph }, { "cntrl", iscntrl },   { "blank", isblank },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len && strncmp(classes[i].name, name, len) == 0)
			return classes[i].fn(c) != 0;
	return 0;
}

/* p points just after '['. Returns the length of the bracket expression
 * after the '[' (through its ']'), or 0 if it is not closed; *hit says
 * whether c is in it. */
static size_t bracket(const char *p, int c, int *hit)
{
	size_t i = 0;
	int neg = 0, found = 0;

	if (p[i] == '!' || p[i] == '^') {
		neg = 1;
		i++;
	}
	do {
		if (p[i] == '\0')
			return 0;
		if (p[i] == '[' && p[i + 1] == ':') {
			const char *end = strstr(p + i + 2, ":]");

			if (!end)
				return 0;
			found |= class_match(p + i + 2, (size_t)(end - p - i - 2), c);
			i = (size_t)(end - p) + 2;
			continue;
		}
		if (p[i] == '\\' && p[i + 1])
			i++;
		int lo = (unsigned char)p[i++];
		int hi = lo;

		if (p[i] == '-' && p[i + 1] && p[i + 1] != ']') {
			i++;
			if (p[i] == '\\' && p[i + 1])
				i++;
			hi = (unsigned char)p[i++];
		}
		found |= c >= lo && c <= hi;
	} while (p[i] != ']');
	*hit = found != neg;
	return i + 1;
}

/* Match one pattern element at p against c; returns the element's length,
 * or 0 if it does not match. */
static size_t match_one(const char *p, int c)
{
	int hit = 0;
	size_t n;

	switch (p[0]) {
	case '?':
		return 1;
	case '[':
		n = bracket(p + 1, c, &hit);
		if (n == 0)
			return c == '[' ? 1 : 0;
		return hit ? n + 1 : 0;
	case '\\':
		if (p[1])
			return p[1] == c ? 2 : 0;
		return c == '\\' ? 1 : 0;
	default:
		return p[0] == c ? 1 : 0;
	}
}

/* Backtracking only to the last '*', which is enough: each later '*' can
 * only extend what an earlier one would have matched. */
int pattern_match(const char *p, const char *s)
{
	const char *star_p = NULL, *star_s = NULL;

	for (;;) {
		size_t n;

		if (*p == '*') {
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*s == '\0' && *p == '\0')
			return 1;
		if (*s && *p && (n = match_one(p, (unsigned char)*s)) > 0) {
			p += n;
			s++;
			continue;
		}
		if (!star_p || *star_s == '\0')
			return 0;
		p = star_p;
		s = ++star_s;
	}
}

int has_glob_chars(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*' || *p == '?' || *p == '[')
			return 1;
	}
	return 0;
}

struct matches {
	char **v;
	int n, cap;
};

static void add_match(struct matches *m, const char *path)
{
	if (m->n + 2 > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->v = xrealloc(m->v, (size_t)m->cap * sizeof(char *));
	}
	m->v[m->n++] = xstrdup(path);
	m->v[m->n] = NULL;
}

static void unescape_into(struct strbuf *sb, const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\\' && i + 1 < len)
			i++;
		sb_putc(sb, p[i]);
	}
}

static void glob_rec(struct strbuf *path, const char *rest, struct matches *m);

static void glob_dir(struct strbuf *path, const char *comp, const char *next, struct matches *m)
{
	DIR *dir = opendir(path->len ? path->s : ".");
	size_t keep = path->len;
	struct dirent *e;
	int dots = comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');

	if (!dir)
		return;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((e->d_name[0] == '.' && !dots) || !pattern_match(comp, e->d_name))
			continue;
		sb_puts(path, e->d_name);
		glob_rec(path, next, m);
		path->len = keep;
		path->s[keep] = '\0';
	}
	closedir(dir);
}

/* `path` is what is matched so far (ending in '/' or empty); `rest` the
 * pattern left. */
static void glob_rec(struct strbuf *path, const char *rest, struct matches *m)
{
	const char *slash = strchr(rest, '/');
	size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
	size_t keep = path->len;
	char *comp;
	struct stat st;

	if (rest[0] == '\0' && path->len) {
		if (stat(path->s, &st) == 0)
			add_match(m, path->s);
		return;
	}
	if (slash && rest[0] == '/') {
		sb_putc(path, '/');
		glob_rec(path, rest + 1, m);
		return;
	}
	comp = xstrndup(rest, len);
	if (has_glob_chars(comp)) {
		glob_dir(path, comp, rest + len, m);
	} else {
		unescape_into(path, comp, len);
		glob_rec(path, rest + len, m);
	}
	free(comp);
	path->len = keep;
	if (path->s)
		path->s[keep] = '\0';
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **glob_expand(const char *pattern, int *count)
{
	struct matches m = { 0 };
	struct strbuf path;

	sb_init(&path);
	glob_rec(&path, pattern, &m);
	sb_free(&path);
	if (m.n == 0)
		return NULL;
	qsort(m.v, (size_t)m.n, sizeof(char *), str_cmp);
	*count = m.n;
	return m.v;
}
