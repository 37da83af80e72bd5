/*
 * Grants (see <ferrite/abi.h>): the names and ranges a process may reach.
 * A process holds either every grant (the first process, and by default its
 * descendants) or an explicit list, which only ever narrows down the tree.
 */
#ifndef KERNEL_GRANT_H
#define KERNEL_GRANT_H

#include <ferrite/abi.h>
#include <stdbool.h>
#include <stdint.h>

struct grants {
	bool all;
	uint32_t n;
	struct fe_grant *list; /* n entries, kernel memory */
	uint32_t reported;     /* kinds already reported as denied (bit per kind) */
};

struct process;

void grants_init_all(struct grants *g);
void grants_destroy(struct grants *g);
int grants_copy(struct grants *dst, const struct grants *src);

/* Make dst exactly `want` (n entries, already copied into the kernel),
 * each of which `parent` must hold: 0, -FE_EACCES or -FE_EINVAL. */
int grants_narrow(struct grants *dst, const struct grants *parent, const struct fe_grant *want,
                  uint32_t n);

/* A narrowing of p's grants was refused: report the first entry of
 * want[0..n-1] that p does not hold, once per process and kind. */
void grants_report_missing(struct process *p, const struct fe_grant *want, uint32_t n);

/* May p serve / open the scheme `name` (len bytes)? Reports a denial. */
bool grant_scheme(struct process *p, uint32_t kind, const char *name, uint64_t len);

/* May p signal any process? (No report: a refused signal is -FE_EPERM,
 * which its sender reports.) */
bool grant_signal(const struct process *p);

#endif
