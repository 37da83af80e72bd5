/*
 * Unit tests of the scheme-server library: request decoding (every field
 * checked), dispatch, the reply-body helpers, canonical paths and id tables.
 */
#include <string.h>

#include "idtab.h"
#include "path.h"
#include "thost.h"

static char rx[SRV_BODY_MAX + 1];
static char out[SRV_BODY_MAX];

static int decode(uint64_t label, uint64_t id, const char *body, uint64_t len, struct srv_req *r)
{
	struct fe_msg m = { .label = label, .w = { id, 0, 0, 7 }, .rlen = len };

	memcpy(rx, body, len);
	r->out = out;
	r->out_cap = sizeof(out);
	return srv_decode(&m, rx, SRV_BODY_MAX, "file", r);
}

START_TEST(decode_labels)
{
	struct srv_req r;

	ck_assert_int_eq(decode(0, 0, "", 0, &r), -FE_ENOSYS);
	ck_assert_int_eq(decode(FE_SCHEME_OP_COUNT, 1, "", 0, &r), -FE_ENOSYS);
	ck_assert_int_eq(decode(1ull << 40, 1, "", 0, &r), -FE_ENOSYS);
	ck_assert_int_eq(decode(SRV_OP_PRIVATE + 3, 0, "x", 1, &r), 0);
	ck_assert_uint_eq(r.op, SRV_OP_PRIVATE + 3);
	ck_assert_uint_eq(r.len, 1);
}
END_TEST

START_TEST(decode_ids)
{
	struct srv_req r;

	ck_assert_int_eq(decode(FE_SCHEME_READ, 0, "", 0, &r), -FE_EBADF);
	ck_assert_int_eq(decode(FE_SCHEME_CLOSE, 0, "", 0, &r), -FE_EBADF);
	ck_assert_int_eq(decode(FE_SCHEME_OPEN, 5, "/a", 2, &r), -FE_EINVAL);
	ck_assert_int_eq(decode(FE_SCHEME_STAT, 5, "/a", 2, &r), -FE_EINVAL);
	ck_assert_int_eq(decode(FE_SCHEME_READ, 5, "", 0, &r), 0);
	ck_assert_uint_eq(r.id, 5);
	ck_assert_uint_eq(r.pid, 7);
}
END_TEST

START_TEST(decode_paths)
{
	struct srv_req r;

	ck_assert_int_eq(decode(FE_SCHEME_OPEN, 0, "/a/b", 4, &r), 0);
	ck_assert_str_eq(r.path, "/a/b");
	ck_assert_uint_eq(r.path_len, 4);
	ck_assert_int_eq(decode(FE_SCHEME_OPEN, 0, "/a\0b", 4, &r), -FE_EINVAL);
	ck_assert_int_eq(decode(FE_SCHEME_OPEN, 0, "", 0, &r), 0);
	ck_assert_str_eq(r.path, "");
	memset(rx, 'a', sizeof(rx));
	{
		struct fe_msg m = { .label = FE_SCHEME_UNLINK, .rlen = FE_PATH_MAX + 1 };

		r.out = out;
		r.out_cap = sizeof(out);
		ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "file", &r), -FE_ENAMETOOLONG);
	}
}
END_TEST

START_TEST(decode_rename)
{
	struct srv_req r;

	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a\0/b", 5, &r), 0);
	ck_assert_str_eq(r.path, "/a");
	ck_assert_str_eq(r.path2, "/b");
	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a\0file:/b", 10, &r), 0);
	ck_assert_str_eq(r.path2, "/b");
	ck_assert_uint_eq(r.path2_len, 2);
	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a\0pipe:/b", 10, &r), -FE_EXDEV);
	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a/b", 4, &r), -FE_EINVAL);
	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a\0b\0c", 6, &r), -FE_EINVAL);
	/* A colon after a '/' is part of a name, not a scheme. */
	ck_assert_int_eq(decode(FE_SCHEME_RENAME, 0, "/a\0/x:y", 7, &r), 0);
	ck_assert_str_eq(r.path2, "/x:y");
}
END_TEST

