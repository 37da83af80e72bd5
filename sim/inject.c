/*
 * Fault injection (ferrite-sim --inject SPEC): kill, fault, hang or slow a
 * process at seeded points of a run, the way a crash campaign needs it.
 *
 *   SPEC   := ACTION ':' VICTIM [ '@' N ] ( '/' OPTION )*
 *   ACTION := kill | fault | hang | slow=USEC
 *   VICTIM := NAME | random ( '-' NAME )*
 *   OPTION := every=K | rand=K | count=C
 *
 * Points are counted in system calls the kernel has been handed (sim.calls),
 * never in wall time, so the same seed and spec give the same run, trace
 * included. An injection is due at call N (default: K, or a random draw, or
 * call 1); it fires at the first call from then on at which its victim is
 * alive (a named process, the one serving if several share the name, as a
 * standby spare does; or a seeded choice among the processes that serve
 * a scheme, init and the excluded names left out); the next one is due K
 * calls later (every=K) or after a seeded interval in [1, 2K] (rand=K),
 * until C have fired (count=C; default 1 without every= or rand=, which a
 * count above 1 needs, else unlimited).
 *
 * What each action does to the victim:
 *   kill   its host process gets SIGKILL from the sim, as from a host user;
 *          the sim waits for the pidfd to report the death, so the core
 *          hears of it at this very call;
 *   fault  its next run continues at SIM_WILD_ADDR (SIM_ACT_FAULT) and the
 *          loader's fault handler reports it: the ordinary fault path;
 *   hang   its threads are never resumed: each is handed to the core as if
 *          it had asked to sleep for ever (sim_inject_hang);
 *   slow   each of its IPC calls costs USEC more virtual time.
 * Each injection is one line on stderr and in the trace. After a kill the
 * sim watches for the first reply made by a process of the victim's name
 * (its new instance serving its first request) and says on stderr how
 * long that took in host wall-clock time from the death (the pidfd saying
 * the process is gone), and how long the host took to end the process
 * after the SIGKILL, for bench/recovery:
 *
 *   ferrite-sim: inject kill pattern: served again after 812 us (dead 95 us after the kill)
 *
 * Wall time never reaches the core or the trace.
 *
 * Rules: the random stream is the sim's own (seeded from --seed), so
 * injection does not shift the kernel's random numbers; a spec is checked
 * whole before anything boots (exit status 2 and one line otherwise).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sim.h"

#define MAX_INJECT 16
#define MAX_EXCLUDE 8
#define MAX_VIEW 256
#define NAME_MAX_LEN 31
#define HANG_NS (1ll << 62)

enum action { A_KILL, A_FAULT, A_HANG, A_SLOW };

static const char *const action_names[] = { "kill", "fault", "hang", "slow" };

struct inject {
	enum action action;
	uint64_t slow_ns;
	char victim[NAME_MAX_LEN + 1]; /* "" for random */
	char exclude[MAX_EXCLUDE][NAME_MAX_LEN + 1];
	unsigned nexclude;
	uint64_t next;  /* the call at which it is due */
	uint64_t every; /* fixed interval, or 0 */
	uint64_t rand;  /* mean of a random interval, or 0 */
	uint64_t left;  /* injections still to come */
};

static struct inject injects[MAX_INJECT];
static unsigned ninjects;
static uint64_t rng_state;

static struct kernel_proc_view views[MAX_VIEW]; /* kernel_processes' answer */

/* The last process killed, until a process of its name replies. */
static struct {
	char name[NAME_MAX_LEN + 1];
	uint64_t kill_ns; /* when the SIGKILL was sent */
	uint64_t dead_ns; /* when the pidfd said it was gone */
} watch;

/* splitmix64: the sim's own stream. */
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t interval(const struct inject *in)
{
	if (in->every)
		return in->every;
	return 1 + rng_next() % (2 * in->rand);
}

