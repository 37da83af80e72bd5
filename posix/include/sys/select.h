/*
 * select. Ferrite cannot wait on several descriptors yet: select with no
 * descriptors sleeps for the timeout (a common way to sleep); with any,
 * it fails with ENOSYS.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/time.h>
#include <sys/types.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define __FE_FD_WORD(fd) ((fd) / (8 * (int)sizeof(unsigned long)))
#define __FE_FD_BIT(fd) (1ul << ((fd) % (8 * (int)sizeof(unsigned long))))
#define FD_ZERO(s)                                                                         \
	do {                                                                               \
		for (unsigned i_ = 0; i_ < sizeof((s)->bits) / sizeof((s)->bits[0]); i_++) \
			(s)->bits[i_] = 0;                                                 \
	} while (0)
#define FD_SET(fd, s) ((s)->bits[__FE_FD_WORD(fd)] |= __FE_FD_BIT(fd))
#define FD_CLR(fd, s) ((s)->bits[__FE_FD_WORD(fd)] &= ~__FE_FD_BIT(fd))
#define FD_ISSET(fd, s) (((s)->bits[__FE_FD_WORD(fd)] & __FE_FD_BIT(fd)) != 0)

int select(int nfds, fd_set *restrict rd, fd_set *restrict wr, fd_set *restrict ex,
           struct timeval *restrict timeout);

#endif
