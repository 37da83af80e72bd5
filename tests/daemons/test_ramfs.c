/*
 * Unit tests of ramfs: the starting tree, open flags, reading and writing
 * at offsets, seek, truncate, readdir with cookies, unlink of open files,
 * mkdir, rmdir, rename of files and directories, and the errors of each.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ramfs.h"
#include "thost.h"

static struct ramfs fs;
static const struct t_server srv = { &ramfs_ops, &fs, "file" };

static void setup(void)
{
	ck_assert_int_eq(ramfs_init(&fs), 0);
	t_reset();
}

static void teardown(void)
{
	ramfs_fini(&fs);
}

static int64_t op(uint32_t o, uint64_t id, uint64_t a1, uint64_t a2)
{
	return t_call(&srv, o, id, a1, a2, 1, NULL, 0);
}

static struct fe_stat stat_of(const char *path)
{
	struct fe_stat st;

	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, path, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	return st;
}

static int64_t create(const char *path, const char *text)
{
	int64_t fd = t_open(&srv, path, FE_O_RDWR | FE_O_CREAT | FE_O_TRUNC);

	ck_assert_int_gt(fd, 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, text), (int64_t)strlen(text));
	return fd;
}

/* The names READDIR lists for path, space-separated, from cookie 0 in
 * buffers of `room` bytes. */
static const char *list(const char *path, uint64_t room)
{
	static char names[4096];
	int64_t fd = t_open(&srv, path, FE_O_RDONLY | FE_O_DIRECTORY), n;
	uint64_t cookie = 0;

	ck_assert_int_gt(fd, 0);
	names[0] = '\0';
	while ((n = op(FE_SCHEME_READDIR, (uint64_t)fd, cookie, room)) > 0) {
		for (uint64_t at = 0; at < (uint64_t)n;) {
			struct fe_dirent d;

			memcpy(&d, t_out + at, sizeof(d));
			ck_assert_uint_eq(d.reclen % 8, 0);
			strcat(names, names[0] ? " " : "");
			strcat(names, (char *)t_out + at + offsetof(struct fe_dirent, name));
			cookie = d.cookie;
			at += d.reclen;
		}
	}
	ck_assert_int_eq(n, 0);
	t_close(&srv, (uint64_t)fd);
	return names;
}

START_TEST(ramfs_start_tree)
{
	struct fe_stat st = stat_of("/");
	int64_t fd;

	ck_assert_uint_eq(st.mode & FE_S_IFMT, FE_S_IFDIR);
	ck_assert_str_eq(list("/", 4096), ". .. tmp home etc");
	st = stat_of("/tmp");
	ck_assert_uint_eq(st.mode, FE_S_IFDIR | 01777);
	fd = t_open(&srv, "/etc/motd", FE_O_RDONLY);
	ck_assert_int_gt(fd, 0);
	ck_assert_int_gt(t_read(&srv, (uint64_t)fd, 100), 0);
	ck_assert_int_eq(strncmp((char *)t_out, "Welcome to Ferrite", 18), 0);
}
END_TEST

START_TEST(ramfs_open_flags)
{
	int64_t fd;

	ck_assert_int_eq(t_open(&srv, "/tmp/a", FE_O_RDONLY), -FE_ENOENT);
	fd = t_open(&srv, "/tmp/a", FE_O_WRONLY | FE_O_CREAT);
	ck_assert_int_gt(fd, 0);
	ck_assert_int_eq(t_open(&srv, "/tmp/a", FE_O_WRONLY | FE_O_CREAT | FE_O_EXCL), -FE_EEXIST);
	ck_assert_int_eq(t_open(&srv, "/tmp/a", FE_O_RDONLY | FE_O_DIRECTORY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/tmp", FE_O_WRONLY), -FE_EISDIR);
	ck_assert_int_eq(t_open(&srv, "/tmp", FE_O_RDONLY | FE_O_CREAT), -FE_EISDIR);
	ck_assert_int_eq(t_open(&srv, "/nope/a", FE_O_RDWR | FE_O_CREAT), -FE_ENOENT);
	ck_assert_int_eq(t_open(&srv, "/etc/motd/a", FE_O_RDWR | FE_O_CREAT), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/etc/motd/a", FE_O_RDONLY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/tmp/d", FE_O_CREAT | FE_O_DIRECTORY), -FE_EINVAL);
	ck_assert_int_eq(t_open(&srv, "/tmp/a", FE_O_ACCMODE), -FE_EINVAL);
	ck_assert_int_eq(t_open(&srv, "/", FE_O_RDWR | FE_O_CREAT | FE_O_EXCL), -FE_EEXIST);
	ck_assert_int_gt(t_open(&srv, "/", FE_O_RDONLY | FE_O_DIRECTORY), 0);
	ck_assert_int_gt(t_open(&srv, "tmp/../tmp/./a", FE_O_RDONLY), 0);
}
END_TEST

START_TEST(ramfs_names)
{
	char name[300] = "/tmp/";

	memset(name + 5, 'n', 255);
	ck_assert_int_gt(t_open(&srv, name, FE_O_RDWR | FE_O_CREAT), 0);
	name[5 + 255] = 'n';
	ck_assert_int_eq(t_open(&srv, name, FE_O_RDWR | FE_O_CREAT), -FE_ENAMETOOLONG);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, name, 0755), -FE_ENAMETOOLONG);
}
END_TEST

