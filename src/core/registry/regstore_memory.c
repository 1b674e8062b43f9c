/* In-memory registry: keys in a flat list, compared without case like Windows does. */
#include "regstore_memory.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

struct memory_value {
    char *name;
    uint32_t type;
    uint32_t size;
    unsigned char *data;
};

struct memory_key {
    char *path;
    size_t length;   /* of path: most keys differ in it, and then need no comparing */
    struct memory_value *values;
    unsigned value_count;
    unsigned char *security;   /* its own security descriptor; NULL: none given */
    uint32_t security_size;
};

struct memory_registry {
    struct memory_key *keys;
    unsigned key_count;
    char *fail_path;
    long fail_error;
};

struct memory_registry *memory_registry_new(void)
{
    return calloc(1, sizeof(struct memory_registry));
}

void memory_registry_free(struct memory_registry *registry)
{
    unsigned k, v;
    if (!registry)
        return;
    for (k = 0; k < registry->key_count; k++) {
        for (v = 0; v < registry->keys[k].value_count; v++) {
            free(registry->keys[k].values[v].name);
            free(registry->keys[k].values[v].data);
        }
        free(registry->keys[k].values);
        free(registry->keys[k].path);
        free(registry->keys[k].security);
    }
    free(registry->keys);
    free(registry->fail_path);
    free(registry);
}

static struct memory_key *find_key(struct memory_registry *registry, const char *path)
{
    size_t length = strlen(path);
    unsigned k;
    for (k = 0; k < registry->key_count; k++)
        if (registry->keys[k].length == length && text_equal_nocase(registry->keys[k].path, path))
            return &registry->keys[k];
    return NULL;
}

static struct memory_value *find_value(struct memory_key *key, const char *name)
{
    unsigned v;
    for (v = 0; v < key->value_count; v++)
        if (text_equal_nocase(key->values[v].name, name))
            return &key->values[v];
    return NULL;
}

static int injected_failure(struct memory_registry *registry, const char *path, long *error)
{
    if (registry->fail_path && text_equal_nocase(registry->fail_path, path)) {
        *error = registry->fail_error;
        return 1;
    }
    return 0;
}

static long add_one_key(struct memory_registry *registry, const char *path)
{
    struct memory_key *grown;
    if (find_key(registry, path))
        return REGSTORE_OK;
    grown = realloc(registry->keys, (registry->key_count + 1) * sizeof(*grown));
    if (!grown)
        return REGSTORE_NO_MEMORY;
    registry->keys = grown;
    memset(&grown[registry->key_count], 0, sizeof(*grown));
    grown[registry->key_count].path = text_duplicate(path);
    if (!grown[registry->key_count].path)
        return REGSTORE_NO_MEMORY;
    grown[registry->key_count].length = strlen(path);
    registry->key_count++;
    return REGSTORE_OK;
}

