/*
 * Unit tests of initfs: archives built here, good and malformed; reading,
 * seeking, listing and stat'ing their files; everything that would write
 * is refused.
 */
#include <stddef.h>
#include <string.h>

#include "initfs.h"
#include "thost.h"

static struct initfs fs;
static const struct t_server srv = { &initfs_ops, &fs, "initfs" };
static uint64_t arc[4096 / 8];

/* An archive of `n` files named names[i] holding texts[i]. */
static uint64_t build(unsigned n, const char *const names[], const char *const texts[])
{
	char *base = (char *)arc;
	struct bootfs_header h = { .count = n };
	uint64_t off = sizeof(h) + n * sizeof(struct bootfs_entry);

	memset(arc, 0, sizeof(arc));
	memcpy(h.magic, BOOTFS_MAGIC, 8);
	for (unsigned i = 0; i < n; i++) {
		struct bootfs_entry e = { .offset = off, .size = strlen(texts[i]) };

		strcpy(e.name, names[i]);
		memcpy(base + sizeof(h) + i * sizeof(e), &e, sizeof(e));
		memcpy(base + off, texts[i], e.size);
		off = (off + e.size + 7) & ~7ull;
	}
	h.size = off;
	memcpy(base, &h, sizeof(h));
	return off;
}

static const char *const names[] = { "init", "sh", "motd" };
static const char *const texts[] = { "INIT-ELF", "SHELL", "hello from initfs\n" };

static void setup(void)
{
	uint64_t size = build(3, names, texts);

	ck_assert_int_eq(initfs_init(&fs, arc, size), 0);
	t_reset();
}

static void teardown(void)
{
	initfs_fini(&fs);
}

START_TEST(initfs_read)
{
	int64_t fd = t_open(&srv, "/motd", FE_O_RDONLY);
	struct fe_stat st;

	ck_assert_int_gt(fd, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 5), 5);
	ck_assert_int_eq(memcmp(t_out, "hello", 5), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 13);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 0);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, (uint64_t)fd, (uint64_t)-3, 2, 1, NULL, 0),
	                 15);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 3);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, (uint64_t)fd, 1000, 0, 1, NULL, 0), 1000);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 0);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, (uint64_t)fd, 0, 0, 1, NULL, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	ck_assert_uint_eq(st.size, 18);
	ck_assert_uint_eq(st.ino, 4);
	ck_assert_uint_eq(st.mode & FE_S_IFMT, FE_S_IFREG);
	ck_assert_int_gt(t_open(&srv, "sh", FE_O_RDONLY), 0);
	ck_assert_int_gt(t_open(&srv, "/./x/../init", FE_O_RDONLY), 0);
}
END_TEST

START_TEST(initfs_errors)
{
	int64_t fd = t_open(&srv, "/sh", FE_O_RDONLY);

	ck_assert_int_eq(t_open(&srv, "/none", FE_O_RDONLY), -FE_ENOENT);
	ck_assert_int_eq(t_open(&srv, "/sh/x", FE_O_RDONLY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/sh", FE_O_WRONLY), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/sh", FE_O_RDONLY | FE_O_TRUNC), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/new", FE_O_RDWR | FE_O_CREAT), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/sh", FE_O_RDWR | FE_O_CREAT | FE_O_EXCL), -FE_EEXIST);
	ck_assert_int_eq(t_open(&srv, "/sh", FE_O_RDONLY | FE_O_DIRECTORY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/", FE_O_RDWR), -FE_EISDIR);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "x"), -FE_EROFS);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FTRUNCATE, (uint64_t)fd, 0, 0, 1, NULL, 0),
	                 -FE_EROFS);
	ck_assert_int_eq(t_write(&srv, 99, "x"), -FE_EBADF);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/sh", 0), -FE_EROFS);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/d", 0755), -FE_EROFS);
	ck_assert_int_eq(t_rename(&srv, "/sh", "/sh2"), -FE_EROFS);
	ck_assert_int_eq(t_read(&srv, 99, 1), -FE_EBADF);
}
END_TEST

START_TEST(initfs_list)
{
	int64_t fd = t_open(&srv, "/", FE_O_RDONLY | FE_O_DIRECTORY);
	const char *want[] = { ".", "..", "init", "sh", "motd" };
	uint64_t at = 0;
	int64_t n;

	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 10), -FE_EISDIR);
	n = t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 0, 4096, 1, NULL, 0);
	ck_assert_int_gt(n, 0);
	for (int i = 0; i < 5; i++) {
		struct fe_dirent d;

		memcpy(&d, t_out + at, sizeof(d));
		ck_assert_str_eq((char *)t_out + at + offsetof(struct fe_dirent, name), want[i]);
		at += d.reclen;
	}
	ck_assert_uint_eq(at, (uint64_t)n);
	/* From the cookie of "init" (3): sh and motd. */
	n = t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 3, 4096, 1, NULL, 0);
	ck_assert_int_eq(n, 56);
	ck_assert_str_eq((char *)t_out + 20, "sh");
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 5, 4096, 1, NULL, 0), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/", 0), 0);
	ck_assert_uint_eq(((struct fe_stat *)t_out)->mode & FE_S_IFMT, FE_S_IFDIR);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/init", 0), 0);
	ck_assert_uint_eq(((struct fe_stat *)t_out)->size, 8);
}
END_TEST

START_TEST(initfs_malformed)
{
	struct initfs bad;
	uint64_t size = build(3, names, texts);
	struct bootfs_header h;
	struct bootfs_entry e;
	char *base = (char *)arc;

	ck_assert_int_eq(initfs_init(&bad, arc, 10), -FE_EINVAL);
	ck_assert_int_eq(initfs_init(&bad, arc, size - 1), -FE_EINVAL);
	memcpy(&h, base, sizeof(h));
	h.count = 1000;
	memcpy(base, &h, sizeof(h));
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
	build(3, names, texts);
	memcpy(&e, base + sizeof(h), sizeof(e));
	e.size = size;
	memcpy(base + sizeof(h), &e, sizeof(e));
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
	build(3, names, texts);
	e.offset += 1;
	e.size = 1;
	memcpy(base + sizeof(h), &e, sizeof(e));
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
	build(3, names, texts);
	memcpy(&e, base + sizeof(h), sizeof(e));
	memset(e.name, 'x', sizeof(e.name));
	memcpy(base + sizeof(h), &e, sizeof(e));
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
	build(3, names, texts);
	memcpy(&e, base + sizeof(h), sizeof(e));
	strcpy(e.name, "a/b");
	memcpy(base + sizeof(h), &e, sizeof(e));
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
	build(3, names, texts);
	base[0] = 'X';
	ck_assert_int_eq(initfs_init(&bad, arc, size), -FE_EINVAL);
}
END_TEST

Suite *suite_initfs(void)
{
	Suite *s = suite_create("initfs");
	TCase *tc = tcase_create("initfs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, initfs_read);
	tcase_add_test(tc, initfs_errors);
	tcase_add_test(tc, initfs_list);
	tcase_add_test(tc, initfs_malformed);
	suite_add_tcase(s, tc);
	return s;
}
