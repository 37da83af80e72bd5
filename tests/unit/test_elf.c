/*
 * The ELF loader's refusals: every corruption of a good image (header
 * fields, program headers out of range, segments outside the user range,
 * overlapping each other or the stack, values that overflow, the entry
 * point) is -FE_ENOEXEC and leaves no process, memory, thread or handle.
 */
#include <string.h>

#include "images.h"

/* Each corruption of a good image is refused with -FE_ENOEXEC, and leaves
 * no process, memory, thread or handle behind. */
#define BAD_IMAGES(X)        \
	X(MAGIC)             \
	X(MAGIC_E)           \
	X(CLASS)             \
	X(DATA)              \
	X(VERSION)           \
	X(TYPE_DYN)          \
	X(TYPE_REL)          \
	X(MACHINE)           \
	X(PHENTSIZE)         \
	X(PHNUM_0)           \
	X(PHNUM_BIG)         \
	X(PHOFF_END)         \
	X(PHOFF_PAST)        \
	X(PHOFF_WRAP)        \
	X(FILESZ_GT_MEMSZ)   \
	X(MEMSZ_0)           \
	X(BELOW_RANGE)       \
	X(ABOVE_RANGE)       \
	X(CROSSES_TOP)       \
	X(VADDR_WRAP)        \
	X(MEMSZ_WRAP)        \
	X(OFFSET_PAST)       \
	X(OFFSET_WRAP)       \
	X(FILESZ_HUGE)       \
	X(OVERLAP)           \
	X(OVERLAP_SAME_PAGE) \
	X(ENTRY_OUTSIDE)     \
	X(ENTRY_NOEXEC)      \
	X(NO_LOAD)           \
	X(TRUNCATED)         \
	X(PHDRS_CUT)
#define AS_ENUM(n) BAD_##n,
#define AS_NAME(n) #n,

enum bad_kind { BAD_IMAGES(AS_ENUM) BAD_COUNT };
static const char *const bad_names[] = { BAD_IMAGES(AS_NAME) };

