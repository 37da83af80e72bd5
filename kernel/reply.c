/*
 * Reply objects: the one-shot right to answer one call.
 *
 * The caller waits in W_REPLY with ipc.reply pointing here; the reply object
 * holds a reference to the caller. Whichever happens first ends the link:
 * the reply is sent (reply_send), the caller stops waiting (timeout or
 * death: ipc_abort -> reply_detach with no result), or the last handle to
 * the reply object goes (destroy -> caller gets -FE_ECONNRESET).
 *
 * Every call makes a reply object and most replies end it at once, so dead
 * ones are kept for the next calls (up to REPLY_SPARES) instead of going
 * back to the allocator. An object is kept only once its last reference is
 * gone, so no handle can name it when a later call takes it; it gets a new
 * id then, as any new object does.
 */
#include "fd.h"
#include "ipc.h"
#include "lib.h"
#include "trace.h"

#define REPLY_SPARES 16

static struct reply *spares[REPLY_SPARES];
static uint32_t nspares;

struct reply *reply_create(struct thread *caller)
{
	struct reply *r = nspares ? spares[--nspares] : kzalloc(sizeof(*r));

	if (!r)
		return NULL;
	kobj_init(&r->obj, FE_OBJ_REPLY);
	r->caller = caller;
	r->opening = NULL;
	if (!caller)
		return r;
	kobj_retain(&caller->obj);
	if (caller->ipc.mode == IPC_OPEN) {
		r->opening = caller->ipc.scheme;
		kobj_retain(&r->opening->obj);
	}
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

/* An open succeeded: the caller gets a descriptor for the server's id. If
 * it cannot (table full), dropping the file tells the server to close it. */
static int64_t finish_open(struct thread *c, struct scheme *s, const struct fe_msg *msg)
{
	struct file *f;
	int fd;

	if ((int64_t)msg->label < 0)
		return (int64_t)msg->label;
	f = file_create(s, msg->label);
	if (!f) {
		scheme_send_close(s, msg->label);
		return -FE_ENOMEM;
	}
	fd = fd_install(&c->proc->fds, f, c->ipc.fd_flags, 0);
	kobj_release(&f->obj);
	return fd;
}

/* Deliver the reply's body, handle and header into the caller; the value the
 * caller's system call returns. */
static int64_t deliver_reply(struct thread *t, struct thread *c, struct reply *r,
                             const struct fe_msg *msg, struct kobj *xfer, uint32_t xfer_rights)
{
	uint64_t n = MIN(msg->len, c->ipc.msg.rcap);
	int rc;

	if (c->ipc.mode == IPC_OPEN)
		return finish_open(c, r->opening, msg);
	/* The caller's memory may have changed while it waited: check again. */
	rc = vm_check(&c->proc->vm, c->ipc.msg_uaddr, sizeof(c->ipc.msg), FE_PROT_WRITE);
	if (rc == 0 && xfer)
		rc = cap_reserve(&c->proc->caps, 1);
	if (rc == 0)
		rc = vm_copy(&c->proc->vm, (uint64_t)c->ipc.msg.rbuf, &t->proc->vm,
		             (uint64_t)msg->buf, n);
	if (rc < 0)
		return rc;
	msg_out(c, msg, xfer ? cap_install(&c->proc->caps, xfer, xfer_rights) : FE_NO_HANDLE);
	return c->ipc.mode == IPC_RESULT ? (int64_t)msg->label : 0;
}

int64_t reply_send(struct thread *t, fe_handle_t rh, struct reply *r, const struct fe_msg *msg,
                   struct kobj *xfer, uint32_t xfer_rights)
{
	struct thread *c = r->caller;
	int64_t rc;

	if (!c) {
		if (r->opening && (int64_t)msg->label >= 0)
			scheme_send_close(r->opening, msg->label);
		cap_close(&t->proc->caps, rh);
		return -FE_EPIPE;
	}
	/* Our own buffer must be readable: that error is ours, not the caller's. */
	rc = vm_check(&t->proc->vm, (uint64_t)msg->buf, msg->len, FE_PROT_READ);
	if (rc < 0)
		return rc;
	rc = deliver_reply(t, c, r, msg, xfer, xfer_rights);
	trace_event("reply %u.%u -> %u.%u rc %lld", t->proc->pid, t->tid, c->proc->pid, c->tid,
	            (long long)rc);
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
	if (r->opening)
		kobj_release(&r->opening->obj);
	if (nspares < REPLY_SPARES)
		spares[nspares++] = r;
	else
		kfree(r);
}

const struct kobj_ops reply_ops = { .destroy = reply_destroy };
