/* The relay's TLS client for one connection to a provider, on BearSSL: an engine set up
 * with the relay's offer (relay_tls_profile.h) for one host (sent as SNI; the name the
 * certificate must carry), seeded from CryptGenRandom, trusting what the user's Windows
 * trusts (relay_trust.h). The relay's socket loop drives the engine (br_ssl_engine_*);
 * this says what was negotiated, or why the connection failed. */
#ifndef TLSSWITCH_RELAY_TLS_H
#define TLSSWITCH_RELAY_TLS_H

#include "platform.h"
#include "relay_trust.h"
#include "../core/relay/relay_tls_failure.h"

#include <bearssl.h>

/* One connection: 38,864 bytes on i686, 39,280 on x86_64, of which the buffer is 33,178
 * (both directions at once: the relay passes data both ways). During the handshake the
 * server's chain (up to 64 KB, usually 3 to 6) and, for BearSSL's check, 3 KB more are
 * allocated and freed again. */
struct relay_tls {
    br_ssl_client_context client;
    struct relay_trust trust;
    int server_closed;
    unsigned char first_bytes[8];    /* what the server sent first, to name a non-TLS answer */
    size_t first_size;
    int start_error;                 /* BearSSL's code when relay_tls_start failed */
    unsigned long random_error;      /* CryptGenRandom's error, when it failed */
    char host[256];
    unsigned char buffer[BR_SSL_BUFSIZE_BIDI];
};

/* What a finished handshake negotiated. */
struct relay_tls_session {
    unsigned version;                /* 0x0303 */
    const char *version_name;        /* "TLS 1.2" */
    unsigned suite;                  /* 0xC02F */
    const char *suite_name;          /* "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", or "0xC0FF" in spare */
    char spare[8];
    enum relay_tls_checker checker;  /* who checked the server's certificate */
};

/* Sets the engine up for `host` and starts the handshake: the engine then has the
 * ClientHello to send. Returns 0, or -1 when it cannot start (no random numbers from
 * Windows, a host name over 255 bytes): relay_tls_failure says why. Nothing to free on
 * either path but what relay_tls_end frees. */
int relay_tls_start(struct relay_tls *tls, const char *host);

/* The engine to drive. Note for a loop that closes: BearSSL 0.6 does not finish a close
 * (br_ssl_engine_close) while application data it received is still unread: its state then
 * stays 0 for ever (seen with br_sslio_close). Read what is there first, or stop waiting
 * when the state is 0 and close the socket. */
br_ssl_engine_context *relay_tls_engine(struct relay_tls *tls);

/* For the socket loop: each piece it receives from the server and gives the engine
 * (br_ssl_engine_recvrec_buf, then this with the same bytes, then _ack), so that a server
 * answering in plain text or not in TLS is named as such. Only the first bytes are kept. */
void relay_tls_received(struct relay_tls *tls, const unsigned char *data, size_t size);

/* For the socket loop: the server ended the connection (recv gave 0, or a reset) before the
 * handshake finished, so a failure is named "the server closed". */
void relay_tls_server_closed(struct relay_tls *tls);

/* Returns 0 and fills `out` once the handshake is done, -1 before (or after a failure). */
int relay_tls_session(const struct relay_tls *tls, struct relay_tls_session *out);

/* Why the connection failed: after relay_tls_start returned -1, or the engine closed with
 * an error (br_ssl_engine_current_state gives BR_SSL_CLOSED) or the server closed. */
void relay_tls_failure(const struct relay_tls *tls, struct relay_tls_failure *out);

/* Frees what a handshake cut short left behind; `tls` may then be freed or started again. */
void relay_tls_end(struct relay_tls *tls);

#endif
