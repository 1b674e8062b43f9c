/* The server's first answer to a ClientHello, read record by record as it arrives: the
 * ServerHello (version, suite, and for TLS 1.3 the group of a HelloRetryRequest), the
 * certificate chain, whether a key exchange followed, up to ServerHelloDone; or an
 * alert. In TLS 1.2 and older all of this is in clear text; in TLS 1.3 everything after
 * the ServerHello is encrypted, and the reading stops there. Every length is checked
 * against what has arrived and against the limits below, so no server can make it read
 * out of bounds or hold more than these buffers. */
#ifndef TLSSWITCH_SERVER_FLIGHT_H
#define TLSSWITCH_SERVER_FLIGHT_H

#include "certificate.h"
#include "tlswire.h"

#include <stddef.h>
#include <stdint.h>

/* The largest handshake message kept: a certificate chain of a few certificates fits many
 * times over. */
#define FLIGHT_MAX_MESSAGE 65536u
#define FLIGHT_MAX_CERTIFICATES 8
#define FLIGHT_MAX_CHAIN 16384u

enum flight_state {
    FLIGHT_MORE,       /* the answer is not complete yet: feed more */
    FLIGHT_DONE,       /* ServerHelloDone, or a TLS 1.3 ServerHello or HelloRetryRequest */
    FLIGHT_ALERT,      /* the server sent an alert: see alert */
    FLIGHT_BAD         /* not an acceptable answer: see problem */
};

enum flight_problem {
    FLIGHT_NO_PROBLEM,
    FLIGHT_NOT_TLS,             /* bytes that are not a TLS record */
    FLIGHT_PLAINTEXT,           /* a mail server's plain-text greeting */
    FLIGHT_OVERSIZED_RECORD,    /* a record longer than TLS allows */
    FLIGHT_OVERSIZED_MESSAGE,   /* a handshake message longer than FLIGHT_MAX_MESSAGE */
    FLIGHT_MALFORMED,           /* a message whose fields do not add up */
    FLIGHT_UNEXPECTED           /* a record or message out of its place */
};

struct server_flight {
    enum flight_state state;
    enum flight_problem problem;
    int alert;                          /* the alert's description, -1 when none */

    int have_hello;
    uint16_t version;                   /* negotiated (supported_versions for TLS 1.3) */
    uint16_t suite;
    int hello_retry;                    /* a TLS 1.3 HelloRetryRequest */
    uint16_t group;                     /* ECDHE group (ServerKeyExchange), or TLS 1.3 key_share */
    size_t certificate_count;           /* in the chain */
    struct certificate_facts certificates[FLIGHT_MAX_CERTIFICATES];   /* the leaf first */
    /* The certificate_list as sent (each DER certificate after its 3-byte length), for a
     * chain check; chain_length is 0 when it was larger than FLIGHT_MAX_CHAIN. */
    unsigned char chain[FLIGHT_MAX_CHAIN];
    size_t chain_length;
    int have_key_exchange;
    /* Set after server_flight_start: the host the leaf's names are read against (NULL:
     * they are not read). The leaf's names then, when it could be read. */
    const char *host;
    int have_leaf_names;
    struct certificate_names leaf_names;

    /* Reading state. */
    unsigned char record[5 + TLS_MAX_RECORD_BODY];
    size_t record_length;
    unsigned char message[4 + FLIGHT_MAX_MESSAGE];
    size_t message_length;
};

void server_flight_start(struct server_flight *flight);

/* Feeds bytes as they arrive; returns the state after them. Bytes fed after the state
 * left FLIGHT_MORE are ignored. */
enum flight_state server_flight_feed(struct server_flight *flight, const unsigned char *data, size_t size);

#endif
