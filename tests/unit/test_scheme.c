/*
 * The scheme namespace: registering names (valid and invalid names, bad
 * pointers and handles, a name taken, a new generation once the server's
 * receive rights are gone, stale files of the old one), the grants that
 * serving and opening need, path operations, and the view of servers the
 * machine's fault injection gets. Opening is in test_open.c.
 */
#include <string.h>

#include "schemes.h"

static int64_t register_name(struct thread *t, const char *name, uint64_t len, int64_t ep)
{
	return sys(t, FE_SYS_SCHEME_REGISTER, uput_new(t, name, len ? len : 1), len, (uint64_t)ep);
}

START_TEST(test_register_valid_names)
{
	struct thread *t = new_proc("server");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	static const char *const names[] = { "a", "null", "x_y-9", "0",
		                             "abcdefghijklmnopqrstuvwxyz01234" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		uint64_t n = strlen(names[i]);
		struct scheme *s;

		ck_assert_msg(register_name(t, names[i], n, ep) == 0, "name '%s'", names[i]);
		s = scheme_find(names[i], n);
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s->name, names[i]);
		ck_assert_uint_eq(s->generation, 1);
		ck_assert_ptr_eq(&s->ep->obj, handle_obj(t, (fe_handle_t)ep));
	}
	ck_assert_uint_eq(strlen(names[4]), FE_SCHEME_NAME_MAX);
	/* A prefix of a registered name is another name. */
	ck_assert_ptr_null(scheme_find("nul", 3));
	ck_assert_ptr_null(scheme_find("nulll", 5));
}
END_TEST

START_TEST(test_register_invalid_names_are_einval)
{
	struct thread *t = new_proc("server");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	static const char *const names[] = { "abcdefghijklmnopqrstuvwxyz012345",
		                             "Null",
		                             "a/b",
		                             "a:b",
		                             "file:",
		                             "a b",
		                             "a.b",
		                             "tab\t",
		                             "caf\xc3\xa9" };

	ck_assert_int_eq(register_name(t, "", 0, ep), -FE_EINVAL);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		uint64_t n = strlen(names[i]);

		ck_assert_msg(register_name(t, names[i], n, ep) == -FE_EINVAL, "name '%s'",
		              names[i]);
		ck_assert_ptr_null(scheme_find(names[i], n));
	}
	/* A NUL inside the length is not the end of the name. */
	ck_assert_int_eq(register_name(t, "ab\0c", 4, ep), -FE_EINVAL);
	ck_assert_ptr_null(scheme_find("ab", 2));
	/* Lengths far too long are refused before the pointer is looked at. */
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, 0, 4096, ep), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, 0, UINT64_MAX, ep), -FE_EINVAL);
}
END_TEST

START_TEST(test_register_bad_pointer_is_efault)
{
	struct thread *t = new_proc("server");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	uint64_t wo = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_WRITE);
	const uint64_t bad[] = { 0, 0x5000, SCRATCH_BASE + SCRATCH_SIZE - 2, wo, UINT64_MAX - 1 };

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(sys(t, FE_SYS_SCHEME_REGISTER, bad[i], 4, ep) == -FE_EFAULT,
		              "pointer %zu", i);
	ck_assert_ptr_null(scheme_find("null", 4));
}
END_TEST

START_TEST(test_register_needs_an_endpoint_handle_with_call)
{
	struct thread *t = new_proc("server");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE), n = sys(t, FE_SYS_NOTIFY_CREATE);
	int64_t recv_only = sys(t, FE_SYS_HANDLE_DUP, ep, FE_RIGHT_RECV | FE_RIGHT_DUP);
	int64_t closed = sys(t, FE_SYS_HANDLE_DUP, ep, FE_RIGHTS_ALL);
	uint64_t name = uput_new(t, "x", 1);

	ck_assert_int_eq(sys(t, FE_SYS_HANDLE_CLOSE, closed), 0);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, n), -FE_EBADF);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, recv_only), -FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, closed), -FE_EBADF);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, 999), -FE_EBADF);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, (uint64_t)-1), -FE_EBADF);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1, 1ull << 32), -FE_EBADF);
	ck_assert_ptr_null(scheme_find("x", 1));
	/* A handle that can only call is enough. */
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, name, 1,
	                     sys(t, FE_SYS_HANDLE_DUP, ep, FE_RIGHT_CALL)),
	                 0);
	ck_assert_ptr_eq(&scheme_find("x", 1)->ep->obj, handle_obj(t, (fe_handle_t)ep));
}
END_TEST

