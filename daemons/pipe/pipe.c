/*
 * The pipe scheme's logic (see pipe.h).
 *
 * Each pipe is a ring of PIPE_CAPACITY bytes (allocated at the first
 * write) and two queues of requests that wait: reads while it is empty,
 * writes while it is full. A waiting write keeps a copy of what it has not
 * yet put in the ring, since the request's buffer is reused for the next
 * request. Invariant: reads wait only while the ring is empty, and writes
 * only while it cannot take their next piece; pump() restores it after
 * every change, serving the queues in order.
 *
 * A late answer is consumed only if it arrives: a read whose caller has
 * gone (its answer fails) takes no bytes out of the ring.
 *
 * Ends are counted per pipe (readers, writers: open files of each kind).
 * When the last read end closes, waiting writes fail; when the last write
 * end closes, waiting reads get end of file; when both are gone the pipe
 * is freed.
 */
#include <string.h>

#include "mem.h"
#include "pipe.h"

struct waiter {
	struct waiter *next;
	fe_handle_t reply;
	uint64_t count; /* read: wanted; write: the whole write's length */
	uint64_t done;  /* write: bytes already in the ring */
	uint64_t base;  /* write: data[0] is the write's byte number base */
	char *data;     /* write: its bytes from base on */
};

struct pipe {
	uint64_t num;
	uint32_t creator;  /* the pid that may open the write end */
	bool write_opened; /* the write end was opened once */
	uint32_t readers, writers;
	char *ring;
	uint64_t head, tail; /* the bytes are ring[tail .. head) mod capacity */
	struct waiter *reads, *writes;
};

struct pipe_end {
	struct pipe *p;
	bool write;
	bool nonblock;
};

int pipes_init(struct pipes *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->scratch = mem_alloc(PIPE_CAPACITY);
	return ps->scratch ? 0 : -FE_ENOMEM;
}

static uint64_t used(const struct pipe *p)
{
	return p->head - p->tail;
}

static uint64_t room(const struct pipe *p)
{
	return PIPE_CAPACITY - used(p);
}

static void ring_put(struct pipe *p, const char *src, uint64_t n)
{
	for (uint64_t done = 0; done < n;) {
		uint64_t off = p->head % PIPE_CAPACITY, chunk = PIPE_CAPACITY - off;

		if (chunk > n - done)
			chunk = n - done;
		memcpy(p->ring + off, src + done, chunk);
		done += chunk;
		p->head += chunk;
	}
}

/* Copy n bytes from the front of the ring without taking them. */
static void ring_peek(const struct pipe *p, char *dst, uint64_t n)
{
	uint64_t tail = p->tail;

	for (uint64_t done = 0; done < n;) {
		uint64_t off = tail % PIPE_CAPACITY, chunk = PIPE_CAPACITY - off;

		if (chunk > n - done)
			chunk = n - done;
		memcpy(dst + done, p->ring + off, chunk);
		done += chunk;
		tail += chunk;
	}
}

static void push(struct waiter **q, struct waiter *w)
{
	while (*q)
		q = &(*q)->next;
	w->next = NULL;
	*q = w;
}

static struct waiter *pop(struct waiter **q)
{
	struct waiter *w = *q;

	*q = w->next;
	return w;
}

static void waiter_free(struct waiter *w)
{
	mem_free(w->data);
	mem_free(w);
}

/* Answer the first waiting read from the ring; true if one was served. */
static bool serve_read(struct pipes *ps, struct pipe *p)
{
	struct waiter *w;
	uint64_t n;

	if (!p->reads || used(p) == 0)
		return false;
	w = pop(&p->reads);
	n = w->count < used(p) ? w->count : used(p);
	ring_peek(p, ps->scratch, n);
	if (srv_answer(w->reply, (int64_t)n, ps->scratch, n) == 0)
		p->tail += n;
	waiter_free(w);
	return true;
}

/* Move the first waiting write's next piece into the ring; true if any. */
static bool serve_write(struct pipe *p)
{
	struct waiter *w = p->writes;
	uint64_t left, n;

	if (!w)
		return false;
	left = w->count - w->done;
	if (room(p) == 0 || (left <= PIPE_ATOMIC && room(p) < left))
		return false;
	n = left < room(p) ? left : room(p);
	ring_put(p, w->data + (w->done - w->base), n);
	w->done += n;
	if (w->done == w->count) {
		(void)srv_answer(w->reply, (int64_t)w->count, NULL, 0);
		waiter_free(pop(&p->writes));
	}
	return true;
}

