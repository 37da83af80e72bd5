/* zero: the scheme's operations (zero.c), served by main.c. */
#ifndef DAEMON_ZERO_H
#define DAEMON_ZERO_H

#include "server.h"

extern const struct srv_ops zero_ops;

#endif
