/*
 * The builtins of builtin_io.c, for the table in builtin.c.
 */
#ifndef BUILTIN_H
#define BUILTIN_H

int bi_true(int argc, char **argv);
int bi_false(int argc, char **argv);
int bi_echo(int argc, char **argv);
int bi_test(int argc, char **argv);
int bi_read(int argc, char **argv);

#endif
