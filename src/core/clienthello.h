/* Reads the protocol version out of the first handshake message Schannel produces, so the
 * support probe can confirm what this Windows really offers, without any network. */
#ifndef TLSSWITCH_CLIENTHELLO_H
#define TLSSWITCH_CLIENTHELLO_H

#include <stddef.h>
#include <stdint.h>

/* Finds the highest version a ClientHello offers, in a TLS record (0x0301 = TLS 1.0,
 * 0x0303 = TLS 1.2) or an SSL 2.0-format hello (0x0002 = SSL 2.0). Returns 0 and sets
 * *version, or -1 when the bytes are not a ClientHello. */
int clienthello_version(const unsigned char *data, size_t size, uint16_t *version);

#endif
