/*
 * The sim's event loop and clocks.
 *
 * One io_uring carries every host event the kernel can sleep on: a read on
 * the doorbell eventfd, always armed (children ring it when they post a
 * request while the kernel sleeps), a one-shot POLLIN on each child's
 * pidfd (the child died), and a read on stdin, re-armed until the input
 * ends (the console: its bytes go to kernel_console_input). Timeouts ride
 * on the wait itself (EXT_ARG).
 *
 * Time: arch_time_now() is virtual. It moves SIM_TRAP_NS per trap (run.c)
 * and jumps to the timer deadline when arch_idle() finds nothing to do, so a
 * run is a function of its seed, not of the host. Wall-clock time
 * (sim_wall_ns) is used only for spinning budgets and the watchdog.
 *
 * Rules: events are handled only inside sim_loop_wait/sim_loop_poll, which
 * only arch_run and arch_idle call, so upcalls into the core happen only
 * there; a completion is marked seen before it is handled, because handling
 * may re-enter the core.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <liburing.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "sim.h"

#define TAG_BELL 1ull /* user_data of the doorbell read; else an arch_as */
#define TAG_NOP 2ull
#define TAG_STDIN 3ull

static struct io_uring ring;
static uint64_t bell_buf;
static char stdin_buf[4096];
static size_t stdin_off, stdin_len; /* bytes read but not yet taken */

uint64_t sim_wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static struct io_uring_sqe *loop_sqe(void)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);

	if (!sqe) {
		io_uring_submit(&ring);
		sqe = io_uring_get_sqe(&ring);
	}
	return sqe;
}

static int arm_bell(void)
{
	struct io_uring_sqe *sqe = loop_sqe();

	if (!sqe)
		return -EBUSY;
	io_uring_prep_read(sqe, sim.bell_fd, &bell_buf, sizeof(bell_buf), 0);
	io_uring_sqe_set_data64(sqe, TAG_BELL);
	return 0;
}

/* Read stdin at its current position (-1), which also suits pipes, ttys and
 * redirected files. */
static int arm_stdin(void)
{
	struct io_uring_sqe *sqe = loop_sqe();

	if (!sqe)
		return -EBUSY;
	io_uring_prep_read(sqe, STDIN_FILENO, stdin_buf, sizeof(stdin_buf), (uint64_t)-1);
	io_uring_sqe_set_data64(sqe, TAG_STDIN);
	return 0;
}

/* Offer the kernel what it has not taken yet; read more once it took all. */
bool sim_console_pump(void)
{
	size_t took;

	if (!stdin_len)
		return false;
	took = kernel_console_input(stdin_buf + stdin_off, stdin_len);
	stdin_off += took;
	stdin_len -= took;
	if (!stdin_len && arm_stdin() == 0)
		io_uring_submit(&ring);
	return took > 0;
}

/* Console bytes for the kernel; an error counts as the end of input.
 * True when the kernel took something (a reader may have woken). */
static bool stdin_done(int res)
{
	if (res > 0) {
		stdin_off = 0;
		stdin_len = (size_t)res;
		return sim_console_pump();
	}
	if (res == -EINTR || res == -EAGAIN) {
		arm_stdin();
		return false;
	}
	kernel_console_input(stdin_buf, 0);
	return true;
}

int sim_loop_init(void)
{
	int err;

	sim.deadline = UINT64_MAX;
	sim.bell_fd = eventfd(0, EFD_CLOEXEC);
	if (sim.bell_fd < 0)
		return -errno;
	err = io_uring_queue_init(256, &ring, 0);
	if (err)
		return err;
	err = arm_bell();
	if (!err)
		err = arm_stdin();
	if (err)
		return err;
	return io_uring_submit(&ring) < 0 ? -EIO : 0;
}

/* Watch `as`'s pidfd; sim_as_exited(as) runs once the child is gone. */
int sim_loop_watch(struct arch_as *as)
{
	struct io_uring_sqe *sqe = loop_sqe();

	if (!sqe)
		return -EBUSY;
	io_uring_prep_poll_add(sqe, as->pidfd, POLLIN);
	io_uring_sqe_set_data(sqe, as);
	if (io_uring_submit(&ring) >= 0)
		return 0;
	/* Still queued: make sure it can never name `as`. */
	io_uring_prep_nop(sqe);
	io_uring_sqe_set_data64(sqe, TAG_NOP);
	return -EIO;
}

/* Handle every completion there is; true if one may have woken a thread
 * (a child died, console input arrived). */
static bool loop_drain(void)
{
	struct io_uring_cqe *cqe;
	bool woke = false;

	while (io_uring_peek_cqe(&ring, &cqe) == 0) {
		uint64_t data = io_uring_cqe_get_data64(cqe);
		int res = cqe->res;

		io_uring_cqe_seen(&ring, cqe);
		if (data == TAG_BELL)
			arm_bell();
		if (data == TAG_STDIN)
			woke |= stdin_done(res);
		if (data == TAG_BELL || data == TAG_NOP || data == TAG_STDIN)
			continue;
		woke = true;
		sim_as_exited((struct arch_as *)(uintptr_t)data);
	}
	io_uring_submit(&ring);
	return woke;
}

/* Sleep until an event or `timeout_ns` (< 0: no timeout), then handle. */
int sim_loop_wait(int64_t timeout_ns)
{
	struct __kernel_timespec ts = {
		.tv_sec = timeout_ns / 1000000000,
		.tv_nsec = timeout_ns % 1000000000,
	};
	struct io_uring_cqe *cqe;
	int err;

	err = io_uring_submit_and_wait_timeout(&ring, &cqe, 1, timeout_ns < 0 ? NULL : &ts, NULL);
	loop_drain();
	return err == -ETIME ? -ETIMEDOUT : (err < 0 ? err : 0);
}

bool sim_loop_poll(void)
{
	return loop_drain();
}

uint64_t arch_time_now(void)
{
	return sim.vtime;
}

void arch_timer_set(uint64_t deadline)
{
	sim.deadline = deadline;
}

/*
 * Nothing is runnable. A child's death comes first; otherwise virtual time
 * jumps to the deadline (the timer is one-shot); with no deadline, sleep
 * until the host brings something.
 */
void arch_idle(void)
{
	if (sim_console_pump() || sim_loop_poll())
		return;
	if (sim.deadline != UINT64_MAX) {
		if (sim.vtime < sim.deadline)
			sim.vtime = sim.deadline;
		sim.deadline = UINT64_MAX;
		return;
	}
	sim_loop_wait(-1);
}
