/*
 * Ferrite's system calls as C functions: one typed wrapper per call in
 * <ferrite/abi.h>, all going through the kernel's gate (fe_syscall).
 *
 * Conventions: a call that yields a handle returns it (>= 0) or -FE_E*; a call
 * that yields an address writes it through an out-pointer; every other call
 * returns 0 (or its value) or -FE_E*. Nothing here sets errno; the libc layer
 * built on top will.
 */
#ifndef FERRITE_SYS_H
#define FERRITE_SYS_H

#include <stddef.h>
#include <stdint.h>

#include <ferrite/abi.h>

/* Enter the kernel: call number and up to five arguments. */
long fe_syscall(long nr, long a0, long a1, long a2, long a3, long a4);

long fe_debug_write(const void *buf, uint64_t len);
_Noreturn void fe_exit(int status);
_Noreturn void fe_thread_exit(void);
int fe_yield(void);
uint64_t fe_clock(void);
int fe_sleep(int64_t ns);

int fe_handle_close(fe_handle_t h);
fe_handle_t fe_handle_dup(fe_handle_t h, uint32_t rights);
int fe_handle_info(fe_handle_t h, struct fe_handle_info *info);

fe_handle_t fe_endpoint_create(void);
int fe_call(fe_handle_t ep, struct fe_msg *msg, int64_t timeout);
fe_handle_t fe_recv(fe_handle_t ep, struct fe_msg *msg, int64_t timeout);
int fe_reply(fe_handle_t reply, const struct fe_msg *msg);

fe_handle_t fe_notify_create(void);
int fe_notify_signal(fe_handle_t h, uint64_t bits);
int fe_notify_wait(fe_handle_t h, uint64_t *bits, int64_t timeout);

int fe_mem_map(void *hint, uint64_t len, unsigned prot, void **addr);
int fe_mem_unmap(void *addr, uint64_t len);
fe_handle_t fe_memobj_create(uint64_t size);
int fe_memobj_map(fe_handle_t h, void *hint, uint64_t len, unsigned prot, uint64_t offset,
                  void **addr);

fe_handle_t fe_proc_spawn(const void *image, uint64_t len, const struct fe_spawn *spawn);
int fe_proc_wait(fe_handle_t proc, struct fe_exit *exit, int64_t timeout);
int fe_proc_kill(fe_handle_t proc);
fe_handle_t fe_thread_create(void (*entry)(void *), void *stack_top, void *arg);

/* Signals and process groups (<ferrite/abi.h>, "Signals"). fe_signal_action
 * returns the previous action, fe_signal_mask the previous mask, take and
 * wait the signals taken or pending. */
int fe_signal_send(long pid, int sig);
int fe_signal_action(int sig, int action);
long fe_signal_mask(uint64_t set);
long fe_signal_take(uint64_t set);
long fe_signal_wait(uint64_t set, int64_t timeout);
int fe_setpgid(long pid, long pgid);
long fe_getpgid(long pid);
long fe_setsid(void);
long fe_getsid(long pid);
/* Register `word` as the process's signal word. From then on, whenever a
 * call returns while the word is non-zero, fe_syscall runs hook(nr, rc),
 * which takes and handles the signals; if it returns non-zero, the call is
 * made again (SA_RESTART after -FE_EINTR). A process that makes no calls
 * sees its signals at its next call. */
int fe_signal_watch(volatile uint64_t *word, int (*hook)(long nr, long rc));
long fe_getpid(void);
int fe_set_priority(int prio);
long fe_random(void *buf, uint64_t len);

/* Schemes and file descriptors (<ferrite/scheme.h>). fe_fd_call and
 * fe_path_call return the server's result: >= 0, or -FE_E*. */
int fe_scheme_register(const char *name, uint64_t len, fe_handle_t ep);
int fe_open(const char *path, uint64_t len, uint32_t flags, uint32_t mode);
int fe_close(int fd);
long fe_fd_call(int fd, struct fe_msg *msg, int64_t timeout);
long fe_path_call(const char *path, uint64_t len, struct fe_msg *msg);
int fe_dup(int fd, int newfd, uint32_t fd_flags);
int fe_fd_flags(int fd, uint32_t mask, uint32_t value);
long fe_console_read(void *buf, uint64_t len, int64_t timeout);
long fe_sysinfo(uint32_t what, void *buf, uint64_t len);

/* A message with no buffers and no handle: the starting point of every call. */
static inline struct fe_msg fe_msg_empty(void)
{
	struct fe_msg m = { 0 };

	m.handle = FE_NO_HANDLE;
	return m;
}

#endif
