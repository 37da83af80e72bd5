/*
 * ELF64 x86_64 executables built in memory, and spawning them, for the
 * spawn, ELF, exec and boot tests: good_elf() makes a minimal valid image
 * that tests then change; spawn_as() and exec_as() run FE_SYS_PROC_SPAWN
 * and FE_SYS_EXEC with everything copied into the caller's memory; a census
 * says what a failed spawn must leave as it was.
 */
#ifndef TESTS_UNIT_IMAGES_H
#define TESTS_UNIT_IMAGES_H

#include <elf.h>
#include <stddef.h>

#include "harness.h"

#define BASE 0x400000ull
#define ENTRY (BASE + 0x100)

struct elf {
	_Alignas(16) unsigned char b[32768];
	size_t len;
};

Elf64_Ehdr *ehdr(struct elf *e);
/* Program header i; they follow the ELF header. */
Elf64_Phdr *phdr(struct elf *e, int i);

/* A valid executable: one R+X segment holding the whole 1 KiB file at
 * BASE, with 8 KiB of bss after it; the entry point inside it. */
void good_elf(struct elf *e);

/* What a spawn must leave as it was when it fails. */
struct census {
	uint32_t procs, caps;
	unsigned as, mems, threads;
};

struct census census(struct thread *t);
void assert_census(struct thread *t, struct census c);

/* Spawn the image with argv and handles, all copied into t's memory;
 * priority 0 is the caller's. Returns the process handle or an error. */
int64_t spawn_as(struct thread *t, const struct elf *e, const char *args, size_t args_len,
                 uint32_t argc, const fe_handle_t *hs, uint32_t nh, uint32_t prio);
/* Spawn with argv "prog" and no handles. */
int64_t spawn_simple(struct thread *t, const struct elf *e);
/* Spawn with argv "prog", no handles and the given FE_SPAWN_* flags. */
int64_t spawn_with_flags(struct thread *t, const struct elf *e, uint32_t flags);
/* FE_SYS_EXEC of the image with argv, everything copied into t's memory;
 * priority, handles and flags come from `extra` (NULL: none). */
int64_t exec_as(struct thread *t, const struct elf *e, const char *args, size_t args_len,
                uint32_t argc, const struct fe_spawn *extra);
/* The process behind process handle h of t. */
struct process *child_of(struct thread *t, int64_t h);
struct thread *first_thread(struct process *p);

#endif
