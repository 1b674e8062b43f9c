/* The one interface through which the core reads and writes the registry.
 * src/win32/regstore_win32.c implements it on the real registry (HKEY_LOCAL_MACHINE);
 * regstore_memory.c implements it in memory for the native unit tests.
 * Paths are relative to HKEY_LOCAL_MACHINE, UTF-8, with backslashes. */
#ifndef TLSSWITCH_REGSTORE_H
#define TLSSWITCH_REGSTORE_H

#include <stdint.h>

#include "settings.h"

/* Results are Windows error numbers, so a failure can be shown by name and number. */
enum {
    REGSTORE_OK = 0,
    REGSTORE_NOT_FOUND = 2,        /* ERROR_FILE_NOT_FOUND */
    REGSTORE_ACCESS_DENIED = 5,    /* ERROR_ACCESS_DENIED */
    REGSTORE_NO_MEMORY = 8         /* ERROR_NOT_ENOUGH_MEMORY */
};

struct regstore_value {
    uint32_t type;
    uint32_t size;
    unsigned char *data;   /* malloc'd by the store; the caller frees it */
};

struct regstore_ops {
    /* *exists is set to 1 or 0; returns REGSTORE_OK or an error. */
    long (*key_exists)(void *context, const char *path, int *exists);
    /* REGSTORE_NOT_FOUND when the key or the value does not exist. */
    long (*read_value)(void *context, const char *path, const char *name, struct regstore_value *out);
};

struct regstore {
    const struct regstore_ops *ops;
    void *context;
};

/* Reads one value as a setting: absent, a DWORD, or the wrong type. */
long regstore_read_setting(const struct regstore *store, const char *path, const char *name,
                           struct setting_value *out);

/* Reads the Client key of all five protocols. Returns REGSTORE_OK or the first error. */
long regstore_read_settings(const struct regstore *store, struct schannel_settings *out);

#endif
