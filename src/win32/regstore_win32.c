/* Registry access for the core, through RegOpenKeyExW and RegQueryValueExW only:
 * under HKEY_LOCAL_MACHINE (the store's context NULL), or under the root the context
 * points to (HKEY_CURRENT_USER, for the mail programs' accounts);
 * the XP-safe subset of advapi32 (no RegGetValue, no RegDeleteTree); a key's security
 * descriptor through RegGetKeySecurity and RegSetKeySecurity, which XP has. */
#include "regstore_win32.h"
#include "platform.h"
#include "wide.h"

#include <stdlib.h>
#include <string.h>

static HKEY root_of(void *context)
{
    return context ? *(const HKEY *)context : HKEY_LOCAL_MACHINE;
}

static long open_key_under(void *context, const char *path, REGSAM access, HKEY *key)
{
    wchar_t *wide_path = wide_from_utf8(path);
    LONG rc;
    if (!wide_path)
        return REGSTORE_NO_MEMORY;
    rc = RegOpenKeyExW(root_of(context), wide_path, 0, access, key);
    free(wide_path);
    return rc;
}

/* The functions below that write, and the security calls, are for HKEY_LOCAL_MACHINE's
 * Schannel keys only: the user's store is read, never written. */
static long open_key(const char *path, REGSAM access, HKEY *key)
{
    return open_key_under(NULL, path, access, key);
}

static long win32_key_exists(void *context, const char *path, int *exists)
{
    HKEY key;
    long rc = open_key_under(context, path, KEY_QUERY_VALUE, &key);
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
    long rc = open_key_under(context, path, KEY_QUERY_VALUE, &key);
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

/* RegEnumKeyExW or RegEnumValueW, for one loop that lists names. */
typedef LONG (*enumerate_fn)(HKEY key, DWORD index, wchar_t *name, DWORD *length);

static LONG enumerate_subkey(HKEY key, DWORD index, wchar_t *name, DWORD *length)
{
    return RegEnumKeyExW(key, index, name, length, NULL, NULL, NULL, NULL);
}

static LONG enumerate_value(HKEY key, DWORD index, wchar_t *name, DWORD *length)
{
    return RegEnumValueW(key, index, name, length, NULL, NULL, NULL, NULL);
}

static long list_names(void *context, const char *path, REGSAM access, enumerate_fn enumerate,
                       struct name_list *out)
{
    /* Value names can be 16383 characters long; key names 255. */
    wchar_t *name = malloc(16384 * sizeof(wchar_t));
    HKEY key;
    DWORD index;
    long rc = name ? open_key_under(context, path, access, &key) : REGSTORE_NO_MEMORY;
    if (rc != ERROR_SUCCESS) {
        free(name);
        return rc;
    }
    for (index = 0;; index++) {
        DWORD length = 16384;
        char *utf8;
        rc = enumerate(key, index, name, &length);
        if (rc == ERROR_NO_MORE_ITEMS) {
            rc = ERROR_SUCCESS;
            break;
        }
        if (rc != ERROR_SUCCESS)
            break;
        utf8 = utf8_from_wide(name);
        rc = utf8 ? name_list_add(out, utf8) : REGSTORE_NO_MEMORY;
        free(utf8);
        if (rc != REGSTORE_OK)
            break;
    }
    RegCloseKey(key);
    free(name);
    return rc;
}

static long win32_list_subkeys(void *context, const char *path, struct name_list *out)
{
    return list_names(context, path, KEY_ENUMERATE_SUB_KEYS, enumerate_subkey, out);
}

static long win32_list_values(void *context, const char *path, struct name_list *out)
{
    return list_names(context, path, KEY_QUERY_VALUE, enumerate_value, out);
}

static long win32_create_key(void *context, const char *path)
{
    wchar_t *wide_path = wide_from_utf8(path);
    HKEY key;
    DWORD disposition;
    LONG rc;
    (void)context;
    if (!wide_path)
        return REGSTORE_NO_MEMORY;
    rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, wide_path, 0, NULL, REG_OPTION_NON_VOLATILE, KEY_QUERY_VALUE, NULL,
                         &key, &disposition);
    free(wide_path);
    if (rc == ERROR_SUCCESS)
        RegCloseKey(key);
    return rc;
}

/* Sets the value, or deletes it when data is NULL. */
static long write_value(const char *path, const char *name, uint32_t type, const unsigned char *data, uint32_t size)
{
    HKEY key;
    wchar_t *wide_name;
    long rc = open_key(path, KEY_SET_VALUE, &key);
    if (rc != ERROR_SUCCESS)
        return rc;
    wide_name = wide_from_utf8(name);
    if (!wide_name)
        rc = REGSTORE_NO_MEMORY;
    else if (data)
        rc = RegSetValueExW(key, wide_name, 0, type, data, size);
    else
        rc = RegDeleteValueW(key, wide_name);
    free(wide_name);
    RegCloseKey(key);
    return rc;
}

static long win32_set_value(void *context, const char *path, const char *name, uint32_t type,
                            const unsigned char *data, uint32_t size)
{
    static const unsigned char nothing[1] = { 0 };
    (void)context;
    /* A value of no bytes is still a value, not a deletion. */
    return write_value(path, name, type, data ? data : nothing, size);
}

