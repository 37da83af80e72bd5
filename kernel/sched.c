/*
 * The scheduler: one run queue per priority (higher runs first), round robin
 * within a priority, and a list of thread deadlines sorted by time.
 *
 * Ordering is a pure function of the sequence of traps, so a run is
 * reproducible: the only randomness is the slice length, drawn from the
 * seeded generator so that different seeds explore different interleavings.
 * A thread is preempted when its slice is used up: at its next trap, or by
 * the machine's timer (arch_timer_set) when it makes no system calls.
 */
#include "lib.h"
#include "proc.h"

#define SLICE_NS 2000000ull /* 2 ms, plus up to as much again at random */

static struct list runq[FE_PRIO_MAX + 1];
static uint32_t nonempty; /* bit p set: runq[p] has threads */
static struct list timers = LIST_INIT(timers);
static bool ready_init;

static void init_queues(void)
{
	for (int i = 0; i <= FE_PRIO_MAX; i++)
		list_init(&runq[i]);
	ready_init = true;
}

uint64_t sched_slice(void)
{
	return SLICE_NS + random_next() % SLICE_NS;
}

static void note(uint32_t prio)
{
	if (list_empty(&runq[prio]))
		nonempty &= ~(1u << prio);
	else
		nonempty |= 1u << prio;
}

void sched_ready(struct thread *t, bool front)
{
	if (!ready_init)
		init_queues();
	list_remove(&t->run_link);
	t->state = T_READY;
	if (front)
		list_push_front(&runq[t->prio], &t->run_link);
	else
		list_push_back(&runq[t->prio], &t->run_link);
	nonempty |= 1u << t->prio;
}

void sched_remove(struct thread *t)
{
	list_remove(&t->run_link);
	if (ready_init)
		note(t->prio);
}

/* The front thread of the highest non-empty queue. */
struct thread *sched_pick(void)
{
	struct thread *t;
	uint32_t p;

	if (!nonempty)
		return NULL;
	p = 31u - (uint32_t)__builtin_clz(nonempty);
	t = list_entry(list_pop_front(&runq[p]), struct thread, run_link);
	note(p);
	t->state = T_RUNNING;
	return t;
}

void sched_requeue(struct thread *t, bool yield)
{
	uint64_t now = arch_time_now();

	if (t->state != T_RUNNING)
		return;
	if (yield || now >= t->slice_end) {
		t->slice_end = now + sched_slice();
		sched_ready(t, false);
	} else {
		sched_ready(t, true);
	}
}

void timer_add(struct thread *t, uint64_t deadline)
{
	struct list *it;

	timer_cancel(t);
	t->deadline = deadline;
	list_for_each(it, &timers)
		if (list_entry(it, struct thread, timer_link)->deadline > deadline)
			break;
	list_insert_before(it, &t->timer_link);
}

void timer_cancel(struct thread *t)
{
	list_remove(&t->timer_link);
	t->deadline = UINT64_MAX;
}

void timer_expire(uint64_t now)
{
	while (!list_empty(&timers)) {
		struct thread *t = list_entry(timers.next, struct thread, timer_link);

		if (t->deadline > now)
			break;
		timer_cancel(t);
		thread_abort(t, t->wait == W_SLEEP ? 0 : -FE_ETIMEDOUT);
	}
}

uint64_t timer_next(void)
{
	if (list_empty(&timers))
		return UINT64_MAX;
	return list_entry(timers.next, struct thread, timer_link)->deadline;
}
