/* Asks this Windows' Schannel whether it will offer one protocol version. */
#ifndef TLSSWITCH_SCHANNEL_PROBE_H
#define TLSSWITCH_SCHANNEL_PROBE_H

#include "../core/protocols.h"
#include "../core/report.h"

/* Acquires client credentials for exactly this protocol and lets Schannel build its
 * first handshake message (no network is used); PROBE_OFFERED only when that message
 * offers this protocol's version. */
enum probe_result schannel_probe(enum protocol_id id);

#endif