static long win32_delete_value(void *context, const char *path, const char *name)
{
    (void)context;
    return write_value(path, name, 0, NULL, 0);
}

static long win32_delete_key(void *context, const char *path)
{
    /* RegDeleteKeyW, not RegDeleteKeyEx or RegDeleteTree: those are missing on XP.
     * The plan deletes children before parents. */
    wchar_t *wide_path = wide_from_utf8(path);
    LONG rc;
    (void)context;
    if (!wide_path)
        return REGSTORE_NO_MEMORY;
    rc = RegDeleteKeyW(HKEY_LOCAL_MACHINE, wide_path);
    free(wide_path);
    return rc;
}

static long win32_check_write_access(void *context, const char *path)
{
    /* The key itself when it exists (to change or delete it), otherwise the nearest
     * existing parent (to create below it). */
    char current[1024], parent[1024];
    REGSAM access = KEY_SET_VALUE | KEY_CREATE_SUB_KEY | DELETE;
    (void)context;
    if (strlen(path) >= sizeof(current))
        return REGSTORE_INVALID;
    strcpy(current, path);
    for (;;) {
        HKEY key;
        long rc = open_key(current, access, &key);
        if (rc == ERROR_SUCCESS) {
            RegCloseKey(key);
            return REGSTORE_OK;
        }
        if (rc != ERROR_FILE_NOT_FOUND || regpath_parent(current, parent, sizeof(parent)) != 0)
            return rc;
        strcpy(current, parent);
        access = KEY_CREATE_SUB_KEY;
    }
}

/* Owner, group and DACL: the SACL needs a privilege to read, and the audit settings are
 * not what a deleted key's permissions are about. */
#define KEY_SECURITY_PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION)

static long win32_read_security(void *context, const char *path, struct regstore_value *out)
{
    HKEY key;
    DWORD size = 0;
    long rc = open_key(path, READ_CONTROL, &key);
    (void)context;
    if (rc != ERROR_SUCCESS)
        return rc;
    /* Ask for the size, then read; again if it grew in between. */
    rc = RegGetKeySecurity(key, KEY_SECURITY_PARTS, NULL, &size);
    while (rc == ERROR_INSUFFICIENT_BUFFER) {
        free(out->data);
        out->data = malloc(size ? size : 1);
        if (!out->data) {
            rc = REGSTORE_NO_MEMORY;
            break;
        }
        rc = RegGetKeySecurity(key, KEY_SECURITY_PARTS, (PSECURITY_DESCRIPTOR)out->data, &size);
    }
    if (rc == ERROR_SUCCESS) {
        out->type = 0;
        out->size = size;
    } else {
        free(out->data);
        out->data = NULL;
    }
    RegCloseKey(key);
    return rc;
}

/* SeRestorePrivilege, which administrators hold, lets a key be given back to an owner
 * other than this user (SYSTEM, say); without it Windows refuses that owner. */
static void allow_any_owner(void)
{
    HANDLE token;
    TOKEN_PRIVILEGES privileges;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &token))
        return;
    privileges.PrivilegeCount = 1;
    privileges.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    if (LookupPrivilegeValueW(NULL, SE_RESTORE_NAME, &privileges.Privileges[0].Luid))
        AdjustTokenPrivileges(token, FALSE, &privileges, 0, NULL, NULL);
    CloseHandle(token);
}

static long win32_write_security(void *context, const char *path, const unsigned char *data, uint32_t size)
{
    PSECURITY_DESCRIPTOR descriptor = (PSECURITY_DESCRIPTOR)data;
    HKEY key;
    long rc;
    (void)context;
    if (size < 20 || !IsValidSecurityDescriptor(descriptor))
        return REGSTORE_INVALID;
    allow_any_owner();
    rc = open_key(path, WRITE_DAC | WRITE_OWNER, &key);
    if (rc == ERROR_SUCCESS) {
        rc = RegSetKeySecurity(key, KEY_SECURITY_PARTS, descriptor);
        RegCloseKey(key);
    }
    /* The owner refused: the permissions themselves matter most. The refusal is still
     * reported, since the key is not quite as it was. */
    if (rc != ERROR_SUCCESS && open_key(path, WRITE_DAC, &key) == ERROR_SUCCESS) {
        RegSetKeySecurity(key, DACL_SECURITY_INFORMATION, descriptor);
        RegCloseKey(key);
    }
    return rc;
}

static const struct regstore_ops win32_ops = {
    win32_key_exists,
    win32_read_value,
    win32_list_subkeys,
    win32_list_values,
    win32_create_key,
    win32_set_value,
    win32_delete_value,
    win32_delete_key,
    win32_check_write_access,
    win32_read_security,
    win32_write_security,
};

struct regstore regstore_win32(void)
{
    struct regstore store;
    store.ops = &win32_ops;
    store.context = NULL;
    return store;
}

/* Reading only: every writing function above works on HKEY_LOCAL_MACHINE alone, and the
 * accounts' readers call none of them. */
static const struct regstore_ops user_ops = {
    win32_key_exists, win32_read_value, win32_list_subkeys, win32_list_values, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

struct regstore regstore_win32_user(void)
{
    static const HKEY current_user = HKEY_CURRENT_USER;
    struct regstore store;
    store.ops = &user_ops;
    store.context = (void *)&current_user;
    return store;
}
