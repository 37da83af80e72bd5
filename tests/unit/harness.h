/*
 * What every unit test of the kernel core shares: fixtures, test processes
 * with scratch memory, issuing system calls as a thread, reading and
 * writing user memory, and virtual time.
 *
 * The core keeps global state (the heap, process list, run queues, timers),
 * so each test runs in its own forked process (Check's default) and its
 * fixture starts the core afresh. The world fixture also creates process 1,
 * the "system" process whose death would halt the machine, so that tests
 * can kill their own processes freely.
 */
#ifndef TESTS_UNIT_HARNESS_H
#define TESTS_UNIT_HARNESS_H

#include <check.h>
#include <stdint.h>

#include "arch_test.h"
#include "cap.h"
#include "ipc.h"
#include "lib.h"
#include "memobj.h"
#include "proc.h"
#include "spawn.h"
#include "syscall.h"
#include "vm.h"

/* What sys() returns when the call did not complete: the thread now waits. */
#define BLOCKED SYSCALL_BLOCKED

/* Every test process has this much read-write memory at SCRATCH_BASE. */
#define SCRATCH_BASE 0x100000ull
#define SCRATCH_SIZE (1ull << 20)

#define TEST_HEAP_SIZE (64ull << 20)

/* A zeroed kernel heap of TEST_HEAP_SIZE bytes, and giving it back. */
void *test_heap_alloc(void);
void test_heap_free(void *p);

/* Fixtures. world: a fresh core (heap, seed) with process 1 created.
 * bare: only the machine, for tests that set up the core themselves. */
void world_setup(void);
void world_teardown(void);
void bare_setup(void);
void bare_teardown(void);

extern struct process *init_proc;

/* Add test `fn` to `s` as its own test case, named after it. */
void add_test(Suite *s, const char *name, const TTest *fn, bool bare);
#define ADD_TEST(s, fn) add_test((s), #fn, (fn), false)
#define ADD_BARE_TEST(s, fn) add_test((s), #fn, (fn), true)

/* A new process with one running thread and scratch memory mapped. */
struct thread *new_proc(const char *name);
/* Another thread in t's process, running. */
struct thread *new_thread(struct thread *t);

/* Take t off the run queue and make it the running thread. */
void run_as(struct thread *t);

/* Issue system call a[0] with arguments a[1..5] as t (which must be
 * running): its return value, or BLOCKED when t now waits. */
int64_t sys_args(struct thread *t, const uint64_t *a);
#define sys(t, ...) sys_args((t), (const uint64_t[6]){ __VA_ARGS__ })

/* The result a blocked thread was woken with (it must have been woken). */
int64_t woken(struct thread *t);
/* True when t is still waiting and nothing was given to it. */
bool still_blocked(struct thread *t);

/* Install a handle for obj in t's process with exactly `rights`. */
fe_handle_t give(struct thread *t, struct kobj *obj, uint32_t rights);
/* The object behind handle h of t's process, or NULL. */
struct kobj *handle_obj(struct thread *t, fe_handle_t h);
uint32_t handle_rights(struct thread *t, fe_handle_t h);

/* Allocate `len` bytes (16-aligned) of t's process's scratch memory. */
uint64_t ualloc(struct thread *t, uint64_t len);
/* Map a fresh memory object of len bytes at addr (0: anywhere). */
uint64_t umap(struct process *p, uint64_t addr, uint64_t len, unsigned prot);
/* Read or write user memory whatever its protection; fails the test if
 * any byte is unmapped. */
void uput(struct process *p, uint64_t addr, const void *src, uint64_t len);
void uget(struct process *p, uint64_t addr, void *dst, uint64_t len);
uint64_t uget64(struct process *p, uint64_t addr);

/* Copy a host structure into fresh scratch memory and return its address. */
uint64_t uput_new(struct thread *t, const void *src, uint64_t len);

/* A message header in fresh scratch memory of t, and reading one back. */
uint64_t umsg(struct thread *t, const struct fe_msg *m);
struct fe_msg umsg_get(struct thread *t, uint64_t addr);

/* Give `to` a handle on the endpoint behind `from`'s handle h. */
fe_handle_t share(struct thread *from, fe_handle_t h, struct thread *to, uint32_t rights);

/*
 * A call from `client` through its endpoint handle cep, received by
 * `server` through sep: returns the server's reply handle, with the client
 * left waiting for the reply.
 */
fe_handle_t pending_call(struct thread *client, fe_handle_t cep, struct thread *server,
                         fe_handle_t sep);

/* A server process with an endpoint (sep: every right) and a client
 * process holding a call handle on it (cep: FE_RIGHT_CALL). */
struct ipc_pair {
	struct thread *client, *server;
	fe_handle_t cep, sep;
};
void make_pair(struct ipc_pair *pr);

/* Advance virtual time and expire timers, as the main loop would. */
void advance(uint64_t ns);

/* Fail the test if the core printed an internal error (bad release, bad
 * kfree). Called by every teardown. */
void assert_no_kernel_errors(void);

/* Suites, one per area (test_*.c). */
Suite *suite_handles(void);
Suite *suite_endpoint(void);
Suite *suite_ipc_edges(void);
Suite *suite_notify(void);
Suite *suite_memory(void);
Suite *suite_process(void);
Suite *suite_spawn(void);
Suite *suite_elf(void);
Suite *suite_sched(void);
Suite *suite_lib(void);
Suite *suite_boot(void);
Suite *suite_scheme(void);
Suite *suite_open(void);
Suite *suite_fd(void);
Suite *suite_fd_call(void);
Suite *suite_console(void);
Suite *suite_sysinfo(void);
Suite *suite_fork(void);
Suite *suite_exec(void);
Suite *suite_signal(void);

#endif