START_TEST(decode_args)
{
	struct fe_msg m = { .label = FE_SCHEME_READ, .w = { 1, 1ull << 40 } };
	struct srv_req r = { .out = out, .out_cap = 100 };

	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), 0);
	ck_assert_uint_eq(r.arg1, 100);
	m.label = FE_SCHEME_READDIR;
	m.w[2] = 0;
	r.out_cap = sizeof(out);
	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), 0);
	ck_assert_uint_eq(r.arg2, SRV_READDIR_DEFAULT);
	m.w[2] = 1ull << 50;
	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), 0);
	ck_assert_uint_eq(r.arg2, sizeof(out));
	m.label = FE_SCHEME_SEEK;
	m.w[2] = 3;
	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), -FE_EINVAL);
	m.label = FE_SCHEME_WRITE;
	m.rlen = SRV_BODY_MAX + 1;
	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), -FE_EMSGSIZE);
	m.rlen = 10;
	m.flags = FE_MSG_TRUNCATED;
	ck_assert_int_eq(srv_decode(&m, rx, SRV_BODY_MAX, "x", &r), -FE_EMSGSIZE);
}
END_TEST

START_TEST(dispatch_missing)
{
	static const struct srv_ops none = { 0 };
	struct srv_req r = { .op = FE_SCHEME_MKDIR };

	ck_assert_int_eq(srv_dispatch(&none, NULL, &r), -FE_ENOSYS);
	r.op = FE_SCHEME_CLOSE;
	ck_assert_int_eq(srv_dispatch(&none, NULL, &r), 0);
	r.op = SRV_OP_PRIVATE;
	ck_assert_int_eq(srv_dispatch(&none, NULL, &r), -FE_ENOSYS);
}
END_TEST

START_TEST(dirent_records)
{
	struct srv_req r = { .out = out, .out_cap = sizeof(out) };
	struct fe_dirent d;
	char name[300];

	ck_assert(srv_put_dirent(&r, 4096, 5, 1, FE_S_IFDIR, "."));
	ck_assert_uint_eq(r.out_len, 24);
	memcpy(&d, out, sizeof(d));
	ck_assert_uint_eq(d.reclen, 24);
	ck_assert_uint_eq(d.ino, 5);
	ck_assert_uint_eq(d.type, FE_S_IFDIR >> 12);
	ck_assert_str_eq(out + 20, ".");
	ck_assert(srv_put_dirent(&r, 4096, 6, 2, FE_S_IFREG, "motd"));
	ck_assert_uint_eq(r.out_len, 56);
	ck_assert(!srv_put_dirent(&r, 79, 7, 3, FE_S_IFREG, "x"));
	memset(name, 'n', 256);
	name[256] = '\0';
	ck_assert(!srv_put_dirent(&r, 4096, 7, 3, FE_S_IFREG, name));
	ck_assert_uint_eq(r.out_len, 56);
	ck_assert(srv_put_dirent(&r, 80, 7, 3, FE_S_IFREG, "x"));
}
END_TEST

START_TEST(seek_math)
{
	ck_assert_int_eq(srv_seek(5, 100, 10, 0), 10);
	ck_assert_int_eq(srv_seek(5, 100, 10, 1), 15);
	ck_assert_int_eq(srv_seek(5, 100, -10, 2), 90);
	ck_assert_int_eq(srv_seek(5, 100, -6, 1), -FE_EINVAL);
	ck_assert_int_eq(srv_seek(INT64_MAX, 100, 1, 1), -FE_EINVAL);
	ck_assert_int_eq(srv_seek(0, 100, 0, 3), -FE_EINVAL);
	ck_assert_int_eq(srv_seek(0, UINT64_MAX, 0, 2), -FE_EINVAL);
}
END_TEST

static const char *norm(const char *in)
{
	static char buf[FE_PATH_MAX + 2];
	int64_t n = path_normalize(in, strlen(in), buf, sizeof(buf));

	ck_assert_int_ge(n, 0);
	ck_assert_uint_eq(strlen(buf), (uint64_t)n);
	return buf;
}

