/*
 * init's supervisor: the services it runs, their states, and what happens
 * when one starts, becomes ready, dies or hangs (docs/services.md).
 *
 * Everything here runs on init's main thread, which owns the service table.
 * Each service has two watcher threads (watch.c) that block in the kernel
 * — one in fe_proc_wait on the instance, one in fe_notify_wait on its
 * ready/heartbeat notification — and post what they see to the main
 * thread's endpoint as private messages (struct sup_event). A watcher's
 * post is answered only when there is a new instance to watch (its next
 * struct sup_watch), so a watcher is either watching the current instance
 * or parked in that call. A new instance starts only when both watchers of
 * its service are parked: no watcher ever sees a stale instance.
 */
#ifndef INIT_SUPERVISE_H
#define INIT_SUPERVISE_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>

#include "manifest.h"
#include "server.h"

#define SUP_MAX 32       /* services, the program included */
#define SUP_LOG_LINES 16 /* per service, for svc log */
#define SUP_LOG_LINE 160
#define SUP_BUDGET_MAX 64

enum sup_state {
	ST_WAITING,  /* for its dependencies */
	ST_STARTING, /* started, not ready yet */
	ST_RUNNING,
	ST_BACKOFF,  /* dead, restarting at `due` */
	ST_STOPPING, /* dead or being killed, waiting for its watchers */
	ST_STOPPED,  /* by svc stop, or by policy */
	ST_FAILED,   /* its budget ran out */
	ST_COUNT
};

/* Messages from the watchers (labels from SRV_OP_PRIVATE). */
enum sup_event_kind {
	EV_PARK = SRV_OP_PRIVATE, /* I wait for an instance to watch */
	EV_EXIT,                  /* the instance ended: ex */
	EV_READY,                 /* it signalled ready */
	EV_HANG,                  /* no ready or heartbeat in time */
};

struct sup_event {
	uint32_t svc;
	uint32_t gen;  /* the instance the watcher watched (0: none) */
	uint32_t beat; /* from the notification watcher */
	uint32_t reserved;
	struct fe_exit ex;
};

/* What a parked watcher is told to watch. */
struct sup_watch {
	fe_handle_t proc, note;
	uint32_t gen;
	uint32_t reserved;
	int64_t heartbeat_ns; /* FE_FOREVER: no hang detection */
};

struct svc {
	struct manifest mf;
	enum sup_state state;
	bool program;  /* init's program (sh): no manifest, ends init */
	bool want_run; /* restart it when both watchers park (svc restart) */
	fe_handle_t proc, note;
	fe_handle_t spare, spare_go; /* a standby's spare instance and its go, or -1 */
	uint32_t spare_pid;
	uint64_t spare_due;  /* when to start the next spare (0: not planned) */
	fe_handle_t park[2]; /* the parked watchers' reply handles, or -1 */
	fe_handle_t waiter;  /* a svc: command waiting for its effect, or -1 */
	int64_t waiter_ok;   /* what it gets if all goes well */
	uint32_t pid, gen, restarts;
	uint64_t started, due;
	uint64_t recent[SUP_BUDGET_MAX]; /* times of the last restarts, a ring */
	uint32_t nrecent;
	bool was_ready;    /* some instance has been ready: dependents may start */
	const void *image; /* the binary, in the archive or in `reload` */
	uint64_t image_len;
	void *reload; /* the buffer (mem_alloc) of a reloaded binary, or NULL */
	/* While a reloaded binary's first instance is not ready yet: the
	 * binary to go back to, and its buffer (or NULL: the archive's). */
	const void *fallback_image;
	uint64_t fallback_len;
	void *fallback;
	char log[SUP_LOG_LINES][SUP_LOG_LINE];
	uint32_t nlog;
};

extern struct svc sup_svcs[SUP_MAX];
extern uint32_t sup_count;

/* Set up: the main endpoint the watchers post to. Then services are added
 * in start order (their manifests already checked), then the program:
 * 0, -FE_ENOENT when its program is not in the boot archive, or the error
 * that keeps init from supervising it. */
void sup_init(fe_handle_t ep);
int sup_add(const struct manifest *mf);
int sup_add_program(const char *const argv[]);

/* Start what can start; the time of the next deadline (0: none). */
uint64_t sup_tick(void);
/* A watcher's message: SRV_DEFER (its reply is kept) or 0. */
int64_t sup_event(void *state, struct srv_req *req);
/* Are all services up (or given up on), so that the program may start? */
bool sup_settled(void);
/* Has the program ended? Then its status for init to return. */
bool sup_done(int *status);

/* Control (svc:): 0 or -FE_E*, *what says what happened. */
struct svc *sup_find(const char *name);
int sup_start(struct svc *s);
int sup_stop(struct svc *s);
int sup_restart(struct svc *s);
/* Take `image` (len bytes, mem_alloc'd; NULL: the current binary) as s's
 * next binary and restart s with it; if it fails to become ready, s goes
 * back to the binary it had. */
int sup_reload(struct svc *s, void *image, uint64_t len);
/* Answer `reply` with `ok` once the command just applied to s has taken
 * effect (ready, or stopped), or with the error that stopped it. */
void sup_wait(struct svc *s, fe_handle_t reply, int64_t ok);
/* Log a line for s: on the console and in its ring. */
void sup_log(struct svc *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

extern const char *const sup_state_names[ST_COUNT];

#endif
