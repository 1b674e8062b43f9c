/* The relay's check of the server's certificate chain, as a BearSSL X.509 engine
 * (br_x509_class): it collects the chain as it comes (at most RELAY_TRUST_MAX_CERTIFICATES
 * certificates and RELAY_TRUST_MAX_CHAIN_BYTES bytes), keeps the server's public key, and
 * at the end of the chain lets the user's Windows decide: Windows' chain engine with the
 * server's name (certificate_check_list, the check /test makes), or, where that engine
 * cannot check the chain (ECDSA on XP and Server 2003, relay_chain.h), BearSSL's own
 * validator against the same Windows trusted roots. Never unchecked: when neither can
 * check, the chain is refused. */
#ifndef TLSSWITCH_RELAY_TRUST_H
#define TLSSWITCH_RELAY_TRUST_H

#include "platform.h"
#include "../core/relay/relay_tls_failure.h"

#include <bearssl.h>

#define RELAY_TRUST_MAX_CERTIFICATES 10
#define RELAY_TRUST_MAX_CHAIN_BYTES 65536

/* What BearSSL's validator checks signatures with: the engine's own implementations. */
struct relay_trust_algorithms {
    const br_ec_impl *ec;
    br_ecdsa_vrfy ecdsa;
    br_rsa_pkcs1_vrfy rsa;
};

struct relay_trust {
    const br_x509_class *vtable;          /* first: BearSSL calls through it */
    struct relay_trust_algorithms algorithms;
    const char *host;                     /* the name the engine was reset with */
    unsigned char *chain;                 /* a TLS certificate_list, grown as it comes */
    size_t chain_length, chain_capacity;
    size_t certificate_end;               /* where the certificate being received ends */
    unsigned certificate_count;
    int too_large;
    br_x509_decoder_context leaf;         /* the server's own certificate: its key */
    unsigned key_usages;
    enum relay_tls_checker checker;       /* who checked the last chain */
    struct relay_tls_failure verdict;     /* kind RELAY_TLS_FAILURE_NONE when accepted */
};

void relay_trust_init(struct relay_trust *trust, const struct relay_trust_algorithms *algorithms);

/* Frees a chain a handshake left half received (a complete one is freed at its end). */
void relay_trust_free(struct relay_trust *trust);

#endif
