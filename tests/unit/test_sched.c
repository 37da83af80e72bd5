/*
 * The scheduler and timers: new threads are ready, higher priorities run
 * first, round robin within a priority, yield, slices that run out, woken
 * threads going first, priorities changed by a thread itself, sleeping in
 * virtual time, and deadlines expiring in order.
 */
#include "harness.h"

/* A process whose threads stay on the run queue (not made running). */
static struct thread *ready_thread(struct process *p, uint32_t prio)
{
	struct thread *t = thread_create(p, SCRATCH_BASE, SCRATCH_BASE, 0, prio);

	ck_assert_ptr_nonnull(t);
	return t;
}

START_TEST(test_nothing_to_run_picks_null)
{
	ck_assert_ptr_null(sched_pick());
}
END_TEST

START_TEST(test_new_thread_is_ready_and_picked)
{
	struct process *p = process_create("p");
	struct thread *t = ready_thread(p, 3);

	ck_assert_int_eq(t->state, T_READY);
	ck_assert_uint_eq(p->nthreads, 1);
	ck_assert_ptr_eq(sched_pick(), t);
	ck_assert_int_eq(t->state, T_RUNNING);
	ck_assert_ptr_null(sched_pick());
}
END_TEST

START_TEST(test_higher_priority_runs_first)
{
	struct process *p = process_create("p");
	struct thread *lo = ready_thread(p, 0), *mid = ready_thread(p, 10);
	struct thread *hi = ready_thread(p, FE_PRIO_MAX), *mid2 = ready_thread(p, 10);

	ck_assert_ptr_eq(sched_pick(), hi);
	ck_assert_ptr_eq(sched_pick(), mid);
	ck_assert_ptr_eq(sched_pick(), mid2);
	ck_assert_ptr_eq(sched_pick(), lo);
	ck_assert_ptr_null(sched_pick());
}
END_TEST

START_TEST(test_round_robin_within_a_priority)
{
	struct process *p = process_create("p");
	struct thread *t[3];

	for (int i = 0; i < 3; i++)
		t[i] = ready_thread(p, 7);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 3; i++) {
			struct thread *x = sched_pick();

			ck_assert_ptr_eq(x, t[i]);
			sched_requeue(x, true);
		}
	}
}
END_TEST

START_TEST(test_yield_goes_to_the_back_and_returns_0)
{
	struct process *p = process_create("p");
	struct thread *a = ready_thread(p, 5), *b = ready_thread(p, 5);

	ck_assert_ptr_eq(sched_pick(), a);
	ck_assert_int_eq(sys(a, FE_SYS_YIELD), 0);
	ck_assert_int_eq(a->state, T_READY);
	ck_assert_ptr_eq(sched_pick(), b);
	ck_assert_ptr_eq(sched_pick(), a);
}
END_TEST

/* A trap within the slice resumes the same thread; once the slice is used
 * up it goes behind its peers with a fresh slice. */
START_TEST(test_slice_expiry_requeues_to_the_back)
{
	struct process *p = process_create("p");
	struct thread *a = ready_thread(p, 5), *b = ready_thread(p, 5);
	uint64_t end;

	ck_assert_ptr_eq(sched_pick(), a);
	end = a->slice_end;
	ck_assert_uint_ge(end, arch_test.now + 2000000);
	ck_assert_uint_lt(end, arch_test.now + 4000000);
	arch_test.now = end - 1;
	sched_requeue(a, false);
	ck_assert_ptr_eq(sched_pick(), a);
	ck_assert_uint_eq(a->slice_end, end);
	arch_test.now = end;
	sched_requeue(a, false);
	ck_assert_uint_ge(a->slice_end, end + 2000000);
	ck_assert_uint_lt(a->slice_end, end + 4000000);
	ck_assert_ptr_eq(sched_pick(), b);
	ck_assert_ptr_eq(sched_pick(), a);
}
END_TEST

/* A thread whose wait ends runs before its ready peers. */
START_TEST(test_woken_thread_goes_first)
{
	struct thread *w = new_proc("w");
	struct process *p = process_create("q");
	struct thread *b = ready_thread(p, FE_PRIO_DEFAULT);
	int64_t n = sys(w, FE_SYS_NOTIFY_CREATE);
	uint64_t out = ualloc(w, 8);

	ck_assert_int_eq(sys(w, FE_SYS_NOTIFY_WAIT, n, out, FE_FOREVER), BLOCKED);
	notify_signal(container_of(handle_obj(w, (fe_handle_t)n), struct notify, obj), 1);
	ck_assert_ptr_eq(sched_pick(), w);
	ck_assert_ptr_eq(sched_pick(), b);
}
END_TEST

