/*
 * Address spaces: mapping bookkeeping and checked access to user memory.
 *
 * Mappings are kept in a sorted list; processes have tens of them, so a
 * list is both simple and fast enough. Cutting a mapping in two (unmapping
 * its middle) makes two mappings sharing one memory object, each with its
 * own reference.
 */
#include "vm.h"

#include "lib.h"

int vm_init(struct vm *vm)
{
	list_init(&vm->vmas);
	vm->nvmas = 0;
	vm->mapped = 0;
	vm->found = NULL;
	arch_user_range(&vm->lo, &vm->hi);
	vm->as = arch_as_create();
	return vm->as ? 0 : -FE_ENOMEM;
}

static void vma_free(struct vm *vm, struct vma *v)
{
	list_remove(&v->link);
	vm->found = NULL;
	vm->mapped -= v->end - v->start;
	kobj_release(&v->mo->obj);
	kfree(v);
	vm->nvmas--;
}

void vm_destroy(struct vm *vm)
{
	struct list *it, *nx;

	/* The address space goes first: arch_mem_destroy wants unmapped memory. */
	if (vm->as)
		arch_as_destroy(vm->as);
	vm->as = NULL;
	list_for_each_safe(it, nx, &vm->vmas)
		vma_free(vm, list_entry(it, struct vma, link));
}

static bool range_ok(const struct vm *vm, uint64_t addr, uint64_t len)
{
	return len && addr >= vm->lo && addr < vm->hi && len <= vm->hi - addr;
}

/* The first mapping that ends after addr, or the list head. */
static struct list *first_after(struct vm *vm, uint64_t addr)
{
	struct list *it;

	list_for_each(it, &vm->vmas)
		if (list_entry(it, struct vma, link)->end > addr)
			return it;
	return &vm->vmas;
}

static bool range_free(struct vm *vm, uint64_t addr, uint64_t len)
{
	struct list *it = first_after(vm, addr);

	return it == &vm->vmas || list_entry(it, struct vma, link)->start >= addr + len;
}

/* Lowest gap of `len` bytes at or above the lowest address (deterministic). */
static int find_gap(struct vm *vm, uint64_t len, uint64_t *out)
{
	uint64_t cur = vm->lo;
	struct list *it;

	list_for_each(it, &vm->vmas) {
		struct vma *v = list_entry(it, struct vma, link);

		if (v->start >= cur && v->start - cur >= len)
			break;
		if (v->end > cur)
			cur = v->end;
	}
	if (cur >= vm->hi || vm->hi - cur < len)
		return -FE_ENOMEM;
	*out = cur;
	return 0;
}

int vm_map(struct vm *vm, uint64_t *addr, uint64_t len, struct memobj *mo, uint64_t off,
           unsigned prot)
{
	struct vma *v;
	int rc;

	if (!PAGE_ALIGNED(*addr) || !PAGE_ALIGNED(len) || !PAGE_ALIGNED(off) || len == 0 ||
	    off > mo->size || len > mo->size - off || (prot & ~7u))
		return -FE_EINVAL;
	if (vm->nvmas >= VM_MAX_VMAS)
		return -FE_ENOMEM;
	if (*addr == 0) {
		rc = find_gap(vm, len, addr);
		if (rc < 0)
			return rc;
	} else if (!range_ok(vm, *addr, len)) {
		return -FE_EINVAL;
	} else if (!range_free(vm, *addr, len)) {
		return -FE_EBUSY;
	}
	v = kzalloc(sizeof(*v));
	if (!v)
		return -FE_ENOMEM;
	rc = arch_as_map(vm->as, *addr, mo->mem, off, len, prot);
	if (rc < 0) {
		kfree(v);
		return rc;
	}
	*v = (struct vma){ .start = *addr, .end = *addr + len, .mo = mo, .off = off, .prot = prot };
	kobj_retain(&mo->obj);
	list_insert_before(first_after(vm, *addr), &v->link);
	vm->nvmas++;
	vm->mapped += len;
	return 0;
}

/* Split v at `at` (strictly inside it); the new upper half follows v. */
static int vma_split(struct vm *vm, struct vma *v, uint64_t at)
{
	struct vma *hi = kzalloc(sizeof(*hi));

	if (!hi)
		return -FE_ENOMEM;
	*hi = *v;
	hi->start = at;
	hi->off = v->off + (at - v->start);
	v->end = at;
	vm->found = NULL;
	kobj_retain(&hi->mo->obj);
	list_insert_before(v->link.next, &hi->link);
	vm->nvmas++;
	return 0;
}

int vm_unmap(struct vm *vm, uint64_t addr, uint64_t len)
{
	struct list *it, *nx;
	uint64_t end;

	if (!PAGE_ALIGNED(addr) || !PAGE_ALIGNED(len) || !range_ok(vm, addr, len))
		return -FE_EINVAL;
	end = addr + len;
	list_for_each_safe(it, nx, &vm->vmas) {
		struct vma *v = list_entry(it, struct vma, link);

		if (v->end <= addr || v->start >= end)
			continue;
		if (v->start < addr && vma_split(vm, v, addr) < 0)
			return -FE_ENOMEM;
		if (v->start < addr) {
			nx = v->link.next; /* the upper half is handled next */
			continue;
		}
		if (v->end > end && vma_split(vm, v, end) < 0)
			return -FE_ENOMEM;
		arch_as_unmap(vm->as, v->start, v->end - v->start);
		nx = v->link.next;
		vma_free(vm, v);
	}
	return 0;
}

/* The mapping holding addr, or NULL. IPC touches the same few mappings over
 * and over, so the last one found is tried first. */
static struct vma *vma_find(struct vm *vm, uint64_t addr)
{
	struct vma *v = vm->found;
	struct list *it;

