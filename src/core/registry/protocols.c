/* The protocol table: registry names, command-line names, SSPI flags and wire versions. */
#include "protocols.h"
#include "../text/text.h"

#include <stdio.h>

static const struct protocol_info protocols[PROTOCOL_COUNT] = {
    [PROTOCOL_SSL2]  = { "SSL 2.0", "ssl2",   0x00000008u, 0x0002 },
    [PROTOCOL_SSL3]  = { "SSL 3.0", "ssl3",   0x00000020u, 0x0300 },
    [PROTOCOL_TLS10] = { "TLS 1.0", "tls1.0", 0x00000080u, 0x0301 },
    [PROTOCOL_TLS11] = { "TLS 1.1", "tls1.1", 0x00000200u, 0x0302 },
    [PROTOCOL_TLS12] = { "TLS 1.2", "tls1.2", 0x00000800u, 0x0303 },
};

const struct protocol_info *protocol_get(enum protocol_id id)
{
    if ((unsigned)id >= PROTOCOL_COUNT)
        return NULL;
    return &protocols[id];
}

int protocol_find(const char *short_name)
{
    int i;
    for (i = 0; i < PROTOCOL_COUNT; i++)
        if (text_equal_nocase(protocols[i].short_name, short_name))
            return i;
    return -1;
}

int protocol_client_key_path(enum protocol_id id, char *out, unsigned out_size)
{
    const struct protocol_info *p = protocol_get(id);
    int n;
    if (!p || out_size == 0)
        return -1;
    n = text_format(out, out_size, "%s\\%s\\Client", PROTOCOLS_KEY_PATH, p->key_name);
    return (n < 0 || (unsigned)n >= out_size) ? -1 : 0;
}

int protocol_from_wire_version(uint16_t version)
{
    int i;
    for (i = 0; i < PROTOCOL_COUNT; i++)
        if (protocols[i].wire_version == version)
            return i;
    return -1;
}
