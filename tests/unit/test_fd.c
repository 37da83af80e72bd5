/*
 * Descriptor tables: closing, duplicating and descriptor flags, the one
 * close the server hears when the last descriptor of a file goes (posted
 * without anyone waiting, queued while the server is busy), and descriptors
 * passed on at spawn. Operations on open files are in test_fd_call.c.
 */
#include "images.h"
#include "schemes.h"

START_TEST(test_close_frees_the_descriptor_and_tells_the_server)
{
	struct scheme_pair sp;
	struct fe_msg m = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };

	two_files(&sp);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	ck_assert_ptr_null(fd_get(&sp.client->proc->fds, 0));
	ck_assert_int_eq(fd_call(sp.client, 0, &m, FE_FOREVER), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), -FE_EBADF);
	assert_close_posted(sp.server, sp.sep, 10);
	assert_nothing_waiting(sp.server, sp.sep);
	const uint64_t bad[] = { 2, 16, FE_OPEN_MAX, (uint64_t)-1, (uint64_t)INT32_MAX + 1 };
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, bad[i]), -FE_EBADF);
	ck_assert_ptr_nonnull(fd_get(&sp.client->proc->fds, 1));
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* dup: the lowest free descriptor, on the same open file. */
START_TEST(test_dup_takes_the_lowest_free_descriptor)
{
	struct scheme_pair sp;
	struct fd_table *fds;

	two_files(&sp);
	fds = &sp.client->proc->fds;
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, (uint64_t)-1, 0), 2);
	ck_assert_ptr_eq(fd_get(fds, 2), fd_get(fds, 1));
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	assert_close_posted(sp.server, sp.sep, 10);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, (uint64_t)-1, 0), 0);
	ck_assert_ptr_eq(fd_get(fds, 0), fd_get(fds, 1));
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)-1, 0), 3);
	ck_assert_uint_eq(fd_get(fds, 3)->id, 11);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* dup to a given descriptor closes what was there (its last descriptor:
 * the server hears of it), and can reach past the table's current size. */
START_TEST(test_dup_to_a_given_descriptor_replaces_it)
{
	struct scheme_pair sp;
	struct fd_table *fds;
	struct fe_msg m = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };
	struct request rq;

	two_files(&sp);
	fds = &sp.client->proc->fds;
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 1, 0), 1);
	ck_assert_ptr_eq(fd_get(fds, 1), fd_get(fds, 0));
	assert_close_posted(sp.server, sp.sep, 11);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, FE_OPEN_MAX - 1, 0), FE_OPEN_MAX - 1);
	ck_assert_uint_eq(fds->size, FE_OPEN_MAX);
	ck_assert_ptr_eq(fd_get(fds, FE_OPEN_MAX - 1), fd_get(fds, 0));
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 40, 0), 40);
	/* Calls through any of them reach file 10. */
	ck_assert_int_eq(fd_call(sp.client, FE_OPEN_MAX - 1, &m, FE_FOREVER), BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.w[0], 10);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), 0);
	ck_assert_int_eq(resume(sp.client), 0);
	/* Replacing a descriptor of the same file closes nothing. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, 40, 0), 40);
	assert_nothing_waiting(sp.server, sp.sep);
	ck_assert_uint_eq(fd_get(fds, 0)->obj.refs, 4);
}
END_TEST

/* dup of a descriptor onto itself is the descriptor, unchanged. */
START_TEST(test_dup_onto_itself)
{
	struct scheme_pair sp;
	struct file *f;

	two_files(&sp);
	f = fd_get(&sp.client->proc->fds, 1);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, 1, 0), 1);
	ck_assert_ptr_eq(fd_get(&sp.client->proc->fds, 1), f);
	ck_assert_uint_eq(f->obj.refs, 1);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 1, 0, 0), 0);
	assert_nothing_waiting(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
	assert_close_posted(sp.server, sp.sep, 11);
}
END_TEST

