/* pattern: the scheme's operations (pattern.c), served by main.c. */
#ifndef DAEMON_PATTERN_H
#define DAEMON_PATTERN_H

#include "bytes.h"
#include "server.h"

#define PATTERN_FILES 256 /* open files at once */

struct pattern {
	uint64_t off[PATTERN_FILES]; /* by id - 1 */
	bool used[PATTERN_FILES];
};

extern const struct srv_ops pattern_ops;

#endif
