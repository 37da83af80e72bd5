/*
 * Running a scheme server (loop.c): a daemon's main sets up its state and
 * calls srv_serve, which registers the scheme, tells init it is ready and
 * serves requests until the daemon is killed. A daemon with helper threads
 * uses the two steps apart: srv_register, then srv_loop.
 */
#ifndef DAEMON_LOOP_H
#define DAEMON_LOOP_H

#include <string.h>

#include "server.h"

/* Register `name` with a new endpoint: the endpoint's handle, or -FE_E*. */
fe_handle_t srv_register(const char *name);
/* Receive one request within `timeout` and answer or keep it: 0, or
 * -FE_ETIMEDOUT when none came, or the receive's error. */
int srv_step(fe_handle_t ep, const char *name, const struct srv_ops *ops, void *state,
             int64_t timeout);
_Noreturn void srv_loop(fe_handle_t ep, const char *name, const struct srv_ops *ops, void *state);
/* Register, signal readiness, serve. Returns 1 only if it cannot register. */
int srv_serve(const char *name, const struct srv_ops *ops, void *state);

#endif
