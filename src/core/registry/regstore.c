/* Reading the managed settings through the regstore interface. */
#include "regstore.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

long regstore_read_setting(const struct regstore *store, const char *path, const char *name,
                           struct setting_value *out)
{
    struct regstore_value value;
    long rc;

    memset(out, 0, sizeof(*out));
    memset(&value, 0, sizeof(value));
    rc = store->ops->read_value(store->context, path, name, &value);
    if (rc == REGSTORE_NOT_FOUND) {
        out->state = VALUE_ABSENT;
        return REGSTORE_OK;
    }
    if (rc != REGSTORE_OK)
        return rc;
    if (value.type == REGTYPE_DWORD && value.size == 4) {
        out->state = VALUE_DWORD;
        out->dword = (uint32_t)le32_load(value.data);
    } else {
        /* A REG_DWORD of the wrong length is as unreadable to Schannel as a string. */
        out->state = VALUE_WRONG_TYPE;
        out->type = value.type;
    }
    free(value.data);
    return REGSTORE_OK;
}

long regstore_read_settings(const struct regstore *store, struct schannel_settings *out)
{
    int id;
    memset(out, 0, sizeof(*out));
    for (id = 0; id < PROTOCOL_COUNT; id++) {
        struct protocol_setting *setting = &out->protocol[id];
        char path[256];
        long rc;

        if (protocol_client_key_path((enum protocol_id)id, path, sizeof(path)) != 0)
            return REGSTORE_NO_MEMORY;
        rc = store->ops->key_exists(store->context, path, &setting->key_exists);
        if (rc != REGSTORE_OK)
            return rc;
        if (!setting->key_exists)
            continue;
        rc = regstore_read_setting(store, path, "Enabled", &setting->enabled);
        if (rc == REGSTORE_OK)
            rc = regstore_read_setting(store, path, "DisabledByDefault", &setting->disabled_by_default);
        if (rc != REGSTORE_OK)
            return rc;
    }
    return REGSTORE_OK;
}

void name_list_free(struct name_list *list)
{
    size_t i;
    for (i = 0; i < list->count; i++)
        free(list->names[i]);
    free(list->names);
    list->names = NULL;
    list->count = 0;
}

long name_list_add(struct name_list *list, const char *name)
{
    char **grown = realloc(list->names, (list->count + 1) * sizeof(char *));
    if (!grown)
        return REGSTORE_NO_MEMORY;
    list->names = grown;
    list->names[list->count] = text_duplicate(name);
    if (!list->names[list->count])
        return REGSTORE_NO_MEMORY;
    list->count++;
    return REGSTORE_OK;
}

static int compare_nocase(const void *a, const void *b)
{
    return text_compare_nocase(*(const char *const *)a, *(const char *const *)b);
}

void name_list_sort(struct name_list *list)
{
    if (list->count > 1)
        qsort(list->names, list->count, sizeof(char *), compare_nocase);
}

int regpath_parent(const char *path, char *out, size_t out_size)
{
    const char *slash = strrchr(path, '\\');
    size_t n;
    if (!slash)
        return -1;
    n = (size_t)(slash - path);
    if (n + 1 > out_size)
        return -1;
    memcpy(out, path, n);
    out[n] = '\0';
    return 0;
}

int regpath_within(const char *path, const char *ancestor)
{
    size_t n = strlen(ancestor);
    if (strlen(path) < n || !text_equal_nocase_n(path, ancestor, n))
        return 0;
    return path[n] == '\0' || path[n] == '\\';
}

long regstore_delete_tree(const struct regstore *store, const char *path)
{
    struct name_list subkeys = { NULL, 0 };
    int exists = 0;
    long rc = store->ops->key_exists(store->context, path, &exists);
    size_t i;
    if (rc != REGSTORE_OK || !exists)
        return rc;
    rc = store->ops->list_subkeys(store->context, path, &subkeys);
    for (i = 0; rc == REGSTORE_OK && i < subkeys.count; i++) {
        struct strbuf child;
        strbuf_init(&child);
        strbuf_printf(&child, "%s\\%s", path, subkeys.names[i]);
        rc = child.failed ? REGSTORE_NO_MEMORY : regstore_delete_tree(store, child.data);
        strbuf_free(&child);
    }
    name_list_free(&subkeys);
    if (rc == REGSTORE_OK)
        rc = store->ops->delete_key(store->context, path);
    return rc;
}

/* A SID at `offset`: revision 1, at most 15 sub-authorities, all within `size`. */
static int sid_valid(const unsigned char *data, size_t size, size_t offset)
{
    size_t count;
    if (offset < 20 || offset + 8 > size || data[offset] != 1)
        return 0;
    count = data[offset + 1];
    return count <= 15 && offset + 8 + 4 * count <= size;
}

/* An ACL at `offset`: its header, then exactly its ACEs, all within its own size. */
static int acl_valid(const unsigned char *data, size_t size, size_t offset)
{
    size_t acl_size, aces, at, i;
    if (offset < 20 || offset + 8 > size || data[offset] < 2 || data[offset] > 4)
        return 0;
    acl_size = (size_t)data[offset + 2] | (size_t)data[offset + 3] << 8;
    aces = (size_t)data[offset + 4] | (size_t)data[offset + 5] << 8;
    if (acl_size < 8 || offset + acl_size > size)
        return 0;
    for (i = 0, at = 8; i < aces; i++) {
        size_t ace_size;
        if (at + 4 > acl_size)
            return 0;
        ace_size = (size_t)data[offset + at + 2] | (size_t)data[offset + at + 3] << 8;
        if (ace_size < 4 || at + ace_size > acl_size)
            return 0;
        at += ace_size;
    }
    return 1;
}

int regstore_security_valid(const unsigned char *data, size_t size)
{
    /* SECURITY_DESCRIPTOR_RELATIVE: revision, padding, control, then the offsets of the
     * owner, the group, the SACL and the DACL (0: none). */
    static const unsigned self_relative = 0x8000;
    unsigned control;
    size_t owner, group, sacl, dacl;
    if (!data || size < 20 || size > 65536 || data[0] != 1)
        return 0;
    control = (unsigned)data[2] | (unsigned)data[3] << 8;
    owner = (size_t)le32_load(data + 4);
    group = (size_t)le32_load(data + 8);
    sacl = (size_t)le32_load(data + 12);
    dacl = (size_t)le32_load(data + 16);
    if (!(control & self_relative))
        return 0;
    return (owner == 0 || sid_valid(data, size, owner)) && (group == 0 || sid_valid(data, size, group)) &&
           (sacl == 0 || acl_valid(data, size, sacl)) && (dacl == 0 || acl_valid(data, size, dacl));
}
