/*
 * In-memory ELF64 images for the tests (see elf_build.h).
 */
#include "elf_build.h"

#include <string.h>

#include <ferrite/abi.h>

Elf64_Ehdr *ehdr(struct elf *e)
{
	return (Elf64_Ehdr *)e->b;
}

Elf64_Phdr *phdr(struct elf *e, int i)
{
	return (Elf64_Phdr *)(e->b + sizeof(Elf64_Ehdr) + (size_t)i * sizeof(Elf64_Phdr));
}

void good_elf(struct elf *e)
{
	Elf64_Ehdr *h = ehdr(e);
	Elf64_Phdr *p = phdr(e, 0);

	memset(e, 0, sizeof(*e));
	e->len = 0x400;
	for (size_t i = sizeof(*h) + sizeof(*p); i < e->len; i++)
		e->b[i] = (unsigned char)(i * 7 + 1);
	memcpy(h->e_ident, ELFMAG, SELFMAG);
	h->e_ident[EI_CLASS] = ELFCLASS64;
	h->e_ident[EI_DATA] = ELFDATA2LSB;
	h->e_ident[EI_VERSION] = EV_CURRENT;
	h->e_type = ET_EXEC;
	h->e_machine = EM_X86_64;
	h->e_version = EV_CURRENT;
	h->e_entry = ENTRY;
	h->e_phoff = sizeof(*h);
	h->e_ehsize = sizeof(*h);
	h->e_phentsize = sizeof(*p);
	h->e_phnum = 1;
	*p = (Elf64_Phdr){ .p_type = PT_LOAD,
		           .p_flags = PF_R | PF_X,
		           .p_offset = 0,
		           .p_vaddr = BASE,
		           .p_filesz = e->len,
		           .p_memsz = e->len + 0x2000,
		           .p_align = FE_PAGE_SIZE };
}
