/*
 * The system-call wrappers of <ferrite/sys.h>. Each one only casts its
 * arguments into the gate's six longs and its result back; the kernel checks
 * everything. Calls that yield an address return it as the gate's value,
 * which these wrappers split into an error code and an out-pointer.
 */
#include <ferrite/sys.h>

#include "rt.h"

/* The signal word the kernel writes (FE_SYS_SIGNAL_WORD) and what runs when
 * it shows a signal after a call: see fe_signal_watch. */
static volatile uint64_t *signal_word;
static int (*signal_hook)(long nr, long rc);

long fe_syscall(long nr, long a0, long a1, long a2, long a3, long a4)
{
	long rc;

	do
		rc = fe_rt_gate(nr, a0, a1, a2, a3, a4);
	while (signal_word && *signal_word && signal_hook(nr, rc));
	return rc;
}

int fe_signal_watch(volatile uint64_t *word, int (*hook)(long nr, long rc))
{
	int rc = (int)fe_syscall(FE_SYS_SIGNAL_WORD, (long)word, 0, 0, 0, 0);

	if (rc == 0) {
		signal_hook = hook;
		signal_word = word;
	}
	return rc;
}

static long sys0(long nr)
{
	return fe_syscall(nr, 0, 0, 0, 0, 0);
}

static long sys1(long nr, long a0)
{
	return fe_syscall(nr, a0, 0, 0, 0, 0);
}

static long sys2(long nr, long a0, long a1)
{
	return fe_syscall(nr, a0, a1, 0, 0, 0);
}

static long sys3(long nr, long a0, long a1, long a2)
{
	return fe_syscall(nr, a0, a1, a2, 0, 0);
}

/* The address a mapping call returned, or its error. */
static int address_result(long rc, void **addr)
{
	if (rc < 0)
		return (int)rc;
	*addr = (void *)rc;
	return 0;
}

long fe_debug_write(const void *buf, uint64_t len)
{
	return sys2(FE_SYS_DEBUG_WRITE, (long)buf, (long)len);
}

_Noreturn void fe_exit(int status)
{
	sys1(FE_SYS_PROC_EXIT, status);
	for (;;)
		__builtin_trap();
}

_Noreturn void fe_thread_exit(void)
{
	sys0(FE_SYS_THREAD_EXIT);
	for (;;)
		__builtin_trap();
}

int fe_yield(void)
{
	return (int)sys0(FE_SYS_YIELD);
}

uint64_t fe_clock(void)
{
	return (uint64_t)sys0(FE_SYS_CLOCK);
}

int fe_sleep(int64_t ns)
{
	return (int)sys1(FE_SYS_SLEEP, ns);
}

int fe_handle_close(fe_handle_t h)
{
	return (int)sys1(FE_SYS_HANDLE_CLOSE, h);
}

fe_handle_t fe_handle_dup(fe_handle_t h, uint32_t rights)
{
	return (fe_handle_t)sys2(FE_SYS_HANDLE_DUP, h, rights);
}

int fe_handle_info(fe_handle_t h, struct fe_handle_info *info)
{
	return (int)sys2(FE_SYS_HANDLE_INFO, h, (long)info);
}

fe_handle_t fe_endpoint_create(void)
{
	return (fe_handle_t)sys0(FE_SYS_ENDPOINT_CREATE);
}

int fe_call(fe_handle_t ep, struct fe_msg *msg, int64_t timeout)
{
	return (int)sys3(FE_SYS_CALL, ep, (long)msg, timeout);
}

fe_handle_t fe_recv(fe_handle_t ep, struct fe_msg *msg, int64_t timeout)
{
	return (fe_handle_t)sys3(FE_SYS_RECV, ep, (long)msg, timeout);
}

int fe_reply(fe_handle_t reply, const struct fe_msg *msg)
{
	return (int)sys2(FE_SYS_REPLY, reply, (long)msg);
}

fe_handle_t fe_notify_create(void)
{
	return (fe_handle_t)sys0(FE_SYS_NOTIFY_CREATE);
}

int fe_notify_signal(fe_handle_t h, uint64_t bits)
{
	return (int)sys2(FE_SYS_NOTIFY_SIGNAL, h, (long)bits);
}

int fe_notify_wait(fe_handle_t h, uint64_t *bits, int64_t timeout)
{
	return (int)sys3(FE_SYS_NOTIFY_WAIT, h, (long)bits, timeout);
}

int fe_mem_map(void *hint, uint64_t len, unsigned prot, void **addr)
{
	return address_result(sys3(FE_SYS_MEM_MAP, (long)hint, (long)len, prot), addr);
}