START_TEST(ramfs_read_write)
{
	int64_t fd = create("/tmp/f", "hello world");
	struct fe_stat st;

	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 0, 0), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 5), 5);
	ck_assert_int_eq(memcmp(t_out, "hello", 5), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 6);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 0);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, (uint64_t)-5, 2), 6);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "WORLD!"), 6);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, (uint64_t)-12, 1), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 12);
	ck_assert_int_eq(memcmp(t_out, "hello WORLD!", 12), 0);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, (uint64_t)-1, 0), -FE_EINVAL);
	/* A write past the end leaves a hole of zeros. */
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 20, 0), 20);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "x"), 1);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 11, 0), 11);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 10);
	ck_assert_int_eq(memcmp(t_out, "!\0\0\0\0\0\0\0\0x", 10), 0);
	ck_assert_int_eq(op(FE_SCHEME_FSTAT, (uint64_t)fd, 0, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	ck_assert_uint_eq(st.size, 21);
	ck_assert_uint_eq(st.mode, FE_S_IFREG | 0644);
	ck_assert_uint_eq(st.nlink, 1);
	ck_assert_int_eq(op(FE_SCHEME_FSYNC, (uint64_t)fd, 0, 0), 0);
}
END_TEST

START_TEST(ramfs_access_modes)
{
	int64_t ro, wo, dir;

	t_close(&srv, (uint64_t)create("/tmp/f", "data"));
	ro = t_open(&srv, "/tmp/f", FE_O_RDONLY);
	wo = t_open(&srv, "/tmp/f", FE_O_WRONLY);
	dir = t_open(&srv, "/tmp", FE_O_RDONLY);
	ck_assert_int_eq(t_write(&srv, (uint64_t)ro, "x"), -FE_EBADF);
	ck_assert_int_eq(t_read(&srv, (uint64_t)wo, 1), -FE_EBADF);
	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)ro, 0, 0), -FE_EINVAL);
	ck_assert_int_eq(t_read(&srv, (uint64_t)dir, 1), -FE_EISDIR);
	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)dir, 0, 0), -FE_EISDIR);
	ck_assert_int_eq(op(FE_SCHEME_READDIR, (uint64_t)ro, 0, 0), -FE_ENOTDIR);
	ck_assert_int_eq(t_read(&srv, 999, 1), -FE_EBADF);
	ck_assert_int_eq(op(FE_SCHEME_FSTAT, 999, 0, 0), -FE_EBADF);
	ck_assert_int_eq(op(FE_SCHEME_IOCTL, (uint64_t)ro, 1, 0), -FE_ENOTTY);
	t_close(&srv, (uint64_t)ro);
	ck_assert_int_eq(t_read(&srv, (uint64_t)ro, 1), -FE_EBADF);
}
END_TEST

START_TEST(ramfs_truncate_append)
{
	int64_t fd = create("/tmp/f", "0123456789"), ap;

	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)fd, 4, 0), 0);
	ck_assert_uint_eq(stat_of("/tmp/f").size, 4);
	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)fd, 8, 0), 0);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 0, 0), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 8);
	ck_assert_int_eq(memcmp(t_out, "0123\0\0\0\0", 8), 0);
	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)fd, (uint64_t)-1, 0), -FE_EINVAL);
	ck_assert_int_eq(op(FE_SCHEME_FTRUNCATE, (uint64_t)fd, 1ull << 40, 0), -FE_ENOSPC);
	ap = t_open(&srv, "/tmp/f", FE_O_WRONLY | FE_O_APPEND);
	ck_assert_int_eq(t_write(&srv, (uint64_t)ap, "ab"), 2);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "cd"), 2);
	ck_assert_int_eq(t_write(&srv, (uint64_t)ap, "ef"), 2);
	ck_assert_uint_eq(stat_of("/tmp/f").size, 12);
	/* O_TRUNC empties an existing file. */
	t_close(&srv, (uint64_t)t_open(&srv, "/tmp/f", FE_O_WRONLY | FE_O_TRUNC));
	ck_assert_uint_eq(stat_of("/tmp/f").size, 0);
}
END_TEST

