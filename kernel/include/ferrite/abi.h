/*
 * Ferrite's system-call ABI: the one contract between user programs and the
 * kernel, shared by kernel/ and posix/. It is the same on every machine.
 *
 * A program enters the kernel by calling the gate, whose address the kernel
 * passes in the auxiliary vector (AT_FERRITE_GATE):
 *
 *     long gate(long nr, long a0, long a1, long a2, long a3, long a4);
 *
 * with the System V calling convention. A negative result is -FE_E*; any other
 * result is the call's value. Nothing else about the gate is part of the ABI:
 * on native it executes `syscall`, in the sim it hands the call to the kernel
 * process through a shared page.
 *
 * Rules every call keeps: every handle is checked for existence, type and
 * rights; every pointer and length is checked against the caller's mappings
 * before anything is committed; a call that fails changes nothing.
 */
#ifndef FERRITE_ABI_H
#define FERRITE_ABI_H

#include <stdint.h>

/* Auxiliary vector entry carrying the gate's address (not a Linux AT_ value). */
#define AT_FERRITE_GATE 0x4645u

/* Handles: small non-negative integers into the caller's capability table. */
typedef int32_t fe_handle_t;
#define FE_NO_HANDLE (-1)

/* Timeouts, in nanoseconds, relative to the call. */
#define FE_FOREVER (-1L)
#define FE_POLL 0L

enum fe_syscall {
	FE_SYS_DEBUG_WRITE = 1, /* (buf, len) -> len */
	FE_SYS_PROC_EXIT,       /* (status) -> does not return */
	FE_SYS_THREAD_EXIT,     /* () -> does not return */
	FE_SYS_YIELD,           /* () -> 0 */
	FE_SYS_CLOCK,           /* () -> monotonic ns */
	FE_SYS_SLEEP,           /* (ns) -> 0 */
	FE_SYS_HANDLE_CLOSE,    /* (h) -> 0 */
	FE_SYS_HANDLE_DUP,      /* (h, rights) -> new h; rights must be a subset */
	FE_SYS_HANDLE_INFO,     /* (h, struct fe_handle_info *) -> 0 */
	FE_SYS_ENDPOINT_CREATE, /* () -> h */
	FE_SYS_CALL,            /* (h, struct fe_msg *, timeout) -> 0, reply in msg */
	FE_SYS_RECV,            /* (h, struct fe_msg *, timeout) -> reply handle */
	FE_SYS_REPLY,           /* (reply h, struct fe_msg *) -> 0 */
	FE_SYS_NOTIFY_CREATE,   /* () -> h */
	FE_SYS_NOTIFY_SIGNAL,   /* (h, bits) -> 0 */
	FE_SYS_NOTIFY_WAIT,     /* (h, uint64_t *bits, timeout) -> 0 */
	FE_SYS_MEM_MAP,         /* (addr or 0, len, prot) -> addr; anonymous */
	FE_SYS_MEM_UNMAP,       /* (addr, len) -> 0 */
	FE_SYS_MEMOBJ_CREATE,   /* (size) -> h */
	FE_SYS_MEMOBJ_MAP,      /* (h, addr or 0, len, prot, offset) -> addr */
	FE_SYS_PROC_SPAWN,      /* (image, len, struct fe_spawn *) -> proc h */
	FE_SYS_PROC_WAIT,       /* (h, struct fe_exit *, timeout) -> 0 */
	FE_SYS_PROC_KILL,       /* (h) -> 0 */
	FE_SYS_THREAD_CREATE,   /* (entry, stack top, arg) -> thread h */
	FE_SYS_GETPID,          /* () -> pid */
	FE_SYS_SET_PRIORITY,    /* (prio) -> 0; 0 lowest .. FE_PRIO_MAX */
	FE_SYS_RANDOM,          /* (buf, len) -> len; seeded, deterministic in the sim */
	/* Schemes and file descriptors: see <ferrite/scheme.h>. */
	FE_SYS_SCHEME_REGISTER, /* (name, len, endpoint h) -> 0 */
	FE_SYS_OPEN,            /* (path, len, flags, mode) -> fd */
	FE_SYS_CLOSE,           /* (fd) -> 0 */
	FE_SYS_FD_CALL,         /* (fd, struct fe_msg *, timeout) -> server's result */
	FE_SYS_PATH_CALL,       /* (path, len, struct fe_msg *) -> server's result */
	FE_SYS_DUP,             /* (fd, newfd or -1, fd flags) -> fd */
	FE_SYS_FD_FLAGS,        /* (fd, mask, value) -> previous fd flags */
	FE_SYS_CONSOLE_READ,    /* (buf, len, timeout) -> bytes; 0 at end of input */
	FE_SYS_SYSINFO,         /* (enum fe_info, buf, len) -> see enum fe_info */
	FE_SYS_FORK,            /* (fe_handle_t *proc) -> child's pid; 0 in the child */
	FE_SYS_EXEC,            /* (image, len, struct fe_spawn *) -> only on error */
	/* Signals and process groups: see "Signals" below. */
	FE_SYS_SIGNAL_SEND,   /* (pid, sig) -> 0; pid < 0: the group -pid; 0: own group */
	FE_SYS_SIGNAL_ACTION, /* (sig, enum fe_sig_action) -> the previous action */
	FE_SYS_SIGNAL_MASK,   /* (set) -> the previous mask */
	FE_SYS_SIGNAL_TAKE,   /* (set) -> the pending signals of set, now taken */
	FE_SYS_SIGNAL_WAIT,   /* (set, timeout) -> the pending signals of set (not taken) */
	FE_SYS_SIGNAL_WORD,   /* (uint64_t * or 0) -> 0; where pending caught signals show */
	FE_SYS_SETPGID,       /* (pid or 0, pgid or 0) -> 0 */
	FE_SYS_GETPGID,       /* (pid or 0) -> pgid */
	FE_SYS_SETSID,        /* () -> the new session's id */
	FE_SYS_GETSID,        /* (pid or 0) -> sid */
	FE_SYS_COUNT
};

