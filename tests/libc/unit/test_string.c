/*
 * Strings, memory and characters: libc's functions against the host's on
 * random inputs (overlapping moves, every alignment, embedded characters),
 * the C locale's character classes, and the error messages.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <string.h>

#include "fl.h"

#pragma GCC diagnostic ignored "-Wstringop-truncation"

static void random_bytes(char *p, size_t n, int alphabet)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (char)('a' + fl_test_rand() % (uint64_t)alphabet);
}

START_TEST(memory_functions)
{
	static char a[600], b[600], c[600], d[600];

	for (int i = 0; i < 20000; i++) {
		size_t n = fl_test_rand() % 300, off = fl_test_rand() % 64,
		       off2 = fl_test_rand() % 64;
		int ch = 'a' + (int)(fl_test_rand() % 4);

		random_bytes(a, sizeof(a), 4);
		memcpy(b, a, sizeof(a));
		memcpy(c, a, sizeof(a));
		fl_memmove(b + off, b + off2, n);
		memmove(c + off, c + off2, n);
		ck_assert(memcmp(b, c, sizeof(b)) == 0);
		fl_memcpy(d, a + off, n);
		ck_assert(memcmp(d, a + off, n) == 0);
		fl_memset(b + off, ch, n);
		memset(c + off, ch, n);
		ck_assert(memcmp(b, c, sizeof(b)) == 0);
		ck_assert_ptr_eq(fl_memchr(a + off, ch, n), memchr(a + off, ch, n));
		ck_assert_ptr_eq(fl_memrchr(a + off, ch, n), memrchr(a + off, ch, n));
		ck_assert_int_eq(fl_memcmp(a, b, n) > 0, memcmp(a, b, n) > 0);
		ck_assert_int_eq(fl_memcmp(a, b, n) < 0, memcmp(a, b, n) < 0);
		ck_assert_ptr_eq(fl_memmem(a, n, a + off, 3), memmem(a, n, a + off, 3));
	}
}
END_TEST

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

START_TEST(string_functions)
{
	char s[80], t[80], d1[200], d2[200], *p1, *p2, *save;

	for (int i = 0; i < 20000; i++) {
		size_t n = fl_test_rand() % 60, m = fl_test_rand() % 8, k = fl_test_rand() % 70;

		random_bytes(s, n, 5);
		s[n] = '\0';
		random_bytes(t, m, 5);
		t[m] = '\0';
		ck_assert_uint_eq(fl_strlen(s), strlen(s));
		ck_assert_int_eq(sign(fl_strcmp(s, t)), sign(strcmp(s, t)));
		ck_assert_int_eq(sign(fl_strncmp(s, t, k)), sign(strncmp(s, t, k)));
		ck_assert_int_eq(sign(fl_strcasecmp(s, t)), sign(strcasecmp(s, t)));
		ck_assert_ptr_eq(fl_strchr(s, 'c'), strchr(s, 'c'));
		ck_assert_ptr_eq(fl_strchr(s, 0), strchr(s, 0));
		ck_assert_ptr_eq(fl_strrchr(s, 'c'), strrchr(s, 'c'));
		ck_assert_ptr_eq(fl_strstr(s, t), strstr(s, t));
		ck_assert_uint_eq(fl_strspn(s, t), strspn(s, t));
		ck_assert_uint_eq(fl_strcspn(s, t), strcspn(s, t));
		ck_assert_ptr_eq(fl_strpbrk(s, t), strpbrk(s, t));
		memset(d1, 'x', sizeof(d1));
		memset(d2, 'x', sizeof(d2));
		fl_strncpy(d1, s, k);
		strncpy(d2, s, k);
		ck_assert(memcmp(d1, d2, sizeof(d1)) == 0);
		fl_strcpy(d1, s);
		fl_strcat(d1, t);
		fl_strncat(d1, s, m);
		strcpy(d2, s);
		strcat(d2, t);
		strncat(d2, s, m);
		ck_assert_str_eq(d1, d2);
		ck_assert_uint_eq(fl_strlcpy(d1, s, m), n);
		ck_assert(m == 0 || strncmp(d1, s, m - 1) == 0);
	}
	strcpy(d1, "a,b,,c");
	save = NULL;
	ck_assert_str_eq(fl_strtok_r(d1, ",", &save), "a");
	ck_assert_str_eq(fl_strtok_r(NULL, ",", &save), "b");
	ck_assert_str_eq(fl_strtok_r(NULL, ",", &save), "c");
	ck_assert_ptr_null(fl_strtok_r(NULL, ",", &save));
	strcpy(d1, "a,b,,c");
	p1 = d1;
	ck_assert_str_eq(fl_strsep(&p1, ","), "a");
	ck_assert_str_eq(fl_strsep(&p1, ","), "b");
	ck_assert_str_eq(fl_strsep(&p1, ","), "");
	ck_assert_str_eq(fl_strsep(&p1, ","), "c");
	ck_assert_ptr_null(p1);
	p2 = fl_strdup("copy");
	ck_assert_str_eq(p2, "copy");
	fl_free(p2);
	ck_assert_uint_eq(fl_strlcat(strcpy(d1, "abc"), "defgh", 6), 8);
	ck_assert_str_eq(d1, "abcde");
}
END_TEST

START_TEST(character_classes)
{
	for (int c = -1; c < 256; c++) {
		ck_assert_int_eq(!!fl_isalpha(c), !!isalpha(c));
		ck_assert_int_eq(!!fl_isdigit(c), !!isdigit(c));
		ck_assert_int_eq(!!fl_isspace(c), !!isspace(c));
		ck_assert_int_eq(!!fl_ispunct(c), !!ispunct(c));
		ck_assert_int_eq(!!fl_isxdigit(c), !!isxdigit(c));
		ck_assert_int_eq(!!fl_iscntrl(c), !!iscntrl(c));
		ck_assert_int_eq(!!fl_isprint(c), !!isprint(c));
		ck_assert_int_eq(!!fl_isgraph(c), !!isgraph(c));
		ck_assert_int_eq(!!fl_isupper(c), !!isupper(c));
		ck_assert_int_eq(!!fl_islower(c), !!islower(c));
		ck_assert_int_eq(!!fl_isalnum(c), !!isalnum(c));
		ck_assert_int_eq(fl_toupper(c), toupper(c));
		ck_assert_int_eq(fl_tolower(c), tolower(c));
	}
}
END_TEST

START_TEST(error_messages)
{
	for (int e = 0; e < 132; e++) {
		const char *m = fl_strerror(e);

		if (strncmp(m, "Unknown", 7) != 0)
			ck_assert_msg(strcmp(m, strerror(e)) == 0, "errno %d: '%s', host '%s'", e,
			              m, strerror(e));
	}
	ck_assert_str_eq(fl_strerror(9999), "Unknown error 9999");
}
END_TEST

Suite *string_suite(void)
{
	Suite *s = suite_create("string");
	TCase *t = tcase_create("string");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, memory_functions);
	tcase_add_test(t, string_functions);
	tcase_add_test(t, character_classes);
	tcase_add_test(t, error_messages);
	suite_add_tcase(s, t);
	return s;
}
