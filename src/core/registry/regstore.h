/* The one interface through which the core reads and writes the registry.
 * src/win32/regstore_win32.c implements it on the real registry (HKEY_LOCAL_MACHINE, and
 * HKEY_CURRENT_USER to read only, for the mail programs' accounts);
 * regstore_memory.c implements it in memory for the native unit tests.
 * Paths are relative to the store's root key, UTF-8, with backslashes. */
#ifndef TLSSWITCH_REGSTORE_H
#define TLSSWITCH_REGSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "settings.h"

/* Results are Windows error numbers, so a failure can be shown by name and number. */
enum {
    REGSTORE_OK = 0,
    REGSTORE_NOT_FOUND = 2,        /* ERROR_FILE_NOT_FOUND */
    REGSTORE_ACCESS_DENIED = 5,    /* ERROR_ACCESS_DENIED */
    REGSTORE_NO_MEMORY = 8,        /* ERROR_NOT_ENOUGH_MEMORY */
    REGSTORE_INVALID = 87,         /* ERROR_INVALID_PARAMETER */
    REGSTORE_IO_FAILED = 1016      /* ERROR_REGISTRY_IO_FAILED: what the test fault switch returns */
};

/* Names of subkeys or values, malloc'd; free with name_list_free. */
struct name_list {
    char **names;
    size_t count;
};

void name_list_free(struct name_list *list);
/* Adds a copy of `name`; returns REGSTORE_OK or REGSTORE_NO_MEMORY. */
long name_list_add(struct name_list *list, const char *name);
/* Sorts without case, as regedit shows names, so plans and backups are stable. */
void name_list_sort(struct name_list *list);

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
    /* The names of the direct subkeys, or of the values ("" for the default value). */
    long (*list_subkeys)(void *context, const char *path, struct name_list *out);
    long (*list_values)(void *context, const char *path, struct name_list *out);
    /* Creates the key and any missing parents; REGSTORE_OK if it exists already. */
    long (*create_key)(void *context, const char *path);
    long (*set_value)(void *context, const char *path, const char *name, uint32_t type,
                      const unsigned char *data, uint32_t size);
    /* REGSTORE_NOT_FOUND when the value does not exist. */
    long (*delete_value)(void *context, const char *path, const char *name);
    /* Deletes a key that has no subkeys (its values go with it). */
    long (*delete_key)(void *context, const char *path);
    /* Whether this process may change `path`, or create it when it does not exist:
     * checked for every key before the first write, so a limited user never leaves
     * a half-done change. */
    long (*check_write_access)(void *context, const char *path);
    /* The key's security descriptor (owner, group and DACL, self-relative): saved before
     * the key is deleted, so that a rollback or a restore can give it back.
     * REGSTORE_NOT_FOUND when the key has none of its own to give. */
    long (*read_security)(void *context, const char *path, struct regstore_value *out);
    /* Gives the key that security descriptor (as read_security returned it). */
    long (*write_security)(void *context, const char *path, const unsigned char *data, uint32_t size);
};

struct regstore {
    const struct regstore_ops *ops;
    void *context;
};

/* The parent of "A\\B\\C" is "A\\B"; writes it into out and returns 0, or -1 at the top. */
int regpath_parent(const char *path, char *out, size_t out_size);

/* True when `path` is `ancestor` or lies below it (without case). */
int regpath_within(const char *path, const char *ancestor);

/* Deletes `path` and everything below it; REGSTORE_OK when it did not exist. */
long regstore_delete_tree(const struct regstore *store, const char *path);

/* Whether `data` is a self-relative security descriptor whose parts lie within it: what
 * a backup file may hand to write_security. */
int regstore_security_valid(const unsigned char *data, size_t size);

/* Reads one value as a setting: absent, a DWORD, or the wrong type. */
long regstore_read_setting(const struct regstore *store, const char *path, const char *name,
                           struct setting_value *out);

/* Reads the Client key of all five protocols. Returns REGSTORE_OK or the first error. */
long regstore_read_settings(const struct regstore *store, struct schannel_settings *out);

#endif
