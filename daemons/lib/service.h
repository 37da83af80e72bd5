/*
 * Services: how init starts daemons and how a daemon says it is ready.
 *
 * The convention between init and a service: the service gets, at handle
 * SVC_READY_HANDLE, a notification it may only signal; it signals
 * SVC_READY_BIT once it serves its scheme (svc_ready, which srv_serve
 * calls), then SVC_BEAT_BIT at least every SVC_BEAT_NS while its server
 * loop runs, busy or idle (loop.c), which is how init tells a hung service
 * from a quiet one. A service that needs the boot archive gets it at
 * SVC_ARCHIVE_HANDLE. A spare instance (a manifest's `standby`) gets at
 * SVC_GO_HANDLE a notification it waits on before it registers its scheme
 * (svc_wait_go, which srv_register calls): init signals it when the spare
 * takes over from a dead instance. A program started some other way has
 * no notification at handle 0 or 2, and svc_ready and svc_wait_go do
 * nothing.
 *
 * Starting programs from the boot archive (boot_spawn) also lives here,
 * with the spawn flags (FE_SPAWN_FDS) that posix/rt's fe_spawn_boot does
 * not take.
 */
#ifndef DAEMON_SERVICE_H
#define DAEMON_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

#include <ferrite/abi.h>

#define SVC_READY_HANDLE 0
#define SVC_ARCHIVE_HANDLE 1
#define SVC_GO_HANDLE 2
#define SVC_READY_BIT 1u
#define SVC_BEAT_BIT 2u
/* init's own bit on the notification: the instance is gone (watch.c). */
#define SVC_STOP_BIT (1ull << 63)

/* How often a serving daemon signals SVC_BEAT_BIT. */
#define SVC_BEAT_NS (100ll * 1000 * 1000)

/* How long a service may take to become ready before init gives up. */
#define SVC_READY_TIMEOUT_NS (10ll * 1000 * 1000 * 1000)

/* A service as init's table lists it. */
struct service {
	const char *program; /* its name in the boot archive */
	bool archive;        /* give it the boot archive */
	bool optional;       /* not there (-FE_ENOENT) is not a failure */
};

/* A spare: wait until init says to take over (no-op without a notification
 * at SVC_GO_HANDLE). */
void svc_wait_go(void);
/* Tell whoever started us that we serve (no-op without a notification). */
void svc_ready(void);
/* Is there a notification to beat on (svc_ready found one)? */
bool svc_beating(void);
/* Signal SVC_BEAT_BIT if SVC_BEAT_NS have passed since the last beat. */
void svc_beat(void);

/* Start `s` and wait until it is ready: 0 and its process in *proc, or
 * -FE_ETIMEDOUT (it was killed), -FE_ESRCH (it ended first), or the spawn's
 * error. */
int svc_start(const struct service *s, fe_handle_t *proc);

/* Map the boot archive behind handle h read-only: its bytes, checked to be
 * an archive's size. */
int boot_map(fe_handle_t h, const void **base, uint64_t *size);

/* Spawn the boot-archive program `name` (found through our own handle
 * FE_BOOTFS_HANDLE) with argv (NULL: just its name), the handles h[0 ..
 * nh-1] and FE_SPAWN_* flags. */
int boot_spawn(const char *name, const char *const argv[], const fe_handle_t *h, uint32_t nh,
               uint32_t flags, fe_handle_t *proc);

#endif