static void corrupt(struct elf *e, enum bad_kind k)
{
	Elf64_Ehdr *h = ehdr(e);
	Elf64_Phdr *p = phdr(e, 0), *q = phdr(e, 1);

	switch (k) {
	case BAD_MAGIC:
		h->e_ident[0] = 0;
		break;
	case BAD_MAGIC_E:
		h->e_ident[1] = 'X';
		break;
	case BAD_CLASS:
		h->e_ident[EI_CLASS] = ELFCLASS32;
		break;
	case BAD_DATA:
		h->e_ident[EI_DATA] = ELFDATA2MSB;
		break;
	case BAD_VERSION:
		h->e_ident[EI_VERSION] = 0;
		break;
	case BAD_TYPE_DYN:
		h->e_type = ET_DYN;
		break;
	case BAD_TYPE_REL:
		h->e_type = ET_REL;
		break;
	case BAD_MACHINE:
		h->e_machine = EM_386;
		break;
	case BAD_PHENTSIZE:
		h->e_phentsize = 32;
		break;
	case BAD_PHNUM_0:
		h->e_phnum = 0;
		break;
	case BAD_PHNUM_BIG:
		h->e_phnum = 0xffff;
		break;
	case BAD_PHOFF_END:
		h->e_phoff = e->len - sizeof(*p) + 1;
		break;
	case BAD_PHOFF_PAST:
		h->e_phoff = e->len + 64;
		break;
	case BAD_PHOFF_WRAP:
		h->e_phoff = UINT64_MAX - 8;
		break;
	case BAD_FILESZ_GT_MEMSZ:
		p->p_memsz = p->p_filesz - 1;
		break;
	case BAD_MEMSZ_0:
		p->p_filesz = p->p_memsz = 0;
		break;
	case BAD_BELOW_RANGE:
		p->p_vaddr = 0x1000;
		h->e_entry = 0x1100;
		break;
	case BAD_ABOVE_RANGE:
		p->p_vaddr = TEST_USER_HI;
		h->e_entry = TEST_USER_HI + 0x100;
		break;
	case BAD_CROSSES_TOP:
		p->p_vaddr = TEST_USER_HI - FE_PAGE_SIZE;
		h->e_entry = p->p_vaddr + 0x100;
		break;
	case BAD_VADDR_WRAP:
		p->p_vaddr = UINT64_MAX - 0x100;
		break;
	case BAD_MEMSZ_WRAP:
		p->p_memsz = UINT64_MAX - 0x10;
		break;
	case BAD_OFFSET_PAST: /* offset + filesz > len */
		p->p_offset = 0x10;
		break;
	case BAD_OFFSET_WRAP:
		p->p_offset = UINT64_MAX - 0x10;
		break;
	case BAD_FILESZ_HUGE:
		p->p_filesz = UINT64_MAX;
		p->p_memsz = UINT64_MAX;
		break;
	case BAD_OVERLAP:
	case BAD_OVERLAP_SAME_PAGE:
		h->e_phnum = 2;
		*q = *p;
		q->p_filesz = 0x10;
		q->p_memsz = 0x10;
		q->p_vaddr = k == BAD_OVERLAP ? BASE + 0x1000 : BASE + 0x2400 + 0x800;
		p->p_memsz = k == BAD_OVERLAP ? 0x3000 : 0x2400;
		break;
	case BAD_ENTRY_OUTSIDE:
		h->e_entry = BASE + 0x10000;
		break;
	case BAD_ENTRY_NOEXEC:
		p->p_flags = PF_R | PF_W;
		break;
	case BAD_NO_LOAD:
		p->p_type = PT_NOTE;
		break;
	case BAD_TRUNCATED:
		e->len = sizeof(*h) - 1;
		break;
	case BAD_PHDRS_CUT:
		e->len = sizeof(*h) + sizeof(*p) - 1;
		p->p_filesz = e->len;
		break;
	case BAD_COUNT:
		break;
	}
}

START_TEST(test_spawn_refuses_bad_images)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	size_t console = arch_test.console_len;

	for (int k = 0; k < BAD_COUNT; k++) {
		struct elf e;

		good_elf(&e);
		corrupt(&e, (enum bad_kind)k);
		ck_assert_msg(spawn_simple(t, &e) == -FE_ENOEXEC, "bad image %s was not refused",
		              bad_names[k]);
		assert_census(t, c0);
	}
	/* A failed spawn is quiet: no process ever ran. */
	ck_assert_uint_eq(arch_test.console_len, console);
}
END_TEST

/* A segment larger than any memory object cannot be loaded: the kernel
 * says -FE_ENOMEM, as when memory runs out, and cleans up. */
START_TEST(test_spawn_of_a_huge_segment_fails_cleanly)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;

	good_elf(&e);
	phdr(&e, 0)->p_memsz = MEMOBJ_MAX_SIZE + FE_PAGE_SIZE;
	ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOMEM);
	assert_census(t, c0);
}
END_TEST

/* A segment where the stack must go makes the image unloadable. */
START_TEST(test_spawn_segment_over_the_stack_is_enoexec)
{
	struct thread *t = new_proc("parent");
	struct census c0 = census(t);
	struct elf e;

	good_elf(&e);
	phdr(&e, 0)->p_vaddr = TEST_USER_HI - FE_PAGE_SIZE - 0x4000;
	ehdr(&e)->e_entry = phdr(&e, 0)->p_vaddr + 0x100;
	ck_assert_int_eq(spawn_simple(t, &e), -FE_ENOEXEC);
	assert_census(t, c0);
}
END_TEST

Suite *suite_elf(void)
{
	Suite *s = suite_create("elf");

	ADD_TEST(s, test_spawn_refuses_bad_images);
	ADD_TEST(s, test_spawn_of_a_huge_segment_fails_cleanly);
	ADD_TEST(s, test_spawn_segment_over_the_stack_is_enoexec);
	return s;
}
