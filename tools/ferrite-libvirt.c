/*
 * ferrite-libvirt: boot Ferrite's native image as a transient libvirt
 * domain, be its serial console, and exit with Ferrite's halt status.
 *
 *   ferrite-libvirt [--connect URI] [--machine M] [--memory MIB] [--icount]
 *                   [--timeout S] [--name NAME] [--print-xml]
 *                   KERNEL ARCHIVE CMDLINE
 *
 * The domain (domain_xml) is a TCG guest ('qemu' type) that boots the ELF
 * image through QEMU's -kernel (PVH) with the boot archive as its initrd
 * and CMDLINE as the kernel command line, with COM1 on a pty and QEMU's
 * isa-debug-exit device (through libvirt's QEMU command-line passthrough),
 * so that Ferrite's arch_halt ends QEMU. It is created paused and with
 * AUTODESTROY (it dies with our connection, however we end), the console
 * stream is opened and its lifecycle events are asked for (its own only:
 * other domains stop too), and only then does the guest run: no output is
 * lost and no stop is missed.
 *
 * One libvirt event loop carries everything: console bytes go to stdout,
 * stdin goes to the console (a terminal is put in raw mode; Ctrl-] leaves),
 * the domain's lifecycle events say when QEMU has stopped, and timers give
 * the guest TIMEOUT seconds and the console a moment to drain after the
 * stop. Ferrite's status is read from its last halt line, "ferrite: halted
 * with status N ...", as scripts/qemu does (libvirt does not report QEMU's
 * exit code).
 *
 * A libvirt call can block for good when the daemon stops answering, where
 * the event loop's timer cannot help: an alarm HARD_EXTRA_S seconds after
 * TIMEOUT ends the launcher then, with the terminal restored.
 *
 * Exit status: Ferrite's halt status; 124 on timeout; 125 when the guest
 * stopped without a halt line; 130 when left with Ctrl-]; 1 when libvirt
 * failed (its message is printed); 2 for bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#define DETACH_KEY 0x1d   /* Ctrl-] */
#define DRAIN_MS 1000     /* how long the console may lag behind the stop */
#define HALT_WAIT_MS 3000 /* how long QEMU may take to exit after the halt line */
#define LINE_MAX 512

struct options {
	const char *uri, *machine, *name;
	const char *kernel, *archive, *cmdline;
	unsigned memory_mib;
	int timeout_s;
	bool icount, print_xml;
};

struct session {
	virConnectPtr conn;
	virDomainPtr dom;
	virStreamPtr st;
	int stdin_watch, wait_timer;
	char line[LINE_MAX]; /* the console's current line */
	size_t line_len;
	int status; /* the last halt line's, or -1 */
	bool stopped, hangup, timed_out, detached, gave_up;
	bool drain_armed, halt_armed; /* which wait the timer now counts */
	char in[4096];                /* from stdin, not yet sent */
	size_t in_len;
	struct termios saved;
	bool raw;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: ferrite-libvirt [--connect URI] [--machine pc|q35] [--memory MIB]\n"
	           "                       [--icount] [--timeout S] [--name NAME] [--print-xml]\n"
	           "                       KERNEL ARCHIVE CMDLINE\n");
}

static void fail(const char *what)
{
	const char *msg = virGetLastErrorMessage();

	fprintf(stderr, "ferrite-libvirt: %s: %s\n", what, msg ? msg : "unknown error");
}

static int failed(const char *what)
{
	fail(what);
	return -1;
}

static void silence(void *opaque, virErrorPtr err)
{
	(void)opaque;
	(void)err;
}

