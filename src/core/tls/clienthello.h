/* ClientHello messages: reading one (the version the support probe confirms, and every
 * field of the hello this PC's Schannel sends) and building one, so that a handshake can
 * be simulated as another Windows would make it, without Schannel. */
#ifndef TLSSWITCH_CLIENTHELLO_H
#define TLSSWITCH_CLIENTHELLO_H

#include <stddef.h>
#include <stdint.h>

/* Finds the highest version a ClientHello offers, in a TLS record (0x0301 = TLS 1.0,
 * 0x0303 = TLS 1.2) or an SSL 2.0-format hello (0x0002 = SSL 2.0). Returns 0 and sets
 * *version, or -1 when the bytes are not a ClientHello. */
int clienthello_version(const unsigned char *data, size_t size, uint16_t *version);

#define HELLO_MAX_SUITES 96
#define HELLO_MAX_GROUPS 16
#define HELLO_MAX_SIGALGS 32

/* Extensions besides the lists below, as bits of hello_spec.extensions. */
enum {
    HELLO_SNI = 1,                  /* server_name, when the host is a name */
    HELLO_STATUS_REQUEST = 2,       /* OCSP stapling */
    HELLO_SESSION_TICKET = 4,       /* an empty session ticket */
    HELLO_EXTENDED_MASTER_SECRET = 8,
    HELLO_RENEGOTIATION_INFO = 16
};

/* What a ClientHello says. */
struct hello_spec {
    uint16_t record_version;                 /* in the record header: 0x0301 or 0x0303 */
    uint16_t client_version;                 /* the highest version up to TLS 1.2 */
    int offers_tls13;                        /* supported_versions with TLS 1.3 (and TLS 1.2) */
    uint16_t suites[HELLO_MAX_SUITES];
    size_t suite_count;
    uint16_t groups[HELLO_MAX_GROUPS];       /* none: no supported_groups, no ec_point_formats */
    size_t group_count;
    uint16_t sigalgs[HELLO_MAX_SIGALGS];     /* none: no signature_algorithms */
    size_t sigalg_count;
    unsigned extensions;                     /* HELLO_* */
};

/* Writes the ClientHello record of `spec` for `host` with the given random into out.
 * A TLS 1.3 offer carries an empty key_share, so a TLS 1.3 server answers with a
 * HelloRetryRequest that names its choice: nothing secret is ever computed. Returns the
 * length, or 0 when it does not fit. */
size_t clienthello_build(const struct hello_spec *spec, const char *host, const unsigned char random[32],
                         unsigned char *out, size_t size);

/* Reads a ClientHello record into *spec (lists cut at their maximum). Returns 0, or -1
 * when the bytes are not a whole, well-formed ClientHello. */
int clienthello_parse(const unsigned char *data, size_t size, struct hello_spec *spec);

/* True when two ClientHello records make the same offer byte for byte, all but the
 * random and the session id, which a server does not choose by: the server's answer to
 * one is its answer to the other (/test then lets one connection answer for both).
 * False for anything that is not a well-formed ClientHello record. */
int clienthello_same_offer(const unsigned char *a, size_t a_size, const unsigned char *b, size_t b_size);

/* Whether the spec offers the suite. */
int hello_offers_suite(const struct hello_spec *spec, uint16_t suite);

#endif
