/*
 * The host directory: `ferrite-sim --mount DIR` serves DIR read-only as the
 * scheme host:, and this file decides which Ferrite process may touch it.
 *
 * The scheme's server is an ordinary daemon, hostfs (daemons/hostfs), which
 * the sim adds to the boot archive and init starts. What makes it special is
 * only its sandbox: when an address space runs for the first time, its
 * queued mappings are compared with the hostfs program the sim read at
 * start-up. If every loadable segment of that program is there, byte for
 * byte (zero fill included), with its protection, no other mapping is
 * executable, and the thread starts at the program's entry, the process
 * *is* hostfs, and its first op batch carries two more ops (sim/gate.h):
 * SIM_OP_FILTER, a seccomp program that also allows openat2 on SIM_FD_HOST,
 * pread64, getdents64, lseek and fstat (sandbox.c), and SIM_OP_HOST, DIR
 * itself (an O_PATH descriptor), which the loader puts at SIM_FD_HOST and
 * confines with Landlock to reading beneath DIR. Every other process gets
 * the usual filter and no descriptor, exactly as without --mount.
 *
 * Rules: DIR is checked here, before boot (one line, exit status 2, from
 * main.c); the decision looks only at what the core mapped, never at
 * anything the process wrote, because it is made before the process ran.
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

#define MAX_SEGS 16

struct host_seg {
	uint64_t va, len;   /* the mapping the core makes: page-aligned */
	uint64_t at;        /* where the file bytes start in it */
	const uint8_t *src; /* the file bytes */
	uint64_t filesz;
	uint32_t prot; /* host PROT_* bits */
};

static struct {
	int dir_fd; /* DIR, O_PATH */
	uint8_t *image;
	uint64_t entry;
	struct host_seg seg[MAX_SEGS];
	unsigned nseg;
	char module[4096]; /* the hostfs program's path */
} host = { .dir_fd = -1 };

static uint64_t page_down(uint64_t v)
{
	return v & ~(FE_PAGE_SIZE - 1);
}

static uint32_t seg_prot(uint32_t pf)
{
	return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
	       (pf & PF_X ? PROT_EXEC : 0);
}

/* The PT_LOAD segments of the hostfs image, checked against its size. */
static int host_segments(const uint8_t *f, uint64_t size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
	    (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff)
		return -ENOEXEC;
	host.entry = eh->e_entry;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(f + eh->e_phoff) + i;
		struct host_seg *s = &host.seg[host.nseg];
		uint64_t end = ph->p_vaddr + ph->p_memsz;

		if (ph->p_type != PT_LOAD)
			continue;
		if (host.nseg == MAX_SEGS || ph->p_offset > size ||
		    ph->p_filesz > size - ph->p_offset || ph->p_filesz > ph->p_memsz ||
		    end < ph->p_vaddr)
			return -ENOEXEC;
		s->va = page_down(ph->p_vaddr);
		s->len = page_down(end + FE_PAGE_SIZE - 1) - s->va;
		s->at = ph->p_vaddr - s->va;
		s->src = f + ph->p_offset;
		s->filesz = ph->p_filesz;
		s->prot = seg_prot(ph->p_flags);
		host.nseg++;
	}
	return host.nseg ? 0 : -ENOEXEC;
}

/* The hostfs program: <directory of ferrite-sim>/../daemons/hostfs. */
static int host_read_module(void)
{
	struct stat st;
	int fd, err = sim_beside("../daemons/hostfs", host.module, sizeof(host.module));

	if (err)
		return err;
	fd = open(host.module, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		err = -errno;
	host.image = err ? NULL : malloc((size_t)st.st_size + 1);
	if (!err && !host.image)
		err = -ENOMEM;
	if (!err && read(fd, host.image, (size_t)st.st_size) != st.st_size)
		err = -EIO;
	if (!err)
		err = host_segments(host.image, (uint64_t)st.st_size);
	if (fd >= 0)
		close(fd);
	return err;
}

int sim_host_mount(const char *dir, const char **why)
{
	struct stat st;
	int err;

	host.dir_fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (host.dir_fd < 0) {
		*why = errno == ENOTDIR ? "not a directory" : strerror(errno);
		return -EINVAL;
	}
	if (fstat(host.dir_fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		*why = "not a directory";
		return -EINVAL;
	}
	err = host_read_module();
	if (err)
		*why = strerror(-err);
	return err;
}

char *sim_host_module(void)
{
	return host.dir_fd >= 0 ? host.module : NULL;
}

static bool zero(const uint8_t *p, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* Does map op `p` map exactly segment `s`, bytes and all? */
static bool seg_equal(const struct sim_pending *p, const struct host_seg *s)
{
	const uint8_t *m;

	if (p->op.kind != SIM_OP_MAP || p->op.va != s->va || p->op.len != s->len ||
	    p->op.off != 0 || p->op.prot != s->prot || p->mem->size < s->len)
		return false;
	m = p->mem->base;
	return zero(m, s->at) && !memcmp(m + s->at, s->src, s->filesz) &&
	       zero(m + s->at + s->filesz, s->len - s->at - s->filesz);
}

/* Every segment mapped exactly once, nothing else executable, and the
 * thread starting at the entry. */
static bool is_hostfs(const struct arch_as *as, const struct arch_thread *t)
{
	uint32_t found = 0; /* bit k: segment k is mapped */

	if (t->page->entry != host.entry)
		return false;
	for (unsigned i = 0; i < as->nops; i++) {
		const struct sim_pending *p = &as->ops[i];
		unsigned k = 0;

		while (k < host.nseg && !seg_equal(p, &host.seg[k]))
			k++;
		if (k < host.nseg && !(found & (1u << k)))
			found |= 1u << k;
		else if (p->op.kind != SIM_OP_MAP || (p->op.prot & PROT_EXEC))
			return false;
	}
	return found == (1u << host.nseg) - 1;
}

int sim_host_first_run(struct arch_as *as, struct arch_thread *t)
{
	struct sim_pending filter = { .op = { .kind = SIM_OP_FILTER, .fd = -1 } };
	struct sim_pending dir = { .op = { .kind = SIM_OP_HOST, .fd = -1 } };

	if (host.dir_fd < 0 || !is_hostfs(as, t))
		return 0;
	if (sim_ops_push(as, &filter) || sim_ops_push(as, &dir))
		return -ENOMEM;
	return 0;
}

int sim_host_op_fd(unsigned kind)
{
	return kind == SIM_OP_FILTER ? sim.host_filter_fd : host.dir_fd;
}
