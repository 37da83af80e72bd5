/*
 * Backslash escapes (see escape.h), shared by echo, printf and the shell's
 * echo builtin so that all three read them the same way.
 */
#include "escape.h"

static int octal_digit(char c)
{
	return c >= '0' && c <= '7';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t octal(const char *s, char *c)
{
	size_t n = 0;
	int v = 0;

	while (n < 3 && octal_digit(s[n]))
		v = v * 8 + (s[n++] - '0');
	*c = (char)v;
	return n;
}

static char simple_escape(char e)
{
	switch (e) {
	case 'a':
		return '\a';
	case 'b':
		return '\b';
	case 'e':
		return 27;
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'v':
		return '\v';
	case '\\':
		return '\\';
	default:
		return 0;
	}
}

size_t unescape_one(const char *s, char *c, int zero_octal, int *stop)
{
	char e = s[1];
	int h;

	if ((*c = simple_escape(e)) != 0)
		return 2;
	if (e == 'c') {
		*stop = 1;
		*c = 0;
		return 2;
	}
	if (zero_octal && e == '0')
		return 2 + octal(s + 2, c);
	if (!zero_octal && octal_digit(e))
		return 1 + octal(s + 1, c);
	if (e == 'x' && (h = hex_value(s[2])) >= 0) {
		int v = h;
		size_t n = 3;

		if ((h = hex_value(s[3])) >= 0) {
			v = v * 16 + h;
			n++;
		}
		*c = (char)v;
		return n;
	}
	*c = '\\';
	return 1;
}

size_t unescape(const char *s, char *out, int zero_octal, int *stop)
{
	size_t n = 0;

	*stop = 0;
	while (*s && !*stop) {
		if (*s == '\\' && s[1]) {
			char c;

			s += unescape_one(s, &c, zero_octal, stop);
			if (!*stop)
				out[n++] = c;
		} else {
			out[n++] = *s++;
		}
	}
	out[n] = '\0';
	return n;
}
