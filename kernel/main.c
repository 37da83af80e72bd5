/*
 * The kernel's entry point and its one loop.
 *
 * kernel_main sets up the heap, starts the first process from the boot
 * image (handing it the boot archive as handle 0), then loops forever:
 * pick the next thread, let the machine run it until it traps, handle the
 * trap, expire timers. The machine stops when the first process ends.
 */
#include <arch.h>

#include "ipc.h"
#include "lib.h"
#include "spawn.h"
#include "syscall.h"
#include "trace.h"

static _Noreturn void boot_fail(const char *what, int rc)
{
	kprintf("ferrite: cannot start the first process: %s (error %d)\n", what, -rc);
	arch_halt(1);
}

static struct memobj *boot_archive(const struct boot_info *b)
{
	struct memobj *mo = memobj_create(b->bootfs_size ? b->bootfs_size : PAGE_SIZE);

	if (!mo)
		boot_fail("no memory for the boot archive", -FE_ENOMEM);
	for (uint64_t off = 0; off < b->bootfs_size; off += PAGE_SIZE)
		kmemcpy(arch_mem_ptr(mo->mem, off), (const char *)b->bootfs + off,
		        MIN(PAGE_SIZE, b->bootfs_size - off));
	return mo;
}

static int check_boot_args(const struct boot_info *b)
{
	uint32_t n = 0;

	for (uint64_t i = 0; i < b->init_args_len; i++)
		n += b->init_args[i] == '\0';
	return b->init_argc && n == b->init_argc && b->init_args[b->init_args_len - 1] == '\0'
	               ? 0
	               : -FE_EINVAL;
}

static void start_init(const struct boot_info *b)
{
	struct image im = { NULL, 0, b->init_image, b->init_size };
	struct memobj *bootfs = boot_archive(b);
	struct cap cap = { &bootfs->obj, FE_RIGHT_READ | FE_RIGHT_DUP | FE_RIGHT_TRANSFER };
	int rc = 0;

	if (check_boot_args(b) < 0)
		boot_fail("bad arguments", -FE_EINVAL);
	if (!spawn(&im, b->init_args, b->init_args_len, b->init_argc, &cap, 1, FE_PRIO_DEFAULT,
	           &rc))
		boot_fail("bad image", rc);
	kobj_release(&bootfs->obj);
}

static void handle_trap(struct thread *t, const struct trap *tr)
{
	switch (tr->kind) {
	case TRAP_SYSCALL:
		syscall_dispatch(t, tr->nr, tr->args);
		break;
	case TRAP_FAULT:
		trace_event("%u.%u fault kind %u code %d", t->proc->pid, t->tid, tr->exit.kind,
		            tr->exit.code);
		process_kill(t->proc, &tr->exit);
		break;
	case TRAP_TIMER:
	case TRAP_EVENT:
		break;
	}
	sched_requeue(t, false);
}

static void run(struct thread *t)
{
	struct trap tr;

	arch_timer_set(MIN(timer_next(), t->slice_end));
	kobj_retain(&t->obj);
	arch_run(t->arch, &tr);
	if (t->state == T_RUNNING)
		handle_trap(t, &tr);
	kobj_release(&t->obj);
}

_Noreturn void kernel_main(const struct boot_info *b)
{
	kmem_init(b->heap, b->heap_size);
	random_seed(b->seed);
	trace_on = b->trace;
	console_init(b->console_tty);
	trace_event("boot seed %llu", (unsigned long long)b->seed);
	start_init(b);
	for (;;) {
		struct thread *t = sched_pick();

		if (t) {
			run(t);
		} else {
			arch_timer_set(timer_next());
			arch_idle();
		}
		timer_expire(arch_time_now());
	}
}

void kernel_as_died(struct arch_as *as, const struct fe_exit *why)
{
	struct process *p = process_by_as(as);

	if (p)
		process_kill(p, why);
}
