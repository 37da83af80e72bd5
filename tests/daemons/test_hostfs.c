/*
 * Unit tests of hostfs, hosted: its host calls (host.c) are real Linux
 * calls here too, so each test mounts a fresh temporary directory at
 * SIM_FD_HOST (100) as the sim would, with files, a subdirectory, a FIFO
 * and symlinks inside and out, and drives the scheme's operations on it.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostfs.h"
#include "thost.h"

#define SIM_FD_HOST 100
#define NFILES 40 /* in /many: more than one READDIR reply holds */

static struct hostfs fs;
static const struct t_server srv = { &hostfs_ops, &fs, "host" };
static char top[64], dir[96];

/* The host path of `rel` in the mounted directory (one static buffer). */
static const char *at(const char *rel)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return path;
}

static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	int fd;

	strcpy(top, "/tmp/hostfs-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(top));
	snprintf(dir, sizeof(dir), "%s/dir", top);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	put("file", "hello from the host\n");
	put("../outside", "secret\n");
	ck_assert_int_eq(symlink("file", at("inside")), 0);
	ck_assert_int_eq(symlink("/etc/passwd", at("abs")), 0);
	ck_assert_int_eq(symlink("../outside", at("up")), 0);
	ck_assert_int_eq(mkfifo(at("fifo"), 0644), 0);
	ck_assert_int_eq(mkdir(at("many"), 0755), 0);
	for (int i = 0; i < NFILES; i++) {
		char rel[32];

		snprintf(rel, sizeof(rel), "many/entry-%02d", i);
		put(rel, "x");
	}
	fd = open(dir, O_PATH | O_DIRECTORY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, SIM_FD_HOST), SIM_FD_HOST);
	close(fd);
	memset(&fs, 0, sizeof(fs));
	t_reset();
}

static void teardown(void)
{
	char cmd[128];

	for (uint64_t id = 1; id <= fs.files.size; id++)
		hostfs_ops.close(&fs, id);
	idtab_free(&fs.files);
	close(SIM_FD_HOST);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(hostfs_read)
{
	int64_t fd = t_open(&srv, "/file", FE_O_RDONLY);
	struct fe_stat st;

	ck_assert_int_gt(fd, 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 5), 5);
	ck_assert_int_eq(memcmp(t_out, "hello", 5), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 15);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 0);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, (uint64_t)fd, (uint64_t)-5, 2, 1, NULL, 0),
	                 15);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 5);
	ck_assert_int_eq(memcmp(t_out, "host\n", 5), 0);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FSTAT, (uint64_t)fd, 0, 0, 1, NULL, 0), 0);
	memcpy(&st, t_out, sizeof(st));
	ck_assert_uint_eq(st.size, 20);
	ck_assert_uint_eq(st.mode & FE_S_IFMT, FE_S_IFREG);
	ck_assert_uint_eq(st.mode & 0222, 0);
	/* A symlink inside, and ".." resolved by name, stay in the directory. */
	ck_assert_int_eq(t_read(&srv, (uint64_t)t_open(&srv, "/inside", FE_O_RDONLY), 5), 5);
	ck_assert_int_eq(t_read(&srv, (uint64_t)t_open(&srv, "/../file", FE_O_RDONLY), 5), 5);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/many", 0), 0);
	ck_assert_uint_eq(((struct fe_stat *)t_out)->mode & FE_S_IFMT, FE_S_IFDIR);
}
END_TEST

