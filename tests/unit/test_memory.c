/*
 * Memory: anonymous mappings (placement, alignment, overlap, lengths,
 * protections), unmapping whole, part, the middle and nothing, memory
 * objects and their rights, offsets and lengths, sharing between
 * processes, and the kernel's checked copies to and from user memory.
 */
#include <string.h>

#include "harness.h"

#define RW (FE_PROT_READ | FE_PROT_WRITE)

static const struct vma *vma_at(struct process *p, uint64_t va)
{
	struct list *it;

	list_for_each(it, &p->vm.vmas) {
		const struct vma *v = list_entry(it, struct vma, link);

		if (v->start <= va && va < v->end)
			return v;
	}
	return NULL;
}

START_TEST(test_mem_map_at_zero_picks_the_lowest_free_range)
{
	struct thread *t = new_proc("p");
	const struct test_mapping *m;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, RW), TEST_USER_LO);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, 2 * FE_PAGE_SIZE, FE_PROT_READ),
	                 TEST_USER_LO + FE_PAGE_SIZE);
	m = arch_test_mapping_at(t->proc->vm.as, TEST_USER_LO + FE_PAGE_SIZE);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->va, TEST_USER_LO + FE_PAGE_SIZE);
	ck_assert_uint_eq(m->len, 2 * FE_PAGE_SIZE);
	ck_assert_uint_eq(m->prot, FE_PROT_READ);
	/* Too big for the hole below the scratch area: it goes above it. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, SCRATCH_BASE, RW), SCRATCH_BASE + SCRATCH_SIZE);
	/* A hole left by an unmap is found again. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, TEST_USER_LO, FE_PAGE_SIZE), 0);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, 1, RW), TEST_USER_LO);
}
END_TEST

START_TEST(test_mem_map_at_a_fixed_address)
{
	struct thread *t = new_proc("p");
	uint64_t va = 0x7000000000ull;
	unsigned calls = t->proc->vm.as->map_calls;
	const struct test_mapping *m;
	uint32_t word = 0xfeedface, back = 0;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, 3 * FE_PAGE_SIZE, RW), va);
	ck_assert_uint_eq(t->proc->vm.as->map_calls, calls + 1);
	m = arch_test_mapping_at(t->proc->vm.as, va + 2 * FE_PAGE_SIZE);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(m->va, va);
	ck_assert_uint_eq(m->prot, RW);
	ck_assert_ptr_null(arch_test_mapping_at(t->proc->vm.as, va + 3 * FE_PAGE_SIZE));
	/* Fresh memory is zero, and the kernel can use it. */
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, &back, va + 8190, 4), 0);
	ck_assert_uint_eq(back, 0);
	ck_assert_int_eq(vm_copy_out(&t->proc->vm, va + 8190, &word, 4), 0);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, &back, va + 8190, 4), 0);
	ck_assert_uint_eq(back, word);
	/* The highest page of the user range can be mapped, not one past it. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, TEST_USER_HI - FE_PAGE_SIZE, FE_PAGE_SIZE, RW),
	                 TEST_USER_HI - FE_PAGE_SIZE);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, TEST_USER_HI, FE_PAGE_SIZE, RW), -FE_EINVAL);
}
END_TEST

START_TEST(test_mem_map_bad_addresses_are_einval)
{
	struct thread *t = new_proc("p");
	uint32_t nvmas = (uint32_t)t->proc->vm.nvmas;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0x20001, FE_PAGE_SIZE, RW), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0x20800, FE_PAGE_SIZE, RW), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, TEST_USER_LO - FE_PAGE_SIZE, FE_PAGE_SIZE, RW),
	                 -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, TEST_USER_HI - FE_PAGE_SIZE, 2 * FE_PAGE_SIZE, RW),
	                 -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, UINT64_MAX & ~(FE_PAGE_SIZE - 1), FE_PAGE_SIZE, RW),
	                 -FE_EINVAL);
	ck_assert_uint_eq(t->proc->vm.nvmas, nvmas);
}
END_TEST

START_TEST(test_mem_map_over_a_mapping_is_ebusy)
{
	struct thread *t = new_proc("p");
	uint64_t va = 0x30000000;
	unsigned mems;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, 4 * FE_PAGE_SIZE, RW), va);
	mems = arch_test.live_mems;
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, FE_PAGE_SIZE, RW), -FE_EBUSY);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va + 3 * FE_PAGE_SIZE, 2 * FE_PAGE_SIZE, RW),
	                 -FE_EBUSY);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va - FE_PAGE_SIZE, 2 * FE_PAGE_SIZE, RW),
	                 -FE_EBUSY);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va - FE_PAGE_SIZE, 6 * FE_PAGE_SIZE, RW),
	                 -FE_EBUSY);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va + FE_PAGE_SIZE, FE_PAGE_SIZE, RW), -FE_EBUSY);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	/* Right next to it on either side is fine. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va - FE_PAGE_SIZE, FE_PAGE_SIZE, RW),
	                 va - FE_PAGE_SIZE);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va + 4 * FE_PAGE_SIZE, FE_PAGE_SIZE, RW),
	                 va + 4 * FE_PAGE_SIZE);
}
END_TEST

START_TEST(test_mem_map_zero_or_huge_length_is_einval)
{
	struct thread *t = new_proc("p");
	unsigned mems = arch_test.live_mems;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, 0, RW), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, MEMOBJ_MAX_SIZE + 1, RW), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, UINT64_MAX, RW), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, UINT64_MAX - FE_PAGE_SIZE + 2, RW), -FE_EINVAL);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	/* A length that is not a page multiple is rounded up. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0x40000000, 5000, RW), 0x40000000);
	ck_assert_uint_eq(arch_test_mapping_at(t->proc->vm.as, 0x40000000)->len, 2 * FE_PAGE_SIZE);
}
END_TEST

START_TEST(test_mem_map_bad_prot_is_einval)
{
	struct thread *t = new_proc("p");

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, 8), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, 1ull << 32), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, UINT64_MAX), -FE_EINVAL);
	/* PROT_NONE and every real combination are accepted. */
	for (uint64_t prot = 0; prot <= 7; prot++) {
		int64_t va = sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, prot);

		ck_assert_int_gt(va, 0);
		ck_assert_uint_eq(arch_test_mapping_at(t->proc->vm.as, (uint64_t)va)->prot, prot);
	}
}
END_TEST

