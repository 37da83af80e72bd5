/*
 * Thread contexts in the sim. A Ferrite thread is a host thread in its
 * process's child, plus a region (sim/gate.h) whose first page, the gate
 * page, the kernel maps too.
 *
 * The first thread of an address space is the loader's initial thread: its
 * region is made with the address space and handed to the loader at exec, so
 * arch_thread_create only fills in where it starts. Every further thread is
 * a SIM_OP_THREAD op: the next thread of that process to apply ops maps the
 * new region and clones a host thread onto it (sim/loader/gate.c), which
 * then waits in its gate until arch_run runs it.
 *
 * Each thread also has a wake word (sim/gate.h), a slot in the sim-wide
 * wake region; slots are reused, which at worst costs a spurious wake-up.
 *
 * Rules: regions are numbered per address space and never reused, so a
 * thread that is still tearing itself down can never unmap a newer thread's
 * region. The last host thread of a process is never told to exit (the
 * process would vanish under the core): it stays parked as the spare, which
 * can still apply ops, until the address space is destroyed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim.h"

/* Wake words: a stack of free slots, and the ones never used yet. */
static uint32_t free_slots[SIM_WAKE_SLOTS];
static uint32_t nfree, nused;

/* The wake region: read-write here, a read-only fd for the children. */
int sim_wake_init(void)
{
	char path[64];
	int fd = memfd_create("ferrite-wake", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, SIM_WAKE_SIZE) < 0)
		return -errno;
	sim.wake = mmap(NULL, SIM_WAKE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (sim.wake == MAP_FAILED)
		return -errno;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	sim.wake_fd = open(path, O_RDONLY | O_CLOEXEC);
	close(fd);
	return sim.wake_fd < 0 ? -errno : 0;
}

static int slot_get(uint32_t *slot)
{
	if (nfree)
		*slot = free_slots[--nfree];
	else if (nused < SIM_WAKE_SLOTS)
		*slot = nused++;
	else
		return -ENOMEM;
	return 0;
}

struct arch_thread *sim_thread_new(struct arch_as *as)
{
	struct arch_thread *t;

	if (as->next_index >= SIM_REGION_MAX)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->as = as;
	if (slot_get(&t->slot) < 0)
		goto error_slot;
	t->region_fd = memfd_create("ferrite-gate", MFD_CLOEXEC);
	if (t->region_fd < 0)
		goto error;
	if (ftruncate(t->region_fd, SIM_REGION_SIZE) < 0)
		goto error_fd;
	t->page = mmap(NULL, SIM_GATE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, t->region_fd, 0);
	if (t->page == MAP_FAILED)
		goto error_fd;
	t->index = as->next_index++;
	t->page->self = sim_region_va(t->index);
	t->page->msg = SIM_MSG_START;
	t->page->spin = sim.child_spin;
	t->page->slot = t->slot;
	atomic_store(&t->page->state, SIM_REQUEST);
	t->next = as->threads;
	as->threads = t;
	return t;
error_fd:
	close(t->region_fd);
error:
	free_slots[nfree++] = t->slot;
error_slot:
	free(t);
	return NULL;
}

void sim_thread_free(struct arch_thread *t)
{
	if (sim.last == t)
		sim.last = NULL;
	munmap(t->page, SIM_GATE_PAGE);
	if (t->region_fd >= 0)
		close(t->region_fd);
	free_slots[nfree++] = t->slot;
	free(t);
}

static void thread_unlink(struct arch_thread *t)
{
	struct arch_thread **pp = &t->as->threads;

	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
}

static struct arch_thread *thread_unclaimed(struct arch_as *as)
{
	for (struct arch_thread *t = as->threads; t; t = t->next)
		if (!t->claimed)
			return t;
	return NULL;
}

static int thread_queue_start(struct arch_thread *t)
{
	struct sim_pending p = {
		.op = { .kind = SIM_OP_THREAD,
		        .fd = -1,
		        .va = sim_region_va(t->index),
		        .len = SIM_REGION_SIZE },
		.thread = t,
	};

	return sim_ops_push(t->as, &p);
}

struct arch_thread *arch_thread_create(struct arch_as *as, uint64_t entry, uint64_t sp,
                                       uint64_t arg)
{
	struct arch_thread *t;

	if (as->dead)
		return NULL;
	t = thread_unclaimed(as);
	if (!t) {
		t = sim_thread_new(as);
		if (!t)
			return NULL;
		if (thread_queue_start(t) < 0) {
			thread_unlink(t);
			sim_thread_free(t);
			return NULL;
		}
	}
	t->claimed = true;
	t->page->entry = entry;
	t->page->sp = sp;
	t->page->arg = arg;
	return t;
}

/* A thread in `as` that resumes parent's pending call with the result 0:
 * it starts at the loader's sim_fork_return with the registers the parent
 * saved when it entered the gate (its stack was copied with its memory). */
struct arch_thread *arch_thread_fork(struct arch_as *as, struct arch_thread *parent)
{
	struct arch_thread *t = arch_thread_create(as, sim.fork_return_addr, 0, 0);

	if (t)
		memcpy(t->page->ctx, parent->page->ctx, sizeof(t->page->ctx));
	return t;
}

/* Tell a parked host thread to unmap its region and exit. */
static void thread_dismiss(struct arch_thread *t)
{
	struct sim_gate *g = t->page;

	if (atomic_load(&g->state) != SIM_REQUEST)
		return;
	g->nops = 0;
	g->nfds = 0;
	g->action = SIM_ACT_EXIT;
	sim_gate_release(t);
	t->as->nlive--;
}

void arch_thread_destroy(struct arch_thread *t)
{
	struct arch_as *as = t->as;

	thread_unlink(t);
	if (!t->spawned) {
		sim_ops_drop_thread(as, t);
	} else if (!as->dead && as->nlive == 1) {
		if (as->spare)
			sim_thread_free(as->spare);
		as->spare = t;
		return;
	} else if (!as->dead) {
		thread_dismiss(t);
	}
	sim_thread_free(t);
}

void arch_thread_set_ret(struct arch_thread *t, int64_t value)
{
	t->ret = value;
}
