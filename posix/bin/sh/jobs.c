/*
 * Background jobs and waiting for children.
 *
 * A job is one forked child started with `&`. The shell remembers it until
 * `wait` collects its status; an interactive shell also reports, before
 * each prompt, the jobs that have finished and forgets them.
 *
 * Job control, in an interactive shell: every job gets a process group of
 * its own (the pid of its first process), so that a terminal's ^C, which
 * goes to the terminal's foreground group, reaches the foreground job and
 * neither the shell (which ignores SIGINT anyway) nor background jobs. The
 * foreground job has the terminal until its last process is waited for.
 * There are no fg, bg or stop signals.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

struct job {
	pid_t pid;
	int id;
	int done;
	int status;
};

static struct job *jobs;
static int njobs, capjobs, next_id = 1;

int wait_status(int raw)
{
	if (WIFEXITED(raw))
		return WEXITSTATUS(raw);
	if (WIFSIGNALED(raw)) {
		int sig = WTERMSIG(raw);

		if (sig != SIGINT && sig != SIGPIPE)
			sh_error("killed by signal %d", sig);
		return 128 + sig;
	}
	return 1;
}

static struct job *job_find(pid_t pid)
{
	for (int i = 0; i < njobs; i++)
		if (jobs[i].pid == pid)
			return &jobs[i];
	return NULL;
}

static void job_remove(struct job *j)
{
	*j = jobs[--njobs];
	if (njobs == 0)
		next_id = 1;
}

void job_add(pid_t pid)
{
	if (njobs == capjobs) {
		capjobs = capjobs ? capjobs * 2 : 8;
		jobs = xrealloc(jobs, (size_t)capjobs * sizeof(*jobs));
	}
	jobs[njobs].pid = pid;
	jobs[njobs].id = next_id++;
	jobs[njobs].done = 0;
	jobs[njobs].status = 0;
	if (sh.interactive)
		out_fmt(2, "[%d] %ld\n", jobs[njobs].id, (long)pid);
	njobs++;
}

/* A child was reaped: if it is a job, keep its status for `wait`. */
static void note_reaped(pid_t pid, int raw)
{
	struct job *j = job_find(pid);

	if (!j)
		return;
	j->done = 1;
	j->status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
}

void jobs_poll(void)
{
	pid_t pid;
	int raw;

	while (njobs > 0 && (pid = waitpid(-1, &raw, WNOHANG)) > 0)
		note_reaped(pid, raw);
	if (!sh.interactive)
		return;
	for (int i = 0; i < njobs;) {
		if (jobs[i].done) {
			out_fmt(2, "[%d] Done (%d) %ld\n", jobs[i].id, jobs[i].status,
			        (long)jobs[i].pid);
			job_remove(&jobs[i]);
		} else {
			i++;
		}
	}
}

void job_control_start(void)
{
	sh.job_control = 1;
	signal(SIGTTOU, SIG_IGN); /* on Unix: tcsetpgrp from the background, */
	signal(SIGTTIN, SIG_IGN); /* and never stop the shell for a read */
	setpgid(0, 0);
	tcsetpgrp(0, getpgrp());
}

/* Both the shell and the child put the child in its group, whichever runs
 * first. Only the child gives its job the terminal, once its signals are
 * back to their defaults: a ^C that comes earlier goes to the shell. */
void job_group(pid_t pid, int async)
{
	pid_t pgid = async ? 0 : sh.fg_pgid;

	if (pid == 0) {
		setpgid(0, pgid);
		if (!async)
			tcsetpgrp(0, getpgrp());
		return;
	}
	setpgid(pid, pgid ? pgid : pid);
	if (async)
		return;
	if (!sh.fg_pgid)
		sh.fg_pgid = pid;
	sh.fg_last = pid;
}

/* The foreground job's last process is gone: the terminal is the shell's. */
static void job_foreground_done(pid_t pid)
{
	if (!sh.job_control || pid != sh.fg_last)
		return;
	tcsetpgrp(0, getpgrp());
	sh.fg_pgid = sh.fg_last = 0;
}

static int wait_raw(pid_t pid, int *raw)
{
	pid_t r;

	while ((r = waitpid(pid, raw, 0)) < 0 && errno == EINTR)
		;
	return r < 0 ? -1 : 0;
}

int wait_child(pid_t pid)
{
	int raw, rc = wait_raw(pid, &raw);

	job_foreground_done(pid);
	return rc < 0 ? 127 : wait_status(raw);
}

int jobs_wait_all(void)
{
	while (njobs > 0) {
		struct job *j = &jobs[0];
		int raw;

		if (!j->done && wait_raw(j->pid, &raw) == 0)
			note_reaped(j->pid, raw);
		job_remove(j);
	}
	return 0;
}

int jobs_wait_pid(pid_t pid)
{
	struct job *j = job_find(pid);
	int raw, status;

	if (j && j->done) {
		status = j->status;
		job_remove(j);
		return status;
	}
	if (wait_raw(pid, &raw) < 0)
		return 127;
	status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
	if (j)
		job_remove(j);
	return status;
}