START_TEST(test_set_priority)
{
	struct process *p = process_create("p");
	struct thread *a = ready_thread(p, 5), *b = ready_thread(p, 6);

	ck_assert_ptr_eq(sched_pick(), b);
	ck_assert_int_eq(sys(b, FE_SYS_SET_PRIORITY, FE_PRIO_MAX + 1), -FE_EINVAL);
	ck_assert_int_eq(sys(b, FE_SYS_SET_PRIORITY, UINT64_MAX), -FE_EINVAL);
	ck_assert_uint_eq(b->prio, 6);
	ck_assert_int_eq(sys(b, FE_SYS_SET_PRIORITY, 4), 0);
	ck_assert_uint_eq(b->prio, 4);
	sched_requeue(b, true);
	ck_assert_ptr_eq(sched_pick(), a);
	ck_assert_ptr_eq(sched_pick(), b);
	ck_assert_int_eq(sys(b, FE_SYS_SET_PRIORITY, 0), 0);
	ck_assert_int_eq(sys(b, FE_SYS_SET_PRIORITY, FE_PRIO_MAX), 0);
}
END_TEST

START_TEST(test_sleep_in_virtual_time)
{
	struct thread *t = new_proc("p");

	arch_test.now = 500;
	ck_assert_int_eq(sys(t, FE_SYS_SLEEP, 1000), BLOCKED);
	ck_assert_int_eq(t->wait, W_SLEEP);
	ck_assert_uint_eq(timer_next(), 1500);
	ck_assert_ptr_null(sched_pick());
	advance(999);
	ck_assert(still_blocked(t));
	advance(1);
	ck_assert_int_eq(woken(t), 0);
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	ck_assert_ptr_eq(sched_pick(), t);
	/* Zero returns at once; negative is invalid. */
	ck_assert_int_eq(sys(t, FE_SYS_SLEEP, 0), 0);
	ck_assert_int_eq(sys(t, FE_SYS_SLEEP, (uint64_t)-5), -FE_EINVAL);
	ck_assert_int_eq(t->state, T_RUNNING);
}
END_TEST

/* A timeout too long to add to the clock saturates instead of wrapping. */
START_TEST(test_huge_timeouts_do_not_wrap)
{
	struct thread *t = new_proc("p");

	arch_test.now = 1000;
	ck_assert_int_eq(sys(t, FE_SYS_SLEEP, INT64_MAX), BLOCKED);
	ck_assert_uint_gt(timer_next(), 1000);
	advance(1ull << 62);
	ck_assert(still_blocked(t));
}
END_TEST

START_TEST(test_timers_expire_in_deadline_order)
{
	struct thread *a = new_proc("a"), *b = new_thread(a), *c = new_thread(a);

	ck_assert_int_eq(sys(a, FE_SYS_SLEEP, 300), BLOCKED);
	ck_assert_int_eq(sys(b, FE_SYS_SLEEP, 100), BLOCKED);
	ck_assert_int_eq(sys(c, FE_SYS_SLEEP, 200), BLOCKED);
	ck_assert_uint_eq(timer_next(), 100);
	advance(150);
	ck_assert_int_eq(woken(b), 0);
	ck_assert(still_blocked(a) && still_blocked(c));
	ck_assert_uint_eq(timer_next(), 200);
	advance(1000);
	ck_assert_int_eq(woken(a), 0);
	ck_assert_int_eq(woken(c), 0);
	/* Both woke at the front: the later expiry runs first. */
	ck_assert_ptr_eq(sched_pick(), a);
	ck_assert_ptr_eq(sched_pick(), c);
	ck_assert_ptr_eq(sched_pick(), b);
}
END_TEST

/* Killing a sleeping or ready thread takes it off every queue. */
START_TEST(test_killed_threads_leave_the_queues)
{
	struct thread *a = new_proc("a"), *b = new_thread(a);
	struct process *p = a->proc;
	struct fe_exit why = { .kind = FE_EXIT_KILLED };

	ready_thread(p, 9);
	ck_assert_int_eq(sys(b, FE_SYS_SLEEP, 50), BLOCKED);
	process_kill(p, &why);
	ck_assert_ptr_null(sched_pick());
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	advance(100);
}
END_TEST

Suite *suite_sched(void)
{
	Suite *s = suite_create("sched");

	ADD_TEST(s, test_nothing_to_run_picks_null);
	ADD_TEST(s, test_new_thread_is_ready_and_picked);
	ADD_TEST(s, test_higher_priority_runs_first);
	ADD_TEST(s, test_round_robin_within_a_priority);
	ADD_TEST(s, test_yield_goes_to_the_back_and_returns_0);
	ADD_TEST(s, test_slice_expiry_requeues_to_the_back);
	ADD_TEST(s, test_woken_thread_goes_first);
	ADD_TEST(s, test_set_priority);
	ADD_TEST(s, test_sleep_in_virtual_time);
	ADD_TEST(s, test_huge_timeouts_do_not_wrap);
	ADD_TEST(s, test_timers_expire_in_deadline_order);
	ADD_TEST(s, test_killed_threads_leave_the_queues);
	return s;
}
