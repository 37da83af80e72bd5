/*
 * ipc_pingpong: 10,000 synchronous calls between two processes, every byte
 * checked on both sides.
 *
 * Run as the first process, it spawns itself from the boot archive as
 * "ipc_pingpong server SEED" with a receive right at handle 0, then makes the
 * calls. Call i carries a label, four words and a buffer (0 to 2 KiB, the
 * full 64 KiB every 1000th call) all drawn from stream i of SEED, so the
 * server can regenerate and check the request; it replies with the words
 * incremented, the label inverted and the bytes transformed, which the client
 * checks. The first mismatch on either side is printed and fails the test.
 */
#include <stdbool.h>
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "common.h"

#define CALLS 10000
#define SMALL_MAX 2048
#define LABEL_DONE UINT64_MAX

struct request {
	uint64_t label;
	uint64_t w[4];
	uint64_t len;
};

static unsigned char req_buf[FE_MSG_MAX_BUF], want_buf[FE_MSG_MAX_BUF];
static unsigned char got_buf[FE_MSG_MAX_BUF];

static void make_request(uint64_t seed, uint32_t i, struct request *rq, unsigned char *data)
{
	uint64_t st = t_stream(seed, i);

	rq->label = (t_rand(&st) << 32) | i;
	for (int k = 0; k < 4; k++)
		rq->w[k] = t_rand(&st);
	rq->len = i % 1000 == 999 ? FE_MSG_MAX_BUF : t_rand(&st) % (SMALL_MAX + 1);
	t_fill(data, rq->len, &st);
}

static unsigned char xform(unsigned char b, uint64_t j)
{
	return b ^ (unsigned char)(0xa5 + 7 * j);
}

/* Index of the first differing byte, or -1. */
static long first_diff(const unsigned char *a, const unsigned char *b, uint64_t n)
{
	for (uint64_t j = 0; j < n; j++)
		if (a[j] != b[j])
			return (long)j;
	return -1;
}

static bool words_match(const char *who, uint32_t i, const uint64_t *got, const uint64_t *want)
{
	for (int k = 0; k < 4; k++) {
		if (got[k] != want[k]) {
			fe_printf("%s: call %u: w[%d] = %llx, want %llx\n", who, i, k,
			          (unsigned long long)got[k], (unsigned long long)want[k]);
			return false;
		}
	}
	return true;
}

/* The parts every received message must have: length, no truncation, no
 * handle. */
static bool shape_matches(const char *who, uint32_t i, const struct fe_msg *m, uint64_t len)
{
	if (m->rlen != len || (m->flags & FE_MSG_TRUNCATED) || m->handle != FE_NO_HANDLE) {
		fe_printf("%s: call %u: rlen %llu (want %llu) flags %x handle %d\n", who, i,
		          (unsigned long long)m->rlen, (unsigned long long)len, m->flags,
		          m->handle);
		return false;
	}
	return true;
}

static bool bytes_match(const char *who, uint32_t i, const unsigned char *got,
                        const unsigned char *want, uint64_t len)
{
	long j = first_diff(got, want, len);

	if (j >= 0)
		fe_printf("%s: call %u: byte %ld = %02x, want %02x\n", who, i, j, got[j], want[j]);
	return j < 0;
}

static bool request_ok(const struct fe_msg *m, uint64_t seed)
{
	uint32_t i = (uint32_t)m->label;
	struct request rq;

	if (i >= CALLS) {
		fe_printf("server: unexpected label %llx\n", (unsigned long long)m->label);
		return false;
	}
	make_request(seed, i, &rq, want_buf);
	if (m->label != rq.label) {
		fe_printf("server: call %u: label %llx, want %llx\n", i,
		          (unsigned long long)m->label, (unsigned long long)rq.label);
		return false;
	}
	return words_match("server", i, m->w, rq.w) && shape_matches("server", i, m, rq.len) &&
	       bytes_match("server", i, got_buf, want_buf, rq.len);
}

