/*
 * fork and exec, with their POSIX meanings.
 *
 * fork makes a process with a copy of the caller's memory (memory objects
 * with a handle are shared instead, as MAP_SHARED memory is), every handle
 * and every descriptor, and one thread: a copy of the caller, for which the
 * call returns 0. The copy is eager, not copy-on-write.
 *
 * exec builds the new image in a fresh address space first, so a bad image
 * fails the call and leaves the caller untouched; then it commits: every
 * thread of the process ends, the old memory goes, descriptors marked
 * close-on-exec are closed, and one thread starts the new program. The pid,
 * the handles and the other descriptors stay.
 */
#include "fd.h"
#include "lib.h"
#include "spawn.h"
#include "syscall.h"

static int fork_copy(struct process *c, struct thread *t)
{
	struct process *p = t->proc;
	int rc = vm_fork(&c->vm, &p->vm);

	if (rc == 0)
		rc = cap_table_copy(&c->caps, &p->caps);
	if (rc == 0)
		rc = fd_table_copy(&c->fds, &p->fds);
	if (rc == 0)
		rc = grants_copy(&c->grants, &p->grants);
	if (rc == 0 && !thread_fork(c, t))
		rc = -FE_ENOMEM;
	return rc;
}

int64_t sys_fork(struct thread *t, const uint64_t *a)
{
	struct process *p = t->proc, *c;
	fe_handle_t h;
	int rc;

	if (vm_check(&p->vm, a[0], sizeof(h), FE_PROT_WRITE) < 0)
		return -FE_EFAULT;
	rc = cap_reserve(&p->caps, 1);
	if (rc < 0)
		return rc;
	c = process_create(p->name);
	if (!c)
		return -FE_ENOMEM;
	rc = fork_copy(c, t);
	if (rc < 0) {
		process_discard(c);
		return rc;
	}
	c->parent = p->pid;
	signal_fork(c, p);
	h = cap_install(&p->caps, &c->obj, PROC_HANDLE_RIGHTS);
	vm_copy_out(&p->vm, a[0], &h, sizeof(h));
	return c->pid;
}

/* Load the image into a new address space: nothing of p changes. */
static int exec_build(struct thread *t, const uint64_t *a, const char *args,
                      const struct fe_spawn *sa, struct vm *nvm, uint64_t *entry, uint64_t *sp)
{
	struct image im = { &t->proc->vm, a[0], NULL, a[1] };
	int rc = vm_init(nvm);

	if (rc == 0)
		rc = elf_load(nvm, &im, entry);
	if (rc == 0)
		rc = build_stack(nvm, args, sa->args_len, sa->argc, *entry, sp);
	if (rc < 0)
		vm_destroy(nvm);
	return rc;
}

static void exec_commit(struct process *p, struct vm *nvm, const char *args,
                        const struct fe_spawn *sa)
{
	const char *name = base_name(args, sa->args_len);

	while (!list_empty(&p->threads))
		thread_kill(list_entry(p->threads.next, struct thread, proc_link));
	vm_destroy(&p->vm);
	vm_move(&p->vm, nvm);
	fd_table_exec(&p->fds);
	signal_exec(p);
	kmemset(p->name, 0, sizeof(p->name));
	kmemcpy(p->name, name, kstrnlen(name, sizeof(p->name) - 1));
}

int64_t sys_exec(struct thread *t, const uint64_t *a)
{
	struct cap caps[FE_SPAWN_MAX_HANDLES];
	struct process *p = t->proc;
	uint32_t prio = t->prio;
	struct fe_spawn sa;
	uint64_t entry, sp;
	struct vm nvm;
	char *args = NULL;
	int rc = spawn_decode(t, a, &sa, &args, caps);

	if (rc == 0 && (sa.nhandles || sa.flags || sa.ngrants))
		rc = -FE_EINVAL;
	if (rc == 0)
		rc = exec_build(t, a, args, &sa, &nvm, &entry, &sp);
	if (rc < 0) {
		kfree(args);
		return rc;
	}
	exec_commit(p, &nvm, args, &sa);
	kfree(args);
	if (!thread_create(p, entry, sp, 0, sa.priority ? sa.priority : prio)) {
		struct fe_exit why = { .kind = FE_EXIT_KILLED };

		process_kill(p, &why);
	}
	return SYSCALL_BLOCKED;
}
