/* ClientHello parsing: only the fixed header fields, enough to learn the offered version. */
#include "clienthello.h"

enum {
    RECORD_HANDSHAKE = 0x16,
    HANDSHAKE_CLIENT_HELLO = 0x01,
    SSL2_MSG_CLIENT_HELLO = 0x01
};

int clienthello_version(const unsigned char *data, size_t size, uint16_t *version)
{
    if (!data || size < 5)
        return -1;
    if (data[0] == RECORD_HANDSHAKE) {
        size_t record_length = ((size_t)data[3] << 8) | data[4];
        /* record header (5) + handshake type (1) + length (3) + client_version (2) */
        if (data[1] != 0x03 || size < 11 || record_length < 6 || data[5] != HANDSHAKE_CLIENT_HELLO)
            return -1;
        *version = (uint16_t)((data[9] << 8) | data[10]);
        return 0;
    }
    if (data[0] & 0x80) {
        /* SSL 2.0 record: two-byte length with the top bit set, then message type and version. */
        size_t record_length = ((size_t)(data[0] & 0x7f) << 8) | data[1];
        if (record_length < 3 || data[2] != SSL2_MSG_CLIENT_HELLO)
            return -1;
        *version = (uint16_t)((data[3] << 8) | data[4]);
        return 0;
    }
    return -1;
}