/* While a receive right on its endpoint exists, a name stays with its
 * server: another endpoint, or the same one again, is -FE_EEXIST. */
START_TEST(test_register_a_taken_name_is_eexist)
{
	struct scheme_pair sp;
	struct thread *rival = new_proc("rival");
	int64_t rep = sys(rival, FE_SYS_ENDPOINT_CREATE);
	struct request rq;

	make_scheme(&sp, "x");
	ck_assert_int_eq(register_name(rival, "x", 1, rep), -FE_EEXIST);
	ck_assert_int_eq(register_name(sp.server, "x", 1, sp.sep), -FE_EEXIST);
	ck_assert_uint_eq(scheme_find("x", 1)->generation, 1);
	/* Opens still reach the first server. */
	ck_assert_int_eq(open_path(sp.client, "x:f", 0, 0), BLOCKED);
	assert_nothing_waiting(rival, (fe_handle_t)rep);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_OPEN);
	/* Another name is free. */
	ck_assert_int_eq(register_name(rival, "y", 1, rep), 0);
}
END_TEST

/* Closing the server's last receive right frees the name: the next
 * registration is the next generation, and opens go to the new server. */
START_TEST(test_register_again_once_receive_rights_are_gone)
{
	struct scheme_pair sp;
	struct thread *second = new_proc("second");
	int64_t ep2 = sys(second, FE_SYS_ENDPOINT_CREATE);
	int64_t call_only;
	struct request rq;

	make_scheme(&sp, "x");
	call_only = sys(sp.server, FE_SYS_HANDLE_DUP, sp.sep, FE_RIGHT_CALL);
	ck_assert_int_eq(sys(sp.server, FE_SYS_HANDLE_CLOSE, sp.sep), 0);
	/* The old endpoint has no server: opens fail as calls would. */
	ck_assert_int_eq(open_path(sp.client, "x:f", 0, 0), -FE_EPIPE);
	ck_assert_int_eq(register_name(second, "x", 1, ep2), 0);
	ck_assert_uint_eq(scheme_find("x", 1)->generation, 2);
	ck_assert_ptr_eq(&scheme_find("x", 1)->ep->obj, handle_obj(second, (fe_handle_t)ep2));
	ck_assert_int_eq(open_path(sp.client, "x:f", 0, 0), BLOCKED);
	rq = recv_now(second, (fe_handle_t)ep2);
	ck_assert_str_eq(rq.body, "f");
	/* And the third generation, after the second server dies. */
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	process_kill(second->proc, &why);
	ck_assert_int_eq(resume(sp.client), -FE_ECONNRESET);
	ck_assert_int_eq(register_name(sp.server, "x", 1, call_only), 0);
	ck_assert_uint_eq(scheme_find("x", 1)->generation, 3);
}
END_TEST

/* Files opened through a scheme whose server was replaced are stale: every
 * operation is -FE_ESTALE, closing them is quiet, and the new server hears
 * of none of it. Before the replacement they find no server. */
START_TEST(test_files_of_an_old_generation_are_estale)
{
	struct scheme_pair sp;
	struct thread *second = new_proc("second");
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct fe_msg m = { .label = FE_SCHEME_READ, .handle = FE_NO_HANDLE };
	fe_handle_t sep2;
	int64_t fd, dup;

	make_scheme(&sp, "x");
	fd = open_file(&sp, "x:f", 5);
	dup = sys(sp.client, FE_SYS_DUP, fd, -1, 0);
	process_kill(sp.server->proc, &why);
	ck_assert_int_eq(fd_call(sp.client, fd, &m, FE_FOREVER), -FE_EPIPE);
	sep2 = serve(second, "x");
	for (uint64_t op = FE_SCHEME_READ; op < FE_SCHEME_OP_COUNT; op++) {
		m.label = op;
		ck_assert_int_eq(fd_call(sp.client, fd, &m, FE_FOREVER), -FE_ESTALE);
	}
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, fd), 0);
	ck_assert_int_eq(sys(sp.client, FE_SYS_CLOSE, dup), 0);
	assert_nothing_waiting(second, sep2);
	/* New opens work. */
	fd = open_file(&(struct scheme_pair){ sp.client, second, sep2 }, "x:g", 6);
	ck_assert_int_eq(fd, 0);
	ck_assert_uint_eq(fd_get(&sp.client->proc->fds, fd)->scheme->generation, 2);
}
END_TEST

