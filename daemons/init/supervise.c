/*
 * init's supervisor (supervise.h): starting instances, and deciding what
 * follows when one dies — restart now, after a backoff, or never — from its
 * manifest's policy and restart budget.
 *
 * Rules: one log line per event, "init: NAME (pid P, generation G) WHAT;
 * NEXT" (docs/services.md keeps the format); the first restart after a
 * healthy run is immediate and only repeated failures back off; a
 * service over its budget is stopped and nothing else is touched; a
 * generation number grows at every start and is never reused.
 */
#include <stdarg.h>
#include <string.h>

#include <ferrite/boot.h>
#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "mem.h"
#include "service.h"
#include "supervise.h"
#include "watch.h"

#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull

/* A standby's new spare starts this long after the instance it backs up
 * is ready, not at once: starting a process is the machine's costliest
 * work, and the first requests after a restart should not wait for it. */
#define SPARE_DELAY_NS (50 * NS_PER_MS)

struct svc sup_svcs[SUP_MAX];
uint32_t sup_count;

const char *const sup_state_names[ST_COUNT] = { "waiting",  "starting", "running", "backoff",
	                                        "stopping", "stopped",  "failed" };

static bool program_done;
static int program_status;

void sup_init(fe_handle_t ep)
{
	watch_init(ep);
}

void sup_log(struct svc *s, const char *fmt, ...)
{
	char *line = s->log[s->nlog++ % SUP_LOG_LINES];
	int n = fe_snprintf(line, SUP_LOG_LINE, "init: %s ", s->mf.name);
	va_list ap;

	va_start(ap, fmt);
	(void)fe_vsnprintf(line + n, SUP_LOG_LINE - (uint64_t)n, fmt, ap);
	va_end(ap);
	fe_printf("%s\n", line);
}

/* The command waiting on s is done: its ok value, or the error rc. */
static void finish(struct svc *s, int64_t rc)
{
	if (s->waiter < 0)
		return;
	(void)srv_answer(s->waiter, rc < 0 ? rc : s->waiter_ok, NULL, 0);
	s->waiter = -1;
}

void sup_wait(struct svc *s, fe_handle_t reply, int64_t ok)
{
	s->waiter = reply;
	s->waiter_ok = ok;
	if (s->state == ST_STOPPED)
		finish(s, 0);
}

/* Add a service (or the program) at the end of the table: 0 and *out,
 * -FE_ENOENT if its program is not in the archive, or another error. */
static int add(const struct manifest *mf, bool program, struct svc **out)
{
	struct svc *s;
	int rc;

	if (sup_count == SUP_MAX)
		return -FE_ENOSPC;
	s = &sup_svcs[sup_count];
	*s = (struct svc){ .mf = *mf,
		           .program = program,
		           .proc = -1,
		           .spare = -1,
		           .park = { -1, -1 },
		           .waiter = -1 };
	rc = fe_boot_find(s->mf.args, &s->image, &s->image_len);
	if (rc == 0)
		s->note = fe_notify_create();
	if (rc == 0 && s->note < 0)
		rc = s->note;
	if (rc == 0)
		rc = watch_start(sup_count, !program);
	if (rc < 0)
		return rc;
	sup_count++;
	*out = s;
	return 0;
}

int sup_add(const struct manifest *mf)
{
	struct svc *s;

	return add(mf, false, &s);
}

int sup_add_program(const char *const argv[])
{
	struct manifest mf = { .name = "program", .policy = MF_NEVER };
	struct fe_spawn sp;
	struct svc *s;
	int rc = fe_pack_args(argv, mf.args, sizeof(mf.args), &sp);

	if (rc < 0)
		return rc;
	mf.args_len = (uint32_t)sp.args_len;
	mf.argc = sp.argc;
	rc = add(&mf, true, &s);
	if (rc == 0)
		s->state = ST_BACKOFF;
	return rc;
}

/* Start an instance of s's binary: its process in *proc and *pid. With a
 * `go` notification it is a spare, which waits for it before serving. */