START_TEST(ramfs_big_file)
{
	static char chunk[SRV_BODY_MAX];
	int64_t fd = t_open(&srv, "/tmp/big", FE_O_RDWR | FE_O_CREAT);

	for (int i = 0; i < 40; i++) {
		memset(chunk, 'a' + i % 26, sizeof(chunk));
		ck_assert_int_eq(
			t_call(&srv, FE_SCHEME_WRITE, (uint64_t)fd, 0, 0, 1, chunk, sizeof(chunk)),
			SRV_BODY_MAX);
	}
	ck_assert_uint_eq(stat_of("/tmp/big").size, 40ull * SRV_BODY_MAX);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 39ull * SRV_BODY_MAX, 0),
	                 39ll * SRV_BODY_MAX);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, SRV_BODY_MAX), SRV_BODY_MAX);
	ck_assert_uint_eq(t_out[0], 'a' + 39 % 26);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, RAMFS_BYTES_MAX, 0), RAMFS_BYTES_MAX);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "x"), -FE_ENOSPC);
}
END_TEST

START_TEST(ramfs_readdir)
{
	char name[16];

	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/d", 0755), 0);
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "/d/f%02d", i);
		t_close(&srv, (uint64_t)create(name, "x"));
	}
	ck_assert_str_eq(list("/d", 64), list("/d", 4096));
	ck_assert_int_eq(strncmp(list("/d", 40), ". .. f00 f01 f02", 16), 0);
	ck_assert_uint_eq(stat_of("/d").size, 30);
}
END_TEST

START_TEST(ramfs_readdir_cookies)
{
	int64_t fd;
	struct fe_dirent d;
	uint64_t cookie;

	t_close(&srv, (uint64_t)create("/tmp/a", ""));
	t_close(&srv, (uint64_t)create("/tmp/b", ""));
	fd = t_open(&srv, "/tmp", FE_O_RDONLY);
	/* Room for one entry at a time. */
	ck_assert_int_eq(op(FE_SCHEME_READDIR, (uint64_t)fd, 2, 24), 24);
	memcpy(&d, t_out, sizeof(d));
	ck_assert_str_eq((char *)t_out + 20, "a");
	cookie = d.cookie;
	/* Removing "a" and adding "c" neither repeats nor skips the rest. */
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/tmp/a", 0), 0);
	t_close(&srv, (uint64_t)create("/tmp/c", ""));
	ck_assert_int_eq(op(FE_SCHEME_READDIR, (uint64_t)fd, cookie, 4096), 48);
	ck_assert_str_eq((char *)t_out + 20, "b");
	ck_assert_str_eq((char *)t_out + 24 + 20, "c");
	ck_assert_int_eq(op(FE_SCHEME_READDIR, (uint64_t)fd, 0, 8), -FE_EINVAL);
}
END_TEST

START_TEST(ramfs_unlink_open)
{
	int64_t fd = create("/tmp/f", "still here");
	struct fe_stat st;

	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/tmp/f", 0), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/tmp/f", 0), -FE_ENOENT);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/tmp/f", 0), -FE_ENOENT);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, (uint64_t)fd, 0, 0), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 10);
	ck_assert_int_eq(op(FE_SCHEME_FSTAT, (uint64_t)fd, 0, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	ck_assert_uint_eq(st.nlink, 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/tmp", 0), -FE_EISDIR);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/", 0), -FE_EISDIR);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/etc/motd/x", 0), -FE_ENOTDIR);
	t_close(&srv, (uint64_t)fd);
}
END_TEST

START_TEST(ramfs_dirs)
{
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/a", 0700), 0);
	ck_assert_uint_eq(stat_of("/a").mode, FE_S_IFDIR | 0700);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/a", 0700), -FE_EEXIST);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/", 0700), -FE_EEXIST);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/x/y", 0700), -FE_ENOENT);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/etc/motd/y", 0700), -FE_ENOTDIR);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/a/b", 0755), 0);
	ck_assert_uint_eq(stat_of("/a").nlink, 3);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/a", 0), -FE_ENOTEMPTY);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/etc/motd", 0), -FE_ENOTDIR);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/", 0), -FE_EBUSY);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/zz", 0), -FE_ENOENT);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/a/b/..", 0), -FE_ENOTEMPTY);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/a/b", 0), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/a", 0), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/a", 0), -FE_ENOENT);
}
END_TEST