/* Give t's process exactly these grants, as a narrowing spawn would. */
static void grant_only(struct thread *t, const struct fe_grant *list, uint32_t n)
{
	ck_assert_int_eq(grants_narrow(&t->proc->grants, &init_proc->grants, list, n), 0);
}

/* Serving a name needs a serve grant for it; each refusal is -FE_EACCES,
 * named on the console once per kind. */
START_TEST(test_register_needs_a_serve_grant)
{
	struct thread *t = new_proc("server");
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	const struct fe_grant g[] = { { .kind = FE_GRANT_SERVE, .name = "ok" },
		                      { .kind = FE_GRANT_OPEN, .name = "*" } };

	grant_only(t, g, ARRAY_SIZE(g));
	ck_assert_int_eq(register_name(t, "no", 2, ep), -FE_EACCES);
	ck_assert_int_eq(register_name(t, "ok2", 3, ep), -FE_EACCES);
	ck_assert_int_eq(register_name(t, "o", 1, ep), -FE_EACCES);
	ck_assert_ptr_null(scheme_find("no", 2));
	ck_assert_ptr_nonnull(strstr(arch_test.console, "denied: serve scheme 'no'"));
	ck_assert_ptr_null(strstr(arch_test.console, "'ok2'"));
	ck_assert_int_eq(register_name(t, "ok", 2, ep), 0);
}
END_TEST

/* A narrowing its parent cannot grant is reported: the first entry the
 * parent lacks, once per process and kind, ranges in hex. */
START_TEST(test_refused_narrowing_is_reported)
{
	struct thread *t = new_proc("driver");
	const struct fe_grant held = { .kind = FE_GRANT_IRQ, .lo = 3, .hi = 5 };
	const struct fe_grant want[] = { { .kind = FE_GRANT_IRQ, .lo = 4, .hi = 4 },
		                         { .kind = FE_GRANT_IRQ, .lo = 4, .hi = 6 },
		                         { .kind = FE_GRANT_MMIO, .lo = 0x1000, .hi = 0x1fff } };
	const struct fe_grant again = { .kind = FE_GRANT_IRQ, .lo = 9, .hi = 9 };

	grant_only(t, &held, 1);
	grants_report_missing(t->proc, want, ARRAY_SIZE(want));
	ck_assert_ptr_nonnull(strstr(arch_test.console, "'driver' denied: IRQ 0x4-0x6 is not"));
	ck_assert_ptr_null(strstr(arch_test.console, "IRQ 0x4-0x4"));
	ck_assert_ptr_null(strstr(arch_test.console, "memory range"));
	grants_report_missing(t->proc, &again, 1);
	ck_assert_ptr_null(strstr(arch_test.console, "IRQ 0x9"));
	grants_report_missing(t->proc, &want[2], 1);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "denied: memory range 0x1000-0x1fff"));
}
END_TEST

/* Opening and path operations need an open grant for the scheme they
 * route to ("file" for a path without a prefix), checked before the name
 * is looked up. */
START_TEST(test_open_needs_an_open_grant)
{
	struct thread *client = new_proc("client"), *server = new_proc("server");
	fe_handle_t sep = serve(server, "x");
	const struct fe_grant g = { .kind = FE_GRANT_OPEN, .name = "x" };
	struct request rq;

	serve(server, "y");
	serve(server, "file");
	grant_only(client, &g, 1);
	ck_assert_int_eq(open_path(client, "y:f", 0, 0), -FE_EACCES);
	ck_assert_int_eq(open_path(client, "nope:f", 0, 0), -FE_EACCES);
	ck_assert_int_eq(open_path(client, "/etc/f", 0, 0), -FE_EACCES);
	ck_assert_int_eq(path_call(client, "y:f", FE_SCHEME_UNLINK), -FE_EACCES);
	ck_assert_ptr_nonnull(strstr(arch_test.console, "denied: open scheme 'y'"));
	ck_assert_int_eq(open_path(client, "x:f", 0, 0), BLOCKED);
	rq = recv_now(server, sep);
	ck_assert_str_eq(rq.body, "f");
}
END_TEST