long memory_registry_add_key(struct memory_registry *registry, const char *path)
{
    char *prefix = text_duplicate(path);
    char *p;
    long rc = REGSTORE_OK;
    if (!prefix)
        return REGSTORE_NO_MEMORY;
    if (find_key(registry, path)) {   /* it and every key above it are there */
        free(prefix);
        return REGSTORE_OK;
    }
    for (p = prefix; rc == REGSTORE_OK; p++) {
        if (*p == '\\' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            rc = add_one_key(registry, prefix);
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(prefix);
    return rc;
}

long memory_registry_set(struct memory_registry *registry, const char *path, const char *name,
                         uint32_t type, const void *data, uint32_t size)
{
    struct memory_key *key;
    struct memory_value *value;
    unsigned char *copy;
    long rc = memory_registry_add_key(registry, path);
    if (rc != REGSTORE_OK)
        return rc;
    key = find_key(registry, path);
    copy = malloc(size ? size : 1);
    if (!copy)
        return REGSTORE_NO_MEMORY;
    if (size)
        memcpy(copy, data, size);
    value = find_value(key, name);
    if (!value) {
        struct memory_value *grown = realloc(key->values, (key->value_count + 1) * sizeof(*grown));
        if (!grown) {
            free(copy);
            return REGSTORE_NO_MEMORY;
        }
        key->values = grown;
        value = &grown[key->value_count];
        value->name = text_duplicate(name);
        if (!value->name) {
            free(copy);
            return REGSTORE_NO_MEMORY;
        }
        value->data = NULL;
        key->value_count++;
    }
    free(value->data);
    value->type = type;
    value->size = size;
    value->data = copy;
    return REGSTORE_OK;
}

long memory_registry_set_dword(struct memory_registry *registry, const char *path,
                               const char *name, uint32_t value)
{
    unsigned char bytes[4];
    le32_store(bytes, value);
    return memory_registry_set(registry, path, name, REGTYPE_DWORD, bytes, 4);
}

long memory_registry_set_security(struct memory_registry *registry, const char *path, const void *data,
                                  uint32_t size)
{
    struct memory_key *key = find_key(registry, path);
    unsigned char *copy;
    if (!key)
        return REGSTORE_NOT_FOUND;
    copy = malloc(size ? size : 1);
    if (!copy)
        return REGSTORE_NO_MEMORY;
    if (size)
        memcpy(copy, data, size);
    free(key->security);
    key->security = copy;
    key->security_size = size;
    return REGSTORE_OK;
}

void memory_registry_fail_on(struct memory_registry *registry, const char *path, long error)
{
    free(registry->fail_path);
    registry->fail_path = (error && path) ? text_duplicate(path) : NULL;
    registry->fail_error = error;
}

static long memory_key_exists(void *context, const char *path, int *exists)
{
    struct memory_registry *registry = context;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    *exists = find_key(registry, path) != NULL;
    return REGSTORE_OK;
}

/* The value `name` of key `path`, as the store's reads and deletes find it. */
static long locate_value(struct memory_registry *registry, const char *path, const char *name,
                         struct memory_key **key, struct memory_value **value)
{
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    *key = find_key(registry, path);
    *value = *key ? find_value(*key, name) : NULL;
    return *value ? REGSTORE_OK : REGSTORE_NOT_FOUND;
}

static long memory_read_value(void *context, const char *path, const char *name,
                              struct regstore_value *out)
{
    struct memory_key *key;
    struct memory_value *value;
    long error = locate_value(context, path, name, &key, &value);

    if (error != REGSTORE_OK)
        return error;
    out->data = malloc(value->size ? value->size : 1);
    if (!out->data)
        return REGSTORE_NO_MEMORY;
    if (value->size)
        memcpy(out->data, value->data, value->size);
    out->type = value->type;
    out->size = value->size;
    return REGSTORE_OK;
}

static long memory_list_subkeys(void *context, const char *path, struct name_list *out)
{
    struct memory_registry *registry = context;
    size_t length = strlen(path);
    unsigned k;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    if (!find_key(registry, path))
        return REGSTORE_NOT_FOUND;
    for (k = 0; k < registry->key_count; k++) {
        const char *candidate = registry->keys[k].path;
        if (registry->keys[k].length > length + 1 && candidate[length] == '\\' &&
            text_equal_nocase_n(candidate, path, length) && !strchr(candidate + length + 1, '\\')) {
            if (name_list_add(out, candidate + length + 1) != REGSTORE_OK)
                return REGSTORE_NO_MEMORY;
        }
    }
    return REGSTORE_OK;
}

static long memory_list_values(void *context, const char *path, struct name_list *out)
{
    struct memory_registry *registry = context;
    struct memory_key *key;
    unsigned v;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    key = find_key(registry, path);
    if (!key)
        return REGSTORE_NOT_FOUND;
    for (v = 0; v < key->value_count; v++)
        if (name_list_add(out, key->values[v].name) != REGSTORE_OK)
            return REGSTORE_NO_MEMORY;
    return REGSTORE_OK;
}

static long memory_create_key(void *context, const char *path)
{
    struct memory_registry *registry = context;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    return memory_registry_add_key(registry, path);
}

static long memory_set_value(void *context, const char *path, const char *name, uint32_t type,
                             const unsigned char *data, uint32_t size)
{
    struct memory_registry *registry = context;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    if (!find_key(registry, path))
        return REGSTORE_NOT_FOUND;
    return memory_registry_set(registry, path, name, type, data, size);
}

static long memory_delete_value(void *context, const char *path, const char *name)
{
    struct memory_key *key;
    struct memory_value *value;
    long error = locate_value(context, path, name, &key, &value);
    if (error != REGSTORE_OK)
        return error;
    free(value->name);
    free(value->data);
    *value = key->values[--key->value_count];
    return REGSTORE_OK;
}

static long memory_delete_key(void *context, const char *path)
{
    struct memory_registry *registry = context;
    struct memory_key *key;
    struct name_list subkeys = { NULL, 0 };
    unsigned v;
    long rc;
    if (injected_failure(registry, path, &rc))
        return rc;
    key = find_key(registry, path);
    if (!key)
        return REGSTORE_NOT_FOUND;
    rc = memory_list_subkeys(context, path, &subkeys);
    if (rc == REGSTORE_OK && subkeys.count > 0)
        rc = REGSTORE_ACCESS_DENIED;   /* what RegDeleteKey answers for a key with subkeys */
    name_list_free(&subkeys);
    if (rc != REGSTORE_OK)
        return rc;
    for (v = 0; v < key->value_count; v++) {
        free(key->values[v].name);
        free(key->values[v].data);
    }
    free(key->values);
    free(key->path);
    free(key->security);
    *key = registry->keys[--registry->key_count];
    return REGSTORE_OK;
}

static long memory_check_write_access(void *context, const char *path)
{
    struct memory_registry *registry = context;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    return REGSTORE_OK;
}

static long memory_read_security(void *context, const char *path, struct regstore_value *out)
{
    struct memory_registry *registry = context;
    struct memory_key *key;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    key = find_key(registry, path);
    if (!key || !key->security)
        return REGSTORE_NOT_FOUND;
    out->data = malloc(key->security_size ? key->security_size : 1);
    if (!out->data)
        return REGSTORE_NO_MEMORY;
    memcpy(out->data, key->security, key->security_size);
    out->type = 0;
    out->size = key->security_size;
    return REGSTORE_OK;
}

static long memory_write_security(void *context, const char *path, const unsigned char *data, uint32_t size)
{
    struct memory_registry *registry = context;
    long error;
    if (injected_failure(registry, path, &error))
        return error;
    return memory_registry_set_security(registry, path, data, size);
}

static const struct regstore_ops memory_ops = {
    memory_key_exists,
    memory_read_value,
    memory_list_subkeys,
    memory_list_values,
    memory_create_key,
    memory_set_value,
    memory_delete_value,
    memory_delete_key,
    memory_check_write_access,
    memory_read_security,
    memory_write_security,
};

struct regstore memory_registry_store(struct memory_registry *registry)
{
    struct regstore store;
    store.ops = &memory_ops;
    store.context = registry;
    return store;
}
