/* Reading the managed settings through the regstore interface. */
#include "regstore.h"

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
        out->dword = (uint32_t)value.data[0] | ((uint32_t)value.data[1] << 8) |
                     ((uint32_t)value.data[2] << 16) | ((uint32_t)value.data[3] << 24);
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
