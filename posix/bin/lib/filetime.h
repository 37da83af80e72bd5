/*
 * Setting a file's times to now, for touch. POSIX has utimensat for this;
 * where the C library lacks it, filetime_rewrite.c does what it can with
 * plain reads and writes (see there). meson picks the file.
 */
#ifndef FILETIME_H
#define FILETIME_H

/* 0, or -1 with errno set (ENOENT if the file does not exist). */
int file_touch_now(const char *path);

#endif
