/*
 * System calls for memory: anonymous mappings and memory objects.
 */
#include "lib.h"
#include "syscall.h"

int64_t sys_mem_map(struct thread *t, const uint64_t *a)
{
	uint64_t addr = a[0], len;
	struct memobj *mo;
	int rc;

	if (a[1] == 0 || a[1] > MEMOBJ_MAX_SIZE || !page_round_up(a[1], &len) ||
	    !PAGE_ALIGNED(addr) || a[2] & ~7ull)
		return -FE_EINVAL;
	mo = memobj_create(len);
	if (!mo)
		return -FE_ENOMEM;
	rc = vm_map(&t->proc->vm, &addr, len, mo, 0, (unsigned)a[2]);
	kobj_release(&mo->obj);
	return rc < 0 ? rc : (int64_t)addr;
}

int64_t sys_mem_unmap(struct thread *t, const uint64_t *a)
{
	return vm_unmap(&t->proc->vm, a[0], a[1]);
}

int64_t sys_memobj_create(struct thread *t, const uint64_t *a)
{
	struct memobj *mo;
	fe_handle_t h;
	int rc;

	if (a[0] == 0 || a[0] > MEMOBJ_MAX_SIZE)
		return -FE_EINVAL;
	rc = cap_reserve(&t->proc->caps, 1);
	if (rc < 0)
		return rc;
	mo = memobj_create(a[0]);
	if (!mo)
		return -FE_ENOMEM;
	mo->named = true;
	h = cap_install(&t->proc->caps, &mo->obj,
	                FE_RIGHT_DUP | FE_RIGHT_TRANSFER | FE_RIGHT_READ | FE_RIGHT_WRITE |
	                        FE_RIGHT_EXEC);
	kobj_release(&mo->obj);
	return h;
}

static uint32_t rights_for(unsigned prot)
{
	return (prot & FE_PROT_READ ? FE_RIGHT_READ : 0) |
	       (prot & FE_PROT_WRITE ? FE_RIGHT_WRITE : 0) |
	       (prot & FE_PROT_EXEC ? FE_RIGHT_EXEC : 0);
}

int64_t sys_memobj_map(struct thread *t, const uint64_t *a)
{
	uint64_t addr = a[1];
	struct cap c;
	int rc;

	if (a[3] & ~7ull)
		return -FE_EINVAL;
	if (a[0] > INT32_MAX)
		return -FE_EBADF;
	rc = cap_get(&t->proc->caps, (fe_handle_t)a[0], FE_OBJ_MEMOBJ, rights_for((unsigned)a[3]),
	             &c);
	if (rc < 0)
		return rc;
	rc = vm_map(&t->proc->vm, &addr, a[2], container_of(c.obj, struct memobj, obj), a[4],
	            (unsigned)a[3]);
	return rc < 0 ? rc : (int64_t)addr;
}
