/*
 * The console scheme's operations (console.h): one file, "console:", with
 * the same id for every open (CHARDEV_ID), since everything there is to
 * keep — the input, the termios settings — belongs to the one terminal.
 *
 * Reads that cannot be answered wait in a queue, first come first served;
 * a late answer takes bytes out of the ring only if it arrives.
 */
#include <string.h>

#include "chardev.h"
#include "console.h"
#include "mem.h"

#define TCGETS 0x5401u
#define TCSETS 0x5402u
#define TCSETSW 0x5403u
#define TCSETSF 0x5404u
#define TIOCGPGRP 0x540fu
#define TIOCSPGRP 0x5410u
#define FIONREAD 0x541bu
#define TIOCGWINSZ 0x5413u
#define TIOCSWINSZ 0x5414u

struct console_waiter {
	struct console_waiter *next;
	fe_handle_t reply;
	uint64_t count;
};

int console_init(struct console *c, bool tty)
{
	memset(c, 0, sizeof(*c));
	c->tty = tty;
	c->input_reply = FE_NO_HANDLE;
	ldisc_defaults(c);
	c->scratch = mem_alloc(CONSOLE_RING);
	return c->scratch ? 0 : -FE_ENOMEM;
}

static void copy_out(const struct console *c, char *dst, uint64_t n)
{
	for (uint64_t i = 0; i < n; i++)
		dst[i] = c->ring[(c->tail + i) % CONSOLE_RING];
}

/* Room enough for one more chunk of input and a whole edited line. */
static bool input_fits(const struct console *c)
{
	return CONSOLE_RING - (c->head - c->tail) >= CONSOLE_CHUNK + CONSOLE_LINE;
}

static void release_input(struct console *c)
{
	if (c->input_reply != FE_NO_HANDLE && input_fits(c)) {
		(void)srv_answer(c->input_reply, 0, NULL, 0);
		c->input_reply = FE_NO_HANDLE;
	}
}

/* Answer waiting reads while there is something (or an end) to give. */
static void serve_reads(struct console *c)
{
	while (c->reads) {
		struct console_waiter *w = c->reads;
		uint64_t n = ldisc_readable(c, w->count);

		if (n == 0 && !c->ended && !c->eof_pending)
			break;
		if (n == 0)
			c->eof_pending = false;
		copy_out(c, c->scratch, n);
		if (srv_answer(w->reply, (int64_t)n, c->scratch, n) == 0)
			c->tail += n;
		c->reads = w->next;
		mem_free(w);
	}
	release_input(c);
}

static int64_t console_read(void *state, struct srv_req *req)
{
	struct console *c = state;
	struct console_waiter *w, **q;
	uint64_t n;

	if (chardev_check(req) < 0)
		return -FE_EBADF;
	n = ldisc_readable(c, req->arg1);
	if (req->arg1 == 0 || (n > 0 && !c->reads)) {
		copy_out(c, req->out, n);
		c->tail += n;
		req->out_len = n;
		release_input(c);
		return (int64_t)n;
	}
	if (!c->reads && (c->ended || c->eof_pending)) {
		c->eof_pending = false;
		return 0;
	}
	if (!c->reads && ldisc_polls(c))
		return 0;
	w = mem_alloc(sizeof(*w));
	if (!w)
		return -FE_ENOMEM;
	w->reply = req->reply;
	w->count = req->arg1;
	for (q = &c->reads; *q; q = &(*q)->next)
		;
	*q = w;
	return SRV_DEFER;
}

static int64_t console_write(void *state, struct srv_req *req)
{
	(void)state;
	if (chardev_check(req) < 0)
		return -FE_EBADF;
	console_out(req->data, req->len);
	return (int64_t)req->len;
}

static int64_t console_fstat(void *state, struct srv_req *req)
{
	struct fe_stat st = { .ino = 1, .mode = FE_S_IFCHR | 0620, .nlink = 1, .blksize = 1024 };
	int64_t rc = chardev_fstat(req, 1);

	(void)state;
	if (rc == 0)
		memcpy(req->out, &st, sizeof(st));
	return rc;
}

static int64_t console_seek(void *state, struct srv_req *req)
{
	(void)state;
	return chardev_check(req) < 0 ? -FE_EBADF : -FE_ESPIPE;
}

/* Copy a request's body of exactly `size` bytes into dst. */
static int64_t take_body(const struct srv_req *req, void *dst, uint64_t size)
{
	if (req->len < size)
		return -FE_EINVAL;
	memcpy(dst, req->data, size);
	return 0;
}

static int64_t give_body(struct srv_req *req, const void *src, uint64_t size)
{
	memcpy(req->out, src, size);
	req->out_len = size;
	return 0;
}

static int64_t termios_ioctl(struct console *c, struct srv_req *req)
{
	int64_t rc;

	switch (req->arg1) {
	case TCGETS:
		return give_body(req, &c->tio, sizeof(c->tio));
	case TCSETSF:
		c->tail = c->head;
		c->line_len = 0;
		/* fall through */
	case TCSETS:
	case TCSETSW:
		rc = take_body(req, &c->tio, sizeof(c->tio));
		serve_reads(c);
		return rc;
	case TIOCGWINSZ:
		return give_body(req, &c->ws, sizeof(c->ws));
	case TIOCSWINSZ:
		return take_body(req, &c->ws, sizeof(c->ws));
	case TIOCGPGRP:
		return give_body(req, &c->pgrp, sizeof(c->pgrp));
	case TIOCSPGRP:
		return take_body(req, &c->pgrp, sizeof(c->pgrp));
	default:
		return -FE_ENOTTY;
	}
}

static int64_t console_ioctl(void *state, struct srv_req *req)
{
	struct console *c = state;

	if (chardev_check(req) < 0)
		return -FE_EBADF;
	if (req->arg1 == FIONREAD) {
		int32_t n = (int32_t)(c->head - c->tail);

		return give_body(req, &n, sizeof(n));
	}
	return c->tty ? termios_ioctl(c, req) : -FE_ENOTTY;
}

/* From the input thread: a chunk of input, or (empty) its end. */
static int64_t console_input(void *state, struct srv_req *req)
{
	struct console *c = state;

	if (req->op != CONSOLE_OP_INPUT || c->input_reply != FE_NO_HANDLE)
		return -FE_EINVAL;
	if (req->len == 0)
		ldisc_end(c);
	else
		ldisc_input(c, req->data, req->len);
	serve_reads(c);
	if (input_fits(c) || c->ended)
		return 0;
	c->input_reply = req->reply;
	return SRV_DEFER;
}

void console_fini(struct console *c)
{
	while (c->reads) {
		struct console_waiter *w = c->reads;

		c->reads = w->next;
		mem_free(w);
	}
	mem_free(c->scratch);
}

const struct srv_ops console_ops = {
	.open = chardev_open,
	.read = console_read,
	.write = console_write,
	.seek = console_seek,
	.fstat = console_fstat,
	.stat = console_fstat,
	.readdir = chardev_readdir,
	.ftruncate = chardev_ftruncate,
	.ioctl = console_ioctl,
	.private_op = console_input,
};
