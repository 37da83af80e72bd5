/*
 * Pending ops: the kernel process cannot change another process's
 * mappings, so arch_as_map, arch_as_unmap and arch_thread_create queue an op
 * on the address space, and the next thread of it that runs applies the
 * queue first (sim/run.c). A batch is up to SIM_MAX_OPS ops written into the
 * running thread's gate page, with the fds they need sent ahead on the
 * control socket (SCM_RIGHTS) in one message; a longer queue takes several
 * rounds.
 *
 * Rules: the queue is applied in order (a map then an unmap of the same
 * range stays right); a queued map holds a reference on its memory, so the
 * fd it will send stays open even if the core destroys the object meanwhile;
 * a child receives only the fds its own ops name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim.h"

int sim_ops_push(struct arch_as *as, const struct sim_pending *p)
{
	if (as->nops == as->cap) {
		unsigned cap = as->cap ? as->cap * 2 : 16;
		struct sim_pending *ops = realloc(as->ops, cap * sizeof(*ops));

		if (!ops)
			return -ENOMEM;
		as->ops = ops;
		as->cap = cap;
	}
	if (p->mem)
		sim_mem_get(p->mem);
	as->ops[as->nops++] = *p;
	return 0;
}

/* Forget the op that would start `t` (it is destroyed before it ran). */
void sim_ops_drop_thread(struct arch_as *as, struct arch_thread *t)
{
	for (unsigned i = 0; i < as->nops; i++) {
		if (as->ops[i].thread != t)
			continue;
		memmove(&as->ops[i], &as->ops[i + 1], (as->nops - i - 1) * sizeof(as->ops[0]));
		as->nops--;
		return;
	}
}

void sim_ops_clear(struct arch_as *as)
{
	for (unsigned i = 0; i < as->nops; i++)
		if (as->ops[i].mem)
			sim_mem_put(as->ops[i].mem);
	free(as->ops);
	as->ops = NULL;
	as->nops = as->cap = 0;
}

static int send_fds(int sock, const int *fds, unsigned n)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(SIM_MAX_FDS * sizeof(int))];
	} cbuf;
	char byte = 0;
	struct iovec iov = { &byte, 1 };
	struct msghdr mh = { 0 };
	struct cmsghdr *c;

	memset(&cbuf, 0, sizeof(cbuf));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf.buf;
	mh.msg_controllen = CMSG_SPACE(n * sizeof(int));
	c = CMSG_FIRSTHDR(&mh);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	if (sendmsg(sock, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		return -errno;
	return 0;
}

/* The fd op `p` needs, or -1 if none, or -errno. */
static int op_fd(struct sim_pending *p)
{
	if (p->op.kind == SIM_OP_MAP)
		return sim_mem_fd(p->mem, p->op.prot);
	if (p->op.kind == SIM_OP_THREAD)
		return p->thread->region_fd;
	if (p->op.kind == SIM_OP_FILTER || p->op.kind == SIM_OP_HOST)
		return sim_host_op_fd(p->op.kind);
	return -1;
}

/* The ops [0, n) are in the child's hands: let go of what they held. */
static void ops_retire(struct arch_as *as, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		struct sim_pending *p = &as->ops[i];

		if (p->mem)
			sim_mem_put(p->mem);
		if (p->thread) {
			close(p->thread->region_fd);
			p->thread->region_fd = -1;
			p->thread->spawned = true;
			as->nlive++;
		}
	}
	memmove(as->ops, as->ops + n, (as->nops - n) * sizeof(as->ops[0]));
	as->nops -= n;
}

/*
 * Write the next batch into t's page, with `action` if it empties the queue
 * and SIM_ACT_OPS if more remain. Returns 1 when more remain, 0 when the
 * queue is empty, -errno when the child cannot be given the batch.
 */
int sim_ops_send(struct arch_thread *t, unsigned action)
{
	struct arch_as *as = t->as;
	struct sim_gate *g = t->page;
	int fds[SIM_MAX_FDS];
	unsigned n = 0, nfds = 0;
	int fd, err;

	for (; n < as->nops && n < SIM_MAX_OPS; n++) {
		struct sim_pending *p = &as->ops[n];

		fd = op_fd(p);
		if (fd < -1)
			return fd;
		g->ops[n] = p->op;
		if (fd == -1)
			continue;
		if (nfds == SIM_MAX_FDS)
			break;
		g->ops[n].fd = (int32_t)nfds;
		fds[nfds++] = fd;
	}
	if (nfds) {
		err = send_fds(as->ctl_fd, fds, nfds);
		if (err)
			return err;
	}
	ops_retire(as, n);
	g->nops = (uint16_t)n;
	g->nfds = (uint16_t)nfds;
	g->action = (uint8_t)(as->nops ? SIM_ACT_OPS : action);
	return as->nops ? 1 : 0;
}