/* Path operations: each is routed like an open, the server sees the path
 * after the prefix as the body and no file id, and its label is the
 * result. */
START_TEST(test_path_call_routes_each_path_operation)
{
	struct thread *client = new_proc("client");
	struct thread *x = new_proc("x"), *file = new_proc("file");
	fe_handle_t xep = serve(x, "x"), fep = serve(file, "file");
	const uint64_t ops[] = { FE_SCHEME_UNLINK, FE_SCHEME_MKDIR, FE_SCHEME_RMDIR,
		                 FE_SCHEME_RENAME, FE_SCHEME_STAT };

	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		struct fe_msg m = { .label = ops[i],
			            .w = { 9, 0755, 7, 9 },
			            .handle = FE_NO_HANDLE };
		struct request rq;

		ck_assert_int_eq(sys(client, FE_SYS_PATH_CALL, uput_new(client, "x:dir/f", 7), 7,
		                     umsg(client, &m)),
		                 BLOCKED);
		rq = recv_now(x, xep);
		ck_assert_uint_eq(rq.m.label, ops[i]);
		ck_assert_str_eq(rq.body, "dir/f");
		ck_assert_uint_eq(rq.m.w[0], 0);
		ck_assert_uint_eq(rq.m.w[1], 0755);
		ck_assert_uint_eq(rq.m.w[2], 7);
		ck_assert_uint_eq(rq.m.w[3], client->proc->pid);
		ck_assert_int_eq(reply_label(x, rq.rh, (int64_t)i - 2), 0);
		ck_assert_int_eq(resume(client), (int64_t)i - 2);

		ck_assert_int_eq(path_call(client, "/tmp/f", ops[i]), BLOCKED);
		rq = recv_now(file, fep);
		ck_assert_str_eq(rq.body, "/tmp/f");
		ck_assert_int_eq(reply_label(file, rq.rh, 0), 0);
		ck_assert_int_eq(resume(client), 0);
	}
}
END_TEST

/* RENAME's two paths travel as one body, "old\0new"; STAT's answer lands in
 * the caller's rbuf and header. */
START_TEST(test_path_call_rename_and_stat_bodies)
{
	struct scheme_pair sp;
	struct fe_stat st = { .ino = 42, .mode = FE_S_IFREG | 0644, .size = 1234 }, got;
	uint64_t rbuf, cm;
	struct fe_msg m;
	struct request rq;

	make_scheme(&sp, "x");
	m = (struct fe_msg){ .label = FE_SCHEME_RENAME, .handle = FE_NO_HANDLE };
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, uput_new(sp.client, "x:old\0new", 9), 9,
	                     umsg(sp.client, &m)),
	                 BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_uint_eq(rq.m.rlen, 7);
	ck_assert_mem_eq(rq.body, "old\0new", 7);
	ck_assert_int_eq(reply_label(sp.server, rq.rh, 0), 0);
	ck_assert_int_eq(resume(sp.client), 0);

	rbuf = ualloc(sp.client, sizeof(st));
	m = (struct fe_msg){ .label = FE_SCHEME_STAT,
		             .rbuf = (void *)rbuf,
		             .rcap = sizeof(st),
		             .handle = FE_NO_HANDLE };
	cm = umsg(sp.client, &m);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, uput_new(sp.client, "x:f", 3), 3, cm),
	                 BLOCKED);
	rq = recv_now(sp.server, sp.sep);
	ck_assert_str_eq(rq.body, "f");
	ck_assert_int_eq(reply_body(sp.server, rq.rh, 0, &st, sizeof(st)), 0);
	ck_assert_int_eq(resume(sp.client), 0);
	uget(sp.client->proc, rbuf, &got, sizeof(got));
	ck_assert_mem_eq(&got, &st, sizeof(st));
	ck_assert_uint_eq(umsg_get(sp.client, cm).rlen, sizeof(st));
}
END_TEST

