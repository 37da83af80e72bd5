/*
 * System call handlers. Each takes the calling thread and its five raw
 * arguments, validates every one of them (decode), and only then changes
 * anything (invoke). It returns the call's result, or SYSCALL_BLOCKED when
 * the thread now waits and will get its result later.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "proc.h"

typedef int64_t (*syscall_fn)(struct thread *t, const uint64_t *a);

/* Run system call `nr` for t. An unknown number kills the process. */
void syscall_dispatch(struct thread *t, uint64_t nr, const uint64_t *args);

/* Helpers shared by the handlers. */
int64_t timeout_arg(uint64_t a);
/* Copy in a message header and check the buffers it names. */
int msg_in(struct thread *t, uint64_t uaddr, struct fe_msg *m);

int64_t sys_debug_write(struct thread *t, const uint64_t *a);
int64_t sys_proc_exit(struct thread *t, const uint64_t *a);
int64_t sys_thread_exit(struct thread *t, const uint64_t *a);
int64_t sys_yield(struct thread *t, const uint64_t *a);
int64_t sys_clock(struct thread *t, const uint64_t *a);
int64_t sys_sleep(struct thread *t, const uint64_t *a);
int64_t sys_handle_close(struct thread *t, const uint64_t *a);
int64_t sys_handle_dup(struct thread *t, const uint64_t *a);
int64_t sys_handle_info(struct thread *t, const uint64_t *a);
int64_t sys_endpoint_create(struct thread *t, const uint64_t *a);
int64_t sys_call(struct thread *t, const uint64_t *a);
int64_t sys_recv(struct thread *t, const uint64_t *a);
int64_t sys_reply(struct thread *t, const uint64_t *a);
int64_t sys_notify_create(struct thread *t, const uint64_t *a);
int64_t sys_notify_signal(struct thread *t, const uint64_t *a);
int64_t sys_notify_wait(struct thread *t, const uint64_t *a);
int64_t sys_mem_map(struct thread *t, const uint64_t *a);
int64_t sys_mem_unmap(struct thread *t, const uint64_t *a);
int64_t sys_memobj_create(struct thread *t, const uint64_t *a);
int64_t sys_memobj_map(struct thread *t, const uint64_t *a);
int64_t sys_proc_spawn(struct thread *t, const uint64_t *a);
int64_t sys_proc_wait(struct thread *t, const uint64_t *a);
int64_t sys_proc_kill(struct thread *t, const uint64_t *a);
int64_t sys_thread_create(struct thread *t, const uint64_t *a);
int64_t sys_getpid(struct thread *t, const uint64_t *a);
int64_t sys_set_priority(struct thread *t, const uint64_t *a);
int64_t sys_random(struct thread *t, const uint64_t *a);
int64_t sys_scheme_register(struct thread *t, const uint64_t *a);
int64_t sys_open(struct thread *t, const uint64_t *a);
int64_t sys_close(struct thread *t, const uint64_t *a);
int64_t sys_fd_call(struct thread *t, const uint64_t *a);
int64_t sys_path_call(struct thread *t, const uint64_t *a);
int64_t sys_dup(struct thread *t, const uint64_t *a);
int64_t sys_fd_flags(struct thread *t, const uint64_t *a);
int64_t sys_console_read(struct thread *t, const uint64_t *a);
int64_t sys_sysinfo(struct thread *t, const uint64_t *a);
int64_t sys_fork(struct thread *t, const uint64_t *a);
int64_t sys_exec(struct thread *t, const uint64_t *a);
int64_t sys_signal_send(struct thread *t, const uint64_t *a);
int64_t sys_signal_action(struct thread *t, const uint64_t *a);
int64_t sys_signal_mask(struct thread *t, const uint64_t *a);
int64_t sys_signal_take(struct thread *t, const uint64_t *a);
int64_t sys_signal_wait(struct thread *t, const uint64_t *a);
int64_t sys_signal_word(struct thread *t, const uint64_t *a);
int64_t sys_setpgid(struct thread *t, const uint64_t *a);
int64_t sys_getpgid(struct thread *t, const uint64_t *a);
int64_t sys_setsid(struct thread *t, const uint64_t *a);
int64_t sys_getsid(struct thread *t, const uint64_t *a);

#endif
