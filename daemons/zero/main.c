/* zero: the daemon serving zero: (the logic is in zero.c). */
#include "loop.h"
#include "zero.h"

int main(void)
{
	return srv_serve("zero", &zero_ops, NULL);
}
