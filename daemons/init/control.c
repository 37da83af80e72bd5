/*
 * The svc: scheme (control.h): texts made at open, and commands written to
 * svc:ctl. The watchers' private messages arrive on the same endpoint and
 * go to the supervisor (sup_event).
 *
 * Rules: a command's write is answered only when the command has taken
 * effect (sup_wait), so `svc restart x` returns once x serves again; a
 * binary for reload is read whole before anything changes, at most
 * RELOAD_MAX bytes.
 */
#include <string.h>

#include <ferrite/print.h>
#include <ferrite/sys.h>

#include "control.h"
#include "fdio.h"
#include "idtab.h"
#include "mem.h"
#include "path.h"
#include "supervise.h"

#define RELOAD_MAX (16u << 20)
#define LIST_LINE 96
#define CMD_MAX 256

enum { F_LIST = 1, F_LOG, F_CTL };

struct ofile {
	int kind;
	char *text;
	uint64_t len, off;
};

static struct idtab files;

static char *list_text(uint64_t *len)
{
	uint64_t cap = (sup_count + 1) * LIST_LINE, now = fe_clock();
	char *t = mem_alloc(cap);
	uint64_t n = 0;

	if (!t)
		return NULL;
	n += (uint64_t)fe_snprintf(t, cap, "%-16s %6s %5s %8s %-9s %8s %s\n", "NAME", "PID", "GEN",
	                           "RESTARTS", "STATE", "UPTIME", "SPARE");
	for (uint32_t i = 0; i < sup_count; i++) {
		const struct svc *s = &sup_svcs[i];
		uint64_t up = s->proc >= 0 ? (now - s->started) / 10000000 : 0;

		if (s->program)
			continue;
		n += (uint64_t)fe_snprintf(
			t + n, cap - n, "%-16s %6u %5u %8u %-9s %5llu.%02llu %u\n", s->mf.name,
			s->proc >= 0 ? s->pid : 0, s->gen, s->restarts, sup_state_names[s->state],
			(unsigned long long)(up / 100), (unsigned long long)(up % 100),
			s->spare >= 0 ? s->spare_pid : 0);
	}
	*len = n;
	return t;
}

static char *log_text(const struct svc *s, uint64_t *len)
{
	char *t = mem_alloc(SUP_LOG_LINES * (SUP_LOG_LINE + 1));
	uint32_t first = s->nlog > SUP_LOG_LINES ? s->nlog - SUP_LOG_LINES : 0;
	uint64_t n = 0;

	if (!t)
		return NULL;
	for (uint32_t i = first; i < s->nlog; i++) {
		const char *line = s->log[i % SUP_LOG_LINES];
		uint64_t l = strlen(line);

		memcpy(t + n, line, l);
		t[n + l] = '\n';
		n += l + 1;
	}
	*len = n;
	return t;
}

