/*
 * FE_SYS_OPEN: routing by the "name:" prefix, bad paths, what the server is
 * told (path, flags, mode, pid), what its reply makes (the lowest free
 * descriptor, an error, close-on-exec), and opens that cannot complete: the
 * caller died, the server dropped it, or no descriptor was free.
 */
#include <string.h>

#include "schemes.h"

/* A path goes to the scheme its "name:" prefix names, with the prefix cut;
 * a path without a valid prefix goes whole to the file scheme. */
START_TEST(test_open_routes_by_prefix)
{
	struct thread *client = new_proc("client");
	struct thread *aa = new_proc("aa"), *bb = new_proc("bb"), *file = new_proc("file");
	fe_handle_t aep = serve(aa, "aa"), bep = serve(bb, "bb"), fep = serve(file, "file");
	static const char long_name[] = "abcdefghijklmnopqrstuvwxyz012345:x";
	const struct {
		const char *path;
		struct thread *server;
		fe_handle_t ep;
		const char *sees;
	} cases[] = {
		{ "aa:x", aa, aep, "x" },
		{ "bb:/y/z", bb, bep, "/y/z" },
		{ "aa:", aa, aep, "" },
		{ "aa:b:c", aa, aep, "b:c" },
		{ "file:etc/passwd", file, fep, "etc/passwd" },
		{ "/etc/passwd", file, fep, "/etc/passwd" },
		{ "plain", file, fep, "plain" },
		{ "Aa:x", file, fep, "Aa:x" },
		{ ":x", file, fep, ":x" },
		{ "a/b:c", file, fep, "a/b:c" },
		{ long_name, file, fep, long_name },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct request rq;

		ck_assert_msg(open_path(client, cases[i].path, 0, 0) == BLOCKED, "%s",
		              cases[i].path);
		rq = recv_now(cases[i].server, cases[i].ep);
		ck_assert_str_eq(rq.body, cases[i].sees);
		ck_assert_uint_eq(rq.m.rlen, strlen(cases[i].sees));
		ck_assert_int_eq(reply_label(cases[i].server, rq.rh, -FE_ENOENT), 0);
		ck_assert_int_eq(resume(client), -FE_ENOENT);
	}
}
END_TEST

START_TEST(test_open_without_a_scheme_is_enodev)
{
	struct thread *client = new_proc("client");
	struct thread *server = new_proc("server");
	fe_handle_t sep = serve(server, "aa");

	ck_assert_int_eq(open_path(client, "nope:x", 0, 0), -FE_ENODEV);
	ck_assert_int_eq(open_path(client, "a:x", 0, 0), -FE_ENODEV);
	ck_assert_int_eq(open_path(client, "aaa:x", 0, 0), -FE_ENODEV);
	/* No file scheme either. */
	ck_assert_int_eq(open_path(client, "plain", 0, 0), -FE_ENODEV);
	ck_assert_int_eq(open_path(client, "/etc/x", 0, 0), -FE_ENODEV);
	assert_nothing_waiting(server, sep);
	ck_assert_int_eq(client->state, T_RUNNING);
}
END_TEST

START_TEST(test_open_bad_paths)
{
	struct scheme_pair sp;
	static char path[FE_PATH_MAX + 1];
	uint64_t big, wo;
	struct request rq;

	make_scheme(&sp, "x");
	memset(path, 'p', sizeof(path));
	memcpy(path, "x:", 2);
	big = uput_new(sp.client, path, sizeof(path));
	wo = umap(sp.client->proc, 0, FE_PAGE_SIZE, FE_PROT_WRITE);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, big, 0, 0, 0), -FE_ENOENT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, big, FE_PATH_MAX + 1, 0, 0), -FE_ENAMETOOLONG);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, big, UINT64_MAX, 0, 0), -FE_ENAMETOOLONG);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, 0, 4, 0, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, 0x5000, 4, 0, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, wo, 4, 0, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, SCRATCH_BASE + SCRATCH_SIZE - 3, 4, 0, 0),
	                 -FE_EFAULT);
	assert_nothing_waiting(sp.server, sp.sep);
	/* The longest path is delivered whole. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_OPEN, big, FE_PATH_MAX, 0, 0), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.rlen, FE_PATH_MAX - 2);
	ck_assert_mem_eq(rq.body, path + 2, FE_PATH_MAX - 2);
}
END_TEST

/* What the server receives: the operation, the path after the prefix, the
 * flags without O_CLOEXEC, the mode, the caller's pid, and no handle. */
