/* This Windows' trusted root certificates as BearSSL trust anchors, for the chains the
 * relay checks with BearSSL because Windows cannot (ECDSA on XP and Server 2003): the same
 * roots Windows' own check uses, read from the ROOT system store, less those in the
 * Disallowed store. */
#ifndef TLSSWITCH_WINDOWS_ROOTS_H
#define TLSSWITCH_WINDOWS_ROOTS_H

#include "platform.h"

#include <bearssl.h>

struct windows_roots;

/* The roots, read at the first call and then shared by every connection of the process
 * (thread-safe, without Vista's one-time initialisation). Returns NULL with *error set
 * (GetLastError's code, or CRYPT_E_NOT_FOUND when the store has no root BearSSL can use)
 * when there are none. Each one acquired is released. */
const struct windows_roots *windows_roots_acquire(unsigned long *error);
void windows_roots_release(const struct windows_roots *roots);

const br_x509_trust_anchor *windows_roots_anchors(const struct windows_roots *roots, size_t *count);

/* Whether a certificate of the chain (a TLS certificate_list, relay_chain.h) is in this
 * Windows' Disallowed store, the user's or the machine's: one the user or Windows Update
 * has marked as not to be trusted (a root is left out of the anchors above for the same
 * reason). */
int windows_chain_disallowed(const unsigned char *list, size_t size);

/* After a chain was refused for want of a root: the next acquire reads the store again,
 * so a root the user installs since (Windows Update's root update) counts without a
 * restart of the relay. */
void windows_roots_read_again(void);

#endif
