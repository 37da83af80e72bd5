/*
 * hello: the smallest Ferrite program. Prints a greeting and its arguments,
 * and exits 0. Used by the demo and as the first system test.
 */
#include <ferrite/print.h>

int main(int argc, char **argv)
{
	fe_printf("hello from ferrite\n");
	for (int i = 0; i < argc; i++)
		fe_printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
