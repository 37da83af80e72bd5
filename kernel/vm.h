/*
 * Address spaces as the core sees them: a sorted list of mappings, each a
 * window onto a memory object. The machine keeps its own page tables in
 * step through arch_as_map/arch_as_unmap.
 *
 * Every access the kernel makes to user memory goes through vm_copy_in,
 * vm_copy_out or vm_copy, which check each byte's mapping and protection
 * first and then copy through the memory object, never through a user
 * pointer: a bad pointer is -FE_EFAULT, never a kernel fault. vm_read and
 * vm_write copy a range checked earlier in the same system call; vm_window
 * gives a checked small range in one page to be used in place.
 */
#ifndef KERNEL_VM_H
#define KERNEL_VM_H

#include <arch.h>

#include "list.h"
#include "memobj.h"

struct vma {
	struct list link;
	uint64_t start, end; /* [start, end), page-aligned */
	struct memobj *mo;   /* holds a reference */
	uint64_t off;        /* offset of start within mo */
	unsigned prot;
};

struct vm {
	struct arch_as *as;
	struct list vmas; /* sorted by start, never overlapping */
	uint64_t lo, hi;  /* the user range */
	uint64_t nvmas;
	uint64_t mapped;   /* bytes */
	struct vma *found; /* the mapping vma_find found last, or NULL */
};

#define VM_MAX_VMAS 4096

int vm_init(struct vm *vm);
void vm_destroy(struct vm *vm);

/*
 * Map [off, off + len) of `mo` at *addr (0: the kernel picks the lowest free
 * range above the program, deterministically) and store the address there.
 * -FE_EINVAL for unaligned or out-of-range arguments, -FE_EBUSY when a
 * fixed range is taken, -FE_ENOMEM when no room is left.
 */
int vm_map(struct vm *vm, uint64_t *addr, uint64_t len, struct memobj *mo, uint64_t off,
           unsigned prot);

/* Unmap every mapping inside [addr, addr + len); parts of mappings are cut. */
int vm_unmap(struct vm *vm, uint64_t addr, uint64_t len);

/* 0 when every byte of [addr, addr + len) is mapped with all of `prot`. */
int vm_check(struct vm *vm, uint64_t addr, uint64_t len, unsigned prot);

int vm_copy_in(struct vm *vm, void *dst, uint64_t src, uint64_t len);
int vm_copy_out(struct vm *vm, uint64_t dst, const void *src, uint64_t len);

/* The same copies for a range that vm_check has passed with the protection
 * needed, in this same system call: the kernel is single-threaded, so no
 * mapping can have changed since. They save the second walk. */
void vm_read(struct vm *vm, void *dst, uint64_t src, uint64_t len);
void vm_write(struct vm *vm, uint64_t dst, const void *src, uint64_t len);

/* A kernel pointer to [addr, addr + len) when that range is 8-aligned, lies
 * in one page and is mapped with `prot`; else NULL, and the copies above
 * must do (the range may still be valid). For a small record read or
 * written in place, such as a message header on a stack. */
void *vm_window(struct vm *vm, uint64_t addr, uint64_t len, unsigned prot);

/* Fill the empty `dst` with src's mappings: memory objects that have a name
 * (a handle) are shared, as POSIX shares MAP_SHARED memory; all else is
 * copied. */
int vm_fork(struct vm *dst, struct vm *src);

/* Move src's mappings and address space to dst (dst must be empty or
 * destroyed); src is left empty. */
void vm_move(struct vm *dst, struct vm *src);

/* Copy between two address spaces (either may be the same). */
int vm_copy(struct vm *dvm, uint64_t dst, struct vm *svm, uint64_t src, uint64_t len);

#endif
