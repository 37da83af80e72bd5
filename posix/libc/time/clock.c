/*
 * Clocks and sleeping. The kernel has one clock, monotonic nanoseconds
 * since boot (FE_SYS_CLOCK; virtual time in the deterministic simulator).
 * Ferrite does not know the date yet, so the realtime clock is that same
 * count from the Unix epoch: time() is the seconds since boot, as if the
 * machine had booted at 1970-01-01 00:00:00 UTC. clock() is the time since
 * the process started (the kernel does not count CPU time per process).
 */
#include <errno.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <ferrite/sys.h>

#include "../libc.h"

#define NS 1000000000L

int64_t __fe_realtime_offset(void)
{
	return 0;
}

static uint64_t start_ns(void)
{
	static uint64_t start;
	static bool known;
	struct fe_procinfo self;

	if (!known) {
		start = __fe_self_info(&self) == 0 ? self.start_ns : fe_clock();
		known = true;
	}
	return start;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
	int64_t ns = (int64_t)fe_clock();

	switch (id) {
	case CLOCK_REALTIME:
		ns += __fe_realtime_offset();
		break;
	case CLOCK_MONOTONIC:
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns -= (int64_t)start_ns();
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	ts->tv_sec = ns / NS;
	ts->tv_nsec = ns % NS;
	return 0;
}

int clock_getres(clockid_t id, struct timespec *ts)
{
	if (id < CLOCK_REALTIME || id > CLOCK_THREAD_CPUTIME_ID) {
		errno = EINVAL;
		return -1;
	}
	if (ts) {
		ts->tv_sec = 0;
		ts->tv_nsec = 1;
	}
	return 0;
}

time_t time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	if (tz)
		*(struct timezone *)tz = (struct timezone){ 0, 0 };
	return 0;
}

clock_t clock(void)
{
	return (clock_t)((fe_clock() - start_ns()) / (NS / CLOCKS_PER_SEC));
}

/* Sleep ns: false, and the time left, if a signal cut it short. */
static bool sleep_ns(int64_t ns, int64_t *left)
{
	uint64_t end = fe_clock() + (uint64_t)ns, now;

	*left = 0;
	if (ns <= 0 || fe_sleep(ns) != -FE_EINTR)
		return true;
	now = fe_clock();
	*left = now < end ? (int64_t)(end - now) : 0;
	return false;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	int64_t left;
	bool done;

	if (req->tv_nsec < 0 || req->tv_nsec >= NS || req->tv_sec < 0) {
		errno = EINVAL;
		return -1;
	}
	done = sleep_ns(req->tv_sec * NS + req->tv_nsec, &left);
	if (rem)
		*rem = (struct timespec){ left / NS, left % NS };
	if (!done)
		errno = EINTR;
	return done ? 0 : -1;
}

int clock_nanosleep(clockid_t id, int flags, const struct timespec *req, struct timespec *rem)
{
	struct timespec now, rel = *req;

	if (flags & TIMER_ABSTIME) {
		if (clock_gettime(id, &now) < 0)
			return EINVAL;
		rel.tv_sec -= now.tv_sec;
		rel.tv_nsec -= now.tv_nsec;
		if (rel.tv_nsec < 0) {
			rel.tv_sec--;
			rel.tv_nsec += NS;
		}
		if (rel.tv_sec < 0)
			return 0;
	}
	return nanosleep(&rel, rem) < 0 ? errno : 0;
}

unsigned sleep(unsigned seconds)
{
	int64_t left;

	sleep_ns((int64_t)seconds * NS, &left);
	return (unsigned)((left + NS - 1) / NS);
}

int usleep(useconds_t usec)
{
	int64_t left;

	if (sleep_ns((int64_t)usec * 1000, &left))
		return 0;
	errno = EINTR;
	return -1;
}
