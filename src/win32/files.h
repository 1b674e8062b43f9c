/* Whole-file reading and writing for .reg files, backups, the record of changes and the log. */
#ifndef TLSSWITCH_FILES_H
#define TLSSWITCH_FILES_H

#include <stddef.h>

/* Reads at most max_size bytes; a larger file fails with ERROR_FILE_TOO_LARGE (223).
 * Returns 0 (ERROR_SUCCESS) or a Windows error; *bytes is malloc'd. */
unsigned long file_read_all(const char *path, size_t max_size, unsigned char **bytes, size_t *size);

/* Writes a new file and flushes it to the disk; fails with ERROR_FILE_EXISTS (80) when
 * `path` exists, so nothing is ever overwritten, and with ERROR_INVALID_NAME (123) when
 * it names a device (NUL, CON, COM1). A half-written file is removed. */
unsigned long file_write_new(const char *path, const void *bytes, size_t size);

/* Replaces the file `path` (or creates it) safely: writes `path`.new, flushes it to the
 * disk, then renames it over `path`, so that a power cut leaves the old file or the new
 * one, never half of one. The test switch TLSSWITCH_TEST_CRASH_REPLACE=1 ends the process
 * right after the new file is written and before the rename, as a crash would. */
unsigned long file_replace(const char *path, const void *bytes, size_t size);

/* Renames `from` to `to`, replacing `to` when it exists. */
unsigned long file_rename(const char *from, const char *to);

/* Appends to a file, creating it when missing. */
unsigned long file_append(const char *path, const void *bytes, size_t size);

/* Whether `path` exists. */
int file_exists(const char *path);

#endif