/* ---- the domain ------------------------------------------------------------ */

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '\'':
			fputs("&apos;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void xml_elem(FILE *f, const char *indent, const char *tag, const char *text)
{
	fprintf(f, "%s<%s>", indent, tag);
	xml_text(f, text);
	fprintf(f, "</%s>\n", tag);
}

static void qemu_arg(FILE *f, const char *value)
{
	fputs("    <qemu:arg value='", f);
	xml_text(f, value);
	fputs("'/>\n", f);
}

static char *domain_xml(const struct options *o)
{
	char *xml = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&xml, &len);

	if (!f)
		return NULL;
	fputs("<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>\n", f);
	xml_elem(f, "  ", "name", o->name);
	fprintf(f, "  <memory unit='MiB'>%u</memory>\n  <vcpu>1</vcpu>\n", o->memory_mib);
	fputs("  <os>\n    <type arch='x86_64' machine='", f);
	xml_text(f, o->machine);
	fputs("'>hvm</type>\n", f);
	xml_elem(f, "    ", "kernel", o->kernel);
	xml_elem(f, "    ", "initrd", o->archive);
	xml_elem(f, "    ", "cmdline", o->cmdline);
	fputs("  </os>\n  <features><acpi/><apic/></features>\n"
	      "  <cpu mode='maximum'/>\n"
	      "  <on_poweroff>destroy</on_poweroff>\n  <on_reboot>destroy</on_reboot>\n"
	      "  <on_crash>destroy</on_crash>\n"
	      "  <devices>\n"
	      "    <serial type='pty'><target port='0'/></serial>\n"
	      "    <console type='pty'><target type='serial' port='0'/></console>\n"
	      "    <controller type='usb' model='none'/>\n"
	      "    <memballoon model='none'/>\n"
	      "  </devices>\n  <qemu:commandline>\n",
	      f);
	qemu_arg(f, "-device");
	qemu_arg(f, "isa-debug-exit,iobase=0xf4,iosize=0x04");
	if (o->icount) {
		qemu_arg(f, "-icount");
		qemu_arg(f, "shift=0,sleep=off");
	}
	fputs("  </qemu:commandline>\n</domain>\n", f);
	if (fclose(f) != 0) {
		free(xml);
		return NULL;
	}
	return xml;
}

/* ---- the console ----------------------------------------------------------- */

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* stdout gone: keep the guest's status anyway */
		buf += n;
		len -= (size_t)n;
	}
}

static void line_done(struct session *s)
{
	int status;

	s->line[s->line_len] = '\0';
	if (sscanf(s->line, "ferrite: halted with status %d", &status) == 1)
		s->status = status;
	s->line_len = 0;
}

/* Follow the output line by line for the halt line ('\r' dropped). */
static void scan(struct session *s, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			line_done(s);
		else if (buf[i] != '\r' && s->line_len < LINE_MAX - 1)
			s->line[s->line_len++] = buf[i];
	}
}

static void console_ended(struct session *s)
{
	if (s->hangup)
		return;
	s->hangup = true;
	virStreamEventRemoveCallback(s->st);
	if (s->stdin_watch >= 0)
		virEventRemoveHandle(s->stdin_watch);
	s->stdin_watch = -1;
}

static void flush_input(struct session *s);

static void console_event(virStreamPtr st, int events, void *opaque)
{
	struct session *s = opaque;
	char buf[4096];

	while (events & VIR_STREAM_EVENT_READABLE) {
		int n = virStreamRecv(st, buf, sizeof(buf));

		if (n == -2)
			break;
		if (n <= 0) {
			console_ended(s); /* EOF, or the pty went with QEMU */
			return;
		}
		write_all(STDOUT_FILENO, buf, (size_t)n);
		scan(s, buf, (size_t)n);
	}
	if (events & VIR_STREAM_EVENT_WRITABLE)
		flush_input(s);
	if (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR))
		console_ended(s);
}

/* Send what stdin gave; when the stream is full, stop reading stdin until
 * the stream says it is writable again. */
