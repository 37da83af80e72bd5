/*
 * select and poll: only their use as a sleep (no descriptors) works; the
 * kernel cannot wait on several descriptors yet.
 */
#include <errno.h>
#include <poll.h>
#include <sys/select.h>
#include <time.h>

int select(int nfds, fd_set *restrict rd, fd_set *restrict wr, fd_set *restrict ex,
           struct timeval *restrict timeout)
{
	struct timespec ts;

	if (nfds > 0) {
		errno = ENOSYS;
		return -1;
	}
	if (!timeout) {
		errno = EINVAL;
		return -1;
	}
	ts.tv_sec = timeout->tv_sec;
	ts.tv_nsec = timeout->tv_usec * 1000;
	return nanosleep(&ts, NULL) < 0 ? -1 : 0;
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000 };

	if (n > 0 || timeout_ms < 0) {
		errno = ENOSYS;
		return -1;
	}
	return nanosleep(&ts, NULL) < 0 ? -1 : 0;
}
