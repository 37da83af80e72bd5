/*
 * stdio's private parts: the FILE structure, the output sinks that the
 * printf engine writes to, and the input sources the scanf engine reads.
 *
 * A FILE has one buffer used in one direction at a time: while reading it
 * holds buf[rpos .. rend) not yet consumed; while writing, buf[0 .. wpos)
 * not yet sent. Changing direction flushes or drops the buffer (and for a
 * read buffer moves the file offset back over what was not consumed). The
 * bytes move through the stream's ops: descriptor I/O for ordinary files,
 * memory for fmemopen and open_memstream.
 */
#ifndef FERRITE_STDIO_IMPL_H
#define FERRITE_STDIO_IMPL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

enum {
	SF_READ = 1,
	SF_WRITE = 2,
	SF_EOF = 4,
	SF_ERR = 8,
	SF_APPEND = 16,
	SF_LINEBUF = 32,
	SF_NOBUF = 64,
	SF_OWNBUF = 128,  /* buf came from malloc */
	SF_STATIC = 256,  /* stdin, stdout, stderr: never freed */
	SF_BUFMODE = 512, /* the buffering was set (setvbuf or first use) */
};

enum { DIR_NONE, DIR_READ, DIR_WRITE };

struct stream_ops {
	ssize_t (*read)(FILE *f, void *buf, size_t n);
	ssize_t (*write)(FILE *f, const void *buf, size_t n);
	off_t (*seek)(FILE *f, off_t off, int whence);
	int (*close)(FILE *f);
};

#define UNGET_MAX 4

struct fe_file {
	int fd;
	int flags;
	int dir;
	unsigned char *buf;
	size_t cap;
	size_t rpos, rend;
	size_t wpos;
	unsigned char ungot[UNGET_MAX];
	int nungot;
	unsigned char one; /* the buffer of an unbuffered stream */
	const struct stream_ops *ops;
	void *cookie;
	pid_t pid; /* popen: the child */
	struct fe_file *next, *prev;
};

extern const struct stream_ops __fe_fd_ops;

/* file.c */
FILE *__fe_file_new(int fd, int flags, const struct stream_ops *ops, void *cookie);
void __fe_file_free(FILE *f);
int __fe_mode_flags(const char *mode, int *oflags);
int __fe_flush(FILE *f);
int __fe_fill(FILE *f);
size_t __fe_write(FILE *f, const void *buf, size_t n);

/* Where formatted output goes: put() takes n bytes; count is the total so
 * far (what printf returns); error is set when a sink fails. */
struct fe_out {
	void (*put)(struct fe_out *o, const char *s, size_t n);
	size_t count;
	bool error;
	void *ctx;
	char *buf;
	size_t len, cap;
};

/* vformat.c: the printf engine; returns o->count, or -1 (errno set). */
int __fe_vformat(struct fe_out *o, const char *fmt, va_list ap);
void __fe_out_pad(struct fe_out *o, char c, long n);

/* Floating-point conversions (fmtfloat.c): conv is one of a A e E f F g G. */
struct fmt_spec {
	unsigned flags;
	int width;
	int prec; /* -1: none given */
	char conv;
};
enum { FL_LEFT = 1, FL_ZERO = 2, FL_PLUS = 4, FL_SPACE = 8, FL_ALT = 16 };
void __fe_format_float(struct fe_out *o, const struct fmt_spec *s, long double v, bool is_long);
/* Pad and write a number's sign/prefix, body: the width rules of printf. */
void __fe_out_field(struct fe_out *o, const struct fmt_spec *s, const char *prefix,
                    const char *body, size_t len, bool zero_pad_ok);

/* Where scanf reads from: get() returns the next byte or EOF; unget() pushes
 * back the last one. */
struct fe_in {
	int (*get)(struct fe_in *in);
	void (*unget)(struct fe_in *in, int c);
	void *ctx;
	const char *s;
	size_t consumed;
};

int __fe_vscan(struct fe_in *in, const char *fmt, va_list ap);

/* printf and scanf share their length modifiers (hh h l ll q j z t L):
 * fe_read_size reads one at *p, moves past it, and says which it was. */
enum { SZ_CHAR = 1, SZ_SHORT, SZ_INT, SZ_LONG, SZ_LLONG, SZ_SIZE, SZ_MAX, SZ_PTRDIFF, SZ_LDOUBLE };
int fe_read_size(const char **p);

#endif
