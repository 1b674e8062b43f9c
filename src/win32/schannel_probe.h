/* Asks this Windows' Schannel what it offers, without the network: whether it will offer
 * one protocol version, and the ClientHello it sends by default. And whether this
 * process's Schannel still reads the settings the registry has now. */
#ifndef TLSSWITCH_SCHANNEL_PROBE_H
#define TLSSWITCH_SCHANNEL_PROBE_H

#include "../core/registry/protocols.h"
#include "../core/registry/report.h"

#include <stddef.h>
#include <stdint.h>

/* Acquires client credentials for exactly this protocol and lets Schannel build its
 * first handshake message (no network is used); PROBE_OFFERED only when that message
 * offers this protocol's version. */
enum probe_result schannel_probe(enum protocol_id id);

/* The ClientHello Schannel builds for its default protocols (as old mail programs ask),
 * into out. Returns its length, or 0 when Schannel builds none. */
size_t schannel_default_hello(unsigned char *out, size_t size);

/* The same for the protocols of `grbit` (SP_PROT_*_CLIENT; 0: the default ones). */
size_t schannel_hello(unsigned long grbit, unsigned char *out, size_t size);

/* The highest version that ClientHello offers (0x0303 for TLS 1.2, 0x0304 with TLS 1.3);
 * 0 when Schannel builds none. */
uint16_t schannel_default_version(void);

/* Schannel reads its registry settings once per process, at its first use: a process
 * that has used it, or that has changed the settings since (itself or through another
 * process), would test with old settings, and must let a new process test. Every user
 * of Schannel here (the probes, tls_client) notes its use first. */
void schannel_note_use(void);
void schannel_note_settings_changed(void);
/* Whether a handshake in this process would use the settings the registry has now. */
int schannel_sees_current_settings(void);

#endif