static int spawn(struct svc *s, fe_handle_t go, fe_handle_t *proc, uint32_t *pid)
{
	struct fe_spawn sp = { .args = s->mf.args, .args_len = s->mf.args_len, .argc = s->mf.argc };
	struct fe_handle_info info;
	fe_handle_t p;

	if (s->program) {
		sp.flags = FE_SPAWN_FDS;
	} else {
		sp.flags = FE_SPAWN_GRANTS;
		sp.grants = s->mf.grants;
		sp.ngrants = s->mf.ngrants;
		sp.handles[0] = fe_handle_dup(s->note, FE_RIGHT_SIGNAL | FE_RIGHT_TRANSFER);
		/* Without the archive, handle 1 only keeps handle 2's place. */
		sp.handles[1] = s->mf.archive ? FE_BOOTFS_HANDLE : sp.handles[0];
		sp.handles[2] = go;
		sp.nhandles = go >= 0 ? 3 : s->mf.archive ? 2 : 1;
		if (sp.handles[0] < 0)
			return sp.handles[0];
	}
	p = fe_proc_spawn(s->image, s->image_len, &sp);
	if (!s->program)
		(void)fe_handle_close(sp.handles[0]);
	if (p < 0)
		return p;
	*proc = p;
	*pid = fe_handle_info(p, &info) == 0 ? info.pid : 0;
	return 0;
}

/* Start a spare of a running standby service, if it has none. A spare
 * that cannot start is no loss: the next restart spawns as usual. */
static void make_spare(struct svc *s)
{
	fe_handle_t go, go_dup;

	if (!s->mf.standby || s->spare >= 0 || s->state != ST_RUNNING)
		return;
	go = fe_notify_create();
	go_dup = go < 0 ? go : fe_handle_dup(go, FE_RIGHT_WAIT | FE_RIGHT_TRANSFER);
	if (go_dup >= 0 && spawn(s, go_dup, &s->spare, &s->spare_pid) == 0)
		s->spare_go = go;
	else if (go >= 0)
		(void)fe_handle_close(go);
	if (go_dup >= 0)
		(void)fe_handle_close(go_dup);
}

/* The spare no longer fits (another binary, or s stops): end it. */
static void drop_spare(struct svc *s)
{
	if (s->spare < 0)
		return;
	(void)fe_proc_kill(s->spare);
	(void)fe_handle_close(s->spare);
	(void)fe_handle_close(s->spare_go);
	s->spare = -1;
}

/* The next instance: the spare, told to take over, or a new process. */
static int next_instance(struct svc *s)
{
	if (s->spare < 0)
		return spawn(s, -1, &s->proc, &s->pid);
	s->proc = s->spare;
	s->pid = s->spare_pid;
	(void)fe_notify_signal(s->spare_go, 1);
	(void)fe_handle_close(s->spare_go);
	s->spare = -1;
	return 0;
}

static bool parked(const struct svc *s)
{
	return s->park[0] >= 0 && (s->program || s->park[1] >= 0);
}

/* Tell a parked watcher what to watch now. */
static void unpark(struct svc *s, int which)
{
	struct sup_watch w = { .proc = s->proc, .note = s->note, .gen = s->gen };

	w.heartbeat_ns =
		s->mf.heartbeat_ms ? (int64_t)(s->mf.heartbeat_ms * NS_PER_MS) : FE_FOREVER;
	(void)srv_answer(s->park[which], 0, &w, sizeof(w));
	s->park[which] = -1;
}

/* The restarts of s in the last window_s seconds. */
static uint32_t recent_restarts(const struct svc *s, uint64_t now)
{
	uint32_t n = 0, kept = s->nrecent < SUP_BUDGET_MAX ? s->nrecent : SUP_BUDGET_MAX;

	for (uint32_t i = 0; i < kept; i++)
		if (now - s->recent[i] < s->mf.window_s * NS_PER_S)
			n++;
	return n;
}

/* The delay before the next restart: none after a healthy run, then the
 * initial backoff, doubling up to the maximum. */
