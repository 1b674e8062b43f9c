/* Registry access for the core, through RegOpenKeyExW and RegQueryValueExW only:
 * the XP-safe subset of advapi32 (no RegGetValue, no RegDeleteTree). */
#include "regstore_win32.h"
#include "platform.h"
#include "wide.h"

#include <stdlib.h>

static long open_key(const char *path, REGSAM access, HKEY *key)
{
    wchar_t *wide_path = wide_from_utf8(path);
    LONG rc;
    if (!wide_path)
        return REGSTORE_NO_MEMORY;
    rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, wide_path, 0, access, key);
    free(wide_path);
    return rc;
}

static long win32_key_exists(void *context, const char *path, int *exists)
{
    HKEY key;
    long rc = open_key(path, KEY_QUERY_VALUE, &key);
    (void)context;
    if (rc == ERROR_FILE_NOT_FOUND) {
        *exists = 0;
        return REGSTORE_OK;
    }
    if (rc != ERROR_SUCCESS)
        return rc;
    RegCloseKey(key);
    *exists = 1;
    return REGSTORE_OK;
}

static long win32_read_value(void *context, const char *path, const char *name,
                             struct regstore_value *out)
{
    HKEY key;
    wchar_t *wide_name;
    DWORD type = 0, size = 0;
    long rc = open_key(path, KEY_QUERY_VALUE, &key);
    (void)context;
    if (rc != ERROR_SUCCESS)
        return rc;
    wide_name = wide_from_utf8(name);
    if (!wide_name) {
        RegCloseKey(key);
        return REGSTORE_NO_MEMORY;
    }
    /* Ask for the size, then read; retry if the value grew in between. */
    for (;;) {
        rc = RegQueryValueExW(key, wide_name, NULL, &type, NULL, &size);
        if (rc != ERROR_SUCCESS)
            break;
        free(out->data);
        out->data = malloc(size ? size : 1);
        if (!out->data) {
            rc = REGSTORE_NO_MEMORY;
            break;
        }
        rc = RegQueryValueExW(key, wide_name, NULL, &type, out->data, &size);
        if (rc != ERROR_MORE_DATA)
            break;
    }
    if (rc == ERROR_SUCCESS) {
        out->type = type;
        out->size = size;
    } else {
        free(out->data);
        out->data = NULL;
    }
    free(wide_name);
    RegCloseKey(key);
    return rc;
}

static const struct regstore_ops win32_ops = {
    win32_key_exists,
    win32_read_value,
};

struct regstore regstore_win32(void)
{
    struct regstore store;
    store.ops = &win32_ops;
    store.context = NULL;
    return store;
}
