/*
 * svc: — the scheme through which the svc tool controls init (control.c).
 *
 *   svc:list       one line per service: name, pid, generation, restarts,
 *                  state, uptime in seconds, the pid of its spare (0: none;
 *                  a header line first)
 *   svc:log/NAME   NAME's recent events, oldest first
 *   svc:ctl        write one command: "start NAME", "stop NAME",
 *                  "restart NAME", "reload NAME [PATH]"; the write returns
 *                  when it is done (the new instance is ready, or the
 *                  service stopped): its length, or -FE_ESRCH (no such
 *                  service), -FE_EBUSY (already in that state), -FE_EIO (it
 *                  did not become ready), -FE_ENOEXEC (a reloaded binary
 *                  did not become ready: the old one runs again), or the
 *                  error reading PATH.
 */
#ifndef INIT_CONTROL_H
#define INIT_CONTROL_H

#include "server.h"

extern const struct srv_ops control_ops;

#endif
