/*
 * init's watcher threads (watch.h). A watcher never decides anything: it
 * waits in the kernel, posts what happened, and its post returns when the
 * main thread has a new instance for it to watch (struct sup_watch), or at
 * once for READY. Waiting in the kernel, not polling, is what makes a
 * restart start within microseconds of a death.
 */
#include <ferrite/sys.h>

#include "service.h"
#include "supervise.h"
#include "watch.h"

#define STACK (16u * 1024u)

static fe_handle_t endpoint;

void watch_init(fe_handle_t ep)
{
	endpoint = ep;
}

static struct sup_watch post(uint32_t svc, uint32_t kind, uint32_t gen, uint32_t beat,
                             const struct fe_exit *ex)
{
	struct sup_event ev = { .svc = svc, .gen = gen, .beat = beat };
	struct sup_watch w = { .proc = -1, .note = -1 };

	if (ex)
		ev.ex = *ex;
	for (;;) {
		struct fe_msg m = fe_msg_empty();

		m.label = kind;
		m.buf = &ev;
		m.len = sizeof(ev);
		m.rbuf = &w;
		m.rcap = sizeof(w);
		if (fe_call(endpoint, &m, FE_FOREVER) == 0)
			return w;
		(void)fe_sleep(1000 * 1000); /* init is short of memory: try again */
	}
}

static void exit_watcher(void *arg)
{
	uint32_t svc = (uint32_t)(uintptr_t)arg;
	struct sup_watch w = post(svc, EV_PARK, 0, 0, NULL);

	for (;;) {
		struct fe_exit ex = { .kind = FE_EXIT_KILLED };

		(void)fe_proc_wait(w.proc, &ex, FE_FOREVER);
		w = post(svc, EV_EXIT, w.gen, 0, &ex);
	}
}

/* Ready first (within SVC_READY_TIMEOUT_NS), then heartbeats (within the
 * manifest's period, if it has one); SVC_STOP_BIT from init: the instance
 * is gone. */
static void note_watcher(void *arg)
{
	uint32_t svc = (uint32_t)(uintptr_t)arg;
	struct sup_watch w = post(svc, EV_PARK, 0, 1, NULL);
	bool ready = false;

	for (;;) {
		uint64_t bits = 0;
		int rc = fe_notify_wait(w.note, &bits,
		                        ready ? w.heartbeat_ns : SVC_READY_TIMEOUT_NS);

		if (bits & SVC_STOP_BIT) {
			w = post(svc, EV_PARK, w.gen, 1, NULL);
			ready = false;
		} else if (rc == -FE_ETIMEDOUT) {
			w = post(svc, EV_HANG, w.gen, 1, NULL);
			ready = false;
		} else if (!ready && (bits & SVC_READY_BIT)) {
			(void)post(svc, EV_READY, w.gen, 1, NULL);
			ready = true;
		}
	}
}

static int thread(void (*fn)(void *), uint32_t svc)
{
	void *stack;
	int rc = fe_mem_map(NULL, STACK, FE_PROT_READ | FE_PROT_WRITE, &stack);
	fe_handle_t t;

	if (rc < 0)
		return rc;
	/* Leave the return address's slot: C code expects to be called. */
	t = fe_thread_create(fn, (char *)stack + STACK - 8, (void *)(uintptr_t)svc);
	if (t < 0) {
		(void)fe_mem_unmap(stack, STACK);
		return t;
	}
	return fe_handle_close(t);
}

int watch_start(uint32_t svc, bool beat)
{
	int rc = thread(exit_watcher, svc);

	return rc == 0 && beat ? thread(note_watcher, svc) : rc;
}