START_TEST(hostfs_refused)
{
	int64_t fd = t_open(&srv, "/file", FE_O_RDONLY);

	ck_assert_int_eq(t_open(&srv, "/none", FE_O_RDONLY), -FE_ENOENT);
	ck_assert_int_eq(t_open(&srv, "/file/x", FE_O_RDONLY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/abs", FE_O_RDONLY), -FE_EACCES);
	ck_assert_int_eq(t_open(&srv, "/up", FE_O_RDONLY), -FE_EACCES);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "/up", 0), -FE_EACCES);
	ck_assert_int_eq(t_open(&srv, "/fifo", FE_O_RDONLY), -FE_EACCES);
	ck_assert_int_eq(t_open(&srv, "/file", FE_O_WRONLY), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/file", FE_O_RDONLY | FE_O_TRUNC), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/new", FE_O_RDONLY | FE_O_CREAT), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/file", FE_O_RDONLY | FE_O_CREAT | FE_O_EXCL), -FE_EEXIST);
	ck_assert_int_eq(t_open(&srv, "/file", FE_O_RDONLY | FE_O_DIRECTORY), -FE_ENOTDIR);
	ck_assert_int_eq(t_open(&srv, "/file", FE_O_ACCMODE), -FE_EINVAL);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "x"), -FE_EROFS);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_FTRUNCATE, (uint64_t)fd, 0, 0, 1, NULL, 0),
	                 -FE_EROFS);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "/file", 0), -FE_EROFS);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_MKDIR, "/d", 0755), -FE_EROFS);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_RMDIR, "/many", 0), -FE_EROFS);
	ck_assert_int_eq(t_rename(&srv, "/file", "/moved"), -FE_EROFS);
	ck_assert_int_eq(t_read(&srv, 99, 1), -FE_EBADF);
	ck_assert_int_eq(t_read(&srv, (uint64_t)t_open(&srv, "/many", FE_O_RDONLY), 1), -FE_EISDIR);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 0, 4096, 1, NULL, 0),
	                 -FE_ENOTDIR);
	/* Nothing changed on the host. */
	ck_assert_int_eq(access(at("new"), F_OK), -1);
	ck_assert_int_eq(access(at("d"), F_OK), -1);
	ck_assert_int_eq(access(at("file"), F_OK), 0);
}
END_TEST

/* List /many in replies of `room` bytes; check each name comes once. */
static void list_all(uint64_t room)
{
	int64_t fd = t_open(&srv, "/many", FE_O_RDONLY | FE_O_DIRECTORY);
	int seen[NFILES] = { 0 }, dots = 0;
	uint64_t cookie = 0;
	int64_t n;

	ck_assert_int_gt(fd, 0);
	while ((n = t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, cookie, room, 1, NULL, 0)) > 0) {
		for (uint64_t at = 0; at < (uint64_t)n;) {
			struct fe_dirent d;
			const char *name =
				(const char *)t_out + at + offsetof(struct fe_dirent, name);
			int i;

			memcpy(&d, t_out + at, sizeof(d));
			ck_assert_uint_gt(d.cookie, cookie);
			cookie = d.cookie;
			at += d.reclen;
			if (!strcmp(name, ".") || !strcmp(name, "..")) {
				ck_assert_uint_eq(d.cookie, (uint64_t)++dots);
				continue;
			}
			ck_assert_int_eq(sscanf(name, "entry-%d", &i), 1);
			ck_assert(i >= 0 && i < NFILES && !seen[i]);
			ck_assert_uint_eq(d.type, FE_S_IFREG >> 12);
			seen[i] = 1;
		}
	}
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(dots, 2);
	for (int i = 0; i < NFILES; i++)
		ck_assert_int_eq(seen[i], 1);
}

START_TEST(hostfs_list)
{
	list_all(4096);
	list_all(64); /* one entry per reply */
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_READDIR, (uint64_t)t_open(&srv, "/", FE_O_RDONLY),
	                        0, 8, 1, NULL, 0),
	                 -FE_EINVAL);
}
END_TEST

Suite *suite_hostfs(void)
{
	Suite *s = suite_create("hostfs");
	TCase *tc = tcase_create("hostfs");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, hostfs_read);
	tcase_add_test(tc, hostfs_refused);
	tcase_add_test(tc, hostfs_list);
	suite_add_tcase(s, tc);
	return s;
}