START_TEST(path_canonical)
{
	ck_assert_str_eq(norm(""), "/");
	ck_assert_str_eq(norm("/"), "/");
	ck_assert_str_eq(norm("//a//b/"), "/a/b");
	ck_assert_str_eq(norm("a/./b"), "/a/b");
	ck_assert_str_eq(norm("/a/b/../c"), "/a/c");
	ck_assert_str_eq(norm("/../.."), "/");
	ck_assert_str_eq(norm("/a/.."), "/");
	ck_assert_str_eq(norm("/.../..a"), "/.../..a");
}
END_TEST

START_TEST(path_limits)
{
	char in[600], o[600];

	memset(in, 'x', 256);
	in[256] = '\0';
	ck_assert_int_eq(path_normalize(in, 256, o, sizeof(o)), -FE_ENAMETOOLONG);
	ck_assert_int_eq(path_normalize(in, 255, o, sizeof(o)), 256);
	ck_assert_int_eq(path_normalize("/abc", 4, o, 4), -FE_ENAMETOOLONG);
	ck_assert_int_eq(path_normalize("/abc", 4, o, 5), 4);
	ck_assert_int_eq(path_normalize("/a\0b", 4, o, 5), -FE_EINVAL);
	ck_assert_int_eq(path_normalize("", 0, o, 1), -FE_ENAMETOOLONG);
}
END_TEST

START_TEST(path_parts)
{
	const char *p = "/usr/bin/sh", *end = p + strlen(p), *name;
	uint64_t leaf = path_leaf(p, strlen(p));

	ck_assert_uint_eq(path_next(&p, end, &name), 3);
	ck_assert_int_eq(strncmp(name, "usr", 3), 0);
	ck_assert_uint_eq(path_next(&p, end, &name), 3);
	ck_assert_uint_eq(path_next(&p, end, &name), 2);
	ck_assert_uint_eq(path_next(&p, end, &name), 0);
	ck_assert_uint_eq(leaf, 9);
	ck_assert_uint_eq(path_parent_len(leaf), 8);
	ck_assert_uint_eq(path_leaf("/a", 2), 1);
	ck_assert_uint_eq(path_parent_len(1), 1);
	ck_assert_uint_eq(path_leaf("/", 1), 0);
}
END_TEST

START_TEST(idtab_ids)
{
	struct idtab t = { 0 };
	int x, y;

	ck_assert_int_eq(idtab_add(&t, &x), 1);
	ck_assert_int_eq(idtab_add(&t, &y), 2);
	ck_assert_ptr_eq(idtab_get(&t, 1), &x);
	ck_assert_ptr_null(idtab_get(&t, 0));
	ck_assert_ptr_null(idtab_get(&t, 3));
	ck_assert_ptr_null(idtab_get(&t, UINT64_MAX));
	ck_assert_ptr_eq(idtab_remove(&t, 1), &x);
	ck_assert_ptr_null(idtab_remove(&t, 1));
	ck_assert_int_eq(idtab_add(&t, &y), 1);
	idtab_free(&t);
}
END_TEST

START_TEST(idtab_full)
{
	struct idtab t = { 0 };
	int x;

	for (uint32_t i = 0; i < IDTAB_MAX; i++)
		ck_assert_int_eq(idtab_add(&t, &x), (int64_t)i + 1);
	ck_assert_int_eq(idtab_add(&t, &x), -FE_EMFILE);
	ck_assert_ptr_eq(idtab_remove(&t, 500), &x);
	ck_assert_int_eq(idtab_add(&t, &x), 500);
	idtab_free(&t);
}
END_TEST

Suite *suite_lib(void)
{
	Suite *s = suite_create("lib");
	TCase *tc = tcase_create("lib");

	tcase_add_test(tc, decode_labels);
	tcase_add_test(tc, decode_ids);
	tcase_add_test(tc, decode_paths);
	tcase_add_test(tc, decode_rename);
	tcase_add_test(tc, decode_args);
	tcase_add_test(tc, dispatch_missing);
	tcase_add_test(tc, dirent_records);
	tcase_add_test(tc, seek_math);
	tcase_add_test(tc, path_canonical);
	tcase_add_test(tc, path_limits);
	tcase_add_test(tc, path_parts);
	tcase_add_test(tc, idtab_ids);
	tcase_add_test(tc, idtab_full);
	suite_add_tcase(s, tc);
	return s;
}