/* Which file: F_LIST, F_CTL, F_LOG (with *s), or -FE_ENOENT. */
static int lookup(const char *path, uint64_t len, struct svc **s)
{
	static char buf[FE_PATH_MAX + 2];
	int64_t n = path_normalize(path, len, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	if (strcmp(buf, "/list") == 0)
		return F_LIST;
	if (strcmp(buf, "/ctl") == 0)
		return F_CTL;
	if (strncmp(buf, "/log/", 5) == 0) {
		*s = sup_find(buf + 5);
		return *s ? F_LOG : -FE_ESRCH;
	}
	return -FE_ENOENT;
}

static int64_t ctl_open(void *state, struct srv_req *req)
{
	struct svc *s = NULL;
	int kind = lookup(req->path, req->path_len, &s);
	uint32_t acc = (uint32_t)req->arg1 & FE_O_ACCMODE;
	struct ofile *f;
	int64_t id;

	(void)state;
	if (kind < 0)
		return kind;
	if ((kind == F_CTL) != (acc == FE_O_WRONLY))
		return kind == F_CTL ? -FE_EINVAL : -FE_EROFS;
	f = mem_alloc(sizeof(*f));
	if (!f)
		return -FE_ENOMEM;
	f->kind = kind;
	if (kind == F_LIST)
		f->text = list_text(&f->len);
	else if (kind == F_LOG)
		f->text = log_text(s, &f->len);
	id = kind != F_CTL && !f->text ? -FE_ENOMEM : idtab_add(&files, f);
	if (id < 0) {
		mem_free(f->text);
		mem_free(f);
	}
	return id;
}

static int64_t ctl_read(void *state, struct srv_req *req)
{
	struct ofile *f = idtab_get(&files, req->id);
	int64_t n;

	(void)state;
	if (!f || f->kind == F_CTL)
		return -FE_EBADF;
	n = srv_read_slice(req, f->text, f->len, f->off, req->arg1);
	f->off += (uint64_t)n;
	return n;
}

/* Read the binary at path whole: its bytes (mem_alloc) or NULL and *rc. */
static void *read_binary(const char *path, uint64_t *len, int *rc)
{
	int fd = fdio_open(path, FE_O_RDONLY, 0);
	uint64_t cap = 64 * 1024, n = 0;
	char *buf = fd < 0 ? NULL : mem_alloc(cap);
	long got = 1;

	*rc = fd < 0 ? fd : buf ? 0 : -FE_ENOMEM;
	while (*rc == 0 && got > 0) {
		if (n == cap) {
			char *more = cap < RELOAD_MAX ? mem_realloc(buf, cap * 2) : NULL;

			*rc = more ? 0 : cap < RELOAD_MAX ? -FE_ENOMEM : -FE_EMSGSIZE;
			buf = more ? more : buf;
			cap *= more ? 2 : 1;
			continue;
		}
		got = fdio_read(fd, buf + n, cap - n < 65536 ? cap - n : 65536);
		*rc = got < 0 ? (int)got : 0;
		n += got > 0 ? (uint64_t)got : 0;
	}
	if (fd >= 0)
		(void)fe_close(fd);
	if (*rc == 0 && n == 0)
		*rc = -FE_ENOEXEC;
	if (*rc < 0) {
		mem_free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Split "VERB NAME [ARG]" in place. */
static int words(char *cmd, char **w, int max)
{
	int n = 0;

	for (char *p = cmd; *p;) {
		while (*p == ' ' || *p == '\n')
			*p++ = '\0';
		if (!*p)
			break;
		if (n == max)
			return -FE_EINVAL;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	return n;
}

static int command(char *cmd, struct svc **target)
{
	char *w[3];
	int n = words(cmd, w, 3), rc;
	struct svc *s = n >= 2 ? sup_find(w[1]) : NULL;
	void *image = NULL;
	uint64_t len = 0;

	if (n < 2 || (n == 3 && strcmp(w[0], "reload") != 0))
		return -FE_EINVAL;
	if (!s)
		return -FE_ESRCH;
	if (s->waiter >= 0)
		return -FE_EBUSY;
	*target = s;
	if (strcmp(w[0], "start") == 0)
		return sup_start(s);
	if (strcmp(w[0], "stop") == 0)
		return sup_stop(s);
	if (strcmp(w[0], "restart") == 0)
		return sup_restart(s);
	if (strcmp(w[0], "reload") != 0)
		return -FE_EINVAL;
	if (n == 3) {
		image = read_binary(w[2], &len, &rc);
		if (!image)
			return rc;
	}
	return sup_reload(s, image, len);
}

static int64_t ctl_write(void *state, struct srv_req *req)
{
	struct ofile *f = idtab_get(&files, req->id);
	char cmd[CMD_MAX];
	struct svc *s = NULL;
	int rc;

	(void)state;
	if (!f || f->kind != F_CTL)
		return -FE_EBADF;
	if (req->len == 0 || req->len >= sizeof(cmd) || memchr(req->data, '\0', req->len))
		return -FE_EINVAL;
	memcpy(cmd, req->data, req->len);
	cmd[req->len] = '\0';
	rc = command(cmd, &s);
	if (rc < 0)
		return rc;
	sup_wait(s, req->reply, (int64_t)req->len);
	return SRV_DEFER;
}

static void ctl_close(void *state, uint64_t id)
{
	struct ofile *f = idtab_remove(&files, id);

	(void)state;
	if (f)
		mem_free(f->text);
	mem_free(f);
}

const struct srv_ops control_ops = {
	.open = ctl_open,
	.read = ctl_read,
	.write = ctl_write,
	.close = ctl_close,
	.private_op = sup_event,
};
