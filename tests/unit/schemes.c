/*
 * A test thread as a scheme's server, another as its client (see schemes.h).
 */
#include "schemes.h"

#include <string.h>

fe_handle_t serve(struct thread *t, const char *name)
{
	int64_t ep = sys(t, FE_SYS_ENDPOINT_CREATE);
	uint64_t n = strlen(name);

	ck_assert_int_ge(ep, 0);
	ck_assert_int_eq(sys(t, FE_SYS_SCHEME_REGISTER, uput_new(t, name, n), n, ep), 0);
	return (fe_handle_t)ep;
}

void make_scheme(struct scheme_pair *sp, const char *name)
{
	sp->server = new_proc("server");
	sp->client = new_proc("client");
	sp->sep = serve(sp->server, name);
}

void two_files(struct scheme_pair *sp)
{
	make_scheme(sp, "x");
	ck_assert_int_eq(open_file(sp, "x:a", 10), 0);
	ck_assert_int_eq(open_file(sp, "x:b", 11), 1);
}

int64_t recv_begin(struct thread *server, fe_handle_t sep, struct request *rq, int64_t timeout)
{
	struct fe_msg m = { .rbuf = (void *)ualloc(server, REQ_BODY), .rcap = REQ_BODY };

	memset(rq, 0, sizeof(*rq));
	rq->at = umsg(server, &m);
	rq->rh = sys(server, FE_SYS_RECV, sep, rq->at, timeout);
	if (rq->rh != BLOCKED)
		recv_read(server, rq);
	return rq->rh;
}

void recv_read(struct thread *server, struct request *rq)
{
	uint64_t n;

	rq->m = umsg_get(server, rq->at);
	n = rq->m.rlen < REQ_BODY ? rq->m.rlen : REQ_BODY;
	uget(server->proc, (uint64_t)rq->m.rbuf, rq->body, n);
	rq->body[n] = '\0';
}

struct request recv_now(struct thread *server, fe_handle_t sep)
{
	struct request rq;

	recv_begin(server, sep, &rq, FE_POLL);
	ck_assert_msg(rq.rh >= 0, "nothing to receive: %lld", (long long)rq.rh);
	return rq;
}

void assert_nothing_waiting(struct thread *server, fe_handle_t sep)
{
	struct request rq;

	ck_assert_int_eq(recv_begin(server, sep, &rq, FE_POLL), -FE_ETIMEDOUT);
}

void assert_close_posted(struct thread *server, fe_handle_t sep, uint64_t id)
{
	struct request rq = recv_now(server, sep);

	ck_assert_uint_eq(rq.m.label, FE_SCHEME_CLOSE);
	ck_assert_uint_eq(rq.m.w[0], id);
	ck_assert_uint_eq(rq.m.rlen, 0);
	ck_assert_int_eq(rq.m.handle, FE_NO_HANDLE);
	ck_assert_int_eq(reply_label(server, rq.rh, 0), -FE_EPIPE);
	ck_assert_ptr_null(handle_obj(server, (fe_handle_t)rq.rh));
}

unsigned posted_count(struct thread *t, fe_handle_t h)
{
	struct endpoint *ep = container_of(handle_obj(t, h), struct endpoint, obj);
	unsigned n = 0;
	struct list *it;

	list_for_each(it, &ep->posted)
		n++;
	return n;
}

int64_t reply_body(struct thread *server, int64_t rh, int64_t label, const void *body, uint64_t len)
{
	struct fe_msg m = { .label = (uint64_t)label, .handle = FE_NO_HANDLE };

	if (len) {
		m.buf = (const void *)uput_new(server, body, len);
		m.len = len;
	}
	return sys(server, FE_SYS_REPLY, rh, umsg(server, &m));
}

int64_t reply_label(struct thread *server, int64_t rh, int64_t label)
{
	return reply_body(server, rh, label, NULL, 0);
}

int64_t open_path(struct thread *t, const char *path, uint64_t flags, uint64_t mode)
{
	uint64_t n = strlen(path);

	return sys(t, FE_SYS_OPEN, uput_new(t, path, n ? n : 1), n, flags, mode);
}

int64_t path_call(struct thread *t, const char *path, uint64_t label)
{
	struct fe_msg m = { .label = label, .handle = FE_NO_HANDLE };
	uint64_t n = strlen(path);

	return sys(t, FE_SYS_PATH_CALL, uput_new(t, path, n), n, umsg(t, &m));
}

int64_t open_file(struct scheme_pair *sp, const char *path, uint64_t id)
{
	struct request rq;

	ck_assert_int_eq(open_path(sp->client, path, FE_O_RDWR, 0), BLOCKED);
	rq = recv_now(sp->server, sp->sep);
	ck_assert_uint_eq(rq.m.label, FE_SCHEME_OPEN);
	ck_assert_int_eq(reply_label(sp->server, rq.rh, (int64_t)id), 0);
	return resume(sp->client);
}

int64_t fd_call(struct thread *t, int64_t fd, const struct fe_msg *m, int64_t timeout)
{
	return sys(t, FE_SYS_FD_CALL, (uint64_t)fd, umsg(t, m), (uint64_t)timeout);
}

int64_t resume(struct thread *t)
{
	int64_t ret = woken(t);

	run_as(t);
	return ret;
}

void fill_fds(struct thread *t, int fd)
{
	struct file *f = fd_get(&t->proc->fds, fd);

	ck_assert_ptr_nonnull(f);
	for (int i = 0; i < FE_OPEN_MAX; i++)
		if (!fd_get(&t->proc->fds, i))
			ck_assert_int_eq(fd_install_at(&t->proc->fds, i, f, 0), i);
}
