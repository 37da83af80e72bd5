/*
 * System calls for processes and threads: spawn, wait, kill, exit, threads.
 */
#include "fd.h"
#include "lib.h"
#include "spawn.h"
#include "syscall.h"

/* argv: argc NUL-terminated strings filling exactly args_len bytes. */
static int check_args(const char *args, uint64_t len, uint32_t argc)
{
	uint32_t n = 0;

	if (len && args[len - 1] != '\0')
		return -FE_EINVAL;
	for (uint64_t i = 0; i < len; i++)
		n += args[i] == '\0';
	return n == argc ? 0 : -FE_EINVAL;
}

static int spawn_caps(struct thread *t, const struct fe_spawn *sa, struct cap *caps)
{
	for (uint32_t i = 0; i < sa->nhandles; i++) {
		int rc = cap_get(&t->proc->caps, sa->handles[i], FE_OBJ_NONE, FE_RIGHT_TRANSFER,
		                 &caps[i]);

		if (rc < 0)
			return rc;
	}
	return 0;
}

int spawn_decode(struct thread *t, const uint64_t *a, struct fe_spawn *sa, char **args,
                 struct cap *caps)
{
	int rc;

	if (a[1] == 0 || a[1] > IMAGE_MAX)
		return -FE_EINVAL;
	if (vm_check(&t->proc->vm, a[0], a[1], FE_PROT_READ) < 0 ||
	    vm_copy_in(&t->proc->vm, sa, a[2], sizeof(*sa)) < 0)
		return -FE_EFAULT;
	if (sa->args_len > FE_SPAWN_MAX_ARGS || sa->nhandles > FE_SPAWN_MAX_HANDLES ||
	    sa->priority > FE_PRIO_MAX || sa->argc == 0 ||
	    (sa->flags & ~(FE_SPAWN_FDS | FE_SPAWN_GRANTS)))
		return -FE_EINVAL;
	rc = spawn_caps(t, sa, caps);
	if (rc < 0)
		return rc;
	*args = kzalloc(sa->args_len + 1);
	if (!*args)
		return -FE_ENOMEM;
	rc = vm_copy_in(&t->proc->vm, *args, (uint64_t)sa->args, sa->args_len);
	if (rc == 0)
		rc = check_args(*args, sa->args_len, sa->argc);
	return rc;
}

/* The child's grants: the parent's, or the narrower list it asked for. */
static int spawn_grants(struct thread *t, struct process *child, const struct fe_spawn *sa)
{
	struct fe_grant want[FE_SPAWN_MAX_GRANTS];
	int rc;

	if (!(sa->flags & FE_SPAWN_GRANTS))
		return grants_copy(&child->grants, &t->proc->grants);
	if (sa->ngrants > FE_SPAWN_MAX_GRANTS)
		return -FE_EINVAL;
	if (vm_copy_in(&t->proc->vm, want, (uint64_t)sa->grants, sa->ngrants * sizeof(*want)) < 0)
		return -FE_EFAULT;
	rc = grants_narrow(&child->grants, &t->proc->grants, want, sa->ngrants);
	if (rc == -FE_EACCES)
		grants_report_missing(t->proc, want, sa->ngrants);
	return rc;
}

int64_t sys_proc_spawn(struct thread *t, const uint64_t *a)
{
	struct cap caps[FE_SPAWN_MAX_HANDLES];
	struct image im = { &t->proc->vm, a[0], NULL, a[1] };
	struct fe_spawn sa;
	struct process *p;
	char *args = NULL;
	int rc = spawn_decode(t, a, &sa, &args, caps);

	if (rc == 0)
		rc = cap_reserve(&t->proc->caps, 1); /* for the child's handle */
	if (rc == 0) {
		p = spawn(&im, args, sa.args_len, sa.argc, caps, sa.nhandles,
		          sa.priority ? sa.priority : t->prio, &rc);
		if (p)
			rc = spawn_grants(t, p, &sa);
		if (p && rc == 0 && (sa.flags & FE_SPAWN_FDS))
			rc = fd_table_inherit(&p->fds, &t->proc->fds);
		if (p && rc < 0)
			process_discard(p);
		else if (p)
			rc = cap_install(&t->proc->caps, &p->obj, PROC_HANDLE_RIGHTS);
		if (p && rc >= 0)
			p->parent = t->proc->pid;
	}
	kfree(args);
	return rc;
}

static struct process *proc_arg(struct thread *t, uint64_t h, uint32_t right, int *rc)
{
	struct cap c;

	*rc = h > INT32_MAX ? -FE_EBADF
	                    : cap_get(&t->proc->caps, (fe_handle_t)h, FE_OBJ_PROCESS, right, &c);
	return *rc < 0 ? NULL : container_of(c.obj, struct process, obj);
}

int64_t sys_proc_wait(struct thread *t, const uint64_t *a)
{
	int rc;
	struct process *p = proc_arg(t, a[0], FE_RIGHT_WAIT, &rc);
	int64_t timeout = timeout_arg(a[2]);

	if (!p)
		return rc;
	rc = vm_check(&t->proc->vm, a[1], sizeof(struct fe_exit), FE_PROT_WRITE);
	if (rc < 0)
		return rc;
	if (p->dead)
		return vm_copy_out(&t->proc->vm, a[1], &p->exit, sizeof(p->exit));
	if (p == t->proc)
		return -FE_EINVAL; /* would wait forever */
	if (timeout == 0)
		return -FE_ETIMEDOUT;
	t->out_uaddr = a[1];
	thread_block(t, W_PROC, &p->obj, &p->waiters, timeout);
	return SYSCALL_BLOCKED;
}

int64_t sys_proc_kill(struct thread *t, const uint64_t *a)
{
	int rc;
	struct process *p = proc_arg(t, a[0], FE_RIGHT_KILL, &rc);
	struct fe_exit why = { .kind = FE_EXIT_KILLED };

	if (!p)
		return rc;
	if (p->dead)
		return -FE_ESRCH;
	process_kill(p, &why);
	return p == t->proc ? SYSCALL_BLOCKED : 0;
}

int64_t sys_thread_create(struct thread *t, const uint64_t *a)
{
	struct thread *nt;
	fe_handle_t h;
	int rc;

	if (a[0] < t->proc->vm.lo || a[0] >= t->proc->vm.hi || a[1] < t->proc->vm.lo ||
	    a[1] > t->proc->vm.hi)
		return -FE_EINVAL;
	rc = cap_reserve(&t->proc->caps, 1);
	if (rc < 0)
		return rc;
	nt = thread_create(t->proc, a[0], a[1], a[2], t->prio);
	if (!nt)
		return -FE_ENOMEM;
	h = cap_install(&t->proc->caps, &nt->obj, FE_RIGHT_DUP | FE_RIGHT_TRANSFER);
	return h;
}
