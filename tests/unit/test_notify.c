/*
 * Notifications: pending bits, OR-ing, waking the first waiter, timeouts and
 * polls, bad result pointers, rights, and waiters that die or lose memory.
 */
#include "harness.h"

static uint64_t bits_of(struct thread *t, fe_handle_t h)
{
	return container_of(handle_obj(t, h), struct notify, obj)->bits;
}

START_TEST(test_signal_then_wait_returns_and_clears_the_bits)
{
	struct thread *t = new_proc("p");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	uint64_t out = ualloc(t, 8);

	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 0x81), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, out, FE_FOREVER), 0);
	ck_assert_uint_eq(uget64(t->proc, out), 0x81);
	ck_assert_uint_eq(bits_of(t, (fe_handle_t)n), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, out, FE_POLL), -FE_ETIMEDOUT);
}
END_TEST

START_TEST(test_wait_then_signal_wakes_the_waiter)
{
	struct thread *w = new_proc("waiter"), *s = new_proc("signaller");
	int64_t n = sys(w, FE_SYS_NOTIFY_CREATE);
	fe_handle_t sn = give(s, handle_obj(w, (fe_handle_t)n), FE_RIGHT_SIGNAL);
	uint64_t out = ualloc(w, 8);

	ck_assert_int_eq(sys(w, FE_SYS_NOTIFY_WAIT, n, out, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(w->wait, W_NOTIFY);
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, sn, 1ull << 63), 0);
	ck_assert_int_eq(woken(w), 0);
	ck_assert_uint_eq(uget64(w->proc, out), 1ull << 63);
	ck_assert_uint_eq(bits_of(w, (fe_handle_t)n), 0);
}
END_TEST

START_TEST(test_signals_are_ored_until_waited)
{
	struct thread *t = new_proc("p");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	uint64_t out = ualloc(t, 8);

	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 1), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 4), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 4), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 0x100), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, out, FE_POLL), 0);
	ck_assert_uint_eq(uget64(t->proc, out), 0x105);
}
END_TEST

START_TEST(test_signal_with_no_bits_wakes_nobody)
{
	struct thread *w = new_proc("waiter"), *s = new_thread(w);
	int64_t n = sys(w, FE_SYS_NOTIFY_CREATE);

	ck_assert_int_eq(sys(w, FE_SYS_NOTIFY_WAIT, n, ualloc(w, 8), FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, n, 0), 0);
	ck_assert(still_blocked(w));
}
END_TEST

START_TEST(test_signal_wakes_only_the_first_waiter)
{
	struct thread *a = new_proc("a"), *b = new_thread(a), *s = new_thread(a);
	int64_t n = sys(a, FE_SYS_NOTIFY_CREATE);
	uint64_t oa = ualloc(a, 8), ob = ualloc(a, 8);

	ck_assert_int_eq(sys(a, FE_SYS_NOTIFY_WAIT, n, oa, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(b, FE_SYS_NOTIFY_WAIT, n, ob, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, n, 2), 0);
	ck_assert_int_eq(woken(a), 0);
	ck_assert_uint_eq(uget64(a->proc, oa), 2);
	ck_assert(still_blocked(b));
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, n, 8), 0);
	ck_assert_int_eq(woken(b), 0);
	ck_assert_uint_eq(uget64(a->proc, ob), 8);
}
END_TEST

START_TEST(test_notify_wait_times_out)
{
	struct thread *t = new_proc("p");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	uint64_t out = ualloc(t, 8);

	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, out, FE_POLL), -FE_ETIMEDOUT);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, out, 3000), BLOCKED);
	advance(2999);
	ck_assert(still_blocked(t));
	advance(1);
	ck_assert_int_eq(woken(t), -FE_ETIMEDOUT);
	ck_assert(list_empty(
		&container_of(handle_obj(t, (fe_handle_t)n), struct notify, obj)->waiters));
	/* A signal after the timeout stays pending for the next wait. */
	run_as(t);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 16), 0);
	ck_assert_uint_eq(bits_of(t, (fe_handle_t)n), 16);
}
END_TEST

START_TEST(test_notify_wait_with_a_bad_pointer_is_efault)
{
	struct thread *t = new_proc("p");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	uint64_t ro = umap(t->proc, 0, FE_PAGE_SIZE, FE_PROT_READ);
	const uint64_t bad[] = { 0, 0x5000, ro, SCRATCH_BASE + SCRATCH_SIZE - 4, UINT64_MAX - 3 };

	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, n, 3), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, bad[i], FE_FOREVER), -FE_EFAULT);
		ck_assert_uint_eq(bits_of(t, (fe_handle_t)n), 3);
	}
	/* Also when nothing is pending: it fails rather than waits. */
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, ualloc(t, 8), FE_POLL), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, n, ro, FE_FOREVER), -FE_EFAULT);
	ck_assert_int_eq(t->state, T_RUNNING);
}
END_TEST

