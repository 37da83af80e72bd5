/*
 * Fake seams for the hosted unit tests: memory from the host's malloc (so
 * ASan checks the daemons' logic), answers recorded instead of sent, a
 * clock the test sets, random bytes from a fixed stream; and the request
 * helpers of thost.h.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "rand.h"
#include "thost.h"

struct t_answer t_answers[T_MAX_ANSWERS];
unsigned t_nanswers;
fe_handle_t t_gone[8];
unsigned t_ngone;
uint64_t t_now = 1000;
unsigned char t_out[SRV_BODY_MAX];
uint64_t t_out_len;
fe_handle_t t_last_reply;

static fe_handle_t next_reply = 100;
static char rx[SRV_BODY_MAX + 1];

void *mem_alloc(size_t n)
{
	return calloc(1, n ? n : 1);
}

void *mem_realloc(void *p, size_t n)
{
	return realloc(p, n ? n : 1);
}

void mem_free(void *p)
{
	free(p);
}

int srv_answer(fe_handle_t reply, int64_t result, const void *body, uint64_t len)
{
	struct t_answer *a;

	ck_assert_uint_lt(t_nanswers, T_MAX_ANSWERS);
	ck_assert_uint_le(len, SRV_BODY_MAX);
	for (unsigned i = 0; i < t_ngone; i++)
		if (t_gone[i] == reply)
			return -FE_EPIPE;
	a = &t_answers[t_nanswers++];
	a->reply = reply;
	a->result = result;
	a->len = len;
	if (len)
		memcpy(a->body, body, len);
	return 0;
}

uint64_t srv_clock(void)
{
	return t_now;
}

int rand_fill(void *buf, uint64_t len)
{
	static uint64_t x = 88172645463325252ull;
	unsigned char *p = buf;

	for (uint64_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = (unsigned char)x;
	}
	return 0;
}

void t_reset(void)
{
	t_nanswers = 0;
	t_ngone = 0;
}

int64_t t_call(const struct t_server *s, uint32_t op, uint64_t id, uint64_t a1, uint64_t a2,
               uint32_t pid, const void *body, uint64_t len)
{
	struct fe_msg m = { .label = op, .w = { id, a1, a2, pid }, .rlen = len };
	struct srv_req req = { .out = t_out, .out_cap = sizeof(t_out) };
	int64_t rc;

	ck_assert_uint_le(len, SRV_BODY_MAX);
	if (len)
		memcpy(rx, body, len);
	req.reply = t_last_reply = next_reply++;
	rc = srv_decode(&m, rx, SRV_BODY_MAX, s->name, &req);
	if (rc == 0)
		rc = srv_dispatch(s->ops, s->state, &req);
	t_out_len = rc >= 0 ? req.out_len : 0;
	return rc;
}

int64_t t_open(const struct t_server *s, const char *path, uint64_t flags)
{
	return t_call(s, FE_SCHEME_OPEN, 0, flags, 0644, 1, path, strlen(path));
}

int64_t t_read(const struct t_server *s, uint64_t id, uint64_t count)
{
	return t_call(s, FE_SCHEME_READ, id, count, 0, 1, NULL, 0);
}

int64_t t_write(const struct t_server *s, uint64_t id, const char *data)
{
	return t_call(s, FE_SCHEME_WRITE, id, 0, 0, 1, data, strlen(data));
}

int64_t t_path(const struct t_server *s, uint32_t op, const char *path, uint64_t arg)
{
	return t_call(s, op, 0, arg, 0, 1, path, strlen(path));
}

int64_t t_rename(const struct t_server *s, const char *from, const char *to)
{
	static char both[2 * 4096 + 2];
	size_t a = strlen(from), b = strlen(to);

	memcpy(both, from, a + 1);
	memcpy(both + a + 1, to, b);
	return t_call(s, FE_SCHEME_RENAME, 0, 0, 0, 1, both, a + 1 + b);
}

void t_close(const struct t_server *s, uint64_t id)
{
	ck_assert_int_eq(t_call(s, FE_SCHEME_CLOSE, id, 0, 0, 0, NULL, 0), 0);
}