static uint64_t backoff_ns(const struct svc *s, uint32_t recent)
{
	uint64_t ms = s->mf.backoff_ms;

	if (recent == 0)
		return 0;
	for (uint32_t i = 1; i < recent && ms < s->mf.backoff_max_ms; i++)
		ms *= 2;
	return (ms < s->mf.backoff_max_ms ? ms : s->mf.backoff_max_ms) * NS_PER_MS;
}

static bool policy_restarts(const struct svc *s, bool failed)
{
	return s->mf.policy == MF_ALWAYS || (s->mf.policy == MF_ON_FAILURE && failed);
}

/* Back to the binary s had before a reload whose instance never became
 * ready. */
static void fall_back(struct svc *s)
{
	drop_spare(s);
	mem_free(s->reload);
	s->reload = s->fallback;
	s->image = s->fallback_image;
	s->image_len = s->fallback_len;
	s->fallback = NULL;
	s->fallback_image = NULL;
}

/* A death the policy decides about: false if s is not restarted, else
 * the restart is counted against the budget and *delay set. */
static bool by_policy(struct svc *s, const char *why, bool failed, uint64_t now, uint64_t *delay)
{
	uint32_t recent = recent_restarts(s, now);
	char when[32];

	if (!policy_restarts(s, failed)) {
		drop_spare(s);
		s->state = ST_STOPPED;
		sup_log(s, "(pid %u, generation %u) %s; not restarted (restart %s)", s->pid, s->gen,
		        why, s->mf.policy == MF_NEVER ? "never" : "on-failure");
		finish(s, -FE_EIO);
		return false;
	}
	if (recent >= s->mf.budget) {
		drop_spare(s);
		s->state = ST_FAILED;
		sup_log(s, "(pid %u, generation %u) %s", s->pid, s->gen, why);
		sup_log(s, "stopped: %u restarts in %u s, budget exhausted", recent,
		        s->mf.window_s);
		finish(s, -FE_EIO);
		return false;
	}
	*delay = backoff_ns(s, recent);
	s->recent[s->nrecent++ % SUP_BUDGET_MAX] = now;
	s->restarts++;
	if (*delay)
		fe_snprintf(when, sizeof(when), "in %llu ms",
		            (unsigned long long)(*delay / NS_PER_MS));
	sup_log(s, "(pid %u, generation %u) %s; restarting %s (restart %u of %u in %u s)", s->pid,
	        s->gen, why, *delay ? when : "now", recent + 1, s->mf.budget, s->mf.window_s);
	return true;
}

/* The instance is gone (why says how): decide what comes next. */
static void schedule(struct svc *s, const char *why, bool failed)
{
	uint64_t now = fe_clock(), delay = 0;

	if (s->state == ST_STOPPING && !s->want_run) {
		s->state = ST_STOPPED;
		sup_log(s, "(pid %u, generation %u) %s; stopped", s->pid, s->gen, why);
		finish(s, 0);
		return;
	}
	if (s->fallback_image && s->state == ST_STARTING) {
		fall_back(s);
		sup_log(s, "(pid %u, generation %u) %s before it was ready; back to the old binary",
		        s->pid, s->gen, why);
		finish(s, -FE_ENOEXEC);
	} else if (s->want_run) {
		sup_log(s, "(pid %u, generation %u) %s; restarting it as asked", s->pid, s->gen,
		        why);
	} else if (!by_policy(s, why, failed, now, &delay)) {
		return;
	}
	s->want_run = false;
	s->state = ST_BACKOFF;
	s->due = now + delay;
}

/* Start a new instance of s; both its watchers are parked. */
static void launch(struct svc *s)
{
	uint64_t bits;
	int rc;

	while (fe_notify_wait(s->note, &bits, FE_POLL) == 0)
		;
	s->gen++;
	rc = next_instance(s);
	if (rc < 0) {
		char why[48];

		s->pid = 0;
		fe_snprintf(why, sizeof(why), "could not be started (error %d)", -rc);
		schedule(s, why, true);
		return;
	}
	s->started = fe_clock();
	s->state = ST_STARTING;
	unpark(s, 0);
	if (!s->program)
		unpark(s, 1);
}

