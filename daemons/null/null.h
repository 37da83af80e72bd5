/* null: the scheme's operations (null.c), served by main.c. */
#ifndef DAEMON_NULL_H
#define DAEMON_NULL_H

#include "server.h"

extern const struct srv_ops null_ops;

#endif
