/*
 * The command line that runs a Ferrite program in ferrite-sim under init,
 * with every daemon of the system: what bench/spawn and bench/pipe run.
 * The paths are this build tree's (bench_config.h, written by meson).
 */
#ifndef BENCH_GUEST_H
#define BENCH_GUEST_H

#define GUEST_ARGV_MAX 128

/*
 * Fills argv (GUEST_ARGV_MAX entries): ferrite-sim, the system's modules and
 * the NULL-terminated `modules` (paths; the archive names each file by its
 * basename), init, then the NULL-terminated `args`: the program's name in
 * the archive and its arguments. Exits with a message if they do not fit.
 */
void guest_argv(char **argv, char *const modules[], char *const args[]);

/*
 * Times `batches` batches (time_batches, bench.h) of the Linux program
 * `host` (a path and its arguments), then of the Ferrite program `guest`
 * (its name in the archive and its arguments) run by guest_argv with
 * `modules`, then of `host` again; median_ns[0] gets the median of the
 * host's batches, median_ns[1] the guest's. Exits with status 1 if a
 * program fails.
 */
void time_host_and_guest(int batches, char *const host[], char *const modules[],
                         char *const guest[], double median_ns[2]);

#endif
