/*
 * false: do nothing, unsuccessfully.
 */
#include "tool.h"

int main(int argc, char **argv)
{
	tool_init("false", "usage: false\nExit with status 1.\n", argc, argv);
	return 1;
}
