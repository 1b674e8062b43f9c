/* Why the relay's own TLS connection to a provider failed: from BearSSL's error code and
 * what the certificate check found, one kind with its details, put into words for the user
 * (English and Japanese) and into a short ASCII phrase for the mail program's error reply.
 * Portable: the Win32 glue (src/win32/relay_tls.c) fills it in. */
#ifndef TLSSWITCH_RELAY_TLS_FAILURE_H
#define TLSSWITCH_RELAY_TLS_FAILURE_H

#include "../text/messages.h"
#include "../text/text.h"
#include "../tls/tlswire.h"   /* the TLS alerts the classification tells apart */

/* BearSSL 0.6's error codes (inc/bearssl_ssl.h, inc/bearssl_x509.h) that the classification
 * needs; src/win32/relay_tls.c checks at compile time that the library has the same ones. */
enum {
    BEARSSL_ERR_UNSUPPORTED_VERSION = 3,   /* the server chose a version outside 1.0-1.2 */
    BEARSSL_ERR_BAD_VERSION = 4,
    BEARSSL_ERR_NO_RANDOM = 8,
    BEARSSL_ERR_BAD_CIPHER_SUITE = 16,     /* the server chose a suite the relay did not offer */
    BEARSSL_ERR_IO = 31,                   /* the transport failed or ended */
    BEARSSL_ERR_X509_LIMIT_EXCEEDED = 50,
    BEARSSL_ERR_X509_EXPIRED = 54,         /* expired or not yet valid */
    BEARSSL_ERR_X509_BAD_SERVER_NAME = 56,
    BEARSSL_ERR_X509_NOT_TRUSTED = 62,
    BEARSSL_ERR_RECV_FATAL_ALERT = 256,    /* + the alert the server sent */
    BEARSSL_ERR_SEND_FATAL_ALERT = 512     /* + the alert BearSSL sent */
};

enum relay_tls_failure_kind {
    RELAY_TLS_FAILURE_NONE,
    RELAY_TLS_FAILURE_NO_RANDOM,         /* CryptGenRandom failed: nothing was sent */
    RELAY_TLS_FAILURE_CERT_NAME,         /* the certificate is for another name */
    RELAY_TLS_FAILURE_CERT_EXPIRED,      /* expired or not yet valid */
    RELAY_TLS_FAILURE_CERT_UNTRUSTED,    /* its root is not among this Windows' trusted roots */
    RELAY_TLS_FAILURE_CERT_REVOKED,
    RELAY_TLS_FAILURE_CERT_OTHER,        /* another chain error, by name and number */
    RELAY_TLS_FAILURE_CERT_UNCHECKED,    /* neither Windows nor BearSSL could check it: refused */
    RELAY_TLS_FAILURE_TLS13_ONLY,        /* the server has nothing older than TLS 1.3 */
    RELAY_TLS_FAILURE_NO_COMMON_SUITE,
    RELAY_TLS_FAILURE_SERVER_CLOSED,     /* the server ended the connection in the handshake */
    RELAY_TLS_FAILURE_SERVER_ALERT,      /* another fatal alert from the server */
    RELAY_TLS_FAILURE_NOT_TLS,           /* the server answered with bytes that are not TLS */
    RELAY_TLS_FAILURE_PLAINTEXT,         /* ... with a plain mail greeting: a STARTTLS port */
    RELAY_TLS_FAILURE_ENGINE             /* another BearSSL error, by number */
};

/* Who checked the certificate chain: Windows' chain engine (certificate_check_list, as
 * /test does), or, where Windows cannot check it (ECDSA on XP and Server 2003), BearSSL's
 * own X.509 validator against the same Windows roots. */
enum relay_tls_checker {
    RELAY_TLS_CHECKER_NONE,
    RELAY_TLS_CHECKER_WINDOWS,
    RELAY_TLS_CHECKER_BEARSSL
};

struct relay_tls_failure {
    enum relay_tls_failure_kind kind;
    enum relay_tls_checker checker;
    int engine_error;                /* BearSSL's code; with CHECKER_BEARSSL its X.509 code */
    unsigned long windows_error;     /* Windows' chain check (CERT_E_...), or CryptGenRandom's error */
    char host[256];                  /* the server's name, as the certificate was checked for it */
    char certificate_name[256];      /* the name the server's certificate is for; may be empty */
    char issuer[256];                /* the root this Windows lacks: the top certificate's issuer */
    char valid_from[16];             /* the server's certificate, "2025-01-01"; may be empty */
    char valid_until[16];
    char today[16];                  /* this PC's date, for a wrong clock */
};

/* The kind for a handshake that ended with BearSSL's `engine_error` (0 with the engine
 * closed: the server closed), when the certificate check did not refuse it.
 * `server_closed`: the transport ended (the peer closed) before the handshake finished.
 * `first`: the first bytes the server sent (up to 8; first_size 0 when none): BearSSL says
 * "unsupported version" for any record it cannot read, so a server that answers in plain
 * text, or not at all in TLS, is told apart by its bytes. */
enum relay_tls_failure_kind relay_tls_failure_of_engine(int engine_error, int server_closed,
                                                        const unsigned char *first, size_t first_size);

/* The kind for Windows' chain check answer (certificate_check: CERT_E_..., CRYPT_E_REVOKED). */
enum relay_tls_failure_kind relay_tls_failure_of_chain(unsigned long windows_error);

/* The kind for BearSSL's X.509 validator's answer (BR_ERR_X509_...). */
enum relay_tls_failure_kind relay_tls_failure_of_x509(int x509_error);

/* "handshake_failure", "protocol_version", ... for a TLS alert number; NULL when unknown. */
const char *tls_alert_name(int alert);

/* The failure in words for the user and the log, with what to do, one line ending in "\n". */
void relay_tls_failure_words(const struct relay_tls_failure *failure, enum language language, struct strbuf *out);

/* A short ASCII English phrase for the mail program's error reply (`-ERR ...`, `* BYE ...`,
 * `421 ...`): "server certificate is for another name", ... */
const char *relay_tls_failure_phrase(enum relay_tls_failure_kind kind);

#endif
