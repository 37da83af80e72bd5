/* What pattern: holds, shared with the programs that check it. */
#ifndef DAEMON_PATTERN_BYTES_H
#define DAEMON_PATTERN_BYTES_H

#include <stdint.h>

#define PATTERN_SIZE (1u << 20) /* the one file's length */

/* The byte at offset o: a fixed function, so a reader can check any byte
 * it gets without knowing how it got it. */
static inline uint8_t pattern_byte(uint64_t o)
{
	return (uint8_t)((o ^ (o >> 8) ^ (o >> 16)) * 37u + 11u);
}

#endif
