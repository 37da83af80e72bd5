/*
 * The expression language of test and [ (POSIX, with -a, -o, ! and
 * parentheses), shared by the `test` tool and the shell's builtin.
 */
#ifndef TESTEXPR_H
#define TESTEXPR_H

/* argv[0] is "test" or "["; for "[" the last argument must be "]".
 * Returns 0 (true), 1 (false) or 2 (error, message printed). */
int test_eval(int argc, char **argv);

#endif