START_TEST(test_notify_rights_are_enforced)
{
	struct thread *t = new_proc("p");
	int64_t n = sys(t, FE_SYS_NOTIFY_CREATE);
	int64_t sig = sys(t, FE_SYS_HANDLE_DUP, n, FE_RIGHT_SIGNAL);
	int64_t wait = sys(t, FE_SYS_HANDLE_DUP, n, FE_RIGHT_WAIT);
	uint64_t out = ualloc(t, 8);

	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, sig, out, FE_POLL), -FE_EACCES);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, wait, 1), -FE_EACCES);
	ck_assert_uint_eq(bits_of(t, (fe_handle_t)n), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_SIGNAL, sig, 1), 0);
	ck_assert_int_eq(sys(t, FE_SYS_NOTIFY_WAIT, wait, out, FE_POLL), 0);
	ck_assert_uint_eq(uget64(t->proc, out), 1);
}
END_TEST

/* A waiter whose result word was unmapped while it waited gets -FE_EFAULT
 * and the bits go to the next waiter instead of being lost. */
START_TEST(test_waiter_that_lost_its_memory_gets_efault)
{
	struct thread *a = new_proc("a"), *b = new_thread(a), *s = new_thread(a);
	int64_t n = sys(a, FE_SYS_NOTIFY_CREATE);
	uint64_t gone = umap(a->proc, 0x60000000, FE_PAGE_SIZE, FE_PROT_READ | FE_PROT_WRITE);
	uint64_t ob = ualloc(b, 8);

	ck_assert_int_eq(sys(a, FE_SYS_NOTIFY_WAIT, n, gone, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(b, FE_SYS_NOTIFY_WAIT, n, ob, FE_FOREVER), BLOCKED);
	ck_assert_int_eq(sys(s, FE_SYS_MEM_UNMAP, gone, FE_PAGE_SIZE), 0);
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, n, 32), 0);
	ck_assert_int_eq(woken(a), -FE_EFAULT);
	ck_assert_int_eq(woken(b), 0);
	ck_assert_uint_eq(uget64(a->proc, ob), 32);
	ck_assert_uint_eq(bits_of(s, (fe_handle_t)n), 0);
}
END_TEST

START_TEST(test_killed_waiter_leaves_the_queue)
{
	struct thread *w = new_proc("w"), *s = new_proc("s");
	int64_t n = sys(w, FE_SYS_NOTIFY_CREATE);
	fe_handle_t sn = give(s, handle_obj(w, (fe_handle_t)n), FE_RIGHT_SIGNAL);
	struct fe_exit why = { .kind = FE_EXIT_KILLED };
	struct notify *no = container_of(handle_obj(s, sn), struct notify, obj);

	ck_assert_int_eq(sys(w, FE_SYS_NOTIFY_WAIT, n, ualloc(w, 8), 50), BLOCKED);
	process_kill(w->proc, &why);
	ck_assert(list_empty(&no->waiters));
	ck_assert_uint_eq(timer_next(), UINT64_MAX);
	ck_assert_uint_eq(no->obj.refs, 1);
	ck_assert_int_eq(sys(s, FE_SYS_NOTIFY_SIGNAL, sn, 1), 0);
	ck_assert_uint_eq(no->bits, 1);
	advance(100);
}
END_TEST

Suite *suite_notify(void)
{
	Suite *s = suite_create("notify");

	ADD_TEST(s, test_signal_then_wait_returns_and_clears_the_bits);
	ADD_TEST(s, test_wait_then_signal_wakes_the_waiter);
	ADD_TEST(s, test_signals_are_ored_until_waited);
	ADD_TEST(s, test_signal_with_no_bits_wakes_nobody);
	ADD_TEST(s, test_signal_wakes_only_the_first_waiter);
	ADD_TEST(s, test_notify_wait_times_out);
	ADD_TEST(s, test_notify_wait_with_a_bad_pointer_is_efault);
	ADD_TEST(s, test_notify_rights_are_enforced);
	ADD_TEST(s, test_waiter_that_lost_its_memory_gets_efault);
	ADD_TEST(s, test_killed_waiter_leaves_the_queue);
	return s;
}
