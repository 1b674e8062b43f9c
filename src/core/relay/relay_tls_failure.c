/* The relay's TLS failures: classification and words (see relay_tls_failure.h). */
#include "relay_tls_failure.h"
#include "../text/errnames.h"

#include <stddef.h>

#define CERT_E_EXPIRED 0x800B0101ul
#define CERT_E_UNTRUSTEDROOT 0x800B0109ul
#define CERT_E_CHAINING 0x800B010Aul
#define CERT_E_REVOKED 0x800B010Cul
#define CERT_E_CN_NO_MATCH 0x800B010Ful
#define CRYPT_E_REVOKED 0x80092010ul

enum relay_tls_failure_kind relay_tls_failure_of_engine(int engine_error, int server_closed,
                                                        const unsigned char *first, size_t first_size)
{
    if (first_size > 0 && tls_record_check(first, first_size) == RECORD_NOT_TLS)
        return plaintext_banner(first, first_size) != MAIL_NONE ? RELAY_TLS_FAILURE_PLAINTEXT
                                                                 : RELAY_TLS_FAILURE_NOT_TLS;
    if (engine_error >= BEARSSL_ERR_RECV_FATAL_ALERT && engine_error < BEARSSL_ERR_SEND_FATAL_ALERT) {
        switch (engine_error - BEARSSL_ERR_RECV_FATAL_ALERT) {
        case TLS_ALERT_PROTOCOL_VERSION:
            return RELAY_TLS_FAILURE_TLS13_ONLY;
        case TLS_ALERT_HANDSHAKE_FAILURE:
        case TLS_ALERT_INSUFFICIENT_SECURITY:
            return RELAY_TLS_FAILURE_NO_COMMON_SUITE;
        default:
            return RELAY_TLS_FAILURE_SERVER_ALERT;
        }
    }
    switch (engine_error) {
    case 0:
        /* No error, but no session either: the server ended it (close_notify or end of stream). */
        return RELAY_TLS_FAILURE_SERVER_CLOSED;
    case BEARSSL_ERR_UNSUPPORTED_VERSION:
        /* A TLS answer (its bytes passed the check above) with a version outside the 1.0 to
         * 1.2 BearSSL offers: a server that wants 1.3. */
        return RELAY_TLS_FAILURE_TLS13_ONLY;
    case BEARSSL_ERR_BAD_CIPHER_SUITE:
        return RELAY_TLS_FAILURE_NO_COMMON_SUITE;
    case BEARSSL_ERR_IO:
        return server_closed ? RELAY_TLS_FAILURE_SERVER_CLOSED : RELAY_TLS_FAILURE_ENGINE;
    case BEARSSL_ERR_NO_RANDOM:
        return RELAY_TLS_FAILURE_NO_RANDOM;
    default:
        return RELAY_TLS_FAILURE_ENGINE;
    }
}

enum relay_tls_failure_kind relay_tls_failure_of_chain(unsigned long windows_error)
{
    switch (windows_error) {
    case 0:
        return RELAY_TLS_FAILURE_NONE;
    case CERT_E_CN_NO_MATCH:
        return RELAY_TLS_FAILURE_CERT_NAME;
    case CERT_E_EXPIRED:
        return RELAY_TLS_FAILURE_CERT_EXPIRED;
    case CERT_E_UNTRUSTEDROOT:
    case CERT_E_CHAINING:   /* no chain to any root this Windows has */
        return RELAY_TLS_FAILURE_CERT_UNTRUSTED;
    case CERT_E_REVOKED:
    case CRYPT_E_REVOKED:
        return RELAY_TLS_FAILURE_CERT_REVOKED;
    default:
        return RELAY_TLS_FAILURE_CERT_OTHER;
    }
}

