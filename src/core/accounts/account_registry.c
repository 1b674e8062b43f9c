/* Registry values for the account readers, read by name through regstore. */
#include "account_registry.h"
#include "../registry/settings.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

/* Fetches a value by name; 0 when absent or refused. */
static int fetch(struct account_value_reader *reader, const char *path, const char *name, struct regstore_value *value)
{
    long rc;
    memset(value, 0, sizeof(*value));
    /* The one rule that keeps passwords out: such a name is never asked for. */
    if (account_name_is_secret(name))
        return 0;
    rc = reader->store->ops->read_value(reader->store->context, path, name, value);
    if (rc == REGSTORE_NO_MEMORY)
        reader->no_memory = 1;
    else if (rc != REGSTORE_OK && rc != REGSTORE_NOT_FOUND)
        reader->damaged = 1;
    if (rc != REGSTORE_OK) {
        free(value->data);
        value->data = NULL;
        return 0;
    }
    return 1;
}

int account_read_string(struct account_value_reader *reader, const char *path, const char *name, char *out,
                        size_t size)
{
    struct regstore_value value;
    struct strbuf text;
    size_t length;
    int ok = 0;
    out[0] = '\0';
    if (!fetch(reader, path, name, &value))
        return 0;
    length = value.size;
    if (value.type == REGTYPE_SZ || value.type == REGTYPE_EXPAND_SZ || value.type == REGTYPE_BINARY) {
        /* The terminating NUL, and anything a careless writer left after it, is no part of it. */
        size_t i = 0;
        while (i + 1 < length && (value.data[i] != 0 || value.data[i + 1] != 0))
            i += 2;
        if (i + 1 < length)
            length = i;
        strbuf_init(&text);
        if (length % 2 == 0 && text_utf16le_to_utf8(value.data, length, &text) == 0 && !text.failed) {
            text_format(out, size, "%s", text.data ? text.data : "");
            text_utf8_drop_cut(out);
            ok = 1;
        } else if (text.failed) {
            reader->no_memory = 1;
        }
        strbuf_free(&text);
    }
    if (!ok)
        reader->damaged = 1;
    free(value.data);
    return ok;
}

int account_read_dword(struct account_value_reader *reader, const char *path, const char *name, unsigned long *out)
{
    struct regstore_value value;
    int ok;
    *out = 0;
    if (!fetch(reader, path, name, &value))
        return 0;
    ok = (value.type == REGTYPE_DWORD || value.type == REGTYPE_BINARY) && value.size == 4;
    if (ok)
        *out = (unsigned long)value.data[0] | ((unsigned long)value.data[1] << 8) |
               ((unsigned long)value.data[2] << 16) | ((unsigned long)value.data[3] << 24);
    else
        reader->damaged = 1;
    free(value.data);
    return ok;
}

enum account_read_result account_reader_result(const struct account_value_reader *reader)
{
    if (reader->no_memory)
        return ACCOUNT_READ_NO_MEMORY;
    return reader->damaged ? ACCOUNT_READ_DAMAGED : ACCOUNT_READ_OK;
}

int account_read_host_port(struct account_value_reader *reader, const char *path, const char *prefix,
                           enum mail_protocol protocol, struct account_server *server)
{
    char name[64];
    unsigned long port = 0;
    text_format(name, sizeof(name), "%s Server", prefix);
    if (!account_read_string(reader, path, name, server->host, sizeof(server->host)) || !server->host[0])
        return 0;
    server->present = 1;
    server->protocol = protocol;
    text_format(name, sizeof(name), "%s Port", prefix);
    if (account_read_dword(reader, path, name, &port) && port > 65535) {
        reader->damaged = 1;
        port = 0;
    }
    server->port = (unsigned)port;
    return 1;
}
