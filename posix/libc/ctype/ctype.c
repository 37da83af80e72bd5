/*
 * Character classes of the C locale. One table of class bits for the 128
 * ASCII characters; bytes above 127 and EOF belong to no class.
 */
#include <ctype.h>

enum {
	C_UPPER = 1,
	C_LOWER = 2,
	C_DIGIT = 4,
	C_SPACE = 8,
	C_PUNCT = 16,
	C_CNTRL = 32,
	C_BLANK = 64,
	C_HEX = 128,
};

static unsigned char class_of(int c)
{
	if (c < 0 || c > 127)
		return 0;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER | (c <= 'F' ? C_HEX : 0);
	if (c >= 'a' && c <= 'z')
		return C_LOWER | (c <= 'f' ? C_HEX : 0);
	if (c >= '0' && c <= '9')
		return C_DIGIT | C_HEX;
	if (c == ' ')
		return C_SPACE | C_BLANK;
	if (c == '\t')
		return C_SPACE | C_BLANK | C_CNTRL;
	if (c >= '\n' && c <= '\r')
		return C_SPACE | C_CNTRL;
	if (c < 32 || c == 127)
		return C_CNTRL;
	return C_PUNCT;
}

int isalnum(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER | C_DIGIT)) != 0;
}

int isalpha(int c)
{
	return (class_of(c) & (C_UPPER | C_LOWER)) != 0;
}

int isblank(int c)
{
	return (class_of(c) & C_BLANK) != 0;
}

int iscntrl(int c)
{
	return (class_of(c) & C_CNTRL) != 0;
}

int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int isgraph(int c)
{
	return c > ' ' && c < 127;
}

int islower(int c)
{
	return c >= 'a' && c <= 'z';
}

int isprint(int c)
{
	return c >= ' ' && c < 127;
}

int ispunct(int c)
{
	return (class_of(c) & C_PUNCT) != 0;
}

int isspace(int c)
{
	return (class_of(c) & C_SPACE) != 0;
}

int isupper(int c)
{
	return c >= 'A' && c <= 'Z';
}

int isxdigit(int c)
{
	return (class_of(c) & C_HEX) != 0;
}

int isascii(int c)
{
	return c >= 0 && c <= 127;
}

int toascii(int c)
{
	return c & 127;
}

int tolower(int c)
{
	return isupper(c) ? c + ('a' - 'A') : c;
}

int toupper(int c)
{
	return islower(c) ? c - ('a' - 'A') : c;
}
