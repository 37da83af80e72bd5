/*
 * System calls about time, handles, the console and the calling thread.
 */
#include "lib.h"
#include "syscall.h"

#define DEBUG_WRITE_MAX 4096

int64_t sys_debug_write(struct thread *t, const uint64_t *a)
{
	char buf[256];
	uint64_t done = 0, len = a[1];

	if (len > DEBUG_WRITE_MAX)
		return -FE_EINVAL;
	if (vm_check(&t->proc->vm, a[0], len, FE_PROT_READ) < 0)
		return -FE_EFAULT;
	while (done < len) {
		uint64_t n = MIN(len - done, sizeof(buf));

		vm_copy_in(&t->proc->vm, buf, a[0] + done, n);
		arch_console_write(buf, n);
		done += n;
	}
	return (int64_t)len;
}

int64_t sys_proc_exit(struct thread *t, const uint64_t *a)
{
	process_exit(t->proc, (int)a[0]);
	return SYSCALL_BLOCKED;
}

int64_t sys_thread_exit(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc;

	if (p->nthreads == 1) {
		process_last_thread_gone(p);
		return SYSCALL_BLOCKED;
	}
	thread_kill(t);
	return SYSCALL_BLOCKED;
}

int64_t sys_yield(struct thread *t, const uint64_t *a)
{
	thread_set_ret(t, 0);
	sched_requeue(t, true);
	return SYSCALL_BLOCKED;
}

int64_t sys_clock(struct thread *t, const uint64_t *a)
{
	return (int64_t)arch_time_now();
}

int64_t sys_sleep(struct thread *t, const uint64_t *a)
{
	int64_t ns = (int64_t)a[0];

	if (ns < 0)
		return -FE_EINVAL;
	if (ns == 0)
		return 0;
	thread_block(t, W_SLEEP, NULL, NULL, ns);
	return SYSCALL_BLOCKED;
}

int64_t sys_handle_close(struct thread *t, const uint64_t *a)
{
	if (a[0] > INT32_MAX)
		return -FE_EBADF;
	return cap_close(&t->proc->caps, (fe_handle_t)a[0]);
}

int64_t sys_handle_dup(struct thread *t, const uint64_t *a)
{
	struct cap c;
	uint32_t rights = (uint32_t)a[1];
	int rc;

	if (a[0] > INT32_MAX || a[1] > FE_RIGHTS_ALL)
		return a[0] > INT32_MAX ? -FE_EBADF : -FE_EINVAL;
	rc = cap_get(&t->proc->caps, (fe_handle_t)a[0], FE_OBJ_NONE, FE_RIGHT_DUP, &c);
	if (rc < 0)
		return rc;
	if ((rights & c.rights) != rights)
		return -FE_EACCES;
	return cap_install(&t->proc->caps, c.obj, rights);
}

int64_t sys_handle_info(struct thread *t, const uint64_t *a)
{
	struct fe_handle_info info;
	struct cap c;
	int rc;

	if (a[0] > INT32_MAX)
		return -FE_EBADF;
	rc = cap_get(&t->proc->caps, (fe_handle_t)a[0], FE_OBJ_NONE, 0, &c);
	if (rc < 0)
		return rc;
	info = (struct fe_handle_info){ .type = c.obj->type,
		                        .rights = c.rights,
		                        .koid = c.obj->koid };
	if (c.obj->type == FE_OBJ_PROCESS)
		info.pid = container_of(c.obj, struct process, obj)->pid;
	return vm_copy_out(&t->proc->vm, a[1], &info, sizeof(info));
}

int64_t sys_getpid(struct thread *t, const uint64_t *a)
{
	return t->proc->pid;
}

int64_t sys_set_priority(struct thread *t, const uint64_t *a)
{
	if (a[0] > FE_PRIO_MAX)
		return -FE_EINVAL;
	t->prio = (uint32_t)a[0];
	return 0;
}

int64_t sys_random(struct thread *t, const uint64_t *a)
{
	uint64_t len = a[1], done = 0;

	if (len > DEBUG_WRITE_MAX)
		return -FE_EINVAL;
	if (vm_check(&t->proc->vm, a[0], len, FE_PROT_WRITE) < 0)
		return -FE_EFAULT;
	while (done < len) {
		uint64_t r = random_next();
		uint64_t n = MIN(len - done, sizeof(r));

		vm_copy_out(&t->proc->vm, a[0] + done, &r, n);
		done += n;
	}
	return (int64_t)len;
}