int fe_mem_unmap(void *addr, uint64_t len)
{
	return (int)sys2(FE_SYS_MEM_UNMAP, (long)addr, (long)len);
}

fe_handle_t fe_memobj_create(uint64_t size)
{
	return (fe_handle_t)sys1(FE_SYS_MEMOBJ_CREATE, (long)size);
}

int fe_memobj_map(fe_handle_t h, void *hint, uint64_t len, unsigned prot, uint64_t offset,
                  void **addr)
{
	long rc = fe_syscall(FE_SYS_MEMOBJ_MAP, h, (long)hint, (long)len, prot, (long)offset);

	return address_result(rc, addr);
}

fe_handle_t fe_proc_spawn(const void *image, uint64_t len, const struct fe_spawn *spawn)
{
	return (fe_handle_t)sys3(FE_SYS_PROC_SPAWN, (long)image, (long)len, (long)spawn);
}

int fe_proc_wait(fe_handle_t proc, struct fe_exit *exit, int64_t timeout)
{
	return (int)sys3(FE_SYS_PROC_WAIT, proc, (long)exit, timeout);
}

int fe_proc_kill(fe_handle_t proc)
{
	return (int)sys1(FE_SYS_PROC_KILL, proc);
}

int fe_signal_send(long pid, int sig)
{
	return (int)sys2(FE_SYS_SIGNAL_SEND, pid, sig);
}

int fe_signal_action(int sig, int action)
{
	return (int)sys2(FE_SYS_SIGNAL_ACTION, sig, action);
}

long fe_signal_mask(uint64_t set)
{
	return sys1(FE_SYS_SIGNAL_MASK, (long)set);
}

long fe_signal_take(uint64_t set)
{
	return sys1(FE_SYS_SIGNAL_TAKE, (long)set);
}

long fe_signal_wait(uint64_t set, int64_t timeout)
{
	return sys2(FE_SYS_SIGNAL_WAIT, (long)set, timeout);
}

int fe_setpgid(long pid, long pgid)
{
	return (int)sys2(FE_SYS_SETPGID, pid, pgid);
}

long fe_getpgid(long pid)
{
	return sys1(FE_SYS_GETPGID, pid);
}

long fe_setsid(void)
{
	return sys0(FE_SYS_SETSID);
}

long fe_getsid(long pid)
{
	return sys1(FE_SYS_GETSID, pid);
}

fe_handle_t fe_thread_create(void (*entry)(void *), void *stack_top, void *arg)
{
	return (fe_handle_t)sys3(FE_SYS_THREAD_CREATE, (long)entry, (long)stack_top, (long)arg);
}

long fe_getpid(void)
{
	return sys0(FE_SYS_GETPID);
}

int fe_set_priority(int prio)
{
	return (int)sys1(FE_SYS_SET_PRIORITY, prio);
}

long fe_random(void *buf, uint64_t len)
{
	return sys2(FE_SYS_RANDOM, (long)buf, (long)len);
}

int fe_scheme_register(const char *name, uint64_t len, fe_handle_t ep)
{
	return (int)sys3(FE_SYS_SCHEME_REGISTER, (long)name, (long)len, ep);
}

int fe_open(const char *path, uint64_t len, uint32_t flags, uint32_t mode)
{
	return (int)fe_syscall(FE_SYS_OPEN, (long)path, (long)len, flags, mode, 0);
}

int fe_close(int fd)
{
	return (int)sys1(FE_SYS_CLOSE, fd);
}

long fe_fd_call(int fd, struct fe_msg *msg, int64_t timeout)
{
	return sys3(FE_SYS_FD_CALL, fd, (long)msg, timeout);
}

long fe_path_call(const char *path, uint64_t len, struct fe_msg *msg)
{
	return sys3(FE_SYS_PATH_CALL, (long)path, (long)len, (long)msg);
}

int fe_dup(int fd, int newfd, uint32_t fd_flags)
{
	return (int)sys3(FE_SYS_DUP, fd, newfd, fd_flags);
}

int fe_fd_flags(int fd, uint32_t mask, uint32_t value)
{
	return (int)sys3(FE_SYS_FD_FLAGS, fd, mask, value);
}

long fe_console_read(void *buf, uint64_t len, int64_t timeout)
{
	return sys3(FE_SYS_CONSOLE_READ, (long)buf, (long)len, timeout);
}

long fe_sysinfo(uint32_t what, void *buf, uint64_t len)
{
	return sys3(FE_SYS_SYSINFO, what, (long)buf, (long)len);
}
