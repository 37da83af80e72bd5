/*
 * System call dispatch: the table from number to handler, tracing, and the
 * one rule for numbers that do not exist: the process is killed, as it
 * would be for any other invalid instruction. A call that starts a wait
 * while a caught signal is pending is interrupted at once.
 */
#include "syscall.h"

#include "lib.h"
#include "trace.h"

struct syscall_entry {
	syscall_fn fn;
	const char *name;
	int nargs;
};

static const struct syscall_entry table[FE_SYS_COUNT] = {
	[FE_SYS_DEBUG_WRITE] = { sys_debug_write, "debug_write", 2 },
	[FE_SYS_PROC_EXIT] = { sys_proc_exit, "proc_exit", 1 },
	[FE_SYS_THREAD_EXIT] = { sys_thread_exit, "thread_exit", 0 },
	[FE_SYS_YIELD] = { sys_yield, "yield", 0 },
	[FE_SYS_CLOCK] = { sys_clock, "clock", 0 },
	[FE_SYS_SLEEP] = { sys_sleep, "sleep", 1 },
	[FE_SYS_HANDLE_CLOSE] = { sys_handle_close, "handle_close", 1 },
	[FE_SYS_HANDLE_DUP] = { sys_handle_dup, "handle_dup", 2 },
	[FE_SYS_HANDLE_INFO] = { sys_handle_info, "handle_info", 2 },
	[FE_SYS_ENDPOINT_CREATE] = { sys_endpoint_create, "endpoint_create", 0 },
	[FE_SYS_CALL] = { sys_call, "call", 3 },
	[FE_SYS_RECV] = { sys_recv, "recv", 3 },
	[FE_SYS_REPLY] = { sys_reply, "reply", 2 },
	[FE_SYS_NOTIFY_CREATE] = { sys_notify_create, "notify_create", 0 },
	[FE_SYS_NOTIFY_SIGNAL] = { sys_notify_signal, "notify_signal", 2 },
	[FE_SYS_NOTIFY_WAIT] = { sys_notify_wait, "notify_wait", 3 },
	[FE_SYS_MEM_MAP] = { sys_mem_map, "mem_map", 3 },
	[FE_SYS_MEM_UNMAP] = { sys_mem_unmap, "mem_unmap", 2 },
	[FE_SYS_MEMOBJ_CREATE] = { sys_memobj_create, "memobj_create", 1 },
	[FE_SYS_MEMOBJ_MAP] = { sys_memobj_map, "memobj_map", 5 },
	[FE_SYS_PROC_SPAWN] = { sys_proc_spawn, "proc_spawn", 3 },
	[FE_SYS_PROC_WAIT] = { sys_proc_wait, "proc_wait", 3 },
	[FE_SYS_PROC_KILL] = { sys_proc_kill, "proc_kill", 1 },
	[FE_SYS_THREAD_CREATE] = { sys_thread_create, "thread_create", 3 },
	[FE_SYS_GETPID] = { sys_getpid, "getpid", 0 },
	[FE_SYS_SET_PRIORITY] = { sys_set_priority, "set_priority", 1 },
	[FE_SYS_RANDOM] = { sys_random, "random", 2 },
	[FE_SYS_SCHEME_REGISTER] = { sys_scheme_register, "scheme_register", 3 },
	[FE_SYS_OPEN] = { sys_open, "open", 4 },
	[FE_SYS_CLOSE] = { sys_close, "close", 1 },
	[FE_SYS_FD_CALL] = { sys_fd_call, "fd_call", 3 },
	[FE_SYS_PATH_CALL] = { sys_path_call, "path_call", 3 },
	[FE_SYS_DUP] = { sys_dup, "dup", 3 },
	[FE_SYS_FD_FLAGS] = { sys_fd_flags, "fd_flags", 3 },
	[FE_SYS_CONSOLE_READ] = { sys_console_read, "console_read", 3 },
	[FE_SYS_SYSINFO] = { sys_sysinfo, "sysinfo", 3 },
	[FE_SYS_FORK] = { sys_fork, "fork", 1 },
	[FE_SYS_EXEC] = { sys_exec, "exec", 3 },
	[FE_SYS_SIGNAL_SEND] = { sys_signal_send, "signal_send", 2 },
	[FE_SYS_SIGNAL_ACTION] = { sys_signal_action, "signal_action", 2 },
	[FE_SYS_SIGNAL_MASK] = { sys_signal_mask, "signal_mask", 1 },
	[FE_SYS_SIGNAL_TAKE] = { sys_signal_take, "signal_take", 1 },
	[FE_SYS_SIGNAL_WAIT] = { sys_signal_wait, "signal_wait", 2 },
	[FE_SYS_SIGNAL_WORD] = { sys_signal_word, "signal_word", 1 },
	[FE_SYS_SETPGID] = { sys_setpgid, "setpgid", 2 },
	[FE_SYS_GETPGID] = { sys_getpgid, "getpgid", 1 },
	[FE_SYS_SETSID] = { sys_setsid, "setsid", 0 },
	[FE_SYS_GETSID] = { sys_getsid, "getsid", 1 },
};

int64_t timeout_arg(uint64_t a)
{
	int64_t v = (int64_t)a;

	return v < 0 ? FE_FOREVER : v;
}

void syscall_dispatch(struct thread *t, uint64_t nr, const uint64_t *args)
{
	const struct syscall_entry *e = nr < FE_SYS_COUNT ? &table[nr] : NULL;
	int64_t ret;

	if (!e || !e->fn) {
		struct fe_exit why = { .kind = FE_EXIT_FAULT,
			               .code = FE_FAULT_BADCALL,
			               .addr = nr };

		trace_event("%u.%u bad syscall %llu", t->proc->pid, t->tid, (unsigned long long)nr);
		process_kill(t->proc, &why);
		return;
	}
	trace_syscall(t, e->name, args, e->nargs);
	ret = e->fn(t, args);
	if (ret == SYSCALL_BLOCKED && t->state == T_BLOCKED)
		signal_check_wait(t);
	else if (ret != SYSCALL_BLOCKED && t->state == T_RUNNING)
		thread_set_ret(t, ret);
}
