/*
 * A process's descriptor table (the operations are in fd.h / file.c).
 */
#ifndef KERNEL_FDTABLE_H
#define KERNEL_FDTABLE_H

#include <stdint.h>

struct file;

struct fd_slot {
	struct file *file; /* holds a reference */
	uint32_t flags;    /* FE_FD_* */
};

struct fd_table {
	struct fd_slot *slots;
	uint32_t size;
};

#endif