/* Error codes: the values of the common Linux errno numbers, so libc can
 * pass them through unchanged. */
enum fe_error {
	FE_EPERM = 1,
	FE_ENOENT = 2,
	FE_ESRCH = 3,
	FE_EINTR = 4,
	FE_EIO = 5,
	FE_E2BIG = 7,
	FE_ENOEXEC = 8,
	FE_EBADF = 9, /* no such handle or descriptor, or the wrong type */
	FE_EAGAIN = 11,
	FE_ENOMEM = 12,
	FE_EACCES = 13, /* handle lacks a right the call needs */
	FE_EFAULT = 14, /* a pointer or range is not mapped as needed */
	FE_EBUSY = 16,
	FE_EEXIST = 17,
	FE_EXDEV = 18,
	FE_ENODEV = 19, /* no scheme of that name */
	FE_ENOTDIR = 20,
	FE_EISDIR = 21,
	FE_EINVAL = 22,
	FE_EMFILE = 24, /* capability or descriptor table full */
	FE_ENOTTY = 25,
	FE_ENOSPC = 28,
	FE_ESPIPE = 29,
	FE_EROFS = 30,
	FE_EPIPE = 32, /* no server: every receive right on the endpoint is gone */
	FE_ENAMETOOLONG = 36,
	FE_ENOSYS = 38,
	FE_ENOTEMPTY = 39,
	FE_EMSGSIZE = 90,
	FE_ECONNRESET = 104, /* the server died or dropped the call before replying */
	FE_ETIMEDOUT = 110,
	FE_ESTALE = 116, /* the scheme's server was restarted since the file was opened */
};

/* Object types, as reported by FE_SYS_HANDLE_INFO. */
enum fe_obj_type {
	FE_OBJ_NONE = 0,
	FE_OBJ_ENDPOINT,
	FE_OBJ_REPLY,
	FE_OBJ_NOTIFY,
	FE_OBJ_MEMOBJ,
	FE_OBJ_PROCESS,
	FE_OBJ_THREAD,
};

/* Rights carried by a handle. A duplicate may only drop rights. */
#define FE_RIGHT_DUP (1u << 0)      /* may be duplicated */
#define FE_RIGHT_TRANSFER (1u << 1) /* may be sent in a message */
#define FE_RIGHT_CALL (1u << 2)     /* endpoint: call */
#define FE_RIGHT_RECV (1u << 3)     /* endpoint: receive */
#define FE_RIGHT_SIGNAL (1u << 4)   /* notification: signal */
#define FE_RIGHT_WAIT (1u << 5)     /* notification, process: wait */
#define FE_RIGHT_READ (1u << 6)     /* memory object: map readable */
#define FE_RIGHT_WRITE (1u << 7)    /* memory object: map writable */
#define FE_RIGHT_EXEC (1u << 8)     /* memory object: map executable */
#define FE_RIGHT_KILL (1u << 9)     /* process: kill */
#define FE_RIGHTS_ALL 0x3ffu

