/*
 * Console input: the machine hands the kernel what is typed or piped in
 * (kernel_console_input); FE_SYS_CONSOLE_READ takes it out. Bytes wait in a
 * ring until read; readers wait in a queue, first come first served. When
 * the input ends, reads return what is left and then 0 forever.
 *
 * The console scheme's daemon is the one expected reader; the kernel only
 * keeps the bytes, so that the daemon can be restarted without losing any.
 */
#include "lib.h"
#include "proc.h"
#include "syscall.h"

#define RING 65536u

static char ring[RING];
static uint64_t head, tail; /* bytes are ring[tail .. head), modulo RING */
static bool ended;
static bool is_tty;
static struct list readers = LIST_INIT(readers);

void console_init(bool tty)
{
	is_tty = tty;
}

bool console_tty(void)
{
	return is_tty;
}

/* Move up to len bytes to the reader's buffer (checked writable). */
static int64_t take(struct thread *t, uint64_t buf, uint64_t len)
{
	uint64_t n = MIN(len, head - tail);

	for (uint64_t done = 0; done < n;) {
		uint64_t off = tail % RING, chunk = MIN(n - done, RING - off);

		vm_copy_out(&t->proc->vm, buf + done, ring + off, chunk);
		done += chunk;
		tail += chunk;
	}
	return (int64_t)n;
}

static void serve_readers(void)
{
	while (!list_empty(&readers) && (head != tail || ended)) {
		struct thread *t = list_entry(readers.next, struct thread, wait_link);
		uint64_t len = t->ipc.msg.len;
		int rc = vm_check(&t->proc->vm, t->out_uaddr, len, FE_PROT_WRITE);

		thread_wake(t, rc < 0 ? rc : take(t, t->out_uaddr, len));
	}
}

size_t kernel_console_input(const char *buf, size_t len)
{
	size_t i = 0;

	if (len == 0)
		ended = true;
	for (; i < len && head - tail < RING; i++)
		ring[head++ % RING] = buf[i];
	serve_readers();
	return i;
}

int64_t sys_console_read(struct thread *t, const uint64_t *a)
{
	int64_t timeout = timeout_arg(a[2]);

	if (a[1] == 0 || a[1] > RING)
		return -FE_EINVAL;
	if (vm_check(&t->proc->vm, a[0], a[1], FE_PROT_WRITE) < 0)
		return -FE_EFAULT;
	if (head != tail || ended)
		return take(t, a[0], a[1]);
	if (timeout == 0)
		return -FE_ETIMEDOUT;
	t->out_uaddr = a[0];
	t->ipc.msg.len = a[1];
	thread_block(t, W_CONSOLE, NULL, &readers, timeout);
	return SYSCALL_BLOCKED;
}
