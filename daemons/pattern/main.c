/* pattern: the daemon serving pattern: (the logic is in pattern.c). */
#include "loop.h"
#include "pattern.h"

static struct pattern state;

int main(void)
{
	return srv_serve("pattern", &pattern_ops, &state);
}
