/* The TLS cipher suites TLS Switch knows, one table: what each needs (key exchange,
 * certificate, cipher, MAC) and which TLS version it needs, so a simulated handshake can
 * say why a Windows cannot use the suite a server wants. */
#ifndef TLSSWITCH_TLS_SUITES_H
#define TLSSWITCH_TLS_SUITES_H

#include <stddef.h>
#include <stdint.h>

enum suite_kx {
    KX_RSA,        /* RSA key exchange: the only kind Windows XP has in TLS 1.2 */
    KX_DHE,
    KX_ECDHE,
    KX_TLS13       /* TLS 1.3 suites name no key exchange */
};

/* The certificate key a suite needs. */
enum suite_auth { AUTH_RSA, AUTH_DSA, AUTH_ECDSA, AUTH_ANY };

enum suite_cipher {
    CIPHER_RC4_128,
    CIPHER_3DES,
    CIPHER_AES128_CBC,
    CIPHER_AES256_CBC,
    CIPHER_AES128_GCM,
    CIPHER_AES256_GCM,
    CIPHER_AES128_CCM,
    CIPHER_AES256_CCM,
    CIPHER_CHACHA20
};

enum suite_mac { MAC_MD5, MAC_SHA1, MAC_SHA256, MAC_SHA384, MAC_AEAD };

/* A byte for each kind (12 bytes a row on i686, not 24). */
struct cipher_suite {
    const char *name;            /* the IANA name, as Microsoft's pages use it */
    uint16_t id;
    uint16_t min_version;        /* 0x0303 for the TLS 1.2 suites, 0x0304 for TLS 1.3 */
    uint8_t kx;                  /* enum suite_kx */
    uint8_t auth;                /* enum suite_auth */
    uint8_t cipher;              /* enum suite_cipher */
    uint8_t mac;                 /* enum suite_mac */
};

/* The suite with this code point, or NULL when it is not in the table. */
const struct cipher_suite *cipher_suite_find(uint16_t id);

/* The suite at `index` in the table, or NULL past the last. */
const struct cipher_suite *cipher_suite_at(size_t index);

/* The name of `id` ("TLS_RSA_WITH_AES_128_CBC_SHA"), or "0xC0FF" written into `spare`. */
const char *cipher_suite_name(uint16_t id, char spare[8]);

/* What a suite needs that Windows XP does not have, as SUITE_NEEDS_* bits: ECDHE or DHE
 * key exchange, AES-GCM, AES-CCM, ChaCha20, TLS 1.3, an ECDSA certificate. */
enum {
    SUITE_NEEDS_ECDHE = 1,
    SUITE_NEEDS_DHE = 2,
    SUITE_NEEDS_GCM = 4,
    SUITE_NEEDS_CHACHA20 = 8,
    SUITE_NEEDS_TLS13 = 16,
    SUITE_NEEDS_ECDSA = 32,
    SUITE_NEEDS_CCM = 64
};
unsigned cipher_suite_needs(const struct cipher_suite *suite);

#endif