/* How an instance ended, in words. */
static void describe(const struct fe_exit *ex, char *buf, uint64_t cap)
{
	static const char *const faults[] = { "a fault", "a page fault", "an illegal instruction",
		                              "an arithmetic trap", "a bad system call" };
	uint32_t k = ex->code > 0 && ex->code <= FE_FAULT_BADCALL ? (uint32_t)ex->code : 0;

	if (ex->kind == FE_EXIT_NORMAL)
		fe_snprintf(buf, cap, "exited with status %d", ex->code);
	else if (ex->kind == FE_EXIT_KILLED)
		fe_snprintf(buf, cap, "was killed");
	else if (ex->kind == FE_EXIT_SIGNAL)
		fe_snprintf(buf, cap, "was ended by signal %d", ex->code);
	else if (ex->kind == FE_EXIT_FAULT)
		fe_snprintf(buf, cap, "died of %s at %#llx (ip %#llx)", faults[k],
		            (unsigned long long)ex->addr, (unsigned long long)ex->ip);
	else
		fe_snprintf(buf, cap, "was killed by the sandbox: host call %d at %#llx", ex->code,
		            (unsigned long long)ex->addr);
}

/* The status a shell would report for the way a program ended. */
static int exit_status(const struct svc *s, const struct fe_exit *ex)
{
	static const int fault_signal[] = { [FE_FAULT_PAGE] = 11,
		                            [FE_FAULT_ILLEGAL] = 4,
		                            [FE_FAULT_ARITH] = 8,
		                            [FE_FAULT_BADCALL] = 31 };
	int sig = 6;

	if (ex->kind == FE_EXIT_NORMAL)
		return ex->code;
	if (ex->kind == FE_EXIT_SIGNAL)
		sig = ex->code;
	else if (ex->kind == FE_EXIT_KILLED)
		sig = 9;
	else if (ex->kind == FE_EXIT_SANDBOX)
		sig = 31;
	else if (ex->kind == FE_EXIT_FAULT && ex->code > 0 && ex->code <= FE_FAULT_BADCALL)
		sig = fault_signal[ex->code];
	fe_printf("init: %s ended abnormally (kind %u, code %d)\n", s->mf.args, ex->kind, ex->code);
	return 128 + sig;
}

static void on_exit(struct svc *s, const struct fe_exit *ex)
{
	char why[96];

	(void)fe_handle_close(s->proc);
	s->proc = -1;
	if (s->program) {
		program_status = exit_status(s, ex);
		program_done = true;
		s->state = ST_STOPPED;
		return;
	}
	if (s->park[1] < 0)
		(void)fe_notify_signal(s->note, SVC_STOP_BIT);
	describe(ex, why, sizeof(why));
	schedule(s, why, !(ex->kind == FE_EXIT_NORMAL && ex->code == 0));
}

static void on_hang(struct svc *s)
{
	if (s->state == ST_STARTING)
		sup_log(s, "(pid %u, generation %u) not ready after %llu s; killing it", s->pid,
		        s->gen, (unsigned long long)(SVC_READY_TIMEOUT_NS / NS_PER_S));
	else
		sup_log(s, "(pid %u, generation %u) no heartbeat for %u ms; killing it", s->pid,
		        s->gen, s->mf.heartbeat_ms);
	(void)fe_proc_kill(s->proc);
}

/* The instance serves. Its death may have been told first (it died at
 * once): it was ready all the same, which its dependents wait for. */
static void on_ready(struct svc *s)
{
	s->was_ready = true;
	if (s->state != ST_STARTING)
		return;
	s->state = ST_RUNNING;
	if (s->fallback_image) {
		mem_free(s->fallback);
		s->fallback = NULL;
		s->fallback_image = NULL;
		sup_log(s, "(pid %u, generation %u) runs the new binary", s->pid, s->gen);
	}
	finish(s, 0);
	if (s->mf.standby)
		s->spare_due = fe_clock() + SPARE_DELAY_NS;
}

