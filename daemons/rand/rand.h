/* rand: the scheme's operations (rand.c), served by main.c. */
#ifndef DAEMON_RAND_H
#define DAEMON_RAND_H

#include "server.h"

extern const struct srv_ops rand_ops;

/* Seam: fill buf with len random bytes; 0 or -FE_E*. */
int rand_fill(void *buf, uint64_t len);

#endif
