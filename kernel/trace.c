/*
 * Writing the event trace (see trace.h). Formatting is skipped entirely when
 * tracing is off.
 */
#include "trace.h"

#include "lib.h"
#include "proc.h"

bool trace_on;

static void emit(const char *buf, int n, size_t cap)
{
	arch_trace_write(buf, MIN((size_t)n, cap - 1));
}

void trace_syscall(const struct thread *t, const char *name, const uint64_t *args, int nargs)
{
	char buf[256];
	int n;

	if (!trace_on)
		return;
	n = ksnprintf(buf, sizeof(buf), "%llu %u.%u %s(", (unsigned long long)arch_time_now(),
	              t->proc->pid, t->tid, name);
	for (int i = 0; i < nargs && n < (int)sizeof(buf); i++)
		n += ksnprintf(buf + n, sizeof(buf) - n, i ? ", %llx" : "%llx",
		               (unsigned long long)args[i]);
	if (n < (int)sizeof(buf))
		n += ksnprintf(buf + n, sizeof(buf) - n, ")\n");
	emit(buf, n, sizeof(buf));
}

void trace_ret(const struct thread *t, int64_t ret)
{
	char buf[96];
	int n;

	if (!trace_on)
		return;
	n = ksnprintf(buf, sizeof(buf), "%llu %u.%u = %lld\n", (unsigned long long)arch_time_now(),
	              t->proc->pid, t->tid, (long long)ret);
	emit(buf, n, sizeof(buf));
}

void trace_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	if (!trace_on)
		return;
	n = ksnprintf(buf, sizeof(buf), "%llu ", (unsigned long long)arch_time_now());
	va_start(ap, fmt);
	n += kvsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n < (int)sizeof(buf) - 1)
		buf[n++] = '\n';
	emit(buf, n, sizeof(buf));
}