START_TEST(test_dup_sets_the_new_descriptors_flags)
{
	struct scheme_pair sp;

	two_files(&sp);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)-1, FE_FD_CLOEXEC), 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 2, 0, 0), FE_FD_CLOEXEC);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 0), 0);
	/* A close-on-exec descriptor duplicated without the flag loses it. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, 5, 0), 5);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 5, 0, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, 1, FE_FD_CLOEXEC), 1);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 1, 0, 0), FE_FD_CLOEXEC);
}
END_TEST

START_TEST(test_dup_bad_arguments)
{
	struct scheme_pair sp;
	struct fd_table *fds;

	two_files(&sp);
	fds = &sp.client->proc->fds;
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, (uint64_t)-1, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, (uint64_t)-1, (uint64_t)-1, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, FE_OPEN_MAX, 3, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, (uint64_t)INT32_MAX + 1, 3, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, FE_OPEN_MAX, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)-2, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)INT64_MIN, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 1ull << 32, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 1, 2), -FE_EINVAL);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)-1, 1ull << 32 | 1), -FE_EINVAL);
	/* Nothing changed: 1 is still file 11, nothing else is open. */
	ck_assert_uint_eq(fd_get(fds, 1)->id, 11);
	for (int i = 2; i < (int)fds->size; i++)
		ck_assert_ptr_null(fd_get(fds, i));
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* A full table has no lowest free descriptor: -FE_EMFILE. */
START_TEST(test_dup_with_a_full_table_is_emfile)
{
	struct scheme_pair sp;

	two_files(&sp);
	fill_fds(sp.client, 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, (uint64_t)-1, 0), -FE_EMFILE);
	/* A given descriptor can still be replaced. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, FE_OPEN_MAX - 1, 0), FE_OPEN_MAX - 1);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 5), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, (uint64_t)-1, 0), 5);
}
END_TEST

START_TEST(test_fd_flags_masks_and_returns_the_old_flags)
{
	struct scheme_pair sp;

	two_files(&sp);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 0), FE_FD_CLOEXEC);
	/* Bits outside the mask are left alone. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, FE_FD_CLOEXEC), FE_FD_CLOEXEC);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, FE_FD_CLOEXEC, 0), FE_FD_CLOEXEC);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 0), 0);
	/* Flags belong to the descriptor, not the file. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, 7, 0), 7);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 7, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 1, 0, 0), 0);
	/* Bad descriptors and unknown flags. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 2, 0, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, (uint64_t)-1, 0, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, FE_OPEN_MAX, 0, 0), -FE_EBADF);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 2, 0), -FE_EINVAL);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 2), -FE_EINVAL);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 1ull << 32, 0), -FE_EINVAL);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 0, 0, 0), 0);
}
END_TEST

/* Shared by dup, a file is closed once, when its last descriptor goes. */
START_TEST(test_last_close_of_a_shared_file_posts_one_close)
{
	struct scheme_pair sp;

	two_files(&sp);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, (uint64_t)-1, 0), 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, 9, FE_FD_CLOEXEC), 9);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 9), 0);
	assert_nothing_waiting(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 2), 0);
	ck_assert_uint_eq(posted_count(sp.server, sp.sep), 1);
	assert_close_posted(sp.server, sp.sep, 10);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* A process's death closes its descriptors: one close per file. */
START_TEST(test_process_death_closes_every_file)
{
	struct scheme_pair sp;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	uint64_t seen = 0;

	two_files(&sp);
	ck_assert_int_eq(open_file(&sp, "x:c", 12), 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 1, 30, 0), 30);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 2, (uint64_t)-1, FE_FD_CLOEXEC), 3);
	process_kill(sp.client->proc, &why);
	ck_assert_uint_eq(posted_count(sp.server, sp.sep), 3);
	for (int i = 0; i < 3; i++) {
		struct request rq = recv_now(sp.server, sp.sep);

		ck_assert_uint_eq(rq.m.label, FE_SCHEME_CLOSE);
		ck_assert_uint_ge(rq.m.w[0], 10);
		ck_assert_uint_le(rq.m.w[0], 12);
		ck_assert_uint_eq(seen & (1u << (rq.m.w[0] - 10)), 0);
		seen |= 1u << (rq.m.w[0] - 10);
		ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), -FE_EPIPE);
	}
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* A server waiting to receive gets the close at once, with a reply handle
 * that nobody waits on. */
START_TEST(test_posted_close_wakes_a_waiting_server)
{
	struct scheme_pair sp;
	struct request rq;
	uint32_t caps;

	two_files(&sp);
	ck_assert_int_eq(recv_begin(sp.server, sp.sep, &rq, FE_FOREVER), BLOCKED);
	caps = sp.server->proc->caps.used;
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
	rq.rh = resume(sp.server);
	ck_assert_int_ge(rq.rh, 0);
	recv_read(sp.server, &rq);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_CLOSE);
	ck_assert_uint_eq(rq.m.w[0], 11);
	ck_assert_uint_eq(rq.m.w[1], 0);
	ck_assert_uint_eq(rq.m.w[2], 0);
	ck_assert_uint_eq(rq.m.w[3], 0); /* the kernel's own message */
	ck_assert_uint_eq(rq.m.rlen, 0);
	ck_assert_uint_eq(rq.m.flags, 0);
	ck_assert_int_eq(rq.m.handle, FE_NO_HANDLE);
	ck_assert_uint_eq(handle_obj(sp.server, (fe_handle_t)rq.rh)->type, FE_OBJ_REPLY);
	ck_assert_uint_eq(handle_rights(sp.server, (fe_handle_t)rq.rh), FE_RIGHT_TRANSFER);
	ck_assert_uint_eq(sp.server->proc->caps.used, caps + 1);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), -FE_EPIPE);
	ck_assert_uint_eq(sp.server->proc->caps.used, caps);
	/* Dropping such a reply handle unanswered harms nobody either. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.server, FE_SYS_HANDLE_CLOSE, rq.rh), 0);
	ck_assert_int_eq(sp.client->state, T_RUNNING);
}
END_TEST

/* Closes posted while the server is busy wait for it, in order. */
START_TEST(test_posted_closes_queue_until_received)
{
	struct scheme_pair sp;

	make_scheme(&sp, "x");
	ck_assert_int_eq(open_file(&sp, "x:a", 10), 0);
	ck_assert_int_eq(open_file(&sp, "x:b", 11), 1);
	ck_assert_int_eq(open_file(&sp, "x:c", 12), 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 2), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 0), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 1), 0);
	ck_assert_uint_eq(posted_count(sp.server, sp.sep), 3);
	assert_close_posted(sp.server, sp.sep, 12);
	assert_close_posted(sp.server, sp.sep, 10);
	assert_close_posted(sp.server, sp.sep, 11);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

