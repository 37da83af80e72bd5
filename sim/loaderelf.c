/*
 * Finding ferrite-loader: it sits next to ferrite-sim (the directory of
 * /proc/self/exe), and its gate function's address, the same in every child
 * because the loader is static and linked at a fixed address, is read from
 * its symbol table once at start-up.
 *
 * Rules: the loader file is checked like any input: every offset and size
 * is checked against the file's length before it is used.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim.h"

static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

static int symtab_find(const uint8_t *f, uint64_t size, const Elf64_Shdr *sh,
                       const Elf64_Shdr *strsh, const char *want, uint64_t *value)
{
	const Elf64_Sym *syms = (const Elf64_Sym *)(f + sh->sh_offset);
	const char *str = (const char *)(f + strsh->sh_offset);
	uint64_t n = sh->sh_size / sizeof(Elf64_Sym);

	if (!in_file(sh->sh_offset, sh->sh_size, size) ||
	    !in_file(strsh->sh_offset, strsh->sh_size, size))
		return -ENOEXEC;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t name = syms[i].st_name;

		if (name >= strsh->sh_size ||
		    strnlen(str + name, strsh->sh_size - name) == strsh->sh_size - name)
			continue;
		if (!strcmp(str + name, want)) {
			*value = syms[i].st_value;
			return 0;
		}
	}
	return -ENOENT;
}

static int elf_symbol(const uint8_t *f, uint64_t size, const char *want, uint64_t *value)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;
	const Elf64_Shdr *sh;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    !in_file(eh->e_shoff, (uint64_t)eh->e_shnum * sizeof(*sh), size))
		return -ENOEXEC;
	sh = (const Elf64_Shdr *)(f + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		return symtab_find(f, size, &sh[i], &sh[sh[i].sh_link], want, value);
	}
	return -ENOENT;
}

int sim_beside(const char *rel, char *out, size_t cap)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	if (n < 0)
		return -errno;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -ENOENT;
	*slash = '\0';
	if (snprintf(out, cap, "%s/%s", exe, rel) >= (int)cap)
		return -ENAMETOOLONG;
	return 0;
}

/* Fill sim.loader_path, sim.gate_addr and sim.fork_return_addr. */
int sim_loader_find(void)
{
	struct stat st;
	void *f;
	int fd, err;

	err = sim_beside("ferrite-loader", sim.loader_path, sizeof(sim.loader_path));
	if (err)
		return err;
	fd = open(sim.loader_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_size == 0) {
		close(fd);
		return -ENOEXEC;
	}
	f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (f == MAP_FAILED)
		return -errno;
	err = elf_symbol(f, (uint64_t)st.st_size, "sim_gate", &sim.gate_addr);
	if (!err)
		err = elf_symbol(f, (uint64_t)st.st_size, "sim_fork_return", &sim.fork_return_addr);
	munmap(f, (size_t)st.st_size);
	return err;
}