enum relay_tls_failure_kind relay_tls_failure_of_x509(int x509_error)
{
    switch (x509_error) {
    case 0:
        return RELAY_TLS_FAILURE_NONE;
    case BEARSSL_ERR_X509_BAD_SERVER_NAME:
        return RELAY_TLS_FAILURE_CERT_NAME;
    case BEARSSL_ERR_X509_EXPIRED:
        return RELAY_TLS_FAILURE_CERT_EXPIRED;
    case BEARSSL_ERR_X509_NOT_TRUSTED:
        return RELAY_TLS_FAILURE_CERT_UNTRUSTED;
    default:
        return RELAY_TLS_FAILURE_CERT_OTHER;
    }
}

const char *tls_alert_name(int alert)
{
    static const struct {
        unsigned char number;
        const char *name;
    } alerts[] = {
        { 0, "close_notify" }, { 10, "unexpected_message" }, { 20, "bad_record_mac" },
        { 21, "decryption_failed" }, { 22, "record_overflow" }, { 30, "decompression_failure" },
        { 40, "handshake_failure" }, { 42, "bad_certificate" }, { 43, "unsupported_certificate" },
        { 44, "certificate_revoked" }, { 45, "certificate_expired" }, { 46, "certificate_unknown" },
        { 47, "illegal_parameter" }, { 48, "unknown_ca" }, { 49, "access_denied" }, { 50, "decode_error" },
        { 51, "decrypt_error" }, { 70, "protocol_version" }, { 71, "insufficient_security" },
        { 80, "internal_error" }, { 86, "inappropriate_fallback" }, { 90, "user_canceled" },
        { 100, "no_renegotiation" }, { 109, "missing_extension" }, { 110, "unsupported_extension" },
        { 112, "unrecognized_name" }, { 116, "certificate_required" }, { 120, "no_application_protocol" },
    };
    size_t i;
    for (i = 0; i < sizeof(alerts) / sizeof(alerts[0]); i++)
        if (alerts[i].number == alert)
            return alerts[i].name;
    return NULL;
}

/* "handshake_failure (40)", or the number alone. */
static void alert_text(int alert, char *out, size_t size)
{
    const char *name = tls_alert_name(alert);
    if (name)
        text_format(out, size, "%s (%d)", name, alert);
    else
        text_format(out, size, "%d", alert);
}

/* What BearSSL said, for a reader who looks it up: "alert handshake_failure (40) from the
 * server", "alert decode_error (50) sent", "BearSSL error 27". */
static void engine_text(int engine_error, char *out, size_t size)
{
    char alert[48];
    if (engine_error >= BEARSSL_ERR_SEND_FATAL_ALERT) {
        alert_text(engine_error - BEARSSL_ERR_SEND_FATAL_ALERT, alert, sizeof(alert));
        text_format(out, size, "alert %s sent", alert);
    } else if (engine_error >= BEARSSL_ERR_RECV_FATAL_ALERT) {
        alert_text(engine_error - BEARSSL_ERR_RECV_FATAL_ALERT, alert, sizeof(alert));
        text_format(out, size, "alert %s from the server", alert);
    } else {
        text_format(out, size, "BearSSL error %d", engine_error);
    }
}

/* The check's own code: "CERT_E_WRONG_USAGE (0x800B0110)" from Windows (its chain check, or
 * the root store that could not be read), "BearSSL X.509 error 52" from BearSSL. */
static void chain_text(const struct relay_tls_failure *failure, char *out, size_t size)
{
    if (failure->checker == RELAY_TLS_CHECKER_WINDOWS || failure->windows_error != 0)
        windows_error_code(failure->windows_error, out, size);
    else
        text_format(out, size, "BearSSL X.509 error %d", failure->engine_error);
}

static const char *or_unknown(const char *text)
{
    return text[0] ? text : "?";
}

