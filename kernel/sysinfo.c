/*
 * FE_SYS_SYSINFO: what the system knows about itself, for the sys: scheme,
 * ps and isatty. Read-only; it reveals names and sizes, no addresses.
 */
#include "lib.h"
#include "syscall.h"

#define MAX_PROCS 256

static int64_t info_procs(struct thread *t, uint64_t buf, uint64_t len)
{
	uint64_t max = MIN(len / sizeof(struct fe_procinfo), MAX_PROCS);
	struct fe_procinfo *list;
	uint32_t n;
	int rc;

	if (vm_check(&t->proc->vm, buf, max * sizeof(*list), FE_PROT_WRITE) < 0)
		return -FE_EFAULT;
	list = kzalloc(MAX_PROCS * sizeof(*list));
	if (!list)
		return -FE_ENOMEM;
	n = process_list(list, (uint32_t)max);
	rc = vm_copy_out(&t->proc->vm, buf, list, MIN(n, max) * sizeof(*list));
	kfree(list);
	return rc < 0 ? (int64_t)rc : (int64_t)n;
}

static int64_t info_memory(struct thread *t, uint64_t buf, uint64_t len)
{
	struct fe_meminfo m = { 0 };
	uint32_t n;
	struct fe_procinfo *list;

	if (len < sizeof(m))
		return -FE_EINVAL;
	kmem_stats(&m.kernel_heap_used, &m.kernel_heap_size);
	list = kzalloc(MAX_PROCS * sizeof(*list));
	if (!list)
		return -FE_ENOMEM;
	n = process_list(list, MAX_PROCS);
	for (uint32_t i = 0; i < MIN(n, MAX_PROCS); i++)
		m.user_mapped += list[i].memory;
	kfree(list);
	return vm_copy_out(&t->proc->vm, buf, &m, sizeof(m));
}

int64_t sys_sysinfo(struct thread *t, const uint64_t *a)
{
	switch (a[0]) {
	case FE_INFO_CONSOLE:
		return console_tty() ? FE_CONSOLE_TTY : 0;
	case FE_INFO_PROCS:
		return info_procs(t, a[1], a[2]);
	case FE_INFO_MEMORY:
		return info_memory(t, a[1], a[2]);
	default:
		return -FE_EINVAL;
	}
}
