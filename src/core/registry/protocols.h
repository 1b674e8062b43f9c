/* The five Schannel protocols TLS Switch manages, in one table.
 * Adding a protocol is one row in protocols.c. */
#ifndef TLSSWITCH_PROTOCOLS_H
#define TLSSWITCH_PROTOCOLS_H

#include <stdint.h>

enum protocol_id {
    PROTOCOL_SSL2,
    PROTOCOL_SSL3,
    PROTOCOL_TLS10,
    PROTOCOL_TLS11,
    PROTOCOL_TLS12,
    PROTOCOL_COUNT
};

struct protocol_info {
    const char *key_name;      /* registry subkey under Protocols, "TLS 1.2" */
    const char *short_name;    /* command line and CSV name, "tls1.2" */
    uint32_t sp_prot_client;   /* SP_PROT_*_CLIENT flag for grbitEnabledProtocols */
    uint16_t wire_version;     /* version field in a ClientHello, 0x0303 for TLS 1.2 */
};

/* Registry path of the Protocols key, relative to HKEY_LOCAL_MACHINE. */
#define SCHANNEL_KEY_PATH "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define PROTOCOLS_KEY_PATH SCHANNEL_KEY_PATH "\\Protocols"

const struct protocol_info *protocol_get(enum protocol_id id);

/* Finds a protocol by its short name ("tls1.2"), ignoring case; -1 when unknown. */
int protocol_find(const char *short_name);

/* Writes "SYSTEM\...\Protocols\TLS 1.2\Client" into out; returns 0, or -1 if it does not fit. */
int protocol_client_key_path(enum protocol_id id, char *out, unsigned out_size);

/* Finds the protocol whose wire version is `version` (0x0303 -> TLS 1.2); -1 when none. */
int protocol_from_wire_version(uint16_t version);

#endif
