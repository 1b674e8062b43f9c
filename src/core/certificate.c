/* A minimal DER walk through Certificate and TBSCertificate (RFC 5280 4.1). */
#include "certificate.h"

#include <string.h>

struct der {
    const unsigned char *data;
    size_t size;
};

/* Takes the next element of `in`: its tag and contents. Returns 0, or -1. */
static int der_next(struct der *in, unsigned *tag, struct der *contents)
{
    size_t length, at = 2;
    if (in->size < 2)
        return -1;
    *tag = in->data[0];
    length = in->data[1];
    if ((*tag & 0x1f) == 0x1f)
        return -1;   /* high tag numbers: not in a certificate's outer structure */
    if (length & 0x80) {
        size_t bytes = length & 0x7f, i;
        if (bytes == 0 || bytes > 3 || in->size < 2 + bytes)
            return -1;
        length = 0;
        for (i = 0; i < bytes; i++)
            length = (length << 8) | in->data[2 + i];
        at += bytes;
    }
    if (length > in->size - at)
        return -1;
    contents->data = in->data + at;
    contents->size = length;
    in->data += at + length;
    in->size -= at + length;
    return 0;
}

static int der_expect(struct der *in, unsigned tag, struct der *contents)
{
    unsigned seen;
    return der_next(in, &seen, contents) == 0 && seen == tag ? 0 : -1;
}

enum { DER_INTEGER = 0x02, DER_BIT_STRING = 0x03, DER_OID = 0x06, DER_SEQUENCE = 0x30, DER_VERSION = 0xa0 };

static const struct {
    unsigned char length;
    unsigned char oid[9];
    enum certificate_algorithm algorithm;
} algorithms[] = {
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 }, CERT_ALGORITHM_RSA },     /* rsaEncryption */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04 }, CERT_ALGORITHM_RSA },     /* md5WithRSA */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05 }, CERT_ALGORITHM_RSA },     /* sha1WithRSA */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b }, CERT_ALGORITHM_RSA },     /* sha256WithRSA */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c }, CERT_ALGORITHM_RSA },     /* sha384WithRSA */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d }, CERT_ALGORITHM_RSA },     /* sha512WithRSA */
    { 9, { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a }, CERT_ALGORITHM_RSA_PSS }, /* RSASSA-PSS */
    { 7, { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01 }, CERT_ALGORITHM_DSA },                 /* dsa */
    { 7, { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03 }, CERT_ALGORITHM_DSA },                 /* dsa-with-sha1 */
    { 9, { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x02 }, CERT_ALGORITHM_DSA },     /* dsa-with-sha256 */
    { 7, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 }, CERT_ALGORITHM_ECDSA },               /* id-ecPublicKey */
    { 7, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01 }, CERT_ALGORITHM_ECDSA },               /* ecdsa-with-SHA1 */
    { 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 }, CERT_ALGORITHM_ECDSA },         /* ecdsa-with-SHA256 */
    { 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 }, CERT_ALGORITHM_ECDSA },         /* ecdsa-with-SHA384 */
    { 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 }, CERT_ALGORITHM_ECDSA },         /* ecdsa-with-SHA512 */
    { 3, { 0x2b, 0x65, 0x70 }, CERT_ALGORITHM_EDDSA },                                       /* Ed25519 */
    { 3, { 0x2b, 0x65, 0x71 }, CERT_ALGORITHM_EDDSA },                                       /* Ed448 */
};

static const struct {
    unsigned char length;
    unsigned char oid[8];
    uint16_t group;
} curves[] = {
    { 8, { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 }, 0x0017 },   /* prime256v1 */
    { 5, { 0x2b, 0x81, 0x04, 0x00, 0x22 }, 0x0018 },                     /* secp384r1 */
    { 5, { 0x2b, 0x81, 0x04, 0x00, 0x23 }, 0x0019 },                     /* secp521r1 */
};

/* An AlgorithmIdentifier: its algorithm, and for an EC key the curve of its parameters. */
static int read_algorithm(struct der *in, enum certificate_algorithm *algorithm, uint16_t *curve)
{
    struct der identifier, oid, parameters;
    unsigned tag;
    size_t i;
    if (der_expect(in, DER_SEQUENCE, &identifier) != 0 || der_expect(&identifier, DER_OID, &oid) != 0)
        return -1;
    *algorithm = CERT_ALGORITHM_UNKNOWN;
    for (i = 0; i < sizeof(algorithms) / sizeof(algorithms[0]); i++)
        if (oid.size == algorithms[i].length && memcmp(oid.data, algorithms[i].oid, oid.size) == 0)
            *algorithm = algorithms[i].algorithm;
    if (curve && identifier.size > 0 && der_next(&identifier, &tag, &parameters) == 0 && tag == DER_OID)
        for (i = 0; i < sizeof(curves) / sizeof(curves[0]); i++)
            if (parameters.size == curves[i].length && memcmp(parameters.data, curves[i].oid, parameters.size) == 0)
                *curve = curves[i].group;
    return 0;
}

/* The modulus size of an RSAPublicKey inside the subjectPublicKey BIT STRING. */
static unsigned rsa_bits(struct der key)
{
    struct der sequence, modulus;
    unsigned bits;
    size_t i = 0;
    if (key.size < 1 || key.data[0] != 0)
        return 0;   /* the BIT STRING's unused-bits count */
    key.data++;
    key.size--;
    if (der_expect(&key, DER_SEQUENCE, &sequence) != 0 || der_expect(&sequence, DER_INTEGER, &modulus) != 0)
        return 0;
    while (i < modulus.size && modulus.data[i] == 0)
        i++;
    if (i == modulus.size)
        return 0;
    bits = (unsigned)(modulus.size - i - 1) * 8;
    for (unsigned top = modulus.data[i]; top; top >>= 1)
        bits++;
    return bits;
}

int certificate_read(const unsigned char *data, size_t size, struct certificate_facts *out)
{
    struct der all = { data, size }, certificate, tbs, skip, key_info, key;
    unsigned tag;
    int i;

    memset(out, 0, sizeof(*out));
    if (der_expect(&all, DER_SEQUENCE, &certificate) != 0 || der_expect(&certificate, DER_SEQUENCE, &tbs) != 0)
        return -1;
    /* [0] version (optional), serialNumber, signature, issuer, validity, subject */
    if (tbs.size > 0 && tbs.data[0] == DER_VERSION && der_next(&tbs, &tag, &skip) != 0)
        return -1;
    for (i = 0; i < 5; i++)
        if (der_next(&tbs, &tag, &skip) != 0)
            return -1;
    if (der_expect(&tbs, DER_SEQUENCE, &key_info) != 0 || read_algorithm(&key_info, &out->key, &out->curve) != 0 ||
        der_expect(&key_info, DER_BIT_STRING, &key) != 0)
        return -1;
    if (out->key == CERT_ALGORITHM_RSA)
        out->key_bits = rsa_bits(key);
    /* After TBSCertificate: signatureAlgorithm. */
    return read_algorithm(&certificate, &out->signature, NULL);
}

const char *certificate_algorithm_name(enum certificate_algorithm algorithm)
{
    static const char *const names[] = { "?", "RSA", "RSA-PSS", "DSA", "ECDSA", "EdDSA" };
    return (unsigned)algorithm < sizeof(names) / sizeof(names[0]) ? names[algorithm] : "?";
}
