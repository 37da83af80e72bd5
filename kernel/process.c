/*
 * Processes: creation, death and the zombie that remembers how they ended.
 *
 * Death is one path whatever the cause (exit, kill, fault, sandbox
 * violation, the host killing the sim process): threads first, so that
 * their waits are undone; then handles, so that servers' pending replies
 * fail their callers with -FE_ECONNRESET; then memory; then the waiters
 * learn the exit, and the parent gets SIGCHLD. The first process is the system: when it ends, the
 * machine stops with its status.
 */
#include "fd.h"
#include "lib.h"
#include "proc.h"
#include "trace.h"

static struct list all_procs = LIST_INIT(all_procs);
static uint32_t next_pid = 1;
static uint32_t nprocs;

struct process *process_create(const char *name)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	kobj_init(&p->obj, FE_OBJ_PROCESS); /* the reference of all_procs */
	p->pid = next_pid++;
	p->pgid = p->sid = p->pid; /* a new session; fork puts the child in its parent's */
	p->start_ns = arch_time_now();
	kmemcpy(p->name, name, kstrnlen(name, sizeof(p->name) - 1));
	list_init(&p->threads);
	list_init(&p->waiters);
	cap_table_init(&p->caps);
	fd_table_init(&p->fds);
	grants_init_all(&p->grants);
	if (vm_init(&p->vm) < 0) {
		kfree(p);
		return NULL;
	}
	list_push_back(&all_procs, &p->all_link);
	nprocs++;
	trace_event("process %u '%s' created", p->pid, p->name);
	return p;
}

struct process *process_find(uint32_t pid)
{
	struct list *it;

	list_for_each(it, &all_procs) {
		struct process *p = list_entry(it, struct process, all_link);

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

void process_each(bool (*fn)(struct process *p, void *arg), void *arg)
{
	struct list *it, *next;

	for (it = all_procs.next; it != &all_procs; it = next) {
		next = it->next;
		if (!fn(list_entry(it, struct process, all_link), arg))
			return;
	}
}

struct process *process_by_as(const struct arch_as *as)
{
	struct list *it;

	list_for_each(it, &all_procs) {
		struct process *p = list_entry(it, struct process, all_link);

		if (p->vm.as == as)
			return p;
	}
	return NULL;
}

static uint32_t state_of(const struct process *p)
{
	struct list *it;

	list_for_each(it, &p->threads) {
		const struct thread *t = list_entry(it, struct thread, proc_link);

		if (t->state == T_READY || t->state == T_RUNNING)
			return FE_PROC_RUNNING;
	}
	return FE_PROC_BLOCKED;
}

uint32_t process_list(struct fe_procinfo *out, uint32_t max)
{
	uint32_t n = 0;
	struct list *it;

	list_for_each(it, &all_procs) {
		const struct process *p = list_entry(it, struct process, all_link);

		if (n < max) {
			out[n] = (struct fe_procinfo){ .pid = p->pid,
				                       .parent = p->parent,
				                       .threads = p->nthreads,
				                       .state = state_of(p),
				                       .memory = p->vm.mapped,
				                       .start_ns = p->start_ns };
			kmemcpy(out[n].name, p->name, sizeof(out[n].name));
		}
		n++;
	}
	return n;
}

unsigned kernel_processes(struct kernel_proc_view *out, unsigned max)
{
	unsigned n = 0;
	struct list *it;

	list_for_each(it, &all_procs) {
		const struct process *p = list_entry(it, struct process, all_link);

		if (n == max)
			break;
		if (p->dead || !p->vm.as)
			continue;
		out[n] = (struct kernel_proc_view){ .as = p->vm.as,
			                            .pid = p->pid,
			                            .server = p->server };
		kmemcpy(out[n].name, p->name, sizeof(out[n].name));
		n++;
	}
	return n;
}

uint32_t process_count(void)
{
	return nprocs;
}

static void report(const struct process *p, const struct fe_exit *e)
{
	static const char *const faults[] = { "?",
		                              "page fault",
		                              "illegal instruction",
		                              "arithmetic fault",
		                              "invalid system call",
		                              "fault" };

	switch (e->kind) {
	case FE_EXIT_KILLED:
		kprintf("ferrite: process %u '%s' killed%s\n", p->pid, p->name,
		        e->code ? " from outside" : "");
		break;
	case FE_EXIT_FAULT:
		kprintf("ferrite: process %u '%s' killed: %s at %llx (ip %llx)\n", p->pid, p->name,
		        faults[e->code > 0 && e->code <= 5 ? e->code : 5],
		        (unsigned long long)e->addr, (unsigned long long)e->ip);
		break;
	case FE_EXIT_SANDBOX:
		kprintf("ferrite: process %u '%s' killed: forbidden host call %d at %llx\n", p->pid,
		        p->name, e->code, (unsigned long long)e->addr);
		break;
	default:
		break;
	}
}

static void wake_waiters(struct process *p)
{
	while (!list_empty(&p->waiters)) {
		struct thread *w = list_entry(p->waiters.next, struct thread, wait_link);
		int rc = vm_copy_out(&w->proc->vm, w->out_uaddr, &p->exit, sizeof(p->exit));

		thread_wake(w, rc);
	}
}

static int exit_status(const struct fe_exit *e)
{
	return e->kind == FE_EXIT_NORMAL ? (e->code & 0xff) : 128 + (e->code & 0x7f);
}

void process_kill(struct process *p, const struct fe_exit *why)
{
	struct process *parent;

	if (p->dead)
		return;
	p->dead = true;
	p->exit = *why;
	trace_event("process %u exit kind %u code %d", p->pid, why->kind, why->code);
	if (!p->quiet)
		report(p, why);
	while (!list_empty(&p->threads))
		thread_kill(list_entry(p->threads.next, struct thread, proc_link));
	fd_table_destroy(&p->fds);
	grants_destroy(&p->grants);
	cap_table_destroy(&p->caps);
	vm_destroy(&p->vm);
	wake_waiters(p);
	list_remove(&p->all_link);
	nprocs--;
	parent = process_find(p->parent);
	if (parent && !p->quiet)
		signal_post(parent, FE_SIGCHLD);
	if (p->pid == 1 && !p->quiet)
		arch_halt(exit_status(why));
	kobj_release(&p->obj);
}

void process_exit(struct process *p, int status)
{
	struct fe_exit e = { .kind = FE_EXIT_NORMAL, .code = status };

	process_kill(p, &e);
}

void process_discard(struct process *p)
{
	p->quiet = true;
	process_exit(p, 0);
}

void process_last_thread_gone(struct process *p)
{
	process_exit(p, 0);
}

static void process_destroy(struct kobj *o)
{
	struct process *p = container_of(o, struct process, obj);

	kfree(p);
}

const struct kobj_ops process_ops = { .destroy = process_destroy };