START_TEST(test_open_request_names_path_flags_mode_and_pid)
{
	struct scheme_pair sp;
	const uint64_t flags = FE_O_RDWR | FE_O_CREAT | FE_O_EXCL | FE_O_TRUNC | FE_O_APPEND |
	                       FE_O_NONBLOCK | FE_O_DIRECTORY;
	struct request rq;

	make_scheme(&sp, "disk");
	ck_assert_int_eq(open_path(sp.client, "disk:/a/b.txt", flags | FE_O_CLOEXEC, 0644),
	                 BLOCKED);
	ck_assert_int_eq(sp.client->wait, W_SEND);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_OPEN);
	ck_assert_str_eq(rq.body, "/a/b.txt");
	ck_assert_uint_eq(rq.m.rlen, 8);
	ck_assert_uint_eq(rq.m.flags, 0);
	ck_assert_uint_eq(rq.m.w[0], 0);
	ck_assert_uint_eq(rq.m.w[1], flags);
	ck_assert_uint_eq(rq.m.w[2], 0644);
	ck_assert_uint_eq(rq.m.w[3], sp.client->proc->pid);
	ck_assert_int_eq(rq.m.handle, FE_NO_HANDLE);
	ck_assert_int_eq(sp.client->wait, W_REPLY);
	ck_assert(still_blocked(sp.client));
}
END_TEST

/* A server already waiting is woken by the open. */
START_TEST(test_open_wakes_a_waiting_server)
{
	struct scheme_pair sp;
	struct request rq;

	make_scheme(&sp, "x");
	ck_assert_int_eq(recv_begin(sp.server, sp.sep, &rq, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(open_path(sp.client, "x:file", 0, 0), BLOCKED);
	rq.rh = resume(sp.server);
	ck_assert_int_ge(rq.rh, 0);
	recv_read(sp.server, &rq);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_OPEN);
	ck_assert_str_eq(rq.body, "file");
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 3), 0);
	ck_assert_int_eq(resume(sp.client), 0);
}
END_TEST

/* The server's id becomes a descriptor: always the lowest free one. */
START_TEST(test_open_reply_gives_the_lowest_free_fd)
{
	struct scheme_pair sp;
	struct fd_table *fds;

	make_scheme(&sp, "x");
	fds = &sp.client->proc->fds;
	ck_assert_int_eq(open_file(&sp, "x:a", 100), 0);
	ck_assert_int_eq(open_file(&sp, "x:b", 200), 1);
	ck_assert_int_eq(open_file(&sp, "x:c", 0), 2);
	ck_assert_uint_eq(fd_get(fds, 0)->id, 100);
	ck_assert_uint_eq(fd_get(fds, 1)->id, 200);
	ck_assert_uint_eq(fd_get(fds, 2)->id, 0);
	ck_assert_ptr_eq(fd_get(fds, 0)->scheme, scheme_find("x", 1));
	ck_assert_uint_eq(fds->slots[0].flags, 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	assert_close_posted(sp.server, sp.sep, 100);
	ck_assert_int_eq(open_file(&sp, "x:d", 400), 0);
	ck_assert_uint_eq(fd_get(fds, 0)->id, 400);
	ck_assert_int_eq(open_file(&sp, "x:e", 500), 3);
	/* Ids need not be distinct: each open is its own file. */
	ck_assert_int_eq(open_file(&sp, "x:f", 500), 4);
	ck_assert_ptr_ne(fd_get(fds, 3), fd_get(fds, 4));
}
END_TEST

START_TEST(test_open_reply_error_is_the_result)
{
	struct scheme_pair sp;
	const int64_t errs[] = { -FE_ENOENT, -FE_EACCES, -FE_EISDIR, -1, INT64_MIN + 1 };

	make_scheme(&sp, "x");
	for (size_t i = 0; i < ARRAY_SIZE(errs); i++) {
		ck_assert_int_eq(open_file(&sp, "x:a", (uint64_t)errs[i]), errs[i]);
		ck_assert_ptr_null(fd_get(&sp.client->proc->fds, 0));
	}
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

START_TEST(test_open_cloexec_sets_the_descriptor_flag)
{
	struct scheme_pair sp;
	struct request rq;
	int64_t fd;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_path(sp.client, "x:a", FE_O_RDONLY | FE_O_CLOEXEC, 0), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.w[1], FE_O_RDONLY);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 1), 0);
	fd = resume(sp.client);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, fd, 0, 0), FE_FD_CLOEXEC);
	fd = open_file(&sp, "x:b", 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, fd, 0, 0), 0);
}
END_TEST

