/* The few facts of an X.509 certificate that decide whether a Windows can use it: the
 * kind of its public key and the kind of signature its issuer made. Read from DER with a
 * bounded reader; nothing is verified. */
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
};

/* Reads one DER certificate. Returns 0, or -1 when the bytes are not one. */
int certificate_read(const unsigned char *der, size_t size, struct certificate_facts *out);

/* "RSA", "ECDSA", ...: for reports. */
const char *certificate_algorithm_name(enum certificate_algorithm algorithm);

#endif