static void pump(struct pipes *ps, struct pipe *p)
{
	bool progress = true;

	while (progress) {
		progress = false;
		while (serve_read(ps, p))
			progress = true;
		while (serve_write(p))
			progress = true;
	}
	/* No write end left: nothing will come, so waiting reads see EOF. */
	while (p->reads && used(p) == 0 && p->write_opened && p->writers == 0) {
		struct waiter *w = pop(&p->reads);

		(void)srv_answer(w->reply, 0, NULL, 0);
		waiter_free(w);
	}
}

/* Fail every waiting request of one queue: writes get what they moved. */
static void fail_all(struct waiter **q, int64_t err)
{
	while (*q) {
		struct waiter *w = pop(q);

		(void)srv_answer(w->reply, w->done ? (int64_t)w->done : err, NULL, 0);
		waiter_free(w);
	}
}

static struct pipe_end *end_of(struct pipes *ps, const struct srv_req *req)
{
	return idtab_get(&ps->ends, req->id);
}

static int64_t add_end(struct pipes *ps, struct pipe *p, bool write, uint64_t flags)
{
	struct pipe_end *e = mem_alloc(sizeof(*e));
	int64_t id;

	if (!e)
		return -FE_ENOMEM;
	e->p = p;
	e->write = write;
	e->nonblock = (flags & FE_O_NONBLOCK) != 0;
	id = idtab_add(&ps->ends, e);
	if (id < 0) {
		mem_free(e);
		return id;
	}
	if (write)
		p->writers++;
	else
		p->readers++;
	return id;
}

static int64_t open_new(struct pipes *ps, struct srv_req *req)
{
	struct pipe *p;
	int64_t num, id;

	if ((req->arg1 & FE_O_ACCMODE) != FE_O_RDONLY)
		return -FE_EINVAL;
	p = mem_alloc(sizeof(*p));
	if (!p)
		return -FE_ENOMEM;
	num = idtab_add(&ps->pipes, p);
	if (num < 0) {
		mem_free(p);
		return num;
	}
	p->num = (uint64_t)num;
	p->creator = req->pid;
	id = add_end(ps, p, false, req->arg1);
	if (id < 0) {
		idtab_remove(&ps->pipes, p->num);
		mem_free(p);
	}
	return id;
}

