/*
 * init's watcher threads (watch.c): per service, one blocked in
 * fe_proc_wait on its instance and one in fe_notify_wait on its ready and
 * heartbeat notification, each posting what it sees to init's main
 * endpoint (the protocol is in supervise.h).
 */
#ifndef INIT_WATCH_H
#define INIT_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>

/* The endpoint the watchers post to. */
void watch_init(fe_handle_t ep);
/* Start the exit watcher of service `svc`, and its notification watcher
 * if `beat`. */
int watch_start(uint32_t svc, bool beat);

#endif