START_TEST(test_mem_unmap_whole_part_middle_and_nothing)
{
	struct thread *t = new_proc("p");
	uint64_t va = 0x30000000, page[8], val;
	uint64_t n0 = t->proc->vm.nvmas;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, 8 * FE_PAGE_SIZE, RW), va);
	for (int i = 0; i < 8; i++) {
		page[i] = 0x1000 + (uint64_t)i;
		uput(t->proc, va + (uint64_t)i * FE_PAGE_SIZE, &page[i], 8);
	}
	/* Nothing there: fine, and nothing changes. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, 0x60000000, FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(t->proc->vm.nvmas, n0 + 1);
	/* The middle: two mappings remain, each seeing its own pages. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, va + 3 * FE_PAGE_SIZE, 2 * FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(t->proc->vm.nvmas, n0 + 2);
	ck_assert_int_eq(vm_check(&t->proc->vm, va + 3 * FE_PAGE_SIZE, 1, 0), -FE_EFAULT);
	ck_assert_int_eq(vm_check(&t->proc->vm, va + 5 * FE_PAGE_SIZE - 1, 1, 0), -FE_EFAULT);
	ck_assert_ptr_null(arch_test_mapping_at(t->proc->vm.as, va + 4 * FE_PAGE_SIZE));
	ck_assert_ptr_nonnull(arch_test_mapping_at(t->proc->vm.as, va + 5 * FE_PAGE_SIZE));
	for (int i = 0; i < 8; i++) {
		if (i == 3 || i == 4)
			continue;
		ck_assert_int_eq(vm_copy_in(&t->proc->vm, &val, va + (uint64_t)i * FE_PAGE_SIZE, 8),
		                 0);
		ck_assert_uint_eq(val, page[i]);
	}
	ck_assert_uint_eq(vma_at(t->proc, va + 5 * FE_PAGE_SIZE)->off, 5 * FE_PAGE_SIZE);
	/* Part: the first page of the lower half, the last of the upper. */
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, va, FE_PAGE_SIZE), 0);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, va + 7 * FE_PAGE_SIZE, FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(vma_at(t->proc, va + FE_PAGE_SIZE)->start, va + FE_PAGE_SIZE);
	ck_assert_uint_eq(vma_at(t->proc, va + 6 * FE_PAGE_SIZE)->end, va + 7 * FE_PAGE_SIZE);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, &val, va + FE_PAGE_SIZE, 8), 0);
	ck_assert_uint_eq(val, page[1]);
	/* Whole: a range over both pieces and the hole between; the memory
	 * object goes with its last mapping. */
	unsigned mems = arch_test.live_mems;
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, va, 8 * FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(t->proc->vm.nvmas, n0);
	ck_assert_uint_eq(arch_test.live_mems, mems - 1);
	for (int i = 0; i < 8; i++)
		ck_assert_ptr_null(
			arch_test_mapping_at(t->proc->vm.as, va + (uint64_t)i * FE_PAGE_SIZE));
}
END_TEST

