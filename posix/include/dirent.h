/*
 * Reading directories: a DIR wraps a descriptor opened with O_DIRECTORY and
 * asks its scheme's server for entries (FE_SCHEME_READDIR) a buffer at a
 * time.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

typedef struct fe_dir DIR;

struct dirent {
	ino_t d_ino;
	off_t d_off; /* the server's cookie for the entry after this one */
	unsigned short d_reclen;
	unsigned char d_type; /* DT_* */
	char d_name[256];
};

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
long telldir(DIR *d);
void seekdir(DIR *d, long pos);
int dirfd(DIR *d);
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
            int (*cmp)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);

#endif
