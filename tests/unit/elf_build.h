/*
 * Building ELF64 x86_64 executables in memory, for the spawn and boot
 * tests: good_elf() makes a minimal valid one that tests then change.
 */
#ifndef TESTS_UNIT_ELF_BUILD_H
#define TESTS_UNIT_ELF_BUILD_H

#include <elf.h>
#include <stddef.h>

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

#endif