START_TEST(ramfs_rename_files)
{
	int64_t fd = create("/tmp/a", "A");

	t_close(&srv, (uint64_t)create("/tmp/b", "B"));
	ck_assert_int_eq(t_rename(&srv, "/tmp/a", "/tmp/c"), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/tmp/a", 0), -FE_ENOENT);
	ck_assert_uint_eq(stat_of("/tmp/c").size, 1);
	/* Over an existing file, which goes; the open file follows its node. */
	ck_assert_int_eq(t_rename(&srv, "/tmp/c", "file:/tmp/b"), 0);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "2"), 1);
	ck_assert_uint_eq(stat_of("/tmp/b").size, 2);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "/tmp/b"), 0);
	ck_assert_int_eq(t_rename(&srv, "/tmp/zz", "/tmp/y"), -FE_ENOENT);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "/nodir/y"), -FE_ENOENT);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "/etc/motd/y"), -FE_ENOTDIR);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "/etc"), -FE_EISDIR);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "pipe:/x"), -FE_EXDEV);
	ck_assert_str_eq(list("/tmp", 4096), ". .. b");
}
END_TEST

START_TEST(ramfs_rename_dirs)
{
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/a", 0755), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/a/b", 0755), 0);
	t_close(&srv, (uint64_t)create("/a/b/f", "F"));
	ck_assert_int_eq(t_rename(&srv, "/a", "/a/b/c"), -FE_EINVAL);
	ck_assert_int_eq(t_rename(&srv, "/a", "/etc/motd"), -FE_ENOTDIR);
	ck_assert_int_eq(t_rename(&srv, "/a", "/tmp"), 0);
	ck_assert_uint_eq(stat_of("/tmp/b/f").size, 1);
	ck_assert_int_eq(t_rename(&srv, "/tmp", "/etc"), -FE_ENOTEMPTY);
	ck_assert_int_eq(t_rename(&srv, "/", "/x"), -FE_EBUSY);
	ck_assert_int_eq(t_rename(&srv, "/tmp", "/"), -FE_EBUSY);
	ck_assert_int_eq(t_rename(&srv, "/tmp/b", "/home/b2"), 0);
	ck_assert_uint_eq(stat_of("/home").nlink, 3);
	ck_assert_uint_eq(stat_of("/tmp").nlink, 2);
	ck_assert_str_eq(list("/home/b2", 4096), ". .. f");
}
END_TEST

START_TEST(ramfs_hostile)
{
	/* Ids never given, garbage paths and flags: errors, never a crash. */
	ck_assert_int_eq(op(FE_SCHEME_WRITE, 1ull << 63, 0, 0), -FE_EBADF);
	ck_assert_int_eq(op(FE_SCHEME_SEEK, 5, 0, 0), -FE_EBADF);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_OPEN, 0, ~0ull, ~0ull, 1, "/x", 2), -FE_EINVAL);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_OPEN, 0, 0, 0, 1, "/\0x", 3), -FE_EINVAL);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_MKDIR, 0, ~0ull, 0, 1, "/m", 2), 0);
	ck_assert_uint_eq(stat_of("/m").mode, FE_S_IFDIR | 07777);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_CLOSE, 0, 0, 0, 0, NULL, 0), -FE_EBADF);
	for (uint64_t i = 1; i < 100; i++)
		t_close(&srv, i);
}
END_TEST

Suite *suite_ramfs(void)
{
	Suite *s = suite_create("ramfs");
	TCase *tc = tcase_create("ramfs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ramfs_start_tree);
	tcase_add_test(tc, ramfs_open_flags);
	tcase_add_test(tc, ramfs_names);
	tcase_add_test(tc, ramfs_read_write);
	tcase_add_test(tc, ramfs_access_modes);
	tcase_add_test(tc, ramfs_truncate_append);
	tcase_add_test(tc, ramfs_big_file);
	tcase_add_test(tc, ramfs_readdir);
	tcase_add_test(tc, ramfs_readdir_cookies);
	tcase_add_test(tc, ramfs_unlink_open);
	tcase_add_test(tc, ramfs_dirs);
	tcase_add_test(tc, ramfs_rename_files);
	tcase_add_test(tc, ramfs_rename_dirs);
	tcase_add_test(tc, ramfs_hostile);
	suite_add_tcase(s, tc);
	return s;
}