START_TEST(test_mem_unmap_bad_ranges_are_einval)
{
	struct thread *t = new_proc("p");
	uint64_t n = t->proc->vm.nvmas;

	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, SCRATCH_BASE + 1, FE_PAGE_SIZE), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, SCRATCH_BASE, 100), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, SCRATCH_BASE, 0), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, 0, FE_PAGE_SIZE), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_UNMAP, SCRATCH_BASE, UINT64_MAX & ~0xfffull),
	                 -FE_EINVAL);
	ck_assert_uint_eq(t->proc->vm.nvmas, n);
	ck_assert_int_eq(vm_check(&t->proc->vm, SCRATCH_BASE, SCRATCH_SIZE, RW), 0);
}
END_TEST

START_TEST(test_memobj_create_sizes)
{
	struct thread *t = new_proc("p");
	int64_t h;

	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, 0), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, MEMOBJ_MAX_SIZE + 1), -FE_EINVAL);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, UINT64_MAX), -FE_EINVAL);
	ck_assert_uint_eq(t->proc->caps.used, 0);
	h = sys(t, FE_SYS_MEMOBJ_CREATE, 1);
	ck_assert_int_eq(h, 0);
	ck_assert_uint_eq(container_of(handle_obj(t, 0), struct memobj, obj)->size, FE_PAGE_SIZE);
	arch_test.mem_fail_after = 0;
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_CREATE, 4096), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, 4096, RW), -FE_ENOMEM);
	ck_assert_uint_eq(t->proc->caps.used, 1);
}
END_TEST

START_TEST(test_memobj_map_needs_the_rights_for_its_protection)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_MEMOBJ_CREATE, 2 * FE_PAGE_SIZE);
	int64_t ro = sys(t, FE_SYS_HANDLE_DUP, h, FE_RIGHT_READ);
	int64_t none = sys(t, FE_SYS_HANDLE_DUP, h, 0);

	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, ro, 0, FE_PAGE_SIZE, RW, 0), -FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, ro, 0, FE_PAGE_SIZE, FE_PROT_WRITE, 0),
	                 -FE_EACCES);
	ck_assert_int_eq(
		sys(t, FE_SYS_MEMOBJ_MAP, ro, 0, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_EXEC, 0),
		-FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, none, 0, FE_PAGE_SIZE, FE_PROT_READ, 0),
	                 -FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, h, 0, FE_PAGE_SIZE, 8, 0), -FE_EINVAL);
	ck_assert_int_gt(sys(t, FE_SYS_MEMOBJ_MAP, ro, 0, FE_PAGE_SIZE, FE_PROT_READ, 0), 0);
	ck_assert_int_gt(sys(t, FE_SYS_MEMOBJ_MAP, h, 0, 2 * FE_PAGE_SIZE, 7, 0), 0);
}
END_TEST

