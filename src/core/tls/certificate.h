/* The few facts of an X.509 certificate that decide whether a Windows can use it: the
 * kind of its public key and the kind of signature its issuer made, its dates, and the
 * names it is issued for. Read from DER with a bounded reader; no signature is verified
 * (trust in the root is the chain engine's, in src/win32/certificate_check.c). */
#ifndef TLSSWITCH_CERTIFICATE_H
#define TLSSWITCH_CERTIFICATE_H

#include <stddef.h>
#include <stdint.h>

enum certificate_algorithm {
    CERT_ALGORITHM_UNKNOWN,
    CERT_ALGORITHM_RSA,        /* key rsaEncryption, or a PKCS #1 signature (sha256WithRSAEncryption, ...) */
    CERT_ALGORITHM_RSA_PSS,
    CERT_ALGORITHM_DSA,
    CERT_ALGORITHM_ECDSA,      /* key id-ecPublicKey, or ecdsa-with-SHA256, ... */
    CERT_ALGORITHM_EDDSA
};

struct certificate_facts {
    enum certificate_algorithm key;
    unsigned key_bits;                    /* RSA: the modulus; 0 when not known */
    uint16_t curve;                       /* EC key: the TLS group (0x0017 P-256, 0x0018 P-384, 0x0019 P-521) */
    enum certificate_algorithm signature; /* what the issuer signed it with */
    /* Validity, UTC, as the number YYYYMMDDHHMMSS (20351231000000), so that dates compare
     * as numbers; 0 when the field could not be read. */
    uint64_t not_before, not_after;
};

/* The names a certificate is issued for, and whether one of them is the host's. */
struct certificate_names {
    int matches;         /* 1: the host is one of them (a wildcard counts for one label) */
    int from_subject;    /* no subjectAltName names: the subject's CN was used */
    char text[160];      /* "mail.example.jp, smtp.example.jp", cut with ", ..." when longer */
};

/* The subject alternative names (DNS names and IP addresses; RFC 5280 4.2.1.6), or the
 * subject's common name where there are none, as Windows' SSL policy reads them, matched
 * against `host` (a DNS name in its ASCII form, or an IPv4 or IPv6 literal) as RFC 6125
 * says: without case, a wildcard only as a whole left-most label, over two labels at
 * least. Returns 0, or -1 when the bytes are not a certificate. */
int certificate_names_read(const unsigned char *der, size_t size, const char *host, struct certificate_names *out);

/* A validity number as "2021-01-01". */
void certificate_date_text(uint64_t date, char *out, size_t size);

/* Reads one DER certificate. Returns 0, or -1 when the bytes are not one. */
int certificate_read(const unsigned char *der, size_t size, struct certificate_facts *out);

/* "RSA", "ECDSA", ...: for reports. */
const char *certificate_algorithm_name(enum certificate_algorithm algorithm);

#endif
