/*
 * sys: what the system knows about itself, as text files (for ps, uptime,
 * free):
 *
 *   sys:proc     one line per process: "pid parent state threads memory
 *                name", state "running" or "blocked", memory in bytes
 *   sys:uptime   seconds since boot, with two decimals
 *   sys:meminfo  "kernel_heap_used N", "kernel_heap_size N",
 *                "user_mapped N", one per line, in bytes
 *
 * "sys:/" lists them. A file's text is made when it is opened, so one
 * open reads one consistent snapshot however it is read.
 */
#ifndef DAEMON_SYS_H
#define DAEMON_SYS_H

#include "idtab.h"
#include "server.h"

#define SYS_PROCS_MAX 256

struct sysfs {
	struct idtab files;
};

extern const struct srv_ops sys_ops;

void sys_fini(struct sysfs *fs);

/* Seams (FE_SYS_SYSINFO): up to max process records into buf, and how
 * many processes there are; the memory figures (0 or -FE_E*). */
long sys_procs(struct fe_procinfo *buf, uint32_t max);
int sys_meminfo(struct fe_meminfo *m);

#endif
