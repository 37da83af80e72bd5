/*
 * Building a new process: image, stack, handles, first thread.
 *
 * The initial stack follows the System V x86_64 ABI, so crt0 is ordinary:
 *
 *     sp ->  argc
 *            argv[0] .. argv[argc - 1], NULL
 *            NULL                               (no environment yet)
 *            auxv pairs: AT_PAGESZ, AT_ENTRY, AT_FERRITE_GATE, AT_NULL
 *            ...
 *            argument strings                    (below the stack top)
 *
 * One unmapped page sits above the stack, at the top of the user range.
 */
#include "spawn.h"

#include "lib.h"
#include "trace.h"

#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define NAUXV 4

const char *base_name(const char *path, uint64_t len)
{
	const char *b = path;

	for (uint64_t i = 0; i < len && path[i]; i++)
		if (path[i] == '/')
			b = path + i + 1;
	return b;
}

static int map_stack(struct vm *vm, uint64_t *top)
{
	uint64_t base = vm->hi - PAGE_SIZE - STACK_SIZE;
	struct memobj *mo = memobj_create(STACK_SIZE);
	int rc;

	if (!mo)
		return -FE_ENOMEM;
	rc = vm_map(vm, &base, STACK_SIZE, mo, 0, FE_PROT_READ | FE_PROT_WRITE);
	kobj_release(&mo->obj);
	*top = base + STACK_SIZE;
	return rc == -FE_EBUSY ? -FE_ENOEXEC : rc; /* a segment sits where the stack goes */
}

int build_stack(struct vm *vm, const char *args, uint64_t args_len, uint32_t argc, uint64_t entry,
                uint64_t *sp_out)
{
	uint64_t top, strings, sp, nwords = 1 + argc + 1 + 1 + 2 * NAUXV, *w, i = 0;
	int rc = map_stack(vm, &top);

	if (rc < 0)
		return rc;
	strings = top - ((args_len + 15) & ~15ull);
	sp = (strings - nwords * 8) & ~15ull;
	w = kzalloc(nwords * 8);
	if (!w)
		return -FE_ENOMEM;
	w[i++] = argc;
	for (uint64_t off = 0; i <= argc; off += kstrnlen(args + off, args_len - off) + 1)
		w[i++] = strings + off;
	w[i++] = 0; /* argv end */
	w[i++] = 0; /* envp end */
	w[i++] = AT_PAGESZ;
	w[i++] = PAGE_SIZE;
	w[i++] = AT_ENTRY;
	w[i++] = entry;
	w[i++] = AT_FERRITE_GATE;
	w[i++] = arch_gate_addr(vm->as);
	w[i++] = AT_NULL;
	w[i++] = 0;
	rc = vm_copy_out(vm, strings, args, args_len);
	if (rc == 0)
		rc = vm_copy_out(vm, sp, w, nwords * 8);
	kfree(w);
	*sp_out = sp;
	return rc;
}

static int install_caps(struct process *p, const struct cap *caps, uint32_t ncaps)
{
	for (uint32_t i = 0; i < ncaps; i++) {
		fe_handle_t h = cap_install(&p->caps, caps[i].obj, caps[i].rights);

		if (h < 0)
			return h;
	}
	return 0;
}

struct process *spawn(const struct image *im, const char *args, uint64_t args_len, uint32_t argc,
                      const struct cap *caps, uint32_t ncaps, uint32_t prio, int *err)
{
	const char *name = argc ? base_name(args, args_len) : "?";
	struct process *p = process_create(name);
	uint64_t entry, sp;
	int rc;

	if (!p) {
		*err = -FE_ENOMEM;
		return NULL;
	}
	rc = elf_load(&p->vm, im, &entry);
	if (rc == 0)
		rc = build_stack(&p->vm, args, args_len, argc, entry, &sp);
	if (rc == 0)
		rc = install_caps(p, caps, ncaps);
	if (rc == 0 && !thread_create(p, entry, sp, 0, prio))
		rc = -FE_ENOMEM;
	if (rc < 0) {
		trace_event("spawn of '%s' failed: %d", p->name, rc);
		process_discard(p);
		*err = rc;
		return NULL;
	}
	return p;
}
