/*
 * System calls for schemes and file descriptors: decoding, and the routing
 * of each operation to the scheme's server as a call made by the kernel on
 * the thread's behalf (see <ferrite/scheme.h> for the protocol). The thread
 * waits like any caller; when the reply comes, the kernel finishes the
 * operation (reply.c): a new descriptor for an open, the server's result
 * for everything else.
 */
#include "fd.h"
#include "lib.h"
#include "syscall.h"

/* A path's scheme and where the rest of it starts. No valid "name:" prefix
 * means the file scheme and the whole path. */
struct route {
	struct scheme *scheme;
	uint64_t rest; /* offset of the part the server sees */
};

static int route_path(struct thread *t, uint64_t path, uint64_t len, struct route *r)
{
	char head[FE_SCHEME_NAME_MAX + 1];
	uint64_t n = MIN(len, sizeof(head)), colon = 0;

	if (len == 0)
		return -FE_ENOENT;
	if (len > FE_PATH_MAX)
		return -FE_ENAMETOOLONG;
	if (vm_check(&t->proc->vm, path, len, FE_PROT_READ) < 0)
		return -FE_EFAULT;
	vm_copy_in(&t->proc->vm, head, path, n);
	while (colon < n && head[colon] != ':')
		colon++;
	if (colon < n && scheme_name_ok(head, colon)) {
		r->rest = colon + 1;
	} else {
		kmemcpy(head, "file", 4);
		colon = 4;
		r->rest = 0;
	}
	if (!grant_scheme(t->proc, FE_GRANT_OPEN, head, colon))
		return -FE_EACCES;
	r->scheme = scheme_find(head, colon);
	return r->scheme ? 0 : -FE_ENODEV;
}

/* Call the scheme's server for t with the header in t->ipc.msg; the kernel
 * fills in the trusted words. FE_SYS_FD_CALL's timeout covers the whole
 * call, as FE_SYS_CALL's does; opens and path operations have none and wait
 * for their answer. */
static int64_t scheme_call(struct thread *t, struct scheme *s, uint64_t uaddr, uint64_t id,
                           enum ipc_mode mode, int64_t timeout)
{
	struct fe_msg *m = &t->ipc.msg;

	if (s->dead)
		return -FE_ESTALE;
	m->w[0] = id;
	m->w[3] = t->proc->pid;
	m->handle = FE_NO_HANDLE;
	t->ipc.mode = mode;
	t->ipc.scheme = s;
	return endpoint_call(t, s->ep, uaddr, NULL, 0, timeout);
}

int64_t sys_scheme_register(struct thread *t, const uint64_t *a)
{
	char name[FE_SCHEME_NAME_MAX];
	struct cap c;
	int rc;

	if (a[1] == 0 || a[1] > FE_SCHEME_NAME_MAX)
		return -FE_EINVAL;
	if (vm_copy_in(&t->proc->vm, name, a[0], a[1]) < 0)
		return -FE_EFAULT;
	if (!scheme_name_ok(name, a[1]))
		return -FE_EINVAL;
	if (!grant_scheme(t->proc, FE_GRANT_SERVE, name, a[1]))
		return -FE_EACCES;
	rc = a[2] > INT32_MAX ? -FE_EBADF
	                      : cap_get(&t->proc->caps, (fe_handle_t)a[2], FE_OBJ_ENDPOINT,
	                                FE_RIGHT_CALL, &c);
	if (rc < 0)
		return rc;
	rc = scheme_register(name, a[1], container_of(c.obj, struct endpoint, obj));
	if (rc == 0)
		t->proc->server = true;
	return rc;
}

int64_t sys_open(struct thread *t, const uint64_t *a)
{
	struct fe_msg *m = &t->ipc.msg;
	struct route r;
	int rc = route_path(t, a[0], a[1], &r);

	if (rc < 0)
		return rc;
	*m = (struct fe_msg){ .label = FE_SCHEME_OPEN };
	m->buf = (const void *)(a[0] + r.rest);
	m->len = a[1] - r.rest;
	m->w[1] = a[2] & ~(uint64_t)FE_O_CLOEXEC;
	m->w[2] = a[3];
	t->ipc.fd_flags = a[2] & FE_O_CLOEXEC ? FE_FD_CLOEXEC : 0;
	return scheme_call(t, r.scheme, 0, 0, IPC_OPEN, FE_FOREVER);
}

int64_t sys_close(struct thread *t, const uint64_t *a)
{
	return a[0] > INT32_MAX ? -FE_EBADF : fd_close(&t->proc->fds, (int)a[0]);
}

int64_t sys_fd_call(struct thread *t, const uint64_t *a)
{
	struct file *f = a[0] > INT32_MAX ? NULL : fd_get(&t->proc->fds, (int)a[0]);
	struct fe_msg *m = &t->ipc.msg;
	int rc;

	if (!f)
		return -FE_EBADF;
	rc = msg_in(t, a[1], m);
	if (rc < 0)
		return rc;
	if (m->label <= FE_SCHEME_CLOSE || m->label >= FE_SCHEME_OP_COUNT)
		return -FE_EINVAL;
	return scheme_call(t, f->scheme, a[1], f->id, IPC_RESULT, timeout_arg(a[2]));
}

static bool path_op(uint64_t op)
{
	return op == FE_SCHEME_UNLINK || op == FE_SCHEME_MKDIR || op == FE_SCHEME_RMDIR ||
	       op == FE_SCHEME_RENAME || op == FE_SCHEME_STAT;
}

int64_t sys_path_call(struct thread *t, const uint64_t *a)
{
	struct fe_msg *m = &t->ipc.msg;
	struct route r;
	int rc = route_path(t, a[0], a[1], &r);

	if (rc == 0)
		rc = msg_in(t, a[2], m);
	if (rc < 0)
		return rc;
	if (!path_op(m->label))
		return -FE_EINVAL;
	m->buf = (const void *)(a[0] + r.rest);
	m->len = a[1] - r.rest;
	return scheme_call(t, r.scheme, a[2], 0, IPC_RESULT, FE_FOREVER);
}

int64_t sys_dup(struct thread *t, const uint64_t *a)
{
	struct file *f = a[0] > INT32_MAX ? NULL : fd_get(&t->proc->fds, (int)a[0]);
	int64_t newfd = (int64_t)a[1];
	uint32_t flags = (uint32_t)a[2];

	if (!f)
		return -FE_EBADF;
	if (a[2] & ~(uint64_t)FE_FD_CLOEXEC)
		return -FE_EINVAL;
	if (newfd < -1 || newfd >= FE_OPEN_MAX)
		return -FE_EBADF;
	if (newfd == -1)
		return fd_install(&t->proc->fds, f, flags, 0);
	if (newfd == (int64_t)a[0])
		return newfd;
	return fd_install_at(&t->proc->fds, (int)newfd, f, flags);
}

int64_t sys_fd_flags(struct thread *t, const uint64_t *a)
{
	if (a[0] > INT32_MAX)
		return -FE_EBADF;
	if ((a[1] | a[2]) & ~(uint64_t)FE_FD_CLOEXEC)
		return -FE_EINVAL;
	return fd_flags(&t->proc->fds, (int)a[0], (uint32_t)a[1], (uint32_t)a[2]);
}
