/*
 * The sandbox every sim child runs in: a seccomp program built here with
 * libseccomp, exported as BPF into a sealed memfd that ferrite-loader reads
 * and installs (with no_new_privs) before any user code is mapped.
 *
 * Default action: SECCOMP_RET_TRAP, also for a foreign syscall ABI (int
 * 0x80, x32), so the child's SIGSYS handler reports the forbidden call and
 * ferrite-sim kills the process and names the call on stderr.
 *
 * The allow-list is exactly what the loader's gate runtime needs:
 *   futex(FUTEX_WAIT/WAKE)      sleep on its wake word; wake the next
 *                               thread on a hand-off (sim/gate.h)
 *   write(SIM_FD_BELL)          ring the kernel's doorbell
 *   recvmsg(SIM_FD_CTL)         receive the fds of a batch of ops
 *   mmap without MAP_ANONYMOUS  map received memfds (only fds the kernel
 *                               sent exist in the child)
 *   munmap, close               unmap ops, dropping received fds
 *   clone(thread flags exactly) start a thread of the same process
 *   arch_prctl(ARCH_SET_GS)     a new thread points %gs at its gate page
 *   sigaltstack                 a new thread's signal stack
 *   rt_sigreturn                return from the preemption handler
 *   exit, exit_group            a thread leaves; the process ends
 * Nothing here names a path, a pid or another process's resource: a child
 * can reach only the memory the kernel mapped into it and the kernel itself.
 *
 * With --mount a second program is built for the hostfs daemon alone
 * (host.c decides which process that is): the same rules plus
 *   openat2(SIM_FD_HOST)        open beneath the host directory (the
 *                               daemon asks RESOLVE_BENEATH; Landlock,
 *                               applied by the loader, allows only reads)
 *   pread64, lseek, getdents64, read its files and directories
 *   fstat
 * It holds no other host descriptor than the ones it opens there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sim.h"

#define ARCH_SET_GS 0x1001

static int allow(scmp_filter_ctx ctx, int nr)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
}

static int allow_if(scmp_filter_ctx ctx, int nr, struct scmp_arg_cmp cmp)
{
	return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1, cmp);
}

/* What hostfs may do beyond every process's rules. */
static int host_rules(scmp_filter_ctx ctx)
{
	int err = allow_if(ctx, SCMP_SYS(openat2), SCMP_A0(SCMP_CMP_EQ, SIM_FD_HOST));

	if (!err)
		err = allow(ctx, SCMP_SYS(pread64));
	if (!err)
		err = allow(ctx, SCMP_SYS(lseek));
	if (!err)
		err = allow(ctx, SCMP_SYS(getdents64));
	if (!err)
		err = allow(ctx, SCMP_SYS(fstat));
	return err;
}

static int sandbox_rules(scmp_filter_ctx ctx)
{
	static const int plain[] = {
		SCMP_SYS(munmap),       SCMP_SYS(close), SCMP_SYS(sigaltstack),
		SCMP_SYS(rt_sigreturn), SCMP_SYS(exit),  SCMP_SYS(exit_group),
	};
	int err = 0;

	for (unsigned i = 0; i < sizeof(plain) / sizeof(plain[0]) && !err; i++)
		err = allow(ctx, plain[i]);
	if (!err)
		err = allow_if(ctx, SCMP_SYS(futex), SCMP_A1(SCMP_CMP_EQ, FUTEX_WAIT));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(futex), SCMP_A1(SCMP_CMP_EQ, FUTEX_WAKE));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(write), SCMP_A0(SCMP_CMP_EQ, SIM_FD_BELL));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(recvmsg), SCMP_A0(SCMP_CMP_EQ, SIM_FD_CTL));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(mmap), SCMP_A3(SCMP_CMP_MASKED_EQ, MAP_ANONYMOUS, 0));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(clone), SCMP_A0(SCMP_CMP_EQ, SIM_CLONE_THREAD_FLAGS));
	if (!err)
		err = allow_if(ctx, SCMP_SYS(arch_prctl), SCMP_A0(SCMP_CMP_EQ, ARCH_SET_GS));
	return err;
}

/* Export the program into a sealed memfd: *out. */
static int sandbox_export(scmp_filter_ctx ctx, int *out)
{
	int fd = memfd_create("ferrite-seccomp", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	int err;

	if (fd < 0)
		return -errno;
	err = seccomp_export_bpf(ctx, fd);
	if (!err &&
	    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0)
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	*out = fd;
	return 0;
}

static int sandbox_build(bool host, int *out)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
	int err;

	if (!ctx)
		return -ENOMEM;
	err = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP);
	if (!err)
		err = sandbox_rules(ctx);
	if (!err && host)
		err = host_rules(ctx);
	if (!err)
		err = sandbox_export(ctx, out);
	seccomp_release(ctx);
	return err;
}

int sim_sandbox_init(bool host)
{
	int err = sandbox_build(false, &sim.filter_fd);

	if (!err && host)
		err = sandbox_build(true, &sim.host_filter_fd);
	return err;
}

/* One line on stderr naming the forbidden call, as the page reports it. */
void sim_sandbox_report(pid_t pid, const struct sim_gate *g)
{
	uint32_t arch = g->fault_arch ? g->fault_arch : SCMP_ARCH_X86_64;
	char *name = NULL;

	if (arch == SCMP_ARCH_X86_64 || arch == SCMP_ARCH_X86)
		name = seccomp_syscall_resolve_num_arch(arch, g->fault_code);
	fprintf(stderr,
	        "ferrite-sim: sandbox: process %d made forbidden host call "
	        "%s%s (%d) at %#llx; killed\n",
	        (int)pid, name ? name : "unknown", arch == SCMP_ARCH_X86 ? " [i386]" : "",
	        g->fault_code, (unsigned long long)g->fault_addr);
	free(name);
}