static void flush_input(struct session *s)
{
	int n = s->in_len ? virStreamSend(s->st, s->in, s->in_len) : 0;
	bool blocked;

	if (n < 0 && n != -2) {
		console_ended(s);
		return;
	}
	if (n > 0) {
		memmove(s->in, s->in + n, s->in_len - (size_t)n);
		s->in_len -= (size_t)n;
	}
	blocked = s->in_len > 0;
	virStreamEventUpdateCallback(s->st, VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_HANGUP |
	                                            VIR_STREAM_EVENT_ERROR |
	                                            (blocked ? VIR_STREAM_EVENT_WRITABLE : 0));
	if (s->stdin_watch >= 0)
		virEventUpdateHandle(s->stdin_watch, blocked ? 0 : VIR_EVENT_HANDLE_READABLE);
}

static void stdin_event(int watch, int fd, int events, void *opaque)
{
	struct session *s = opaque;
	ssize_t n = read(fd, s->in + s->in_len, sizeof(s->in) - s->in_len);
	char *key;

	(void)events;
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) { /* the end of the input: a serial line has none to pass on */
		virEventRemoveHandle(watch);
		s->stdin_watch = -1;
		return;
	}
	key = s->raw ? memchr(s->in + s->in_len, DETACH_KEY, (size_t)n) : NULL;
	if (key) {
		s->detached = true;
		n = key - (s->in + s->in_len);
	}
	s->in_len += (size_t)n;
	flush_input(s);
}

#define HARD_EXTRA_S 30

static struct termios *alarm_terminal; /* to restore when the alarm fires */

static void raw_terminal(struct session *s)
{
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &s->saved) < 0)
		return;
	t = s->saved;
	cfmakeraw(&t);
	t.c_oflag = s->saved.c_oflag; /* keep \n -> \r\n on our own output */
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0) {
		s->raw = true;
		alarm_terminal = &s->saved;
	}
}

static void restore_terminal(struct session *s)
{
	if (s->raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &s->saved);
	s->raw = false;
}

/* ---- the domain's life ----------------------------------------------------- */

static int lifecycle_event(virConnectPtr conn, virDomainPtr dom, int event, int detail,
                           void *opaque)
{
	struct session *s = opaque;

	(void)conn;
	(void)dom;
	(void)detail;
	if (event == VIR_DOMAIN_EVENT_STOPPED)
		s->stopped = true;
	return 0;
}

static void wait_expired(int timer, void *opaque)
{
	struct session *s = opaque;

	virEventUpdateTimeout(timer, -1);
	if (s->drain_armed)
		console_ended(s); /* the console had its time to drain */
	else if (s->halt_armed)
		s->gave_up = true; /* Ferrite halted, QEMU did not exit */
	else
		s->timed_out = true;
}

/* After the stop, give the console DRAIN_MS; after the halt line, give
 * QEMU HALT_WAIT_MS to exit (isa-debug-exit) before destroying it. */
static void arm_waits(struct session *s)
{
	if (s->stopped && !s->drain_armed) {
		s->drain_armed = true;
		virEventUpdateTimeout(s->wait_timer, DRAIN_MS);
	} else if (s->status >= 0 && !s->stopped && !s->halt_armed) {
		s->halt_armed = true;
		virEventUpdateTimeout(s->wait_timer, HALT_WAIT_MS);
	}
}

static bool finished(const struct session *s)
{
	return s->timed_out || s->detached || s->gave_up ||
	       (s->stopped && (s->hangup || s->status >= 0));
}

static int run(struct session *s)
{
	while (!finished(s)) {
		arm_waits(s);
		if (virEventRunDefaultImpl() < 0) {
			fail("event loop");
			return 1;
		}
	}
	if (!s->stopped)
		virDomainDestroy(s->dom);
	if (s->detached)
		return 130;
	if (s->status >= 0)
		return s->status;
	if (s->timed_out) {
		fprintf(stderr, "ferrite-libvirt: timed out\n");
		return 124;
	}
	fprintf(stderr, "ferrite-libvirt: the guest stopped without Ferrite halting\n");
	return 125;
}