START_TEST(test_memobj_map_offset_and_length_out_of_range)
{
	struct thread *t = new_proc("p");
	int64_t h = sys(t, FE_SYS_MEMOBJ_CREATE, 4 * FE_PAGE_SIZE);
	const struct {
		uint64_t addr, len, off;
	} bad[] = {
		{ 0, 0, 0 },
		{ 0, 5 * FE_PAGE_SIZE, 0 },
		{ 0, FE_PAGE_SIZE, 4 * FE_PAGE_SIZE },
		{ 0, 2 * FE_PAGE_SIZE, 3 * FE_PAGE_SIZE },
		{ 0, FE_PAGE_SIZE, 100 },
		{ 0, 100, 0 },
		{ 0, FE_PAGE_SIZE, UINT64_MAX & ~0xfffull },
		{ 0, UINT64_MAX & ~0xfffull, FE_PAGE_SIZE },
		{ 0x30000001, FE_PAGE_SIZE, 0 },
		{ TEST_USER_HI, FE_PAGE_SIZE, 0 },
	};
	uint64_t n = t->proc->vm.nvmas;

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		ck_assert_msg(sys(t, FE_SYS_MEMOBJ_MAP, h, bad[i].addr, bad[i].len, RW,
		                  bad[i].off) == -FE_EINVAL,
		              "case %zu", i);
	ck_assert_uint_eq(t->proc->vm.nvmas, n);
	/* The last page alone, at an offset. */
	int64_t va = sys(t, FE_SYS_MEMOBJ_MAP, h, 0x30000000, FE_PAGE_SIZE, RW, 3 * FE_PAGE_SIZE);
	ck_assert_int_eq(va, 0x30000000);
	ck_assert_uint_eq(arch_test_mapping_at(t->proc->vm.as, 0x30000000)->off, 3 * FE_PAGE_SIZE);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, h, 0x30000000, FE_PAGE_SIZE, RW, 0), -FE_EBUSY);
}
END_TEST

/* One memory object mapped in two processes, at different addresses and
 * offsets: a write through one is seen through the other. */
START_TEST(test_shared_memory_between_two_processes)
{
	struct thread *a = new_proc("a"), *b = new_proc("b");
	int64_t h = sys(a, FE_SYS_MEMOBJ_CREATE, 2 * FE_PAGE_SIZE);
	fe_handle_t hb = give(b, handle_obj(a, (fe_handle_t)h), FE_RIGHT_READ | FE_RIGHT_WRITE);
	int64_t va = sys(a, FE_SYS_MEMOBJ_MAP, h, 0, 2 * FE_PAGE_SIZE, RW, 0);
	int64_t vb = sys(b, FE_SYS_MEMOBJ_MAP, hb, 0x50000000, FE_PAGE_SIZE, RW, FE_PAGE_SIZE);
	char msg[] = "shared page", got[sizeof(msg)] = { 0 };
	unsigned mems = arch_test.live_mems;

	ck_assert_int_gt(va, 0);
	ck_assert_int_eq(vb, 0x50000000);
	ck_assert_int_eq(
		vm_copy_out(&a->proc->vm, (uint64_t)va + FE_PAGE_SIZE + 100, msg, sizeof(msg)), 0);
	ck_assert_int_eq(vm_copy_in(&b->proc->vm, got, (uint64_t)vb + 100, sizeof(got)), 0);
	ck_assert_str_eq(got, msg);
	ck_assert_int_eq(vm_copy_out(&b->proc->vm, (uint64_t)vb, "B", 1), 0);
	ck_assert_int_eq(vm_copy_in(&a->proc->vm, got, (uint64_t)va + FE_PAGE_SIZE, 1), 0);
	ck_assert_int_eq(got[0], 'B');
	/* Closing the handles keeps the object alive for its mappings. */
	ck_assert_int_eq(sys(a, FE_SYS_HANDLE_CLOSE, h), 0);
	ck_assert_int_eq(sys(b, FE_SYS_HANDLE_CLOSE, hb), 0);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	ck_assert_int_eq(sys(a, FE_SYS_MEM_UNMAP, va, 2 * FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(arch_test.live_mems, mems);
	ck_assert_int_eq(vm_copy_in(&b->proc->vm, got, (uint64_t)vb + 100, sizeof(got)), 0);
	ck_assert_str_eq(got, msg);
	ck_assert_int_eq(sys(b, FE_SYS_MEM_UNMAP, vb, FE_PAGE_SIZE), 0);
	ck_assert_uint_eq(arch_test.live_mems, mems - 1);
}
END_TEST

START_TEST(test_copies_check_protection_and_every_byte)
{
	struct thread *t = new_proc("p");
	uint64_t ro = umap(t->proc, 0x30000000, FE_PAGE_SIZE, FE_PROT_READ);
	uint64_t wo = umap(t->proc, 0x30001000, FE_PAGE_SIZE, FE_PROT_WRITE);
	uint64_t none = umap(t->proc, 0x30003000, FE_PAGE_SIZE, 0);
	char buf[16] = "0123456789abcdef";

	ck_assert_int_eq(vm_copy_out(&t->proc->vm, ro, buf, 1), -FE_EFAULT);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, wo, 1), -FE_EFAULT);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, none, 1), -FE_EFAULT);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, ro, 16), 0);
	/* Across ro -> wo both must allow the access; then into the hole. */
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, wo - 8, 16), -FE_EFAULT);
	ck_assert_int_eq(vm_copy_out(&t->proc->vm, wo + FE_PAGE_SIZE - 8, buf, 16), -FE_EFAULT);
	ck_assert_int_eq(vm_copy_out(&t->proc->vm, wo + FE_PAGE_SIZE - 8, buf, 8), 0);
	/* Zero bytes are always fine; a range that wraps never is. */
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, 0, 0), 0);
	ck_assert_int_eq(vm_copy_in(&t->proc->vm, buf, UINT64_MAX - 4, 8), -FE_EFAULT);
	ck_assert_int_eq(vm_check(&t->proc->vm, SCRATCH_BASE, UINT64_MAX, FE_PROT_READ),
	                 -FE_EFAULT);
}
END_TEST