/* The caller dies after the server took the open: a successful reply
 * finds nobody, so the kernel closes the id again; a failed one does not. */
START_TEST(test_open_whose_caller_died_is_closed_again)
{
	struct scheme_pair sp;
	struct thread *other = new_proc("other");
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct request ok, bad;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_path(sp.client, "x:a", 0, 0), BLOCKED);
	ck_assert_int_eq(open_path(other, "x:b", 0, 0), BLOCKED);
	ok = recv_now(sp.server, sp.sep);
	bad = recv_now(sp.server, sp.sep);
	process_kill(sp.client->proc, &why);
	process_kill(other->proc, &why);
	ck_assert_int_eq(reply_label(sp.server, ok.rh, 77), -FE_EPIPE);
	ck_assert_int_eq(reply_label(sp.server, bad.rh, -FE_ENOENT), -FE_EPIPE);
	ck_assert_ptr_null(handle_obj(sp.server, (fe_handle_t)ok.rh));
	ck_assert_ptr_null(handle_obj(sp.server, (fe_handle_t)bad.rh));
	ck_assert_uint_eq(posted_count(sp.server, sp.sep), 1);
	assert_close_posted(sp.server, sp.sep, 77);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* Dropping an open unanswered resets the caller, as for any call. */
START_TEST(test_open_dropped_by_the_server_is_econnreset)
{
	struct scheme_pair sp;
	struct request rq;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_path(sp.client, "x:a", 0, 0), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.server, FE_SYS_HANDLE_CLOSE, rq.rh), 0);
	ck_assert_int_eq(resume(sp.client), -FE_ECONNRESET);
	ck_assert_ptr_null(fd_get(&sp.client->proc->fds, 0));
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* No descriptor is free when the reply comes: the open fails with
 * -FE_EMFILE and the server is told to close the id it gave. */
START_TEST(test_open_with_a_full_table_is_emfile_and_closed_again)
{
	struct scheme_pair sp;
	struct request rq;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_file(&sp, "x:a", 1), 0);
	fill_fds(sp.client, 0);
	ck_assert_int_eq(open_path(sp.client, "x:b", 0, 0), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 55), 0);
	ck_assert_int_eq(resume(sp.client), -FE_EMFILE);
	assert_close_posted(sp.server, sp.sep, 55);
	assert_nothing_waiting(sp.server, sp.sep);
	/* With one descriptor free again, the next open gets it. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 700), 0);
	ck_assert_int_eq(open_file(&sp, "x:c", 56), 700);
}
END_TEST

Suite *suite_open(void)
{
	Suite *s = suite_create("open");

	ADD_TEST(s, test_open_routes_by_prefix);
	ADD_TEST(s, test_open_without_a_scheme_is_enodev);
	ADD_TEST(s, test_open_bad_paths);
	ADD_TEST(s, test_open_request_names_path_flags_mode_and_pid);
	ADD_TEST(s, test_open_wakes_a_waiting_server);
	ADD_TEST(s, test_open_reply_gives_the_lowest_free_fd);
	ADD_TEST(s, test_open_reply_error_is_the_result);
	ADD_TEST(s, test_open_cloexec_sets_the_descriptor_flag);
	ADD_TEST(s, test_open_whose_caller_died_is_closed_again);
	ADD_TEST(s, test_open_dropped_by_the_server_is_econnreset);
	ADD_TEST(s, test_open_with_a_full_table_is_emfile_and_closed_again);
	return s;
}
