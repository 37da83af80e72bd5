/*
 * Starting programs: load a static ELF64 image into a new process, build its
 * initial stack (argc, argv, envp, auxv as the System V ABI lays them out)
 * and start its first thread.
 */
#ifndef KERNEL_SPAWN_H
#define KERNEL_SPAWN_H

#include "proc.h"

/* Where an image's bytes are: in a user address space or in kernel memory. */
struct image {
	struct vm *vm; /* NULL: kptr */
	uint64_t uaddr;
	const uint8_t *kptr;
	uint64_t len;
};

#define IMAGE_MAX (64ull << 20)
#define STACK_SIZE (256ull << 10)

/* Map the image's PT_LOAD segments into vm; -FE_ENOEXEC for a bad image. */
int elf_load(struct vm *vm, const struct image *im, uint64_t *entry);

/* Map a stack in vm and lay out argv and the auxiliary vector on it. */
int build_stack(struct vm *vm, const char *args, uint64_t args_len, uint32_t argc, uint64_t entry,
                uint64_t *sp_out);

#define PROC_HANDLE_RIGHTS (FE_RIGHT_DUP | FE_RIGHT_TRANSFER | FE_RIGHT_WAIT | FE_RIGHT_KILL)

/* Decode FE_SYS_PROC_SPAWN's or FE_SYS_EXEC's arguments (image, len, struct
 * fe_spawn *): the spawn record, a kernel copy of argv (kfree it) and the
 * handles to pass. */
int spawn_decode(struct thread *t, const uint64_t *a, struct fe_spawn *sa, char **args,
                 struct cap *caps);

/* The name a process gets from its argv[0]: the part after the last '/'. */
const char *base_name(const char *path, uint64_t len);

/*
 * Create a process running `im` with the given argv (argc strings laid end
 * to end in args) and the handles in caps[0..ncaps) copied into its table
 * at 0..ncaps-1. Returns the process (its list reference) or NULL with *err.
 */
struct process *spawn(const struct image *im, const char *args, uint64_t args_len, uint32_t argc,
                      const struct cap *caps, uint32_t ncaps, uint32_t prio, int *err);

#endif