static int reply_to(fe_handle_t reply, const struct fe_msg *in)
{
	struct fe_msg out = fe_msg_empty();

	out.label = ~in->label;
	for (int k = 0; k < 4; k++)
		out.w[k] = in->w[k] + 1;
	for (uint64_t j = 0; j < in->rlen; j++)
		req_buf[j] = xform(got_buf[j], j);
	out.buf = req_buf;
	out.len = in->rlen;
	return fe_reply(reply, &out);
}

static int serve(fe_handle_t ep, uint64_t seed)
{
	for (;;) {
		struct fe_msg m = fe_msg_empty();
		fe_handle_t reply;
		int rc;

		m.rbuf = got_buf;
		m.rcap = sizeof(got_buf);
		reply = fe_recv(ep, &m, FE_FOREVER);
		if (reply < 0) {
			fe_printf("server: recv = %d (%s)\n", reply, t_error_name(reply));
			return 1;
		}
		if (m.label == LABEL_DONE) {
			m = fe_msg_empty();
			return fe_reply(reply, &m) < 0;
		}
		if (!request_ok(&m, seed))
			return 1;
		rc = reply_to(reply, &m);
		if (rc < 0) {
			fe_printf("server: reply = %d (%s)\n", rc, t_error_name(rc));
			return 1;
		}
	}
}

static bool reply_ok(uint32_t i, const struct fe_msg *m, const struct request *rq)
{
	uint64_t w[4];

	if (m->label != ~rq->label) {
		fe_printf("client: call %u: reply label %llx, want %llx\n", i,
		          (unsigned long long)m->label, (unsigned long long)~rq->label);
		return false;
	}
	for (int k = 0; k < 4; k++)
		w[k] = rq->w[k] + 1;
	for (uint64_t j = 0; j < rq->len; j++)
		want_buf[j] = xform(req_buf[j], j);
	return words_match("client", i, m->w, w) && shape_matches("client", i, m, rq->len) &&
	       bytes_match("client", i, got_buf, want_buf, rq->len);
}

static bool one_call(fe_handle_t ep, uint64_t seed, uint32_t i)
{
	struct fe_msg m = fe_msg_empty();
	struct request rq;
	int rc;

	make_request(seed, i, &rq, req_buf);
	m.label = rq.label;
	memcpy(m.w, rq.w, sizeof(m.w));
	m.buf = req_buf;
	m.len = rq.len;
	m.rbuf = got_buf;
	m.rcap = sizeof(got_buf);
	rc = fe_call(ep, &m, FE_FOREVER);
	if (rc < 0) {
		fe_printf("client: call %u = %d (%s)\n", i, rc, t_error_name(rc));
		return false;
	}
	return reply_ok(i, &m, &rq);
}

static int finish(fe_handle_t ep, fe_handle_t server)
{
	struct fe_msg m = fe_msg_empty();
	struct fe_exit ex;
	int rc;

	m.label = LABEL_DONE;
	rc = fe_call(ep, &m, FE_FOREVER);
	t_wait(server, &ex);
	if (rc < 0 || ex.kind != FE_EXIT_NORMAL || ex.code != 0) {
		fe_printf("client: last call = %d; ", rc);
		t_print_exit("server", &ex);
		return 1;
	}
	return 0;
}

static int client(void)
{
	uint64_t seed;
	char seed_arg[24];
	const char *argv[] = { "ipc_pingpong", "server", seed_arg, NULL };
	fe_handle_t ep, server;

	if (fe_random(&seed, sizeof(seed)) != sizeof(seed))
		seed = 1;
	fe_snprintf(seed_arg, sizeof(seed_arg), "0x%llx", (unsigned long long)seed);
	fe_printf("pingpong: seed %s\n", seed_arg);
	ep = t_spawn_server("ipc_pingpong", argv, &server);
	for (uint32_t i = 0; i < CALLS; i++) {
		if (!one_call(ep, seed, i)) {
			(void)fe_proc_kill(server);
			return 1;
		}
	}
	if (finish(ep, server))
		return 1;
	fe_printf("pingpong: %d calls ok\n", CALLS);
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t seed;

	if (argc >= 3 && strcmp(argv[1], "server") == 0) {
		if (!t_parse_u64(argv[2], &seed)) {
			fe_printf("server: bad seed '%s'\n", argv[2]);
			return 1;
		}
		return serve(0, seed);
	}
	return client();
}
