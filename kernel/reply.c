/*
 * Reply objects: the one-shot right to answer one call.
 *
 * The caller waits in W_REPLY with ipc.reply pointing here; the reply object
 * holds a reference to the caller. Whichever happens first ends the link:
 * the reply is sent (reply_send), the caller stops waiting (timeout or
 * death: ipc_abort -> reply_detach with no result), or the last handle to
 * the reply object goes (destroy -> caller gets -FE_ECONNRESET).
 */
#include "ipc.h"
#include "lib.h"
#include "trace.h"

struct reply *reply_create(struct thread *caller)
{
	struct reply *r = kzalloc(sizeof(*r));

	if (!r)
		return NULL;
	kobj_init(&r->obj, FE_OBJ_REPLY);
	r->caller = caller;
	kobj_retain(&caller->obj);
	return r;
}

/* Cut the link; wake the caller with `ret` unless ret is 0 and it was the
 * caller that left. */
void reply_detach(struct reply *r, int64_t ret)
{
	struct thread *c = r->caller;

	if (!c)
		return;
	r->caller = NULL;
	c->ipc.reply = NULL;
	if (ret)
		thread_wake(c, ret);
	kobj_release(&c->obj);
}

/* Deliver the reply's body, handle and header into the caller. */
static int deliver_reply(struct thread *t, struct thread *c, const struct fe_msg *msg,
                         struct kobj *xfer, uint32_t xfer_rights)
{
	struct fe_msg out = c->ipc.msg;
	uint64_t n = MIN(msg->len, out.rcap);
	int rc;

	rc = xfer ? cap_reserve(&c->proc->caps, 1) : 0;
	if (rc < 0)
		return rc;
	rc = vm_copy(&c->proc->vm, (uint64_t)out.rbuf, &t->proc->vm, (uint64_t)msg->buf, n);
	if (rc < 0)
		return rc;
	out.label = msg->label;
	kmemcpy(out.w, msg->w, sizeof(out.w));
	out.rlen = msg->len;
	out.flags = msg->len > out.rcap ? FE_MSG_TRUNCATED : 0;
	out.handle = xfer ? cap_install(&c->proc->caps, xfer, xfer_rights) : FE_NO_HANDLE;
	return vm_copy_out(&c->proc->vm, c->ipc.msg_uaddr, &out, sizeof(out));
}

int64_t reply_send(struct thread *t, fe_handle_t rh, struct reply *r, const struct fe_msg *msg,
                   struct kobj *xfer, uint32_t xfer_rights)
{
	struct thread *c = r->caller;
	int rc;

	if (!c) {
		cap_close(&t->proc->caps, rh);
		return -FE_EPIPE;
	}
	/* Our own buffer must be readable: that error is ours, not the caller's. */
	rc = vm_check(&t->proc->vm, (uint64_t)msg->buf, msg->len, FE_PROT_READ);
	if (rc < 0)
		return rc;
	rc = deliver_reply(t, c, msg, xfer, xfer_rights);
	trace_event("reply %u.%u -> %u.%u rc %d", t->proc->pid, t->tid, c->proc->pid, c->tid, rc);
	kobj_retain(&c->obj);
	reply_detach(r, 0);
	thread_wake(c, rc);
	kobj_release(&c->obj);
	cap_close(&t->proc->caps, rh);
	return 0;
}

static void reply_destroy(struct kobj *o)
{
	struct reply *r = container_of(o, struct reply, obj);

	reply_detach(r, -FE_ECONNRESET);
	kfree(r);
}

const struct kobj_ops reply_ops = { .destroy = reply_destroy };