/* "N" or "/N", decimal, no sign, no leading zero: the pipe number or 0. */
static uint64_t parse_num(const char *s, uint64_t len)
{
	uint64_t v = 0;

	if (len > 0 && s[0] == '/') {
		s++;
		len--;
	}
	if (len == 0 || len > 9 || s[0] == '0')
		return 0;
	for (uint64_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	return v;
}

static int64_t open_write_end(struct pipes *ps, struct srv_req *req)
{
	struct pipe *p = idtab_get(&ps->pipes, parse_num(req->path, req->path_len));
	int64_t id;

	if (!p)
		return -FE_ENOENT;
	if ((req->arg1 & FE_O_ACCMODE) != FE_O_WRONLY)
		return -FE_EINVAL;
	if (req->pid != p->creator)
		return -FE_EACCES;
	if (p->write_opened)
		return -FE_EBUSY;
	id = add_end(ps, p, true, req->arg1);
	if (id >= 0)
		p->write_opened = true;
	return id;
}

static int64_t pipe_open(void *state, struct srv_req *req)
{
	struct pipes *ps = state;

	if (req->arg1 & (FE_O_DIRECTORY | FE_O_CREAT))
		return -FE_EINVAL;
	if (req->path_len == 0 || (req->path_len == 1 && req->path[0] == '/'))
		return open_new(ps, req);
	return open_write_end(ps, req);
}

static void pipe_free(struct pipes *ps, struct pipe *p)
{
	fail_all(&p->reads, -FE_EBADF);
	fail_all(&p->writes, -FE_EPIPE);
	idtab_remove(&ps->pipes, p->num);
	mem_free(p->ring);
	mem_free(p);
}

static void pipe_close(void *state, uint64_t id)
{
	struct pipes *ps = state;
	struct pipe_end *e = idtab_remove(&ps->ends, id);
	struct pipe *p;

	if (!e)
		return;
	p = e->p;
	if (e->write) {
		p->writers--;
	} else if (--p->readers == 0) {
		/* Whoever waited to read held a read end: they are all gone. */
		fail_all(&p->reads, -FE_EBADF);
		fail_all(&p->writes, -FE_EPIPE);
		p->head = p->tail = 0;
	}
	mem_free(e);
	if (p->readers == 0 && p->writers == 0)
		pipe_free(ps, p);
	else
		pump(ps, p);
}

static int64_t wait_read(struct pipe *p, struct srv_req *req)
{
	struct waiter *w = mem_alloc(sizeof(*w));

	if (!w)
		return -FE_ENOMEM;
	w->reply = req->reply;
	w->count = req->arg1;
	push(&p->reads, w);
	return SRV_DEFER;
}

static int64_t pipe_read(void *state, struct srv_req *req)
{
	struct pipes *ps = state;
	struct pipe_end *e = end_of(ps, req);
	struct pipe *p;
	uint64_t n;

	if (!e || e->write)
		return -FE_EBADF;
	p = e->p;
	if (req->arg1 == 0)
		return 0;
	if (used(p) == 0 || p->reads) {
		if (p->write_opened && p->writers == 0)
			return 0;
		return e->nonblock ? -FE_EAGAIN : wait_read(p, req);
	}
	n = req->arg1 < used(p) ? req->arg1 : used(p);
	ring_peek(p, req->out, n);
	p->tail += n;
	req->out_len = n;
	pump(ps, p);
	return (int64_t)n;
}

/* Queue the rest of a write (from byte `done`) to wait for room. */
static int64_t wait_write(struct pipe *p, struct srv_req *req, uint64_t done)
{
	struct waiter *w = mem_alloc(sizeof(*w));

	if (w)
		w->data = mem_alloc(req->len - done);
	if (!w || !w->data) {
		mem_free(w);
		return done ? (int64_t)done : -FE_ENOMEM;
	}
	memcpy(w->data, (const char *)req->data + done, req->len - done);
	w->reply = req->reply;
	w->count = req->len;
	w->done = w->base = done;
	push(&p->writes, w);
	return SRV_DEFER;
}

static int64_t pipe_write(void *state, struct srv_req *req)
{
	struct pipes *ps = state;
	struct pipe_end *e = end_of(ps, req);
	struct pipe *p;
	uint64_t n = 0;

	if (!e || !e->write)
		return -FE_EBADF;
	p = e->p;
	if (p->readers == 0)
		return -FE_EPIPE;
	if (req->len == 0)
		return 0;
	if (!p->ring && !(p->ring = mem_alloc(PIPE_CAPACITY)))
		return -FE_ENOMEM;
	if (!p->writes && (req->len > PIPE_ATOMIC || room(p) >= req->len)) {
		n = req->len < room(p) ? req->len : room(p);
		ring_put(p, req->data, n);
	}
	if (n < req->len && e->nonblock) {
		pump(ps, p);
		return n ? (int64_t)n : -FE_EAGAIN;
	}
	if (n < req->len) {
		int64_t rc = wait_write(p, req, n);

		pump(ps, p);
		return rc;
	}
	pump(ps, p);
	return (int64_t)n;
}

static int64_t pipe_fstat(void *state, struct srv_req *req)
{
	struct pipe_end *e = end_of(state, req);
	struct fe_stat st = { .mode = FE_S_IFIFO | 0600, .nlink = 1, .blksize = PIPE_ATOMIC };

	if (!e)
		return -FE_EBADF;
	st.ino = e->p->num;
	st.size = used(e->p);
	memcpy(req->out, &st, sizeof(st));
	req->out_len = sizeof(st);
	return 0;
}

/* Operations that make no sense on a pipe: the error, after the id check. */
static int64_t pipe_refuse(void *state, struct srv_req *req)
{
	if (!end_of(state, req))
		return -FE_EBADF;
	switch (req->op) {
	case FE_SCHEME_SEEK:
		return -FE_ESPIPE;
	case FE_SCHEME_READDIR:
		return -FE_ENOTDIR;
	case FE_SCHEME_IOCTL:
		return -FE_ENOTTY;
	default:
		return -FE_EINVAL;
	}
}

void pipes_fini(struct pipes *ps)
{
	for (uint64_t id = 1; id <= ps->ends.size; id++)
		if (idtab_get(&ps->ends, id))
			pipe_close(ps, id);
	idtab_free(&ps->ends);
	idtab_free(&ps->pipes);
	mem_free(ps->scratch);
}

const struct srv_ops pipe_ops = {
	.open = pipe_open,
	.close = pipe_close,
	.read = pipe_read,
	.write = pipe_write,
	.fstat = pipe_fstat,
	.seek = pipe_refuse,
	.fsync = pipe_refuse,
	.ftruncate = pipe_refuse,
	.readdir = pipe_refuse,
	.ioctl = pipe_refuse,
};
