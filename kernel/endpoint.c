/*
 * Endpoints: the rendezvous of synchronous calls.
 *
 * Whichever side arrives first waits in the endpoint's queue (callers in
 * W_SEND, receivers in W_RECV); the second one performs the delivery. A
 * delivery first checks everything that could fail on both sides, then
 * commits: the kernel is single-threaded, so nothing changes in between and
 * a delivery either happens whole or not at all.
 *
 * After delivery the caller waits in W_REPLY, keeping the deadline of its
 * call: a timeout covers the whole call.
 */
#include "ipc.h"
#include "lib.h"
#include "trace.h"

enum blame { BLAME_CALLER, BLAME_RECEIVER };

struct endpoint *endpoint_create(void)
{
	struct endpoint *ep = kzalloc(sizeof(*ep));

	if (!ep)
		return NULL;
	kobj_init(&ep->obj, FE_OBJ_ENDPOINT);
	list_init(&ep->callers);
	list_init(&ep->receivers);
	list_init(&ep->posted);
	return ep;
}

struct kmsg {
	struct list link;
	uint64_t label;
	uint64_t w[4];
};

/* The fields a receipt sets, in dst. */
static void receipt(struct fe_msg *dst, const struct fe_msg *from, uint64_t rcap, fe_handle_t h)
{
	dst->label = from->label;
	for (int i = 0; i < 4; i++)
		dst->w[i] = from->w[i];
	dst->rlen = from->len;
	dst->handle = h;
	dst->flags = from->len > rcap ? FE_MSG_TRUNCATED : 0;
}

void msg_out(struct thread *t, const struct fe_msg *from, fe_handle_t h)
{
	struct vm *vm = &t->proc->vm;
	uint64_t ua = t->ipc.msg_uaddr;
	struct fe_msg *u = vm_window(vm, ua, sizeof(*u), FE_PROT_WRITE);
	struct fe_msg out;

	if (u) {
		receipt(u, from, t->ipc.msg.rcap, h);
		return;
	}
	receipt(&out, from, t->ipc.msg.rcap, h);
	vm_write(vm, ua, &out, offsetof(struct fe_msg, buf));
	vm_write(vm, ua + offsetof(struct fe_msg, rlen), &out.rlen,
	         sizeof(out) - offsetof(struct fe_msg, rlen));
}

/* Hand a posted message to r: a header only, and a reply handle that
 * nobody waits on. Returns the handle or an error (nothing changed). */
static int64_t deliver_posted(struct kmsg *km, struct thread *r)
{
	struct fe_msg from = { .label = km->label };
	struct reply *reply;
	fe_handle_t rh;
	int rc = vm_check(&r->proc->vm, r->ipc.msg_uaddr, sizeof(from), FE_PROT_WRITE);

	if (rc == 0)
		rc = cap_reserve(&r->proc->caps, 1);
	if (rc < 0)
		return rc;
	reply = reply_create(NULL);
	if (!reply)
		return -FE_ENOMEM;
	rh = cap_install(&r->proc->caps, &reply->obj, FE_RIGHT_TRANSFER);
	kobj_release(&reply->obj);
	kmemcpy(from.w, km->w, sizeof(from.w));
	msg_out(r, &from, FE_NO_HANDLE);
	list_remove(&km->link);
	kfree(km);
	return rh;
}

void endpoint_post(struct endpoint *ep, uint64_t label, const uint64_t w[4])
{
	struct kmsg *km;

	if (ep->recv_caps == 0)
		return;
	km = kzalloc(sizeof(*km));
	if (!km)
		return; /* the server misses a close: it leaks an id, nothing more */
	km->label = label;
	kmemcpy(km->w, w, sizeof(km->w));
	list_init(&km->link);
	list_push_back(&ep->posted, &km->link);
	while (!list_empty(&ep->posted) && !list_empty(&ep->receivers)) {
		struct thread *r = list_entry(ep->receivers.next, struct thread, wait_link);

		thread_wake(r, deliver_posted(km, r));
	}
}

static int check_delivery(struct thread *c, struct thread *r, enum blame *who)
{
	const struct fe_msg *in = &c->ipc.msg, *want = &r->ipc.msg;
	uint64_t n = MIN(in->len, want->rcap);
	int rc;

	*who = BLAME_CALLER;
	rc = vm_check(&c->proc->vm, (uint64_t)in->buf, in->len, FE_PROT_READ);
	if (rc < 0)
		return rc;
	*who = BLAME_RECEIVER;
	rc = vm_check(&r->proc->vm, (uint64_t)want->rbuf, n, FE_PROT_WRITE);
	if (rc == 0)
		rc = vm_check(&r->proc->vm, r->ipc.msg_uaddr, sizeof(struct fe_msg), FE_PROT_WRITE);
	if (rc == 0)
		rc = cap_reserve(&r->proc->caps, c->ipc.xfer ? 2 : 1);
	return rc;
}

/*
 * Hand c's message to r. Returns r's reply handle, or an error and who is
 * to blame; nothing is changed on error. Neither thread is woken.
 */
