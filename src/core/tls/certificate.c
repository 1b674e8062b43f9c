/* A minimal DER walk through Certificate and TBSCertificate (RFC 5280 4.1). */
#include "certificate.h"
#include "../text/text.h"

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

enum {
    DER_BOOLEAN = 0x01, DER_INTEGER = 0x02, DER_BIT_STRING = 0x03, DER_OCTET_STRING = 0x04, DER_OID = 0x06,
    DER_UTF8_STRING = 0x0c, DER_PRINTABLE_STRING = 0x13, DER_T61_STRING = 0x14, DER_IA5_STRING = 0x16,
    DER_UTC_TIME = 0x17, DER_GENERALIZED_TIME = 0x18, DER_BMP_STRING = 0x1e, DER_SEQUENCE = 0x30, DER_SET = 0x31,
    DER_VERSION = 0xa0, DER_EXTENSIONS = 0xa3,
    NAME_DNS = 0x82, NAME_IP = 0x87   /* GeneralName [2] dNSName and [7] iPAddress, IMPLICIT */
};

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

/* The fields of TBSCertificate this file reads. */
struct tbs_fields {
    struct der validity, subject, key_info, extensions;   /* extensions: empty when absent */
};

/* Splits a Certificate into its TBSCertificate's fields and what follows the TBS
 * (signatureAlgorithm, signature). Returns 0, or -1. */
static int read_tbs(const unsigned char *data, size_t size, struct tbs_fields *fields, struct der *after_tbs)
{
    struct der all = { data, size }, certificate, tbs, skip;
    unsigned tag;
    int i;
    memset(fields, 0, sizeof(*fields));
    if (der_expect(&all, DER_SEQUENCE, &certificate) != 0 || der_expect(&certificate, DER_SEQUENCE, &tbs) != 0)
        return -1;
    /* [0] version (optional), serialNumber, signature, issuer, validity, subject */
    if (tbs.size > 0 && tbs.data[0] == DER_VERSION && der_next(&tbs, &tag, &skip) != 0)
        return -1;
    for (i = 0; i < 3; i++)
        if (der_next(&tbs, &tag, &skip) != 0)
            return -1;
    if (der_expect(&tbs, DER_SEQUENCE, &fields->validity) != 0 || der_expect(&tbs, DER_SEQUENCE, &fields->subject) != 0 ||
        der_expect(&tbs, DER_SEQUENCE, &fields->key_info) != 0)
        return -1;
    /* [1] issuerUniqueID, [2] subjectUniqueID (optional), then [3] extensions; a broken
     * one leaves the certificate without extensions, as if it had none. */
    while (tbs.size > 0 && der_next(&tbs, &tag, &skip) == 0)
        if (tag == DER_EXTENSIONS && der_expect(&skip, DER_SEQUENCE, &fields->extensions) != 0)
            memset(&fields->extensions, 0, sizeof(fields->extensions));
    *after_tbs = certificate;
    return 0;
}

