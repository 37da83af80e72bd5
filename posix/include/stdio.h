/*
 * Standard input and output: buffered streams over file descriptors, and
 * the printf and scanf families (floating point included).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <sys/types.h>

typedef struct fe_file FILE;
typedef off_t fpos_t;

#define EOF (-1)
#define BUFSIZ 4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 1024
#define L_tmpnam 32
#define TMP_MAX 10000
#define P_tmpdir "/tmp"

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

FILE *fopen(const char *path, const char *mode);
FILE *freopen(const char *path, const char *mode, FILE *f);
FILE *fdopen(int fd, const char *mode);
FILE *fmemopen(void *buf, size_t size, const char *mode);
FILE *open_memstream(char **bufp, size_t *sizep);
FILE *tmpfile(void);
char *tmpnam(char *s);
int fclose(FILE *f);
int fflush(FILE *f);
int setvbuf(FILE *f, char *buf, int mode, size_t size);
void setbuf(FILE *f, char *buf);
void setlinebuf(FILE *f);
int fileno(FILE *f);

size_t fread(void *ptr, size_t size, size_t n, FILE *f);
size_t fwrite(const void *ptr, size_t size, size_t n, FILE *f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *s, int n, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
void flockfile(FILE *f);
void funlockfile(FILE *f);

int fseek(FILE *f, long offset, int whence);
int fseeko(FILE *f, off_t offset, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *f, fpos_t *pos);
int fsetpos(FILE *f, const fpos_t *pos);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

void perror(const char *s);
int remove(const char *path);
int rename(const char *old, const char *new);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *f);

#define __fe_printf(f, a) __attribute__((format(printf, f, a)))
#define __fe_scanf(f, a) __attribute__((format(scanf, f, a)))

int printf(const char *restrict fmt, ...) __fe_printf(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __fe_printf(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __fe_printf(2, 3);
int sprintf(char *restrict s, const char *restrict fmt, ...) __fe_printf(2, 3);
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) __fe_printf(3, 4);
int asprintf(char **s, const char *restrict fmt, ...) __fe_printf(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __fe_printf(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __fe_printf(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __fe_printf(2, 0);
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap) __fe_printf(2, 0);
int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap) __fe_printf(3, 0);
int vasprintf(char **s, const char *restrict fmt, va_list ap) __fe_printf(2, 0);

int scanf(const char *restrict fmt, ...) __fe_scanf(1, 2);
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __fe_scanf(2, 3);
int sscanf(const char *restrict s, const char *restrict fmt, ...) __fe_scanf(2, 3);
int vscanf(const char *restrict fmt, va_list ap) __fe_scanf(1, 0);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap) __fe_scanf(2, 0);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap) __fe_scanf(2, 0);

#endif