/* Mapping protections. */
#define FE_PROT_READ 1u
#define FE_PROT_WRITE 2u
#define FE_PROT_EXEC 4u

#define FE_PAGE_SIZE 4096ul
#define FE_PRIO_MAX 31
#define FE_PRIO_DEFAULT 16

/*
 * A message: a label and four words always travel; a buffer and one handle
 * travel when given. On FE_SYS_CALL the same structure receives the reply; on
 * FE_SYS_RECV it receives the request.
 *
 * Sending: label, w[], buf/len (len <= FE_MSG_MAX_BUF), handle (or
 * FE_NO_HANDLE; it needs FE_RIGHT_TRANSFER and is copied, not moved).
 * Receiving: rbuf/rcap say where the peer's buffer may go. The kernel sets
 * rlen to the peer's full length and copies min(rlen, rcap) bytes; rlen >
 * rcap means the buffer was cut short, and FE_MSG_TRUNCATED is set in flags.
 * A received handle is installed in the receiver's table and its number
 * written to handle (FE_NO_HANDLE if none).
 */
#define FE_MSG_MAX_BUF (64u * 1024u)
#define FE_MSG_TRUNCATED 1u

struct fe_msg {
	uint64_t label;
	uint64_t w[4];
	const void *buf;
	uint64_t len;
	void *rbuf;
	uint64_t rcap;
	uint64_t rlen;
	fe_handle_t handle;
	uint32_t flags;
};

struct fe_handle_info {
	uint32_t type; /* enum fe_obj_type */
	uint32_t rights;
	uint64_t koid; /* the object's kernel-wide id, never reused */
	uint32_t pid;  /* a process handle: its pid (also once it is dead); else 0 */
	uint32_t reserved;
};

/*
 * Spawning: the image is a static ELF64 x86_64 executable in the caller's
 * memory. argv is `argc` NUL-terminated strings laid end to end in
 * args/args_len. The handles listed are copied into the child's table at
 * numbers 0 .. nhandles-1 (each needs FE_RIGHT_TRANSFER). Priority 0 means
 * the caller's own priority.
 */
#define FE_SPAWN_MAX_HANDLES 16
#define FE_SPAWN_MAX_ARGS (16u * 1024u)
#define FE_SPAWN_FDS 1u    /* the child inherits every descriptor without FE_FD_CLOEXEC */
#define FE_SPAWN_GRANTS 2u /* the child gets exactly `grants`, not the parent's */

/*
 * Grants: what a process may reach by name or number, beyond the handles and
 * descriptors it holds. Serving or opening a scheme needs a grant naming it
 * ("*" names every scheme); IRQ lines, I/O ports and physical memory ranges
 * are granted as ranges [lo, hi]. The first process holds every grant. A
 * child gets its parent's grants, or with FE_SPAWN_GRANTS a list each of
 * whose entries the parent itself holds (a grant can be narrowed, never
 * widened). A call refused for lack of a grant fails with -FE_EACCES and the
 * kernel says so on the console, once per process and kind.
 */
enum fe_grant_kind {
	FE_GRANT_SERVE = 1, /* register the scheme `name` */
	FE_GRANT_OPEN,      /* open paths of the scheme `name` */
	FE_GRANT_IRQ,       /* IRQ lines lo..hi */
	FE_GRANT_IOPORT,    /* I/O ports lo..hi */
	FE_GRANT_MMIO,      /* physical addresses lo..hi */
	FE_GRANT_SIGNAL,    /* signal any process (name, lo, hi unused) */
	FE_GRANT_KIND_COUNT
};

#define FE_SPAWN_MAX_GRANTS 32

struct fe_grant {
	uint32_t kind; /* enum fe_grant_kind */
	uint32_t reserved;
	char name[32]; /* SERVE, OPEN: a scheme name or "*", NUL-terminated */
	uint64_t lo, hi;
};

struct fe_spawn {
	const char *args;
	uint64_t args_len;
	uint32_t argc;
	uint32_t priority;
	uint32_t nhandles;
	uint32_t flags; /* FE_SPAWN_* */
	fe_handle_t handles[FE_SPAWN_MAX_HANDLES];
	const struct fe_grant *grants; /* with FE_SPAWN_GRANTS: the child's grants */
	uint32_t ngrants;
	uint32_t reserved;
};