START_TEST(test_path_call_refuses_other_operations)
{
	struct scheme_pair sp;
	const uint64_t ops[] = { 0,
		                 FE_SCHEME_OPEN,
		                 FE_SCHEME_CLOSE,
		                 FE_SCHEME_READ,
		                 FE_SCHEME_WRITE,
		                 FE_SCHEME_SEEK,
		                 FE_SCHEME_FSTAT,
		                 FE_SCHEME_FSYNC,
		                 FE_SCHEME_FTRUNCATE,
		                 FE_SCHEME_READDIR,
		                 FE_SCHEME_IOCTL,
		                 FE_SCHEME_OP_COUNT,
		                 UINT64_MAX };

	make_scheme(&sp, "x");
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		ck_assert_msg(path_call(sp.client, "x:f", ops[i]) == -FE_EINVAL, "op %llu",
		              (unsigned long long)ops[i]);
	assert_nothing_waiting(sp.server, sp.sep);
}
END_TEST

START_TEST(test_path_call_bad_arguments)
{
	struct scheme_pair sp;
	struct fe_msg ok = { .label = FE_SCHEME_UNLINK, .handle = FE_NO_HANDLE };
	uint64_t path, m, ro;

	make_scheme(&sp, "x");
	path = uput_new(sp.client, "x:f", 3);
	m = umsg(sp.client, &ok);
	ro = umap(sp.client->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	uput(sp.client->proc, ro, &ok, sizeof(ok));
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, 0, m), -FE_ENOENT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, FE_PATH_MAX + 1, m),
	                 -FE_ENAMETOOLONG);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, 0x5000, 3, m), -FE_EFAULT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, uput_new(sp.client, "y:f", 3), 3, m),
	                 -FE_ENODEV);
	/* The header must be readable and writable. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, 3, 0), -FE_EFAULT);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, 3, ro), -FE_EFAULT);
	/* So must the reply buffer it names. */
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, 3,
	                     umsg(sp.client, &(struct fe_msg){ .label = FE_SCHEME_STAT,
	                                                       .rbuf = (void *)ro,
	                                                       .rcap = 8,
	                                                       .handle = FE_NO_HANDLE })),
	                 -FE_EFAULT);
	assert_nothing_waiting(sp.server, sp.sep);
	ck_assert_int_eq(sys(sp.client, FE_SYS_PATH_CALL, path, 3, m), BLOCKED);
}
END_TEST

/* What the machine's fault injection sees: live processes in pid order,
 * the ones that registered a scheme marked as servers, the dead left out. */
START_TEST(test_kernel_processes_marks_servers)
{
	struct scheme_pair sp;
	struct kernel_proc_view v[8];
	unsigned n;

	make_scheme(&sp, "x");
	n = kernel_processes(v, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(v[0].pid, init_proc->pid);
	ck_assert(!v[0].server);
	ck_assert_str_eq(v[1].name, "server");
	ck_assert(v[1].server);
	ck_assert_ptr_eq(v[1].as, sp.server->proc->vm.as);
	ck_assert_str_eq(v[2].name, "client");
	ck_assert(!v[2].server);
	ck_assert_uint_lt(v[1].pid, v[2].pid);
	ck_assert_uint_eq(kernel_processes(v, 1), 1);
	process_exit(sp.server->proc, 0);
	n = kernel_processes(v, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[1].name, "client");
}
END_TEST

Suite *suite_scheme(void)
{
	Suite *s = suite_create("scheme");

	ADD_TEST(s, test_register_valid_names);
	ADD_TEST(s, test_register_invalid_names_are_einval);
	ADD_TEST(s, test_register_bad_pointer_is_efault);
	ADD_TEST(s, test_register_needs_an_endpoint_handle_with_call);
	ADD_TEST(s, test_register_a_taken_name_is_eexist);
	ADD_TEST(s, test_register_again_once_receive_rights_are_gone);
	ADD_TEST(s, test_files_of_an_old_generation_are_estale);
	ADD_TEST(s, test_register_needs_a_serve_grant);
	ADD_TEST(s, test_open_needs_an_open_grant);
	ADD_TEST(s, test_refused_narrowing_is_reported);
	ADD_TEST(s, test_path_call_routes_each_path_operation);
	ADD_TEST(s, test_path_call_rename_and_stat_bodies);
	ADD_TEST(s, test_path_call_refuses_other_operations);
	ADD_TEST(s, test_path_call_bad_arguments);
	ADD_TEST(s, test_kernel_processes_marks_servers);
	return s;
}