/* ---- Parsing ---------------------------------------------------------------- */

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 18)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static int copy_name(char *dst, const char *s, size_t len)
{
	if (len == 0 || len > NAME_MAX_LEN)
		return -EINVAL;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

static int parse_action(struct inject *in, const char *s, size_t len)
{
	for (unsigned i = 0; i < A_SLOW; i++)
		if (len == strlen(action_names[i]) && !memcmp(s, action_names[i], len)) {
			in->action = (enum action)i;
			return 0;
		}
	if (len <= 5 || memcmp(s, "slow=", 5))
		return -EINVAL;
	in->action = A_SLOW;
	if (parse_u64(s + 5, len - 5, &in->slow_ns) || !in->slow_ns)
		return -EINVAL;
	in->slow_ns *= 1000;
	return 0;
}

/* NAME, or random-NAME-NAME... */
static int parse_victim(struct inject *in, const char *s, size_t len)
{
	const char *end = s + len, *dash;

	if (len < 6 || memcmp(s, "random", 6) || (len > 6 && s[6] != '-'))
		return copy_name(in->victim, s, len);
	for (s += 6; s < end; s = dash) {
		s++;
		dash = memchr(s, '-', (size_t)(end - s));
		dash = dash ? dash : end;
		if (in->nexclude == MAX_EXCLUDE ||
		    copy_name(in->exclude[in->nexclude++], s, (size_t)(dash - s)))
			return -EINVAL;
	}
	return 0;
}

static int parse_option(struct inject *in, const char *s, size_t len)
{
	static const char *const keys[] = { "every=", "rand=", "count=" };
	uint64_t *fields[] = { &in->every, &in->rand, &in->left };

	for (unsigned i = 0; i < 3; i++) {
		size_t k = strlen(keys[i]);

		if (len > k && !memcmp(s, keys[i], k))
			return parse_u64(s + k, len - k, fields[i]) || !*fields[i] ? -EINVAL : 0;
	}
	return -EINVAL;
}

/* ACTION ':' VICTIM [@N] (/OPTION)*, of length len. */
static int parse_one(struct inject *in, const char *s, size_t len)
{
	const char *end = s + len, *colon = memchr(s, ':', len), *slash, *at;
	uint64_t at_call = 0;

	if (!colon || parse_action(in, s, (size_t)(colon - s)))
		return -EINVAL;
	s = colon + 1;
	slash = memchr(s, '/', (size_t)(end - s));
	slash = slash ? slash : end;
	at = memchr(s, '@', (size_t)(slash - s));
	if (at && (parse_u64(at + 1, (size_t)(slash - at - 1), &at_call) || !at_call))
		return -EINVAL;
	if (parse_victim(in, s, (size_t)((at ? at : slash) - s)))
		return -EINVAL;
	for (s = slash; s < end; s = slash) {
		s++;
		slash = memchr(s, '/', (size_t)(end - s));
		slash = slash ? slash : end;
		if (parse_option(in, s, (size_t)(slash - s)))
			return -EINVAL;
	}
	if ((in->every && in->rand) || (in->left > 1 && !in->every && !in->rand))
		return -EINVAL;
	if (!in->left)
		in->left = in->every || in->rand ? UINT64_MAX : 1;
	in->next = at_call;
	return 0;
}

int sim_inject_parse(const char *spec)
{
	const char *end = spec + strlen(spec), *comma;

	if (spec == end)
		return -EINVAL;
	for (const char *s = spec; s <= end; s = comma + 1) {
		comma = memchr(s, ',', (size_t)(end - s));
		comma = comma ? comma : end;
		if (ninjects == MAX_INJECT)
			return -E2BIG;
		if (parse_one(&injects[ninjects], s, (size_t)(comma - s)))
			return -EINVAL;
		ninjects++;
	}
	return 0;
}

/* Seed the stream and place each injection's first point. */
void sim_inject_start(void)
{
	rng_state = sim.seed ^ 0x696e6a656374ull; /* "inject" */
	for (unsigned i = 0; i < ninjects; i++) {
		struct inject *in = &injects[i];

		if (!in->next)
			in->next = in->every || in->rand ? interval(in) : 1;
	}
}

/* ---- Firing ----------------------------------------------------------------- */

static bool excluded(const struct inject *in, const struct kernel_proc_view *v)
{
	for (unsigned i = 0; i < in->nexclude; i++)
		if (!strcmp(in->exclude[i], v->name))
			return true;
	return false;
}

/* A process the injection may hit now: alive, not hung or faulting. */
static bool eligible(const struct inject *in, const struct kernel_proc_view *v)
{
	const struct arch_as *as = v->as;

	if (as->dead || as->hung || as->fault)
		return false;
	if (in->victim[0])
		return !strcmp(in->victim, v->name);
	return v->server && v->pid != 1 && !excluded(in, v);
}

static const struct kernel_proc_view *pick(const struct inject *in)
{
	const struct kernel_proc_view *ok[MAX_VIEW];
	unsigned n = kernel_processes(views, MAX_VIEW), nok = 0;

	for (unsigned i = 0; i < n; i++)
		if (eligible(in, &views[i]))
			ok[nok++] = &views[i];
	if (!nok)
		return NULL;
	if (!in->victim[0])
		return ok[rng_next() % nok];
	/* A name: the instance that serves, not a standby spare. */
	for (unsigned i = 0; i < nok; i++)
		if (ok[i]->server)
			return ok[i];
	return ok[0];
}

/* True while `as` is still a child the sim knows and has not reaped. */
static bool unreaped(const struct arch_as *as)
{
	for (const struct arch_as *a = sim.all; a; a = a->next)
		if (a == as)
			return !a->reaped;
	return false;
}

/* SIGKILL from outside, then wait for the pidfd, so the core hears of the
 * death now (kernel_as_died, or arch_run's TRAP_FAULT if `as` is running). */
static void kill_now(struct arch_as *as, const char *name)
{
	memcpy(watch.name, name, sizeof(watch.name));
	watch.kill_ns = sim_wall_ns();
	syscall(SYS_pidfd_send_signal, as->pidfd, SIGKILL, NULL, 0);
	while (unreaped(as))
		sim_loop_wait(-1);
	watch.dead_ns = sim_wall_ns();
}

static void log_injection(const struct inject *in, const struct kernel_proc_view *v)
{
	fprintf(stderr, "ferrite-sim: inject %s %s (pid %u) at call %llu\n",
	        action_names[in->action], v->name, v->pid, (unsigned long long)sim.calls);
	if (sim.trace)
		fprintf(sim.trace, "%llu inject %s %s pid %u call %llu\n",
		        (unsigned long long)sim.vtime, action_names[in->action], v->name, v->pid,
		        (unsigned long long)sim.calls);
}

static void fire(struct inject *in, const struct kernel_proc_view *v)
{
	struct arch_as *as = v->as;

	log_injection(in, v);
	in->left--;
	in->next = in->left ? sim.calls + interval(in) : UINT64_MAX;
	switch (in->action) {
	case A_KILL:
		kill_now(as, v->name);
		break;
	case A_FAULT:
		as->fault = true;
		break;
	case A_HANG:
		as->hung = true;
		break;
	case A_SLOW:
		as->slow_ns = in->slow_ns;
		break;
	}
}

static bool ipc_call(uint64_t nr)
{
	return nr == FE_SYS_CALL || nr == FE_SYS_REPLY || nr == FE_SYS_FD_CALL ||
	       nr == FE_SYS_PATH_CALL;
}

/* A reply from the watched name's new instance ends the watch. */
static void watch_reply(const struct arch_as *as)
{
	unsigned n = kernel_processes(views, MAX_VIEW);

	for (unsigned i = 0; i < n; i++) {
		if (views[i].as != as)
			continue;
		if (!strcmp(views[i].name, watch.name)) {
			fprintf(stderr,
			        "ferrite-sim: inject kill %s: served again after %llu us "
			        "(dead %llu us after the kill)\n",
			        watch.name,
			        (unsigned long long)((sim_wall_ns() - watch.dead_ns) / 1000),
			        (unsigned long long)((watch.dead_ns - watch.kill_ns) / 1000));
			watch.name[0] = '\0';
		}
		return;
	}
}

/*
 * `t` has just handed the core a system call (counted here): fire what is
 * due. Called from arch_run, so killing may make upcalls.
 */
void sim_inject_call(struct arch_thread *t, const struct trap *trap)
{
	sim.calls++;
	if (t->as->slow_ns && ipc_call(trap->nr))
		sim.vtime += t->as->slow_ns;
	if (watch.name[0] && trap->nr == FE_SYS_REPLY)
		watch_reply(t->as);
	for (unsigned i = 0; i < ninjects; i++) {
		struct inject *in = &injects[i];
		const struct kernel_proc_view *v;

		if (sim.calls < in->next)
			continue;
		v = pick(in);
		if (v)
			fire(in, v);
	}
}

/* A hung process's thread is never resumed: it asks, in its place, to sleep
 * for ever. */
void sim_inject_hang(struct trap *trap)
{
	trap->kind = TRAP_SYSCALL;
	trap->nr = FE_SYS_SLEEP;
	memset(trap->args, 0, sizeof(trap->args));
	trap->args[0] = (uint64_t)HANG_NS;
}
