/*
 * Unit tests of sys:, with fake process and memory figures: the text of
 * sys:proc, sys:uptime and sys:meminfo, the listing, and refusals.
 */
#include <stddef.h>
#include <string.h>

#include "sys.h"
#include "thost.h"

static struct sysfs fs;
static const struct t_server srv = { &sys_ops, &fs, "sys" };
static long nprocs = 3;

long sys_procs(struct fe_procinfo *buf, uint32_t max)
{
	static const struct fe_procinfo p[3] = {
		{ .pid = 1,
		  .parent = 0,
		  .threads = 1,
		  .state = FE_PROC_BLOCKED,
		  .memory = 4096,
		  .name = "init" },
		{ .pid = 2,
		  .parent = 1,
		  .threads = 2,
		  .state = FE_PROC_RUNNING,
		  .memory = 8192,
		  .name = "con\nsole" },
		{ .pid = 3,
		  .parent = 1,
		  .threads = 1,
		  .state = FE_PROC_BLOCKED,
		  .memory = 1,
		  .name = "abcdefghijabcdefghijabcdefghijab" },
	};

	for (long i = 0; i < nprocs && i < 3 && (uint32_t)i < max; i++)
		buf[i] = p[i];
	return nprocs;
}

int sys_meminfo(struct fe_meminfo *m)
{
	m->kernel_heap_used = 100;
	m->kernel_heap_size = 200;
	m->user_mapped = 300;
	return 0;
}

static void teardown(void)
{
	sys_fini(&fs);
}

static const char *text(const char *path)
{
	static char buf[SRV_BODY_MAX + 1];
	int64_t fd = t_open(&srv, path, FE_O_RDONLY), n;

	ck_assert_int_gt(fd, 0);
	n = t_read(&srv, (uint64_t)fd, SRV_BODY_MAX);
	ck_assert_int_ge(n, 0);
	memcpy(buf, t_out, (size_t)n);
	buf[n] = '\0';
	return buf;
}

START_TEST(sys_proc_text)
{
	ck_assert_str_eq(text("proc"), "1 0 blocked 1 4096 init\n"
	                               "2 1 running 2 8192 con?sole\n"
	                               "3 1 blocked 1 1 abcdefghijabcdefghijabcdefghijab\n");
	nprocs = 1000; /* more than fit: only the records given are listed */
	ck_assert_int_eq(strncmp(text("/proc"), "1 0 blocked", 11), 0);
	nprocs = -FE_EFAULT;
	ck_assert_int_eq(t_open(&srv, "proc", FE_O_RDONLY), -FE_EFAULT);
	nprocs = 3;
}
END_TEST

START_TEST(sys_other_files)
{
	t_now = 12345678901ull;
	ck_assert_str_eq(text("uptime"), "12.34\n");
	t_now = 5060000000ull;
	ck_assert_str_eq(text("uptime"), "5.06\n");
	ck_assert_str_eq(text("meminfo"), "kernel_heap_used 100\nkernel_heap_size 200\n"
	                                  "user_mapped 300\n");
}
END_TEST

START_TEST(sys_snapshot)
{
	int64_t fd = t_open(&srv, "uptime", FE_O_RDONLY);

	t_now = 1000000000ull;
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 2), 2);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_SEEK, (uint64_t)fd, 0, 0, 1, NULL, 0), 0);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 100), 5);
	ck_assert_int_eq(memcmp(t_out, "0.00\n", 5), 0);
}
END_TEST

START_TEST(sys_listing)
{
	int64_t fd = t_open(&srv, "", FE_O_RDONLY | FE_O_DIRECTORY), n;
	const char *want[] = { ".", "..", "proc", "uptime", "meminfo" };
	uint64_t at = 0;

	n = t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 0, 4096, 1, NULL, 0);
	for (int i = 0; i < 5; i++) {
		ck_assert_str_eq((char *)t_out + at + offsetof(struct fe_dirent, name), want[i]);
		at += ((struct fe_dirent *)(t_out + at))->reclen;
	}
	ck_assert_uint_eq(at, (uint64_t)n);
	ck_assert_int_eq(t_call(&srv, FE_SCHEME_READDIR, (uint64_t)fd, 4, 4096, 1, NULL, 0), 32);
	ck_assert_int_eq(t_read(&srv, (uint64_t)fd, 1), -FE_EISDIR);
}
END_TEST

START_TEST(sys_refusals)
{
	int64_t fd = t_open(&srv, "proc", FE_O_RDONLY);

	ck_assert_int_eq(t_open(&srv, "nothing", FE_O_RDONLY), -FE_ENOENT);
	ck_assert_int_eq(t_open(&srv, "proc", FE_O_WRONLY), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "new", FE_O_WRONLY | FE_O_CREAT), -FE_EROFS);
	ck_assert_int_eq(t_open(&srv, "/", FE_O_WRONLY), -FE_EISDIR);
	ck_assert_int_eq(t_open(&srv, "proc", FE_O_DIRECTORY), -FE_ENOTDIR);
	ck_assert_int_eq(t_write(&srv, (uint64_t)fd, "x"), -FE_EROFS);
	ck_assert_int_eq(t_write(&srv, 42, "x"), -FE_EBADF);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_UNLINK, "proc", 0), -FE_EROFS);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "meminfo", 0), 0);
	ck_assert_int_eq(t_path(&srv, FE_SCHEME_STAT, "nothing", 0), -FE_ENOENT);
}
END_TEST

Suite *suite_sys(void)
{
	Suite *s = suite_create("sys");
	TCase *tc = tcase_create("sys");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, sys_proc_text);
	tcase_add_test(tc, sys_other_files);
	tcase_add_test(tc, sys_snapshot);
	tcase_add_test(tc, sys_listing);
	tcase_add_test(tc, sys_refusals);
	suite_add_tcase(s, tc);
	return s;
}
