/*
 * The IPC side of a scheme server: register the scheme, then receive,
 * decode, dispatch and reply, forever. This is the only file of the library
 * that talks to the kernel about requests; the unit tests replace it.
 *
 * While init supervises the daemon (svc_beating), the loop wakes at least
 * every SVC_BEAT_NS, idle or not, and beats (service.h).
 *
 * Rules: the loop never stops on a bad request; every reply handle is
 * either answered or closed (a reply that fails is closed, so its caller
 * gets -FE_ECONNRESET instead of hanging); a handle that arrives with a
 * request is closed unread, since the protocol carries none.
 */
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "loop.h"
#include "service.h"

/* One byte more than the largest body, for the path's NUL. */
static char rx[SRV_BODY_MAX + 1] __attribute__((aligned(16)));
static char tx[SRV_BODY_MAX] __attribute__((aligned(16)));

int srv_answer(fe_handle_t reply, int64_t result, const void *body, uint64_t len)
{
	struct fe_msg m = fe_msg_empty();
	int rc;

	m.label = (uint64_t)result;
	m.buf = body;
	m.len = len;
	rc = fe_reply(reply, &m);
	if (rc < 0 && rc != -FE_EPIPE)
		(void)fe_handle_close(reply);
	return rc;
}

uint64_t srv_clock(void)
{
	return fe_clock();
}

fe_handle_t srv_register(const char *name)
{
	fe_handle_t ep;
	int rc;

	svc_wait_go();
	ep = fe_endpoint_create();
	if (ep < 0)
		return ep;
	rc = fe_scheme_register(name, strlen(name), ep);
	if (rc < 0) {
		(void)fe_handle_close(ep);
		return rc;
	}
	return ep;
}

int srv_step(fe_handle_t ep, const char *name, const struct srv_ops *ops, void *state,
             int64_t timeout)
{
	struct fe_msg m = fe_msg_empty();
	struct srv_req req = { .out = tx, .out_cap = sizeof(tx) };
	int64_t rc;

	m.rbuf = rx;
	m.rcap = SRV_BODY_MAX;
	req.reply = fe_recv(ep, &m, timeout);
	if (req.reply == -FE_ETIMEDOUT)
		return -FE_ETIMEDOUT;
	if (req.reply < 0) {
		fe_printf("%s: receive failed: %d\n", name, req.reply);
		(void)fe_sleep(10 * 1000 * 1000);
		return req.reply;
	}
	if (m.handle != FE_NO_HANDLE)
		(void)fe_handle_close(m.handle);
	rc = srv_decode(&m, rx, SRV_BODY_MAX, name, &req);
	if (rc == 0)
		rc = srv_dispatch(ops, state, &req);
	if (rc != SRV_DEFER)
		(void)srv_answer(req.reply, rc, tx, rc < 0 ? 0 : req.out_len);
	return 0;
}

_Noreturn void srv_loop(fe_handle_t ep, const char *name, const struct srv_ops *ops, void *state)
{
	int64_t timeout = svc_beating() ? SVC_BEAT_NS : FE_FOREVER;

	for (;;) {
		(void)srv_step(ep, name, ops, state, timeout);
		svc_beat();
	}
}

int srv_serve(const char *name, const struct srv_ops *ops, void *state)
{
	fe_handle_t ep = srv_register(name);

	if (ep < 0) {
		fe_printf("%s: cannot register the scheme: %d\n", name, ep);
		return 1;
	}
	svc_ready();
	srv_loop(ep, name, ops, state);
}
