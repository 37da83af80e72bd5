/*
 * The ELF64 loader: static x86_64 executables only (ET_EXEC). Every field
 * that is used is checked against the image's length and the user range
 * before anything is mapped; a bad image is -FE_ENOEXEC and leaves the
 * process as it was, save for segments already mapped (the caller discards
 * the process on error).
 */
#include "lib.h"
#include "spawn.h"

struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define EM_X86_64 62
#define MAX_PHDRS 64

static int image_read(const struct image *im, uint64_t off, void *dst, uint64_t n)
{
	if (off > im->len || n > im->len - off)
		return -FE_ENOEXEC;
	if (!im->vm) {
		kmemcpy(dst, im->kptr + off, n);
		return 0;
	}
	return vm_copy_in(im->vm, dst, im->uaddr + off, n) < 0 ? -FE_EFAULT : 0;
}

static int check_header(const struct image *im, struct ehdr *eh)
{
	static const uint8_t magic[7] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
	int rc = image_read(im, 0, eh, sizeof(*eh));

	if (rc < 0)
		return rc;
	if (kmemcmp(eh->ident, magic, sizeof(magic)) || eh->type != ET_EXEC ||
	    eh->machine != EM_X86_64 || eh->phentsize != sizeof(struct phdr) || eh->phnum == 0 ||
	    eh->phnum > MAX_PHDRS || (uint64_t)eh->phnum * sizeof(struct phdr) > im->len ||
	    eh->phoff > im->len - (uint64_t)eh->phnum * sizeof(struct phdr))
		return -FE_ENOEXEC;
	return 0;
}

/* Copy the segment's file bytes into the memory object, page by page. */
static int fill(struct memobj *mo, uint64_t at, const struct image *im, const struct phdr *ph)
{
	uint64_t done = 0;

	while (done < ph->filesz) {
		uint64_t off = at + done;
		uint64_t n = MIN(ph->filesz - done, PAGE_SIZE - (off & (PAGE_SIZE - 1)));
		int rc = image_read(im, ph->offset + done, arch_mem_ptr(mo->mem, off), n);

		if (rc < 0)
			return rc;
		done += n;
	}
	return 0;
}

static unsigned prot_of(uint32_t flags)
{
	return (flags & PF_R ? FE_PROT_READ : 0) | (flags & PF_W ? FE_PROT_WRITE : 0) |
	       (flags & PF_X ? FE_PROT_EXEC : 0);
}

static int load_segment(struct vm *vm, const struct image *im, const struct phdr *ph)
{
	uint64_t start = PAGE_DOWN(ph->vaddr), end, len;
	struct memobj *mo;
	int rc;

	if (ph->filesz > ph->memsz || ph->memsz == 0 || ph->vaddr > UINT64_MAX - ph->memsz ||
	    ph->offset > im->len || ph->filesz > im->len - ph->offset ||
	    !page_round_up(ph->vaddr + ph->memsz, &end))
		return -FE_ENOEXEC;
	len = end - start;
	mo = memobj_create(len);
	if (!mo)
		return -FE_ENOMEM;
	rc = fill(mo, ph->vaddr - start, im, ph);
	if (rc == 0)
		rc = vm_map(vm, &start, len, mo, 0, prot_of(ph->flags));
	kobj_release(&mo->obj);
	if (rc == -FE_EINVAL || rc == -FE_EBUSY)
		rc = -FE_ENOEXEC; /* outside the user range, or overlapping */
	return rc;
}

int elf_load(struct vm *vm, const struct image *im, uint64_t *entry)
{
	struct ehdr eh;
	int rc = check_header(im, &eh), loaded = 0;

	if (rc < 0)
		return rc;
	for (uint16_t i = 0; i < eh.phnum; i++) {
		struct phdr ph;

		rc = image_read(im, eh.phoff + (uint64_t)i * sizeof(ph), &ph, sizeof(ph));
		if (rc == 0 && ph.type == PT_LOAD) {
			rc = load_segment(vm, im, &ph);
			loaded++;
		}
		if (rc < 0)
			return rc;
	}
	if (!loaded || vm_check(vm, eh.entry, 1, FE_PROT_EXEC) < 0)
		return -FE_ENOEXEC;
	*entry = eh.entry;
	return 0;
}