/* Inheritance at spawn (FE_SPAWN_FDS): every descriptor without
 * FE_FD_CLOEXEC, at the same number with the same flags, sharing the file. */
START_TEST(test_spawn_inherits_descriptors_without_cloexec)
{
	struct scheme_pair sp;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct fd_table *cf;
	struct process *c;
	struct elf e;

	two_files(&sp);
	ck_assert_int_eq(open_file(&sp, "x:c", 12), 2);
	ck_assert_int_eq(sys(sp.client, FE_SYS_FD_FLAGS, 1, FE_FD_CLOEXEC, FE_FD_CLOEXEC), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_DUP, 0, 20, 0), 20);
	good_elf(&e);
	c = child_of(sp.client, spawn_with_flags(sp.client, &e, FE_SPAWN_FDS));
	cf = &c->fds;
	ck_assert_ptr_eq(fd_get(cf, 0), fd_get(&sp.client->proc->fds, 0));
	ck_assert_ptr_null(fd_get(cf, 1));
	ck_assert_ptr_eq(fd_get(cf, 2), fd_get(&sp.client->proc->fds, 2));
	ck_assert_ptr_eq(fd_get(cf, 20), fd_get(&sp.client->proc->fds, 0));
	ck_assert_uint_eq(cf->slots[0].flags, 0);
	ck_assert_uint_eq(fd_get(cf, 0)->obj.refs, 4);
	for (int i = 3; i < (int)cf->size; i++)
		if (i != 20)
			ck_assert_ptr_null(fd_get(cf, i));
	/* The parent closing its descriptors closes no file the child holds. */
	for (int fd = 0; fd <= 2; fd++)
		ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, fd), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, 20), 0);
	assert_close_posted(sp.server, sp.sep, 11);
	assert_nothing_waiting(sp.server, sp.sep);
	/* The child's death does: file 12 at its descriptor 2, then file 10
	 * at 20, its last. */
	process_kill(c, &why);
	assert_close_posted(sp.server, sp.sep, 12);
	assert_close_posted(sp.server, sp.sep, 10);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

START_TEST(test_spawn_without_fds_inherits_nothing)
{
	struct scheme_pair sp;
	struct process *c;
	struct elf e;

	two_files(&sp);
	good_elf(&e);
	c = child_of(sp.client, spawn_with_flags(sp.client, &e, 0));
	for (int i = 0; i < (int)c->fds.size; i++)
		ck_assert_ptr_null(fd_get(&c->fds, i));
	ck_assert_uint_eq(fd_get(&sp.client->proc->fds, 0)->obj.refs, 1);
}
END_TEST

START_TEST(test_spawn_with_unknown_flags_is_einval)
{
	struct scheme_pair sp;
	const uint32_t bad[] = { 4, FE_SPAWN_FDS | FE_SPAWN_GRANTS | 4, 1u << 31, UINT32_MAX };
	struct census c0;
	struct elf e;

	two_files(&sp);
	good_elf(&e);
	c0 = census(sp.client);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_int_eq(spawn_with_flags(sp.client, &e, bad[i]), -FE_EINVAL);
		assert_census(sp.client, c0);
	}
	ck_assert_uint_eq(fd_get(&sp.client->proc->fds, 0)->obj.refs, 1);
}
END_TEST

Suite *suite_fd(void)
{
	Suite *s = suite_create("fd");

	ADD_TEST(s, test_close_frees_the_descriptor_and_tells_the_server);
	ADD_TEST(s, test_dup_takes_the_lowest_free_descriptor);
	ADD_TEST(s, test_dup_to_a_given_descriptor_replaces_it);
	ADD_TEST(s, test_dup_onto_itself);
	ADD_TEST(s, test_dup_sets_the_new_descriptors_flags);
	ADD_TEST(s, test_dup_bad_arguments);
	ADD_TEST(s, test_dup_with_a_full_table_is_emfile);
	ADD_TEST(s, test_fd_flags_masks_and_returns_the_old_flags);
	ADD_TEST(s, test_last_close_of_a_shared_file_posts_one_close);
	ADD_TEST(s, test_process_death_closes_every_file);
	ADD_TEST(s, test_posted_close_wakes_a_waiting_server);
	ADD_TEST(s, test_posted_closes_queue_until_received);
	ADD_TEST(s, test_spawn_inherits_descriptors_without_cloexec);
	ADD_TEST(s, test_spawn_without_fds_inherits_nothing);
	ADD_TEST(s, test_spawn_with_unknown_flags_is_einval);
	return s;
}