/* The digits of a time field, `count` of them from `at`; -1 when one is not a digit. */
static long time_digits(const struct der *time, size_t at, size_t count)
{
    long value = 0;
    size_t i;
    for (i = 0; i < count; i++) {
        unsigned char c = time->data[at + i];
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

/* UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 4.1.2.5
 * allows them: YYYYMMDDHHMMSS, or 0 when it is neither. */
static uint64_t read_time(struct der *validity)
{
    struct der time;
    unsigned tag;
    size_t year_digits;
    long year, month, day, hour, minute, second;
    if (der_next(validity, &tag, &time) != 0)
        return 0;
    year_digits = tag == DER_UTC_TIME ? 2 : tag == DER_GENERALIZED_TIME ? 4 : 0;
    if (year_digits == 0 || time.size != year_digits + 11 || time.data[time.size - 1] != 'Z')
        return 0;
    year = time_digits(&time, 0, year_digits);
    month = time_digits(&time, year_digits, 2);
    day = time_digits(&time, year_digits + 2, 2);
    hour = time_digits(&time, year_digits + 4, 2);
    minute = time_digits(&time, year_digits + 6, 2);
    second = time_digits(&time, year_digits + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60)
        return 0;
    if (year_digits == 2)
        year += year < 50 ? 2000 : 1900;
    return (uint64_t)year * 10000000000ull + (uint64_t)month * 100000000ull + (uint64_t)day * 1000000ull +
           (uint64_t)hour * 10000ull + (uint64_t)minute * 100ull + (uint64_t)second;
}

int certificate_read(const unsigned char *data, size_t size, struct certificate_facts *out)
{
    struct tbs_fields fields;
    struct der after_tbs, key;

    memset(out, 0, sizeof(*out));
    if (read_tbs(data, size, &fields, &after_tbs) != 0)
        return -1;
    if (read_algorithm(&fields.key_info, &out->key, &out->curve) != 0 ||
        der_expect(&fields.key_info, DER_BIT_STRING, &key) != 0)
        return -1;
    if (out->key == CERT_ALGORITHM_RSA)
        out->key_bits = rsa_bits(key);
    out->not_before = read_time(&fields.validity);
    out->not_after = read_time(&fields.validity);
    /* After TBSCertificate: signatureAlgorithm. */
    return read_algorithm(&after_tbs, &out->signature, NULL);
}

void certificate_date_text(uint64_t date, char *out, size_t size)
{
    unsigned long days = (unsigned long)(date / 1000000ull);
    if (date == 0) {
        text_format(out, size, "?");
        return;
    }
    text_format(out, size, "%04lu-%02lu-%02lu", days / 10000, days / 100 % 100, days % 100);
}

/* --- the names a certificate is for --------------------------------------------------- */

/* A dotted IPv4 address (four decimal numbers up to 255). Returns 0, or -1. */
static int ipv4_parse(const char *text, size_t length, unsigned char out[4])
{
    size_t at = 0;
    int part;
    for (part = 0; part < 4; part++) {
        unsigned value = 0, digits = 0;
        while (at < length && text[at] >= '0' && text[at] <= '9' && digits < 4) {
            value = value * 10 + (unsigned)(text[at++] - '0');
            digits++;
        }
        if (digits == 0 || digits > 3 || value > 255)
            return -1;
        out[part] = (unsigned char)value;
        if (part < 3 && (at >= length || text[at++] != '.'))
            return -1;
    }
    return at == length ? 0 : -1;
}

/* An IPv6 address as RFC 4291 2.2 writes it: groups of up to four hex digits, one "::"
 * for a run of zero groups, and an IPv4 address as the last 32 bits. Returns 0, or -1. */
static int ipv6_parse(const char *text, unsigned char out[16])
{
    unsigned char groups[16];
    size_t length = strlen(text), at = 0;
    int count = 0, gap = -1, i;
    if (length >= 2 && text[0] == ':' && text[1] == ':') {
        gap = 0;
        at = 2;
    } else if (length == 0 || text[0] == ':') {
        return -1;
    }
    while (at < length) {
        unsigned value = 0;
        size_t digits = 0;
        const char *dot = memchr(text + at, '.', length - at);
        if (dot && !memchr(text + at, ':', length - at)) {
            /* The last 32 bits as a dotted IPv4 address. */
            if (count > 6 || ipv4_parse(text + at, length - at, groups + 2 * count) != 0)
                return -1;
            count += 2;
            at = length;
            break;
        }
        while (at < length && digits < 5 && text_hex_digit(text[at]) >= 0) {
            value = value * 16 + (unsigned)text_hex_digit(text[at++]);
            digits++;
        }
        if (digits == 0 || digits > 4 || count == 8)
            return -1;
        groups[2 * count] = (unsigned char)(value >> 8);
        groups[2 * count + 1] = (unsigned char)value;
        count++;
        if (at == length)
            break;
        if (text[at++] != ':')
            return -1;
        if (at < length && text[at] == ':') {
            if (gap >= 0)
                return -1;
            gap = count;
            at++;
        } else if (at == length) {
            return -1;   /* a single ':' at the end */
        }
    }
    if ((gap < 0 && count != 8) || (gap >= 0 && count > 7))
        return -1;
    memset(out, 0, 16);
    if (gap < 0) {
        memcpy(out, groups, 16);
        return 0;
    }
    memcpy(out, groups, (size_t)gap * 2);
    for (i = gap; i < count; i++) {
        out[16 - 2 * (count - i)] = groups[2 * i];
        out[16 - 2 * (count - i) + 1] = groups[2 * i + 1];
    }
    return 0;
}

/* A name from the certificate compared with the host: both without a trailing dot, ASCII
 * without case; "*.example.jp" stands for one whole label in front of two or more. */
static int dns_name_matches(const unsigned char *name, size_t length, const char *host)
{
    size_t host_length = strlen(host), i;
    const char *rest;
    if (host_length > 0 && host[host_length - 1] == '.')
        host_length--;
    if (length > 0 && name[length - 1] == '.')
        length--;
    for (i = 0; i < length; i++)
        if (name[i] <= ' ' || name[i] >= 0x7f)
            return 0;
    if (length >= 2 && name[0] == '*' && name[1] == '.') {
        const unsigned char *dot = memchr(name + 2, '.', length - 2);
        if (!dot || dot == name + 2 || dot == name + length - 1)
            return 0;   /* "*.jp", "*..jp", "*.jp.": not two labels after the wildcard */
        rest = memchr(host, '.', host_length);
        if (!rest || rest == host)
            return 0;
        rest++;
        return (size_t)(host + host_length - rest) == length - 2 &&
               text_equal_nocase_n(rest, (const char *)name + 2, length - 2);
    }
    return length == host_length && length > 0 && text_equal_nocase_n(host, (const char *)name, length);
}

/* Appends one name to the list shown to the user while it fits, else ", ..." once;
 * control and non-ASCII bytes become '?', since the names come from the server. */
static void add_name_text(struct certificate_names *out, const char *name, size_t length)
{
    static const char more[] = ", ...";
    size_t used = strlen(out->text), room = sizeof(out->text) - sizeof(more), i;
    int cut = 0;
    if (used >= sizeof(more) - 1 && strcmp(out->text + used - (sizeof(more) - 1), more) == 0)
        return;   /* already cut */
    if (used == 0 && length > room) {
        length = room;   /* one name longer than the list: its start, then ", ..." */
        cut = 1;
    } else if (used + (used ? 2 : 0) + length > room) {
        memcpy(out->text + used, more, sizeof(more));
        return;
    }
    if (used) {
        memcpy(out->text + used, ", ", 2);
        used += 2;
    }
    for (i = 0; i < length; i++) {
        unsigned char c = (unsigned char)name[i];
        out->text[used++] = c <= ' ' || c >= 0x7f ? '?' : (char)c;
    }
    out->text[used] = '\0';
    if (cut)
        memcpy(out->text + used, more, sizeof(more));
}

static void add_address_text(struct certificate_names *out, const unsigned char *address, size_t size)
{
    char text[48];
    size_t i, length = 0;
    if (size == 4) {
        text_format(text, sizeof(text), "%u.%u.%u.%u", address[0], address[1], address[2], address[3]);
    } else {
        for (i = 0; i < 16; i += 2)
            length += (size_t)text_format(text + length, sizeof(text) - length, "%s%x", i ? ":" : "",
                                          (unsigned)(address[i] << 8 | address[i + 1]));
    }
    add_name_text(out, text, strlen(text));
}

/* The subjectAltName extension's GeneralNames, or an empty one. */
static struct der alternative_names(struct der extensions)
{
    static const unsigned char san[] = { 0x55, 0x1d, 0x11 };   /* 2.5.29.17 */
    struct der none = { NULL, 0 };
    while (extensions.size > 0) {
        struct der extension, oid, value, names;
        unsigned tag;
        if (der_expect(&extensions, DER_SEQUENCE, &extension) != 0 || der_expect(&extension, DER_OID, &oid) != 0)
            return none;
        if (oid.size != sizeof(san) || memcmp(oid.data, san, sizeof(san)) != 0)
            continue;
        if (der_next(&extension, &tag, &value) != 0)
            return none;
        if (tag == DER_BOOLEAN && der_next(&extension, &tag, &value) != 0)   /* critical */
            return none;
        if (tag != DER_OCTET_STRING || der_expect(&value, DER_SEQUENCE, &names) != 0)
            return none;
        return names;
    }
    return none;
}

/* The subject's last common name (2.5.4.3): the most specific one. Its text, ASCII only,
 * into `out`; 0 when there is one, else -1. */
static int common_name(struct der subject, char *out, size_t size)
{
    static const unsigned char cn[] = { 0x55, 0x04, 0x03 };
    int found = -1;
    while (subject.size > 0) {
        struct der set, attribute, oid, value;
        unsigned tag;
        if (der_expect(&subject, DER_SET, &set) != 0)
            return found;
        while (set.size > 0) {
            size_t i, length = 0;
            if (der_expect(&set, DER_SEQUENCE, &attribute) != 0 || der_expect(&attribute, DER_OID, &oid) != 0 ||
                der_next(&attribute, &tag, &value) != 0)
                return found;
            if (oid.size != sizeof(cn) || memcmp(oid.data, cn, sizeof(cn)) != 0)
                continue;
            if (tag == DER_BMP_STRING) {
                /* UCS-2, big-endian: ASCII keeps its letters, the rest becomes '?'. */
                for (i = 0; i + 1 < value.size && length + 1 < size; i += 2)
                    out[length++] = value.data[i] == 0 && value.data[i + 1] < 0x80 ? (char)value.data[i + 1] : '?';
            } else if (tag == DER_UTF8_STRING || tag == DER_PRINTABLE_STRING || tag == DER_IA5_STRING ||
                       tag == DER_T61_STRING) {
                for (i = 0; i < value.size && length + 1 < size; i++)
                    out[length++] = (char)value.data[i];
            } else {
                continue;
            }
            out[length] = '\0';
            found = 0;
        }
    }
    return found;
}

int certificate_names_read(const unsigned char *der, size_t size, const char *host, struct certificate_names *out)
{
    struct tbs_fields fields;
    struct der after_tbs, names;
    unsigned char address[16];
    size_t address_size = 0;
    int any = 0;

    memset(out, 0, sizeof(*out));
    if (read_tbs(der, size, &fields, &after_tbs) != 0)
        return -1;
    if (ipv4_parse(host, strlen(host), address) == 0)
        address_size = 4;
    else if (strchr(host, ':') && ipv6_parse(host, address) == 0)
        address_size = 16;
    names = alternative_names(fields.extensions);
    while (names.size > 0) {
        struct der name;
        unsigned tag;
        if (der_next(&names, &tag, &name) != 0)
            break;
        if (tag == NAME_DNS) {
            any = 1;
            add_name_text(out, (const char *)name.data, name.size);
            if (address_size == 0 && dns_name_matches(name.data, name.size, host))
                out->matches = 1;
        } else if (tag == NAME_IP && (name.size == 4 || name.size == 16)) {
            any = 1;
            add_address_text(out, name.data, name.size);
            if (name.size == address_size && memcmp(name.data, address, address_size) == 0)
                out->matches = 1;
        }
    }
    if (!any) {
        /* No names of its own: the subject's common name, as Windows' SSL policy falls back to. */
        char cn[128];
        out->from_subject = 1;
        if (common_name(fields.subject, cn, sizeof(cn)) == 0) {
            add_name_text(out, cn, strlen(cn));
            out->matches = dns_name_matches((const unsigned char *)cn, strlen(cn), host);
        }
    }
    return 0;
}

const char *certificate_algorithm_name(enum certificate_algorithm algorithm)
{
    static const char *const names[] = { "?", "RSA", "RSA-PSS", "DSA", "ECDSA", "EdDSA" };
    return (unsigned)algorithm < sizeof(names) / sizeof(names[0]) ? names[algorithm] : "?";
}
