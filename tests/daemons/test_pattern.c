/*
 * Unit tests of pattern: (the crash tests' file of known bytes).
 */
#include <string.h>

#include "pattern.h"
#include "thost.h"

static struct pattern state;
static const struct t_server srv = { &pattern_ops, &state, "pattern" };

START_TEST(pattern_open_close)
{
	memset(&state, 0, sizeof(state));
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDONLY), 1);
	ck_assert_int_eq(t_open(&srv, "/", FE_O_RDONLY), 2);
	ck_assert_int_eq(t_open(&srv, "x", FE_O_RDONLY), -FE_ENOENT);
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDWR), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "", FE_O_DIRECTORY), -FE_ENOTDIR);
	t_close(&srv, 1);
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDONLY), 1);
	ck_assert_int_eq(t_read(&srv, 3, 10), -FE_EBADF);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, 1, 0, 0, 1, NULL, 0), 0);
	ck_assert_uint_eq(((struct fe_stat *)t_out)->size, PATTERN_SIZE);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, 9, 0, 0, 1, NULL, 0), -FE_EBADF);
	for (unsigned i = 2; i < PATTERN_FILES; i++)
		ck_assert_int_eq(t_open(&srv, "", FE_O_RDONLY), i + 1);
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDONLY), -FE_EMFILE);
	t_close(&srv, 12345);
}
END_TEST

START_TEST(pattern_reads)
{
	memset(&state, 0, sizeof(state));
	ck_assert_int_eq(t_open(&srv, "", FE_O_RDONLY), 1);
	ck_assert_int_eq(t_read(&srv, 1, 300), 300);
	for (unsigned i = 0; i < 300; i++)
		ck_assert_uint_eq(t_out[i], pattern_byte(i));
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, 70000, 0, 1, NULL, 0), 70000);
	ck_assert_int_eq(t_read(&srv, 1, 10), 10);
	ck_assert_uint_eq(t_out[3], pattern_byte(70003));
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, 5, 1, 1, NULL, 0), 70015);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, -2, 2, 1, NULL, 0), PATTERN_SIZE - 2);
	ck_assert_int_eq(t_read(&srv, 1, 10), 2);
	ck_assert_int_eq(t_read(&srv, 1, 10), 0);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, -1, 0, 1, NULL, 0), -FE_EINVAL);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, 1, 0, 7, 1, NULL, 0), -FE_EINVAL);
	ck_assert_int_ne(pattern_byte(1), pattern_byte(257));
}
END_TEST

Suite *suite_pattern(void)
{
	Suite *s = suite_create("pattern");
	TCase *tc = tcase_create("pattern");

	tcase_add_test(tc, pattern_open_close);
	tcase_add_test(tc, pattern_reads);
	suite_add_tcase(s, tc);
	return s;
}
