/*
 * ferrite-loader's view of Linux: raw system calls and the few kernel
 * constants and structures it needs. The loader has no libc, so this header
 * spells out by hand what <sys/syscall.h>, <signal.h> and friends would give.
 *
 * Rules: every call returns the raw kernel result (negative errno on
 * failure); only calls that the sandbox allows may be made once the filter
 * is installed (see sim/sandbox.c, which is the authority on that list).
 */
#ifndef FERRITE_SIM_LOADER_SYS_H
#define FERRITE_SIM_LOADER_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NR_write 1
#define NR_close 3
#define NR_mmap 9
#define NR_munmap 11
#define NR_rt_sigaction 13
#define NR_rt_sigprocmask 14
#define NR_rt_sigreturn 15
#define NR_pread64 17
#define NR_recvmsg 47
#define NR_clone 56
#define NR_exit 60
#define NR_sigaltstack 131
#define NR_prctl 157
#define NR_arch_prctl 158
#define NR_futex 202
#define NR_exit_group 231
#define NR_dup3 292
#define NR_seccomp 317
#define NR_landlock_create_ruleset 444
#define NR_landlock_add_rule 445
#define NR_landlock_restrict_self 446

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 0x01
#define MAP_FIXED 0x10
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define ARCH_SET_GS 0x1001
#define PR_SET_NO_NEW_PRIVS 38
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_FILTER_FLAG_TSYNC 1
#define MSG_CMSG_CLOEXEC 0x40000000
#define SOL_SOCKET 1
#define SCM_RIGHTS 1
#define EINTR 4
#define ENOSYS 38
#define EOPNOTSUPP 95
#define LANDLOCK_RULE_PATH_BENEATH 1
#define LANDLOCK_FS_ALL 0x1fffull /* every access right of Landlock ABI 1 */
#define LANDLOCK_FS_READ 0xcull   /* READ_FILE | READ_DIR */
#define EAGAIN 11

#define SIGILL 4
#define SIGBUS 7
#define SIGFPE 8
#define SIGSEGV 11
#define SIGSYS 31
#define SIG_SETMASK 2
#define SA_SIGINFO 0x4
#define SA_RESTART 0x10000000
#define SA_ONSTACK 0x08000000
#define SA_RESTORER 0x04000000

/* struct sigaction as rt_sigaction takes it on x86_64. */
struct k_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct k_stack {
	void *sp;
	int flags;
	size_t size;
};

/* Offsets into siginfo_t and ucontext_t (x86_64). */
#define SI_ADDR 16    /* si_addr, and si_call_addr for SIGSYS */
#define SI_SYSCALL 24 /* si_syscall */
#define UC_RIP 168    /* uc_mcontext.gregs[REG_RIP] */

struct k_iovec {
	void *base;
	size_t len;
};

struct k_msghdr {
	void *name;
	int namelen;
	struct k_iovec *iov;
	size_t iovlen;
	void *control;
	size_t controllen;
	int flags;
};

struct k_cmsghdr {
	size_t len;
	int level;
	int type;
};

struct k_sock_filter {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
};

struct k_landlock_beneath {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct k_sock_fprog {
	unsigned short len;
	struct k_sock_filter *filter;
};

static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
	                 : "rcx", "r11", "memory");
	return ret;
}

static inline long sys3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
	                 : "=a"(ret)
	                 : "a"(nr), "D"(a), "S"(b), "d"(c)
	                 : "rcx", "r11", "memory");
	return ret;
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

/* Defined in entry.S. */
void sim_restorer(void);
long sim_clone(unsigned long flags, void *stack_top, void (*fn)(void *), void *arg);
_Noreturn void sim_unmap_and_exit(uint64_t addr, uint64_t len);
_Noreturn void sim_enter_user(uint64_t entry, uint64_t sp, uint64_t arg);

#endif