static int start(struct session *s, const struct options *o, const char *xml)
{
	int events = VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR;

	s->conn = virConnectOpen(o->uri);
	if (!s->conn)
		return failed(o->uri);
	s->dom = virDomainCreateXML(s->conn, xml,
	                            VIR_DOMAIN_START_PAUSED | VIR_DOMAIN_START_AUTODESTROY);
	if (!s->dom)
		return failed("cannot create the domain");
	if (virConnectDomainEventRegisterAny(s->conn, s->dom, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
	                                     VIR_DOMAIN_EVENT_CALLBACK(lifecycle_event), s,
	                                     NULL) < 0)
		return failed("domain events");
	s->st = virStreamNew(s->conn, VIR_STREAM_NONBLOCK);
	if (!s->st || virDomainOpenConsole(s->dom, NULL, s->st, VIR_DOMAIN_CONSOLE_FORCE) < 0 ||
	    virStreamEventAddCallback(s->st, events, console_event, s, NULL) < 0)
		return failed("cannot open the console");
	s->stdin_watch =
		virEventAddHandle(STDIN_FILENO, VIR_EVENT_HANDLE_READABLE, stdin_event, s, NULL);
	s->wait_timer = virEventAddTimeout(o->timeout_s > 0 ? o->timeout_s * 1000 : -1,
	                                   wait_expired, s, NULL);
	raw_terminal(s);
	if (virDomainResume(s->dom) < 0)
		return failed("cannot start the guest");
	return 0;
}

static void stop(struct session *s)
{
	restore_terminal(s);
	if (s->st) {
		virStreamAbort(s->st);
		virStreamFree(s->st);
	}
	if (s->dom)
		virDomainFree(s->dom);
	if (s->conn)
		virConnectClose(s->conn); /* AUTODESTROY: the domain goes too */
}

/* ---- options --------------------------------------------------------------- */

static int parse_args(struct options *o, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--icount"))
			o->icount = true;
		else if (!strcmp(a, "--print-xml"))
			o->print_xml = true;
		else if (!strcmp(a, "--connect") && v)
			o->uri = argv[++i];
		else if (!strcmp(a, "--machine") && v)
			o->machine = argv[++i];
		else if (!strcmp(a, "--name") && v)
			o->name = argv[++i];
		else if (!strcmp(a, "--memory") && v && atoi(v) > 0)
			o->memory_mib = (unsigned)atoi(argv[++i]);
		else if (!strcmp(a, "--timeout") && v && atoi(v) > 0)
			o->timeout_s = atoi(argv[++i]);
		else
			return -1;
	}
	if (argc - i != 3)
		return -1;
	o->kernel = argv[i];
	o->archive = argv[i + 1];
	o->cmdline = argv[i + 2];
	return 0;
}

static void hard_deadline(int sig)
{
	static const char msg[] = "ferrite-libvirt: libvirtd stopped answering; giving up\n";

	(void)sig;
	if (alarm_terminal)
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, alarm_terminal);
	(void)write(STDERR_FILENO, msg, sizeof(msg) - 1);
	_exit(124);
}

int main(int argc, char **argv)
{
	static char name[64];
	struct options o = { .uri = "qemu:///system", .machine = "pc", .memory_mib = 128 };
	struct session s = { .status = -1, .stdin_watch = -1, .wait_timer = -1 };
	char *xml;
	int rc = 1;

	snprintf(name, sizeof(name), "ferrite-%d", (int)getpid());
	o.name = name;
	if (parse_args(&o, argc, argv) < 0) {
		usage(stderr);
		return 2;
	}
	xml = domain_xml(&o);
	if (!xml) {
		perror("ferrite-libvirt: domain XML");
		return 1;
	}
	if (o.print_xml) {
		fputs(xml, stdout);
		free(xml);
		return 0;
	}
	virSetErrorFunc(NULL, silence);
	if (o.timeout_s > 0) {
		signal(SIGALRM, hard_deadline);
		alarm((unsigned)o.timeout_s + HARD_EXTRA_S);
	}
	if (virEventRegisterDefaultImpl() < 0)
		fail("event loop");
	else if (start(&s, &o, xml) == 0)
		rc = run(&s);
	stop(&s);
	free(xml);
	return rc;
}
