/*
 * Signal names and numbers, for kill (the program and the shell's
 * builtin, which Ferrite needs: only a parent may signal its children).
 */
#ifndef SIGNAMES_H
#define SIGNAMES_H

/* "KILL", "SIGKILL", "kill" or "9" to 9; -1 if unknown. */
int sig_number(const char *name);
/* 9 to "KILL"; NULL if unknown. */
const char *sig_name(int num);
/* The i-th known signal (from 0), for listing; NULL past the last. */
const char *sig_at(int i, int *num);

#endif
