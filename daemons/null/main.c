/* null: the daemon serving null: (the logic is in null.c). */
#include "loop.h"
#include "null.h"

int main(void)
{
	return srv_serve("null", &null_ops, NULL);
}