/* What FE_SYS_SYSINFO reports. */
enum fe_info {
	FE_INFO_CONSOLE = 1, /* -> FE_CONSOLE_* flags */
	FE_INFO_PROCS,       /* buf <- struct fe_procinfo[] -> how many there are */
	FE_INFO_MEMORY,      /* buf <- struct fe_meminfo -> 0 */
};

#define FE_CONSOLE_TTY 1u /* the console is an interactive terminal */

enum fe_proc_state { FE_PROC_RUNNING, FE_PROC_BLOCKED };

struct fe_procinfo {
	uint32_t pid;
	uint32_t parent; /* pid of the process that spawned it, 0 for the first */
	uint32_t threads;
	uint32_t state;  /* enum fe_proc_state: RUNNING if any thread can run */
	uint64_t memory; /* bytes mapped */
	uint64_t start_ns;
	char name[32];
};

struct fe_meminfo {
	uint64_t kernel_heap_used, kernel_heap_size;
	uint64_t user_mapped; /* bytes mapped by every process together */
};

/*
 * Signals: the numbers are Linux's (1..FE_NSIG-1); a set has bit s for
 * signal s. The kernel keeps, per process, the pending set, the mask and an
 * action for each signal, which the process's libc sets:
 *
 *   DFL   the default: SIGCHLD, SIGCONT, SIGURG, SIGWINCH and the stop
 *         signals are dropped (there is no job control); every other one
 *         ends the process (FE_EXIT_SIGNAL, code = the signal)
 *   IGN   dropped
 *   CATCH made pending; a thread of the process blocked in an interruptible
 *         wait (any but the reply of a delivered call that is not a
 *         descriptor read) returns -FE_EINTR, and the set of pending,
 *         caught, unmasked signals is published in the process's signal
 *         word; the program takes them (SIGNAL_TAKE) and runs its handlers
 *         when a call returns
 *   HOLD  made pending, never interrupts a call and never shows in the
 *         word: the program asks for it (SIGNAL_WAIT, SIGNAL_TAKE)
 *
 * A masked signal stays pending until unmasked (SIGKILL cannot be masked,
 * caught or ignored). A process may signal itself, its descendants and the
 * processes of its own session; with FE_GRANT_SIGNAL, any. The first
 * process gets only the signals it catches or holds. Signal 0 checks that
 * and sends nothing. A process ends with SIGCHLD to its parent. A
 * process made by FE_SYS_PROC_SPAWN starts a new session and group; one made
 * by FE_SYS_FORK is in its parent's.
 */
#define FE_NSIG 32
#define FE_SIGINT 2
#define FE_SIGQUIT 3
#define FE_SIGKILL 9
#define FE_SIGCHLD 17
#define FE_SIGCONT 18
#define FE_SIGSTOP 19
#define FE_SIGTSTP 20
#define FE_SIGTTIN 21
#define FE_SIGTTOU 22
#define FE_SIGURG 23
#define FE_SIGWINCH 28

enum fe_sig_action { FE_SIG_DFL = 0, FE_SIG_IGN, FE_SIG_CATCH, FE_SIG_HOLD };

/* How a process ended. */
enum fe_exit_kind {
	FE_EXIT_NORMAL = 0, /* code = its exit status */
	FE_EXIT_KILLED,     /* killed through a process handle or by the host */
	FE_EXIT_FAULT,      /* a thread faulted: code = enum fe_fault_kind */
	FE_EXIT_SANDBOX,    /* made a forbidden host call (sim): code = host nr */
	FE_EXIT_SIGNAL,     /* a signal's default action: code = the signal */
};

enum fe_fault_kind {
	FE_FAULT_PAGE = 1, /* access to an address not mapped as needed */
	FE_FAULT_ILLEGAL,  /* illegal instruction */
	FE_FAULT_ARITH,    /* divide error and other arithmetic traps */
	FE_FAULT_BADCALL,  /* a system call number that does not exist */
	FE_FAULT_OTHER,
};

struct fe_exit {
	uint32_t kind; /* enum fe_exit_kind */
	int32_t code;
	uint64_t addr; /* faulting address, or the address of the host call */
	uint64_t ip;   /* instruction pointer at the fault */
};

#endif
