/* Building operation lists and applying them to a model registry. */
#include "regops.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

long regops_add(struct regops *ops, enum regop_kind kind, const char *path, const char *name,
                uint32_t type, const unsigned char *data, uint32_t size, unsigned line)
{
    struct regop *grown = realloc(ops->items, (ops->count + 1) * sizeof(*grown));
    struct regop *op;
    if (!grown)
        return REGSTORE_NO_MEMORY;
    ops->items = grown;
    op = &grown[ops->count];
    memset(op, 0, sizeof(*op));
    op->kind = kind;
    op->type = type;
    op->size = size;
    op->line = line;
    op->path = text_duplicate(path);
    op->name = text_duplicate(name ? name : "");
    op->data = malloc(size ? size : 1);
    if (!op->path || !op->name || !op->data) {
        free(op->path);
        free(op->name);
        free(op->data);
        return REGSTORE_NO_MEMORY;
    }
    if (size)
        memcpy(op->data, data, size);
    ops->count++;
    return REGSTORE_OK;
}

long regops_add_dword(struct regops *ops, const char *path, const char *name, uint32_t value)
{
    unsigned char bytes[4];
    le32_store(bytes, value);
    return regops_add(ops, REGOP_SET_VALUE, path, name, REGTYPE_DWORD, bytes, 4, 0);
}

void regops_free(struct regops *ops)
{
    size_t i;
    for (i = 0; i < ops->count; i++) {
        free(ops->items[i].path);
        free(ops->items[i].name);
        free(ops->items[i].data);
    }
    free(ops->items);
    ops->items = NULL;
    ops->count = 0;
}

static long delete_key_if_empty(const struct regstore *store, const char *path)
{
    struct name_list subkeys = { NULL, 0 }, values = { NULL, 0 };
    int exists = 0, empty;
    long rc = store->ops->key_exists(store->context, path, &exists);
    if (rc != REGSTORE_OK || !exists)
        return rc;
    rc = store->ops->list_subkeys(store->context, path, &subkeys);
    if (rc == REGSTORE_OK)
        rc = store->ops->list_values(store->context, path, &values);
    empty = subkeys.count == 0 && values.count == 0;
    name_list_free(&subkeys);
    name_list_free(&values);
    if (rc == REGSTORE_OK && empty)
        rc = store->ops->delete_key(store->context, path);
    return rc;
}

long regops_apply(const struct regstore *store, const struct regops *ops)
{
    size_t i;
    for (i = 0; i < ops->count; i++) {
        const struct regop *op = &ops->items[i];
        long rc = REGSTORE_OK;
        switch (op->kind) {
        case REGOP_CREATE_KEY:
            rc = store->ops->create_key(store->context, op->path);
            break;
        case REGOP_DELETE_TREE:
            rc = regstore_delete_tree(store, op->path);
            break;
        case REGOP_SET_VALUE:
            rc = store->ops->create_key(store->context, op->path);
            if (rc == REGSTORE_OK)
                rc = store->ops->set_value(store->context, op->path, op->name, op->type, op->data, op->size);
            break;
        case REGOP_DELETE_VALUE:
            rc = store->ops->delete_value(store->context, op->path, op->name);
            if (rc == REGSTORE_NOT_FOUND)
                rc = REGSTORE_OK;
            break;
        case REGOP_DELETE_KEY_IF_EMPTY:
            rc = delete_key_if_empty(store, op->path);
            break;
        case REGOP_SET_SECURITY:
            /* Only a key the change creates gets it (plan.c): a key that is there keeps
             * its permissions. */
            rc = store->ops->write_security(store->context, op->path, op->data, op->size);
            break;
        }
        if (rc != REGSTORE_OK)
            return rc;
    }
    return REGSTORE_OK;
}
