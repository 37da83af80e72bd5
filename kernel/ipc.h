/*
 * Synchronous IPC (endpoints and reply objects) and notifications.
 *
 * A call goes client -> endpoint -> server: the server's receive returns a
 * reply handle, a one-shot capability naming the waiting caller; replying
 * through it completes the call. If the reply handle disappears unanswered
 * (closed, or its holder dies) the caller gets -FE_ECONNRESET. When no
 * handle with the receive right is left on an endpoint, its queued callers
 * and every later caller get -FE_EPIPE.
 *
 * Message bodies are copied straight from the sender's memory to the
 * receiver's at delivery, page by page through the memory objects; the
 * kernel keeps only the fixed-size header while a caller waits.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include "object.h"
#include "proc.h"

struct endpoint {
	struct kobj obj;
	struct list callers;   /* threads in W_SEND */
	struct list receivers; /* threads in W_RECV */
	uint32_t recv_caps;    /* handles holding FE_RIGHT_RECV */
	struct list posted;    /* one-way messages from the kernel (struct kmsg) */
};

struct reply {
	struct kobj obj;
	struct thread *caller;  /* the caller in W_REPLY (holds a ref), or NULL */
	struct scheme *opening; /* the call is an open through this scheme (holds
				   a ref): a late success must be closed again */
};

struct notify {
	struct kobj obj;
	uint64_t bits;
	struct list waiters; /* threads in W_NOTIFY */
};

struct endpoint *endpoint_create(void);
/* Queue a one-way message from the kernel itself (no caller, no body). */
void endpoint_post(struct endpoint *ep, uint64_t label, const uint64_t w[4]);
/* The operations behind FE_SYS_CALL / RECV / REPLY, arguments already
 * decoded: t->ipc.msg holds the header copied in from `uaddr` (checked
 * readable and writable; 0 for a kernel-made call, whose header is never
 * written back). The caller sets t->ipc.mode (and for IPC_OPEN, scheme and
 * fd_flags) before calling. */
int64_t endpoint_call(struct thread *t, struct endpoint *ep, uint64_t uaddr, struct kobj *xfer,
                      uint32_t xfer_rights, int64_t timeout);
int64_t endpoint_recv(struct thread *t, struct endpoint *ep, uint64_t uaddr, int64_t timeout);
int64_t reply_send(struct thread *t, fe_handle_t rh, struct reply *r, const struct fe_msg *msg,
                   struct kobj *xfer, uint32_t xfer_rights);
struct reply *reply_create(struct thread *caller);
/* Write a delivered header into t's message (at t->ipc.msg_uaddr, checked
 * writable in this system call): label and words from `from`, its body's
 * full length, the handle `h` t now holds, and whether the body was cut to
 * t's rcap. The other fields (t's own buffers) are not touched. */
void msg_out(struct thread *t, const struct fe_msg *from, fe_handle_t h);
void reply_detach(struct reply *r, int64_t ret);

struct notify *notify_create(void);
void notify_signal(struct notify *n, uint64_t bits);
int64_t notify_wait(struct thread *t, struct notify *n, uint64_t out, int64_t timeout);

/* Drop what a call set up before it waited (the handle being sent). */
void ipc_abort_send(struct thread *t);
/* Undo an IPC wait of t (timeout or death); see thread_abort. */
void ipc_abort(struct thread *t);

#endif
