/* Asks this Windows' Schannel what it offers, without the network: whether it will offer
 * one protocol version, and the ClientHello it sends by default. */
#ifndef TLSSWITCH_SCHANNEL_PROBE_H
#define TLSSWITCH_SCHANNEL_PROBE_H

#include "../core/protocols.h"
#include "../core/report.h"

#include <stddef.h>

/* Acquires client credentials for exactly this protocol and lets Schannel build its
 * first handshake message (no network is used); PROBE_OFFERED only when that message
 * offers this protocol's version. */
enum probe_result schannel_probe(enum protocol_id id);

/* The ClientHello Schannel builds for its default protocols (as old mail programs ask),
 * into out. Returns its length, or 0 when Schannel builds none. */
size_t schannel_default_hello(unsigned char *out, size_t size);

#endif
