/*
 * Threads: creation, the blocking protocol, and death.
 *
 * A thread's wait is always undone in one place (wait_clear) whichever way it
 * ends: completed by a peer (thread_wake), timed out or interrupted
 * (thread_abort), or killed with its process (thread_kill).
 */
#include "ipc.h"
#include "lib.h"
#include "proc.h"
#include "trace.h"

static uint32_t next_tid = 1;

/* Give `arch` a thread in p, ready to run; NULL (and arch destroyed) when
 * out of memory. */
static struct thread *thread_adopt(struct process *p, struct arch_thread *arch, uint32_t prio)
{
	struct thread *t;

	if (!arch)
		return NULL;
	t = kzalloc(sizeof(*t));
	if (!t) {
		arch_thread_destroy(arch);
		return NULL;
	}
	t->arch = arch;
	kobj_init(&t->obj, FE_OBJ_THREAD); /* the process's reference */
	kobj_retain(&p->obj);
	t->proc = p;
	t->tid = next_tid++;
	t->prio = prio;
	t->deadline = UINT64_MAX;
	t->slice_end = arch_time_now() + sched_slice();
	list_init(&t->run_link);
	list_init(&t->wait_link);
	list_init(&t->timer_link);
	list_push_back(&p->threads, &t->proc_link);
	p->nthreads++;
	sched_ready(t, false);
	return t;
}

struct thread *thread_create(struct process *p, uint64_t entry, uint64_t sp, uint64_t arg,
                             uint32_t prio)
{
	struct thread *t = thread_adopt(p, arch_thread_create(p->vm.as, entry, sp, arg), prio);

	if (t)
		trace_event("thread %u.%u created at %llx", p->pid, t->tid,
		            (unsigned long long)entry);
	return t;
}

struct thread *thread_fork(struct process *p, struct thread *parent)
{
	struct thread *t = thread_adopt(p, arch_thread_fork(p->vm.as, parent->arch), parent->prio);

	if (t)
		trace_event("thread %u.%u forked from %u.%u", p->pid, t->tid, parent->proc->pid,
		            parent->tid);
	return t;
}

void thread_set_ret(struct thread *t, int64_t ret)
{
	trace_ret(t, ret);
	arch_thread_set_ret(t->arch, ret);
}

void thread_block(struct thread *t, enum wait_kind kind, struct kobj *obj, struct list *queue,
                  int64_t timeout)
{
	t->state = T_BLOCKED;
	t->wait = kind;
	t->wait_obj = obj;
	if (obj)
		kobj_retain(obj);
	if (queue)
		list_push_back(queue, &t->wait_link);
	if (timeout >= 0) {
		uint64_t now = arch_time_now();

		timer_add(t, (uint64_t)timeout > UINT64_MAX - now ? UINT64_MAX - 1 : now + timeout);
	}
}

static void wait_clear(struct thread *t)
{
	list_remove(&t->wait_link);
	timer_cancel(t);
	if (t->wait_obj)
		kobj_release(t->wait_obj);
	t->wait_obj = NULL;
	t->wait = W_NONE;
}

void thread_wake(struct thread *t, int64_t ret)
{
	if (t->state != T_BLOCKED)
		return;
	wait_clear(t);
	thread_set_ret(t, ret);
	sched_ready(t, true);
}

void thread_abort(struct thread *t, int64_t ret)
{
	if (t->state != T_BLOCKED)
		return;
	ipc_abort(t);
	thread_wake(t, ret);
}

void thread_kill(struct thread *t)
{
	struct process *p = t->proc;

	if (t->state == T_DEAD)
		return;
	if (t->state == T_BLOCKED)
		ipc_abort(t);
	wait_clear(t);
	sched_remove(t);
	t->state = T_DEAD;
	arch_thread_destroy(t->arch);
	t->arch = NULL;
	list_remove(&t->proc_link);
	p->nthreads--;
	trace_event("thread %u.%u dead", p->pid, t->tid);
	kobj_release(&t->obj);
}

static void thread_destroy(struct kobj *o)
{
	struct thread *t = container_of(o, struct thread, obj);

	kobj_release(&t->proc->obj);
	kfree(t);
}

const struct kobj_ops thread_ops = { .destroy = thread_destroy };