static int64_t deliver(struct thread *c, struct thread *r, enum blame *who)
{
	const struct fe_msg *in = &c->ipc.msg;
	struct reply *reply;
	fe_handle_t rh, h = FE_NO_HANDLE;
	int rc = check_delivery(c, r, who);

	if (rc < 0)
		return rc;
	reply = reply_create(c);
	if (!reply)
		return -FE_ENOMEM;
	vm_copy(&r->proc->vm, (uint64_t)r->ipc.msg.rbuf, &c->proc->vm, (uint64_t)in->buf,
	        MIN(in->len, r->ipc.msg.rcap));
	rh = cap_install(&r->proc->caps, &reply->obj, FE_RIGHT_TRANSFER);
	kobj_release(&reply->obj);
	if (c->ipc.xfer) {
		h = cap_install(&r->proc->caps, c->ipc.xfer, c->ipc.xfer_rights);
		kobj_release(c->ipc.xfer);
		c->ipc.xfer = NULL;
	}
	msg_out(r, in, h);
	c->ipc.reply = reply;
	trace_event("deliver %u.%u -> %u.%u", c->proc->pid, c->tid, r->proc->pid, r->tid);
	return rh;
}

/* c, delivered, now waits for its reply (keeping its call's deadline). */
static void wait_for_reply(struct thread *c)
{
	list_remove(&c->wait_link);
	if (c->wait_obj)
		kobj_release(c->wait_obj);
	c->wait_obj = NULL;
	c->wait = W_REPLY;
	c->state = T_BLOCKED;
}

int64_t endpoint_call(struct thread *t, struct endpoint *ep, uint64_t uaddr, struct kobj *xfer,
                      uint32_t xfer_rights, int64_t timeout)
{
	if (ep->recv_caps == 0)
		return -FE_EPIPE;
	t->ipc.msg_uaddr = uaddr;
	t->ipc.xfer = NULL;
	t->ipc.xfer_rights = xfer_rights;
	t->ipc.reply = NULL;
	if (xfer) {
		kobj_retain(xfer);
		t->ipc.xfer = xfer;
	}
	while (!list_empty(&ep->receivers)) {
		struct thread *r = list_entry(ep->receivers.next, struct thread, wait_link);
		enum blame who;
		int64_t rh = deliver(t, r, &who);

		if (rh >= 0) {
			thread_wake(r, rh);
			/* A poll only declines to wait for a server; the reply is awaited. */
			thread_block(t, W_REPLY, NULL, NULL, timeout == 0 ? FE_FOREVER : timeout);
			return SYSCALL_BLOCKED;
		}
		if (who == BLAME_CALLER) {
			ipc_abort_send(t);
			return rh;
		}
		thread_wake(r, rh);
	}
	if (timeout == 0) {
		ipc_abort_send(t);
		return -FE_ETIMEDOUT;
	}
	thread_block(t, W_SEND, &ep->obj, &ep->callers, timeout);
	return SYSCALL_BLOCKED;
}

int64_t endpoint_recv(struct thread *t, struct endpoint *ep, uint64_t uaddr, int64_t timeout)
{
	t->ipc.msg_uaddr = uaddr;
	if (!list_empty(&ep->posted))
		return deliver_posted(list_entry(ep->posted.next, struct kmsg, link), t);
	while (!list_empty(&ep->callers)) {
		struct thread *c = list_entry(ep->callers.next, struct thread, wait_link);
		enum blame who;
		int64_t rh = deliver(c, t, &who);

		if (rh >= 0) {
			wait_for_reply(c);
			return rh;
		}
		if (who == BLAME_RECEIVER)
			return rh;
		thread_abort(c, rh);
	}
	if (timeout == 0)
		return -FE_ETIMEDOUT;
	thread_block(t, W_RECV, &ep->obj, &ep->receivers, timeout);
	return SYSCALL_BLOCKED;
}

void ipc_abort_send(struct thread *t)
{
	if (t->ipc.xfer)
		kobj_release(t->ipc.xfer);
	t->ipc.xfer = NULL;
}

void ipc_abort(struct thread *t)
{
	if (t->wait == W_SEND)
		ipc_abort_send(t);
	if (t->wait == W_REPLY && t->ipc.reply)
		reply_detach(t->ipc.reply, 0);
}

static void endpoint_cap_added(struct kobj *o, uint32_t rights)
{
	if (rights & FE_RIGHT_RECV)
		container_of(o, struct endpoint, obj)->recv_caps++;
}

/* The last receive right gone: nobody can ever answer the queued callers. */
static void endpoint_cap_removed(struct kobj *o, uint32_t rights)
{
	struct endpoint *ep = container_of(o, struct endpoint, obj);

	if (!(rights & FE_RIGHT_RECV) || --ep->recv_caps > 0)
		return;
	while (!list_empty(&ep->callers))
		thread_abort(list_entry(ep->callers.next, struct thread, wait_link), -FE_EPIPE);
}

static void endpoint_destroy(struct kobj *o)
{
	struct endpoint *ep = container_of(o, struct endpoint, obj);
	struct list *n;

	while ((n = list_pop_front(&ep->posted)))
		kfree(list_entry(n, struct kmsg, link));
	kfree(ep);
}

const struct kobj_ops endpoint_ops = {
	.destroy = endpoint_destroy,
	.cap_added = endpoint_cap_added,
	.cap_removed = endpoint_cap_removed,
};