/* The machine cannot map: -FE_ENOMEM, and the memory made for it goes. */
START_TEST(test_machine_map_failure_is_enomem)
{
	struct thread *t = new_proc("p");
	unsigned mems = arch_test.live_mems;
	uint64_t n = t->proc->vm.nvmas;
	int64_t h = sys(t, FE_SYS_MEMOBJ_CREATE, FE_PAGE_SIZE);

	arch_test.map_fail_after = 0;
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, 0, FE_PAGE_SIZE, RW), -FE_ENOMEM);
	ck_assert_int_eq(sys(t, FE_SYS_MEMOBJ_MAP, h, 0, FE_PAGE_SIZE, RW, 0), -FE_ENOMEM);
	ck_assert_uint_eq(t->proc->vm.nvmas, n);
	ck_assert_uint_eq(arch_test.live_mems, mems + 1);
	ck_assert_uint_eq(handle_obj(t, (fe_handle_t)h)->refs, 1);
}
END_TEST

START_TEST(test_too_many_mappings_is_enomem)
{
	struct thread *t = new_proc("p");
	uint64_t va = 0x100000000ull;

	while (t->proc->vm.nvmas < VM_MAX_VMAS) {
		ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, FE_PAGE_SIZE, FE_PROT_READ), va);
		va += 2 * FE_PAGE_SIZE;
	}
	ck_assert_int_eq(sys(t, FE_SYS_MEM_MAP, va, FE_PAGE_SIZE, FE_PROT_READ), -FE_ENOMEM);
	ck_assert_uint_eq(t->proc->vm.nvmas, VM_MAX_VMAS);
}
END_TEST

Suite *suite_memory(void)
{
	Suite *s = suite_create("memory");

	ADD_TEST(s, test_mem_map_at_zero_picks_the_lowest_free_range);
	ADD_TEST(s, test_mem_map_at_a_fixed_address);
	ADD_TEST(s, test_mem_map_bad_addresses_are_einval);
	ADD_TEST(s, test_mem_map_over_a_mapping_is_ebusy);
	ADD_TEST(s, test_mem_map_zero_or_huge_length_is_einval);
	ADD_TEST(s, test_mem_map_bad_prot_is_einval);
	ADD_TEST(s, test_mem_unmap_whole_part_middle_and_nothing);
	ADD_TEST(s, test_mem_unmap_bad_ranges_are_einval);
	ADD_TEST(s, test_memobj_create_sizes);
	ADD_TEST(s, test_memobj_map_needs_the_rights_for_its_protection);
	ADD_TEST(s, test_memobj_map_offset_and_length_out_of_range);
	ADD_TEST(s, test_shared_memory_between_two_processes);
	ADD_TEST(s, test_copies_check_protection_and_every_byte);
	ADD_TEST(s, test_machine_map_failure_is_enomem);
	ADD_TEST(s, test_too_many_mappings_is_enomem);
	return s;
}