	if (v && v->start <= addr && addr < v->end)
		return v;
	it = first_after(vm, addr);
	if (it == &vm->vmas)
		return NULL;
	v = list_entry(it, struct vma, link);
	if (v->start > addr)
		return NULL;
	vm->found = v;
	return v;
}

int vm_check(struct vm *vm, uint64_t addr, uint64_t len, unsigned prot)
{
	uint64_t end;

	if (len == 0)
		return 0;
	if (!range_ok(vm, addr, len))
		return -FE_EFAULT;
	end = addr + len;
	while (addr < end) {
		struct vma *v = vma_find(vm, addr);

		if (!v || (v->prot & prot) != prot)
			return -FE_EFAULT;
		addr = v->end;
	}
	return 0;
}

/* A kernel pointer to user byte `addr` and how many bytes follow it in the
 * same page, or NULL. The mapping must allow `prot`. */
static char *user_ptr(struct vm *vm, uint64_t addr, unsigned prot, uint64_t *avail)
{
	struct vma *v = vma_find(vm, addr);
	uint64_t off;

	if (!v || (v->prot & prot) != prot)
		return NULL;
	off = v->off + (addr - v->start);
	*avail = PAGE_SIZE - (off & (PAGE_SIZE - 1));
	return arch_mem_ptr(v->mo->mem, off);
}

void vm_read(struct vm *vm, void *dst, uint64_t src, uint64_t len)
{
	char *d = dst;

	while (len) {
		uint64_t n;
		char *p = user_ptr(vm, src, FE_PROT_READ, &n);

		n = MIN(n, len);
		kmemcpy(d, p, n);
		d += n;
		src += n;
		len -= n;
	}
}

void vm_write(struct vm *vm, uint64_t dst, const void *src, uint64_t len)
{
	const char *s = src;

	while (len) {
		uint64_t n;
		char *p = user_ptr(vm, dst, FE_PROT_WRITE, &n);

		n = MIN(n, len);
		kmemcpy(p, s, n);
		s += n;
		dst += n;
		len -= n;
	}
}

void *vm_window(struct vm *vm, uint64_t addr, uint64_t len, unsigned prot)
{
	uint64_t avail;
	char *p;

	if (addr % 8 || !range_ok(vm, addr, len))
		return NULL;
	p = user_ptr(vm, addr, prot, &avail);
	return p && avail >= len ? p : NULL;
}

int vm_copy_in(struct vm *vm, void *dst, uint64_t src, uint64_t len)
{
	int rc = vm_check(vm, src, len, FE_PROT_READ);

	if (rc == 0)
		vm_read(vm, dst, src, len);
	return rc;
}

int vm_copy_out(struct vm *vm, uint64_t dst, const void *src, uint64_t len)
{
	int rc = vm_check(vm, dst, len, FE_PROT_WRITE);

	if (rc == 0)
		vm_write(vm, dst, src, len);
	return rc;
}

int vm_copy(struct vm *dvm, uint64_t dst, struct vm *svm, uint64_t src, uint64_t len)
{
	int rc;

	if (len == 0)
		return 0; /* most messages have no body */
	rc = vm_check(svm, src, len, FE_PROT_READ);

	if (rc == 0)
		rc = vm_check(dvm, dst, len, FE_PROT_WRITE);
	while (rc == 0 && len) {
		uint64_t ns, nd;
		char *s = user_ptr(svm, src, FE_PROT_READ, &ns);
		char *d = user_ptr(dvm, dst, FE_PROT_WRITE, &nd);
		uint64_t n = MIN(MIN(ns, nd), len);

		kmemcpy(d, s, n);
		src += n;
		dst += n;
		len -= n;
	}
	return rc;
}

static bool page_is_zero(const void *page)
{
	const uint64_t *w = page;

	for (uint64_t i = 0; i < PAGE_SIZE / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

/*
 * A private copy of the part of v's object that v maps. Pages of zeros
 * (most of a stack, a fresh heap) are not written: the new object is
 * zero-filled already, and a page never written costs the machine nothing.
 */
static struct memobj *vma_copy(const struct vma *v)
{
	uint64_t len = v->end - v->start;
	struct memobj *mo = memobj_create(len);

	if (!mo)
		return NULL;
	for (uint64_t off = 0; off < len; off += PAGE_SIZE) {
		const void *src = arch_mem_ptr(v->mo->mem, v->off + off);

		if (!page_is_zero(src))
			kmemcpy(arch_mem_ptr(mo->mem, off), src, PAGE_SIZE);
	}
	return mo;
}

int vm_fork(struct vm *dst, struct vm *src)
{
	struct list *it;

	list_for_each(it, &src->vmas) {
		struct vma *v = list_entry(it, struct vma, link);
		struct memobj *mo = v->mo->named ? v->mo : vma_copy(v);
		uint64_t start = v->start;
		int rc;

		if (!mo)
			return -FE_ENOMEM;
		if (mo == v->mo)
			kobj_retain(&mo->obj);
		rc = vm_map(dst, &start, v->end - v->start, mo, mo == v->mo ? v->off : 0, v->prot);
		kobj_release(&mo->obj);
		if (rc < 0)
			return rc;
	}
	return 0;
}

void vm_move(struct vm *dst, struct vm *src)
{
	*dst = *src;
	if (list_empty(&src->vmas)) {
		list_init(&dst->vmas);
	} else {
		dst->vmas.next->prev = &dst->vmas;
		dst->vmas.prev->next = &dst->vmas;
	}
	list_init(&src->vmas);
	src->as = NULL;
	src->nvmas = 0;
	src->mapped = 0;
	src->found = NULL;
}
