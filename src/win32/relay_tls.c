/* The relay's TLS client set-up, result and failure (see relay_tls.h). */
#include "relay_tls.h"
#include "relay_tls_profile.h"
#include "../core/tls/compatibility.h"
#include "../core/tls/tls_suites.h"
#include "../core/text/text.h"

#include <string.h>
#include <wincrypt.h>

/* The core classifies BearSSL's codes by number (relay_tls_failure.h): they must be the
 * library's. A mismatch fails the build here. */
#define SAME_CODE(core, library) typedef char core##_matches_##library[(core) == (library) ? 1 : -1]
SAME_CODE(BEARSSL_ERR_UNSUPPORTED_VERSION, BR_ERR_UNSUPPORTED_VERSION);
SAME_CODE(BEARSSL_ERR_BAD_VERSION, BR_ERR_BAD_VERSION);
SAME_CODE(BEARSSL_ERR_NO_RANDOM, BR_ERR_NO_RANDOM);
SAME_CODE(BEARSSL_ERR_BAD_CIPHER_SUITE, BR_ERR_BAD_CIPHER_SUITE);
SAME_CODE(BEARSSL_ERR_IO, BR_ERR_IO);
SAME_CODE(BEARSSL_ERR_X509_LIMIT_EXCEEDED, BR_ERR_X509_LIMIT_EXCEEDED);
SAME_CODE(BEARSSL_ERR_X509_EXPIRED, BR_ERR_X509_EXPIRED);
SAME_CODE(BEARSSL_ERR_X509_BAD_SERVER_NAME, BR_ERR_X509_BAD_SERVER_NAME);
SAME_CODE(BEARSSL_ERR_X509_NOT_TRUSTED, BR_ERR_X509_NOT_TRUSTED);
SAME_CODE(BEARSSL_ERR_RECV_FATAL_ALERT, BR_ERR_RECV_FATAL_ALERT);
SAME_CODE(BEARSSL_ERR_SEND_FATAL_ALERT, BR_ERR_SEND_FATAL_ALERT);
SAME_CODE(TLS_ALERT_HANDSHAKE_FAILURE, BR_ALERT_HANDSHAKE_FAILURE);
SAME_CODE(TLS_ALERT_PROTOCOL_VERSION, BR_ALERT_PROTOCOL_VERSION);
SAME_CODE(TLS_ALERT_INSUFFICIENT_SECURITY, BR_ALERT_INSUFFICIENT_SECURITY);

/* BearSSL 0.6 seeds itself with RDRAND alone where the processor has it (some AMD
 * processors return all ones). RDRAND is compiled out (Makefile.mingw), and the engine gets
 * CryptGenRandom's bytes here before it starts; without them it does not start. */
static int seed_from_windows(br_ssl_engine_context *engine, unsigned long *error)
{
    unsigned char seed[48];
    HCRYPTPROV provider;
    BOOL generated;

    if (!CryptAcquireContextW(&provider, NULL, NULL, PROV_RSA_FULL, CRYPT_VERIFYCONTEXT | CRYPT_SILENT)) {
        *error = GetLastError();
        return -1;
    }
    generated = CryptGenRandom(provider, sizeof(seed), seed);
    if (!generated)
        *error = GetLastError();
    CryptReleaseContext(provider, 0);
    if (!generated)
        return -1;
    br_ssl_engine_inject_entropy(engine, seed, sizeof(seed));
    SecureZeroMemory(seed, sizeof(seed));
    return 0;
}

int relay_tls_start(struct relay_tls *tls, const char *host)
{
    br_ssl_engine_context *engine = &tls->client.eng;
    struct relay_trust_algorithms algorithms;

    relay_tls_profile_apply(&tls->client);
    tls->server_closed = 0;
    tls->first_size = 0;
    tls->start_error = 0;
    tls->random_error = 0;
    text_format(tls->host, sizeof(tls->host), "%s", host);
    algorithms.ec = br_ssl_engine_get_ec(engine);
    algorithms.ecdsa = br_ssl_engine_get_ecdsa(engine);
    algorithms.rsa = br_ssl_engine_get_rsavrfy(engine);
    relay_trust_init(&tls->trust, &algorithms);
    br_ssl_engine_set_x509(engine, &tls->trust.vtable);
    br_ssl_engine_set_buffer(engine, tls->buffer, sizeof(tls->buffer), 1);
    if (strlen(host) >= sizeof(tls->host)) {
        tls->start_error = BR_ERR_BAD_PARAM;
        return -1;
    }
    if (seed_from_windows(engine, &tls->random_error) != 0) {
        if (tls->random_error == 0)
            tls->random_error = ERROR_GEN_FAILURE;
        tls->start_error = BR_ERR_NO_RANDOM;
        return -1;
    }
    /* 0: no session to resume; every connection makes a full handshake. */
    if (!br_ssl_client_reset(&tls->client, tls->host, 0)) {
        tls->start_error = br_ssl_engine_last_error(engine);
        return -1;
    }
    return 0;
}

br_ssl_engine_context *relay_tls_engine(struct relay_tls *tls)
{
    return &tls->client.eng;
}

void relay_tls_received(struct relay_tls *tls, const unsigned char *data, size_t size)
{
    while (size-- > 0 && tls->first_size < sizeof(tls->first_bytes))
        tls->first_bytes[tls->first_size++] = *data++;
}

void relay_tls_server_closed(struct relay_tls *tls)
{
    tls->server_closed = 1;
}

int relay_tls_session(const struct relay_tls *tls, struct relay_tls_session *out)
{
    const br_ssl_engine_context *engine = &tls->client.eng;
    unsigned state = br_ssl_engine_current_state(engine);

    /* Application data moves only once the handshake is done. */
    if (state == BR_SSL_CLOSED || !(state & (BR_SSL_SENDAPP | BR_SSL_RECVAPP)))
        return -1;
    memset(out, 0, sizeof(*out));
    out->version = br_ssl_engine_get_version(engine);
    out->version_name = tls_version_name((uint16_t)out->version);
    out->suite = engine->session.cipher_suite;
    out->suite_name = cipher_suite_name((uint16_t)out->suite, out->spare);
    out->checker = tls->trust.checker;
    return 0;
}

void relay_tls_failure(const struct relay_tls *tls, struct relay_tls_failure *out)
{
    int error = tls->start_error ? tls->start_error : br_ssl_engine_last_error(&tls->client.eng);

    if (tls->trust.verdict.kind != RELAY_TLS_FAILURE_NONE) {
        *out = tls->trust.verdict;
        return;
    }
    memset(out, 0, sizeof(*out));
    text_format(out->host, sizeof(out->host), "%s", tls->host);
    out->engine_error = error;
    if (tls->random_error) {
        out->kind = RELAY_TLS_FAILURE_NO_RANDOM;
        out->windows_error = tls->random_error;
    } else {
        out->kind = relay_tls_failure_of_engine(error, tls->server_closed, tls->first_bytes, tls->first_size);
    }
}

void relay_tls_end(struct relay_tls *tls)
{
    relay_trust_free(&tls->trust);
}
