/*
 * Unit tests of null:, zero: and rand: (the stateless character devices).
 */
#include <string.h>

#include "null.h"
#include "rand.h"
#include "thost.h"
#include "zero.h"

static const struct t_server null_srv = { &null_ops, NULL, "null" };
static const struct t_server zero_srv = { &zero_ops, NULL, "zero" };
static const struct t_server rand_srv = { &rand_ops, NULL, "rand" };

START_TEST(dev_open)
{
	const struct t_server *all[] = { &null_srv, &zero_srv, &rand_srv };

	for (unsigned i = 0; i < 3; i++) {
		const struct t_server *s = all[i];

		ck_assert_int_eq(t_open(s, "", FE_O_RDWR), 1);
		ck_assert_int_eq(t_open(s, "/", FE_O_RDONLY), 1);
		ck_assert_int_eq(t_open(s, "x", FE_O_RDONLY), -FE_ENOENT);
		ck_assert_int_eq(t_open(s, "", FE_O_ACCMODE), -FE_EINVAL);
		ck_assert_int_eq(t_open(s, "", FE_O_DIRECTORY), -FE_ENOTDIR);
		ck_assert_int_eq(t_read(s, 2, 10), -FE_EBADF);
		ck_assert_int_eq(t_write(s, 99, "x"), -FE_EBADF);
		ck_assert_int_eq(t_call(s, FE_SCHEME_FSTAT, 1, 0, 0, 1, NULL, 0), 0);
		ck_assert_uint_eq(t_out_len, sizeof(struct fe_stat));
		ck_assert_int_eq(t_call(s, FE_SCHEME_FSTAT, 2, 0, 0, 1, NULL, 0), -FE_EBADF);
		ck_assert_int_eq(t_path(s, FE_SCHEME_STAT, "", 0), 0);
		ck_assert_int_eq(t_path(s, FE_SCHEME_STAT, "y", 0), -FE_ENOENT);
		ck_assert_int_eq(t_call(s, FE_SCHEME_SEEK, 1, 5, 0, 1, NULL, 0), 0);
		ck_assert_int_eq(t_call(s, FE_SCHEME_READDIR, 1, 0, 0, 1, NULL, 0), -FE_ENOTDIR);
		ck_assert_int_eq(t_path(s, FE_SCHEME_MKDIR, "a", 0), -FE_ENOSYS);
		t_close(s, 1);
		t_close(s, 12345);
	}
}
END_TEST

START_TEST(null_io)
{
	ck_assert_int_eq(t_read(&null_srv, 1, 100), 0);
	ck_assert_uint_eq(t_out_len, 0);
	ck_assert_int_eq(t_write(&null_srv, 1, "hello"), 5);
}
END_TEST

START_TEST(zero_io)
{
	memset(t_out, 0xff, 200);
	ck_assert_int_eq(t_read(&zero_srv, 1, 100), 100);
	ck_assert_uint_eq(t_out_len, 100);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(t_out[i], 0);
	ck_assert_uint_eq(t_out[100], 0xff);
	ck_assert_int_eq(t_read(&zero_srv, 1, 1ull << 33), SRV_BODY_MAX);
	ck_assert_int_eq(t_write(&zero_srv, 1, "abc"), 3);
}
END_TEST

START_TEST(rand_io)
{
	unsigned char first[64];

	ck_assert_int_eq(t_read(&rand_srv, 1, 64), 64);
	memcpy(first, t_out, 64);
	ck_assert_int_eq(t_read(&rand_srv, 1, 64), 64);
	ck_assert_int_ne(memcmp(first, t_out, 64), 0);
	ck_assert_int_eq(t_read(&rand_srv, 1, 0), 0);
}
END_TEST

Suite *suite_dev(void)
{
	Suite *s = suite_create("dev");
	TCase *tc = tcase_create("dev");

	tcase_add_test(tc, dev_open);
	tcase_add_test(tc, null_io);
	tcase_add_test(tc, zero_io);
	tcase_add_test(tc, rand_io);
	suite_add_tcase(s, tc);
	return s;
}
