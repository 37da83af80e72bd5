/*
 * fnmatch: shell patterns. '*' matches any run, '?' one character, "[...]"
 * a set (ranges, '!' or '^' to invert), '\' quotes the next character.
 * FNM_PATHNAME keeps wildcards from matching '/', FNM_PERIOD a leading '.'.
 * Backtracking is bounded by the usual "remember the last star" method.
 */
#include <fnmatch.h>
#include <stdbool.h>
#include <string.h>

/* Match one set at *p (after '['); *p moves past it. -1: not a valid set. */
static int match_set(const char **pp, char c, int flags)
{
	const char *p = *pp;
	bool invert = *p == '!' || *p == '^', found = false;

	p += invert;
	do {
		char lo = *p, hi;

		if (!lo)
			return -1;
		if (lo == '\\' && !(flags & FNM_NOESCAPE) && p[1])
			lo = *++p;
		hi = lo;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = p[2];
			p += 2;
		}
		if (c >= lo && c <= hi)
			found = true;
		p++;
	} while (*p != ']');
	*pp = p + 1;
	return found != invert;
}

static bool leading_period(const char *s, const char *start, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	       (s == start || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

/* One pattern element against *s; 1 match, 0 mismatch. p moves past it. */
static int match_one(const char **p, const char *s, const char *start, int flags)
{
	char c = *(*p)++;
	int r;

	switch (c) {
	case '?':
		if ((*s == '/' && (flags & FNM_PATHNAME)) || leading_period(s, start, flags))
			return 0;
		return *s != '\0';
	case '[':
		if (!*s || (*s == '/' && (flags & FNM_PATHNAME)) || leading_period(s, start, flags))
			return 0;
		r = match_set(p, *s, flags);
		if (r >= 0)
			return r;
		return *s == '[';
	case '\\':
		if (!(flags & FNM_NOESCAPE) && **p)
			c = *(*p)++;
		return *s == c;
	default:
		return *s == c;
	}
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	const char *p = pattern, *s = string, *star_p = NULL, *star_s = NULL;

	while (*s || *p) {
		if (*p == '*' && !leading_period(s, string, flags)) {
			while (*p == '*')
				p++;
			star_p = p;
			star_s = s;
			continue;
		}
		if (*p) {
			const char *next = p;

			if (match_one(&next, s, string, flags)) {
				p = next;
				s++;
				continue;
			}
		}
		if (!star_p || !*star_s || (*star_s == '/' && (flags & FNM_PATHNAME)))
			return FNM_NOMATCH;
		p = star_p;
		s = ++star_s;
	}
	return 0;
}
