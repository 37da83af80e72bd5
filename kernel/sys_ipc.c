/*
 * System calls for endpoints and notifications: decoding only. The
 * operations themselves live with their objects (endpoint.c, reply.c,
 * notify.c).
 */
#include "ipc.h"
#include "lib.h"
#include "syscall.h"

static fe_handle_t handle_arg(uint64_t a)
{
	return a > INT32_MAX ? -1 : (fe_handle_t)a;
}

/* Copy in a message header and check what the kernel will need of it:
 * the header is read once (in place when it lies in one page), and checked
 * writable for the results. */
int msg_in(struct thread *t, uint64_t uaddr, struct fe_msg *m)
{
	const unsigned prot = FE_PROT_READ | FE_PROT_WRITE;
	const struct fe_msg *u = vm_window(&t->proc->vm, uaddr, sizeof(*m), prot);
	int rc = 0;

	if (u)
		*m = *u;
	else if ((rc = vm_check(&t->proc->vm, uaddr, sizeof(*m), prot)) == 0)
		vm_read(&t->proc->vm, m, uaddr, sizeof(*m));
	if (rc < 0)
		return rc;
	if (m->len > FE_MSG_MAX_BUF)
		return -FE_EMSGSIZE;
	if (m->rcap > FE_MSG_MAX_BUF)
		m->rcap = FE_MSG_MAX_BUF;
	rc = vm_check(&t->proc->vm, (uint64_t)m->buf, m->len, FE_PROT_READ);
	if (rc == 0)
		rc = vm_check(&t->proc->vm, (uint64_t)m->rbuf, m->rcap, FE_PROT_WRITE);
	return rc;
}

/* The handle a message carries: none, or one with the transfer right. */
static int xfer_in(struct thread *t, const struct fe_msg *m, struct cap *c)
{
	c->obj = NULL;
	c->rights = 0;
	if (m->handle == FE_NO_HANDLE)
		return 0;
	return cap_get(&t->proc->caps, m->handle, FE_OBJ_NONE, FE_RIGHT_TRANSFER, c);
}

/* A handle with every right to a new object (or NULL: out of memory). */
static int64_t install_new(struct thread *t, struct kobj *o)
{
	fe_handle_t h;

	if (!o)
		return -FE_ENOMEM;
	h = cap_install(&t->proc->caps, o, FE_RIGHTS_ALL);
	kobj_release(o);
	return h;
}

int64_t sys_endpoint_create(struct thread *t, const uint64_t *a)
{
	struct endpoint *ep = endpoint_create();

	return install_new(t, ep ? &ep->obj : NULL);
}

/* The header goes straight to t->ipc.msg, where a waiting call keeps it. */
int64_t sys_call(struct thread *t, const uint64_t *a)
{
	struct cap ep, x;
	int rc = cap_get(&t->proc->caps, handle_arg(a[0]), FE_OBJ_ENDPOINT, FE_RIGHT_CALL, &ep);

	if (rc == 0)
		rc = msg_in(t, a[1], &t->ipc.msg);
	if (rc == 0)
		rc = xfer_in(t, &t->ipc.msg, &x);
	if (rc < 0)
		return rc;
	t->ipc.mode = IPC_USER;
	return endpoint_call(t, container_of(ep.obj, struct endpoint, obj), a[1], x.obj, x.rights,
	                     timeout_arg(a[2]));
}

int64_t sys_recv(struct thread *t, const uint64_t *a)
{
	struct cap ep;
	int rc = cap_get(&t->proc->caps, handle_arg(a[0]), FE_OBJ_ENDPOINT, FE_RIGHT_RECV, &ep);

	if (rc == 0)
		rc = msg_in(t, a[1], &t->ipc.msg);
	if (rc < 0)
		return rc;
	return endpoint_recv(t, container_of(ep.obj, struct endpoint, obj), a[1],
	                     timeout_arg(a[2]));
}

int64_t sys_reply(struct thread *t, const uint64_t *a)
{
	struct fe_msg m;
	struct cap r, x;
	fe_handle_t h = handle_arg(a[0]);
	int rc = cap_get(&t->proc->caps, h, FE_OBJ_REPLY, 0, &r);

	if (rc == 0)
		rc = msg_in(t, a[1], &m);
	if (rc == 0)
		rc = xfer_in(t, &m, &x);
	if (rc < 0)
		return rc;
	return reply_send(t, h, container_of(r.obj, struct reply, obj), &m, x.obj, x.rights);
}

int64_t sys_notify_create(struct thread *t, const uint64_t *a)
{
	struct notify *n = notify_create();

	return install_new(t, n ? &n->obj : NULL);
}

int64_t sys_notify_signal(struct thread *t, const uint64_t *a)
{
	struct cap c;
	int rc = cap_get(&t->proc->caps, handle_arg(a[0]), FE_OBJ_NOTIFY, FE_RIGHT_SIGNAL, &c);

	if (rc < 0)
		return rc;
	notify_signal(container_of(c.obj, struct notify, obj), a[1]);
	return 0;
}

int64_t sys_notify_wait(struct thread *t, const uint64_t *a)
{
	struct cap c;
	int rc = cap_get(&t->proc->caps, handle_arg(a[0]), FE_OBJ_NOTIFY, FE_RIGHT_WAIT, &c);

	if (rc < 0)
		return rc;
	return notify_wait(t, container_of(c.obj, struct notify, obj), a[1], timeout_arg(a[2]));
}