int64_t sup_event(void *state, struct srv_req *req)
{
	const struct sup_event *ev = req->data;
	struct svc *s;

	(void)state;
	if (req->len != sizeof(*ev) || ev->svc >= sup_count || ev->beat > 1)
		return -FE_EINVAL;
	s = &sup_svcs[ev->svc];
	if (req->op == EV_READY) {
		if (ev->gen == s->gen)
			on_ready(s);
		return 0;
	}
	if (req->op != EV_PARK && req->op != EV_EXIT && req->op != EV_HANG)
		return -FE_ENOSYS;
	if (s->park[ev->beat] >= 0)
		return -FE_EBUSY;
	s->park[ev->beat] = req->reply;
	if (req->op == EV_EXIT && ev->gen == s->gen && s->proc >= 0)
		on_exit(s, &ev->ex);
	else if (req->op == EV_HANG && ev->gen == s->gen && s->proc >= 0)
		on_hang(s);
	return SRV_DEFER;
}

/* May s start? Its dependencies have all been ready once. A dependency
 * that was given up on before that stops s too. */
static bool deps_ready(struct svc *s)
{
	for (uint32_t d = 0; d < s->mf.ndeps; d++) {
		struct svc *t = sup_find(s->mf.deps[d]);

		if (t && t->was_ready)
			continue;
		if (!t || t->state == ST_STOPPED || t->state == ST_FAILED) {
			s->state = ST_STOPPED;
			sup_log(s, "not started: its dependency %s is not running", s->mf.deps[d]);
		}
		return false;
	}
	return true;
}

uint64_t sup_tick(void)
{
	uint64_t now = fe_clock(), next = 0;

	for (uint32_t i = 0; i < sup_count; i++) {
		struct svc *s = &sup_svcs[i];
		bool go = s->state == ST_WAITING   ? deps_ready(s)
		          : s->state == ST_BACKOFF ? s->due <= now
		                                   : false;

		if (go && parked(s))
			launch(s);
		else if (s->state == ST_BACKOFF && s->due > now && (!next || s->due < next))
			next = s->due;
		if (s->spare_due && s->spare_due <= now) {
			s->spare_due = 0;
			make_spare(s);
		} else if (s->spare_due && (!next || s->spare_due < next)) {
			next = s->spare_due;
		}
	}
	return next;
}

bool sup_settled(void)
{
	for (uint32_t i = 0; i < sup_count; i++) {
		const struct svc *s = &sup_svcs[i];

		if (!s->program && !s->was_ready && s->state != ST_STOPPED && s->state != ST_FAILED)
			return false;
	}
	return true;
}

bool sup_done(int *status)
{
	*status = program_status;
	return program_done;
}

struct svc *sup_find(const char *name)
{
	for (uint32_t i = 0; i < sup_count; i++)
		if (!sup_svcs[i].program && strcmp(sup_svcs[i].mf.name, name) == 0)
			return &sup_svcs[i];
	return NULL;
}

int sup_start(struct svc *s)
{
	if (s->state != ST_STOPPED && s->state != ST_FAILED)
		return -FE_EBUSY;
	s->nrecent = 0;
	s->state = ST_BACKOFF;
	s->due = 0;
	return 0;
}

int sup_stop(struct svc *s)
{
	if (s->state == ST_STOPPED || s->state == ST_FAILED || s->state == ST_STOPPING)
		return -FE_EBUSY;
	s->want_run = false;
	drop_spare(s);
	if (s->proc < 0) {
		s->state = ST_STOPPED;
		return 0;
	}
	s->state = ST_STOPPING;
	return fe_proc_kill(s->proc);
}

int sup_restart(struct svc *s)
{
	if (s->proc < 0) {
		if (s->state != ST_STOPPED && s->state != ST_FAILED)
			s->state = ST_STOPPED;
		return sup_start(s);
	}
	s->state = ST_STOPPING;
	s->want_run = true;
	return fe_proc_kill(s->proc);
}

int sup_reload(struct svc *s, void *image, uint64_t len)
{
	if (image) {
		drop_spare(s);
		if (s->fallback_image)
			fall_back(s);
		s->fallback = s->reload;
		s->fallback_image = s->image;
		s->fallback_len = s->image_len;
		s->reload = image;
		s->image = image;
		s->image_len = len;
	}
	return sup_restart(s);
}
