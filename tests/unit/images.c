/*
 * In-memory ELF64 images and spawning them (see images.h).
 */
#include "images.h"

#include <string.h>

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

struct census census(struct thread *t)
{
	return (struct census){ process_count(), t->proc->caps.used, arch_test.live_as,
		                arch_test.live_mems, arch_test.live_threads };
}

void assert_census(struct thread *t, struct census c)
{
	struct census now = census(t);

	ck_assert_uint_eq(now.procs, c.procs);
	ck_assert_uint_eq(now.caps, c.caps);
	ck_assert_uint_eq(now.as, c.as);
	ck_assert_uint_eq(now.mems, c.mems);
	ck_assert_uint_eq(now.threads, c.threads);
}

/* Spawn with the image, argv and handles copied into t's memory. */
int64_t spawn_as(struct thread *t, const struct elf *e, const char *args, size_t args_len,
                 uint32_t argc, const fe_handle_t *hs, uint32_t nh, uint32_t prio)
{
	struct fe_spawn sa = {
		.args_len = args_len, .argc = argc, .priority = prio, .nhandles = nh
	};
	uint64_t img = uput_new(t, e->b, e->len);

	sa.args = (const char *)uput_new(t, args, args_len ? args_len : 1);
	for (uint32_t i = 0; i < nh && i < FE_SPAWN_MAX_HANDLES; i++)
		sa.handles[i] = hs[i];
	return sys(t, FE_SYS_PROC_SPAWN, img, e->len, uput_new(t, &sa, sizeof(sa)));
}

int64_t spawn_simple(struct thread *t, const struct elf *e)
{
	return spawn_as(t, e, "prog", 5, 1, NULL, 0, 0);
}

int64_t spawn_with_flags(struct thread *t, const struct elf *e, uint32_t flags)
{
	struct fe_spawn sa = { .args_len = 5, .argc = 1, .flags = flags };

	sa.args = (const char *)uput_new(t, "prog", 5);
	return sys(t, FE_SYS_PROC_SPAWN, uput_new(t, e->b, e->len), e->len,
	           uput_new(t, &sa, sizeof(sa)));
}

int64_t exec_as(struct thread *t, const struct elf *e, const char *args, size_t args_len,
                uint32_t argc, const struct fe_spawn *extra)
{
	struct fe_spawn sa = { 0 };

	if (extra)
		sa = *extra;
	sa.args = (const char *)uput_new(t, args, args_len ? args_len : 1);
	sa.args_len = args_len;
	sa.argc = argc;
	return sys(t, FE_SYS_EXEC, uput_new(t, e->b, e->len), e->len, uput_new(t, &sa, sizeof(sa)));
}

struct process *child_of(struct thread *t, int64_t h)
{
	struct kobj *o = handle_obj(t, (fe_handle_t)h);

	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->type, FE_OBJ_PROCESS);
	return container_of(o, struct process, obj);
}

struct thread *first_thread(struct process *p)
{
	ck_assert(!list_empty(&p->threads));
	return list_entry(p->threads.next, struct thread, proc_link);
}
