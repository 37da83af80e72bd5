/*
 * Notifications: a 64-bit word of pending bits. Signalling ORs bits in and
 * wakes the first waiter, which takes (and clears) every pending bit. IRQs,
 * timers and events are delivered this way, without blocking the signaller.
 */
#include "ipc.h"
#include "lib.h"

struct notify *notify_create(void)
{
	struct notify *n = kzalloc(sizeof(*n));

	if (!n)
		return NULL;
	kobj_init(&n->obj, FE_OBJ_NOTIFY);
	list_init(&n->waiters);
	return n;
}

void notify_signal(struct notify *n, uint64_t bits)
{
	n->bits |= bits;
	while (n->bits && !list_empty(&n->waiters)) {
		struct thread *w = list_entry(n->waiters.next, struct thread, wait_link);
		int rc = vm_copy_out(&w->proc->vm, w->out_uaddr, &n->bits, sizeof(n->bits));

		if (rc == 0)
			n->bits = 0;
		thread_wake(w, rc);
	}
}

int64_t notify_wait(struct thread *t, struct notify *n, uint64_t out, int64_t timeout)
{
	int rc = vm_check(&t->proc->vm, out, sizeof(uint64_t), FE_PROT_WRITE);

	if (rc < 0)
		return rc;
	if (n->bits) {
		vm_copy_out(&t->proc->vm, out, &n->bits, sizeof(n->bits));
		n->bits = 0;
		return 0;
	}
	if (timeout == 0)
		return -FE_ETIMEDOUT;
	t->out_uaddr = out;
	thread_block(t, W_NOTIFY, &n->obj, &n->waiters, timeout);
	return SYSCALL_BLOCKED;
}

static void notify_destroy(struct kobj *o)
{
	kfree(container_of(o, struct notify, obj));
}

const struct kobj_ops notify_ops = { .destroy = notify_destroy };