void relay_tls_failure_words(const struct relay_tls_failure *failure, enum language language, struct strbuf *out)
{
    char detail[96];
    const char *host = or_unknown(failure->host);

    switch (failure->kind) {
    case RELAY_TLS_FAILURE_NONE:
        return;
    case RELAY_TLS_FAILURE_NO_RANDOM:
        windows_error_code(failure->windows_error, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_NO_RANDOM), host, detail);
        return;
    case RELAY_TLS_FAILURE_CERT_NAME:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_NAME), host,
                      or_unknown(failure->certificate_name));
        break;
    case RELAY_TLS_FAILURE_CERT_EXPIRED:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_EXPIRED), host, or_unknown(failure->valid_from),
                      or_unknown(failure->valid_until), or_unknown(failure->today));
        break;
    case RELAY_TLS_FAILURE_CERT_UNTRUSTED:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_UNTRUSTED), host, or_unknown(failure->issuer));
        break;
    case RELAY_TLS_FAILURE_CERT_REVOKED:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_REVOKED), host);
        break;
    case RELAY_TLS_FAILURE_CERT_OTHER:
        chain_text(failure, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_OTHER), host, detail);
        break;
    case RELAY_TLS_FAILURE_CERT_UNCHECKED:
        chain_text(failure, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_CERT_UNCHECKED), host, detail);
        return;
    case RELAY_TLS_FAILURE_TLS13_ONLY:
        engine_text(failure->engine_error, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_TLS13_ONLY), host, detail);
        return;
    case RELAY_TLS_FAILURE_NO_COMMON_SUITE:
        engine_text(failure->engine_error, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_NO_COMMON_SUITE), host, detail);
        return;
    case RELAY_TLS_FAILURE_SERVER_CLOSED:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_SERVER_CLOSED), host);
        return;
    case RELAY_TLS_FAILURE_SERVER_ALERT:
        alert_text(failure->engine_error - BEARSSL_ERR_RECV_FATAL_ALERT, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_SERVER_ALERT), host, detail);
        return;
    case RELAY_TLS_FAILURE_NOT_TLS:
        engine_text(failure->engine_error, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_NOT_TLS), host, detail);
        return;
    case RELAY_TLS_FAILURE_PLAINTEXT:
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_PLAINTEXT), host);
        return;
    case RELAY_TLS_FAILURE_ENGINE:
        engine_text(failure->engine_error, detail, sizeof(detail));
        strbuf_printf(out, message_text(language, MSG_RELAY_TLS_ENGINE), host, detail);
        return;
    }
    /* A certificate refused by BearSSL's check: say why it was not Windows'. */
    if (failure->checker == RELAY_TLS_CHECKER_BEARSSL)
        strbuf_append(out, message_text(language, MSG_RELAY_TLS_CHECKED_BY_BEARSSL));
}

const char *relay_tls_failure_phrase(enum relay_tls_failure_kind kind)
{
    switch (kind) {
    case RELAY_TLS_FAILURE_NO_RANDOM:
        return "no random numbers from Windows";
    case RELAY_TLS_FAILURE_CERT_NAME:
        return "server certificate is for another name";
    case RELAY_TLS_FAILURE_CERT_EXPIRED:
        return "server certificate expired or not yet valid";
    case RELAY_TLS_FAILURE_CERT_UNTRUSTED:
        return "server certificate not trusted, its root is missing on this PC";
    case RELAY_TLS_FAILURE_CERT_REVOKED:
        return "server certificate revoked";
    case RELAY_TLS_FAILURE_CERT_OTHER:
        return "server certificate check failed";
    case RELAY_TLS_FAILURE_CERT_UNCHECKED:
        return "server certificate could not be checked";
    case RELAY_TLS_FAILURE_TLS13_ONLY:
        return "server accepts only TLS 1.3";
    case RELAY_TLS_FAILURE_NO_COMMON_SUITE:
        return "no cipher suite in common with the server";
    case RELAY_TLS_FAILURE_SERVER_CLOSED:
        return "server closed the connection in the TLS handshake";
    case RELAY_TLS_FAILURE_SERVER_ALERT:
        return "server refused the TLS handshake";
    case RELAY_TLS_FAILURE_NOT_TLS:
        return "server did not answer with TLS";
    case RELAY_TLS_FAILURE_PLAINTEXT:
        return "server port starts without TLS (STARTTLS), not SSL";
    case RELAY_TLS_FAILURE_NONE:
    case RELAY_TLS_FAILURE_ENGINE:
        break;
    }
    return "TLS connection to the server failed";
}
