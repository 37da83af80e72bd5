/*
 * The loop bench/spawn times, in portable C: built for Linux with the
 * host's compiler and for Ferrite with its libc. It runs PROGRAM (no
 * arguments) COUNT times per batch, each time fork, execv in the child,
 * waitpid in the parent; a child must exit with status 0. After a warm-up
 * batch it prints "start", after each of the BATCHES batches "batch N".
 * The caller times the lines as they arrive (the sim's clock is virtual).
 *
 * Usage: spawn_loop BATCHES COUNT PROGRAM
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int spawn_wait(char *program)
{
	char *argv[] = { program, NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("spawn_loop: fork");
		return -1;
	}
	if (pid == 0) {
		execv(program, argv);
		perror("spawn_loop: execv");
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "spawn_loop: %s did not exit with status 0\n", program);
		return -1;
	}
	return 0;
}

static int batch(long count, char *program)
{
	for (long i = 0; i < count; i++)
		if (spawn_wait(program) < 0)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	long batches, count;

	if (argc != 4 || (batches = atol(argv[1])) <= 0 || (count = atol(argv[2])) <= 0) {
		fprintf(stderr, "usage: spawn_loop BATCHES COUNT PROGRAM\n");
		return 2;
	}
	if (batch(count, argv[3]) < 0)
		return 1;
	printf("start\n");
	fflush(stdout);
	for (long b = 0; b < batches; b++) {
		if (batch(count, argv[3]) < 0)
			return 1;
		printf("batch %ld\n", b);
		fflush(stdout);
	}
	return 0;
}
