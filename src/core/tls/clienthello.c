/* ClientHello parsing and building (RFC 5246 7.4.1.2, RFC 8446 4.1.2 and 4.2). */
#include "clienthello.h"
#include "span.h"

#include <string.h>

enum {
    RECORD_HANDSHAKE = 0x16,
    HANDSHAKE_CLIENT_HELLO = 0x01,
    SSL2_MSG_CLIENT_HELLO = 0x01
};

enum {
    EXT_SERVER_NAME = 0x0000,
    EXT_STATUS_REQUEST = 0x0005,
    EXT_SUPPORTED_GROUPS = 0x000a,
    EXT_EC_POINT_FORMATS = 0x000b,
    EXT_SIGNATURE_ALGORITHMS = 0x000d,
    EXT_EXTENDED_MASTER_SECRET = 0x0017,
    EXT_SESSION_TICKET = 0x0023,
    EXT_SUPPORTED_VERSIONS = 0x002b,
    EXT_PSK_KEY_EXCHANGE_MODES = 0x002d,
    EXT_KEY_SHARE = 0x0033,
    EXT_RENEGOTIATION_INFO = 0xff01
};

int clienthello_version(const unsigned char *data, size_t size, uint16_t *version)
{
    if (!data || size < 5)
        return -1;
    if (data[0] == RECORD_HANDSHAKE) {
        size_t record_length = ((size_t)data[3] << 8) | data[4];
        /* record header (5) + handshake type (1) + length (3) + client_version (2) */
        if (data[1] != 0x03 || size < 11 || record_length < 6 || data[5] != HANDSHAKE_CLIENT_HELLO)
            return -1;
        *version = (uint16_t)((data[9] << 8) | data[10]);
        return 0;
    }
    if (data[0] & 0x80) {
        /* SSL 2.0 record: two-byte length with the top bit set, then message type and version. */
        size_t record_length = ((size_t)(data[0] & 0x7f) << 8) | data[1];
        if (record_length < 3 || data[2] != SSL2_MSG_CLIENT_HELLO)
            return -1;
        *version = (uint16_t)((data[3] << 8) | data[4]);
        return 0;
    }
    return -1;
}

int hello_offers_suite(const struct hello_spec *spec, uint16_t suite)
{
    size_t i;
    for (i = 0; i < spec->suite_count; i++)
        if (spec->suites[i] == suite)
            return 1;
    return 0;
}

/* --- building ------------------------------------------------------------------------- */

/* A writer that stops at the end of its buffer and remembers that it did. */
struct writer {
    unsigned char *out;
    size_t size, length;
    int full;
};

static void put(struct writer *w, const void *data, size_t n)
{
    if (w->full || n > w->size - w->length) {
        w->full = 1;
        return;
    }
    memcpy(w->out + w->length, data, n);
    w->length += n;
}

static void put8(struct writer *w, unsigned value)
{
    unsigned char byte = (unsigned char)value;
    put(w, &byte, 1);
}

static void put16(struct writer *w, unsigned value)
{
    put8(w, value >> 8);
    put8(w, value & 0xff);
}

/* Writes a placeholder for a length of `bytes` bytes; returns where it is. */
static size_t open_length(struct writer *w, int bytes)
{
    size_t at = w->length;
    while (bytes-- > 0)
        put8(w, 0);
    return at;
}

/* Fills in the length of everything written since the placeholder at `at`. */
static void close_length(struct writer *w, size_t at, int bytes)
{
    size_t length = w->length - at - (size_t)bytes;
    int i;
    if (w->full)
        return;
    for (i = bytes - 1; i >= 0; i--) {
        w->out[at + (size_t)i] = (unsigned char)(length & 0xff);
        length >>= 8;
    }
}

static void put_list16(struct writer *w, const uint16_t *values, size_t count, int length_bytes)
{
    size_t at = open_length(w, length_bytes), i;
    for (i = 0; i < count; i++)
        put16(w, values[i]);
    close_length(w, at, length_bytes);
}

/* An IP literal gets no server_name (RFC 6066 3). */
static int is_dns_name(const char *host)
{
    size_t i;
    int letters = 0;
    for (i = 0; host[i]; i++) {
        if (host[i] == ':')
            return 0;
        if (!(host[i] >= '0' && host[i] <= '9') && host[i] != '.')
            letters = 1;
    }
    return letters && i > 0 && i < 256;
}

static void put_extensions(struct writer *w, const struct hello_spec *spec, const char *host)
{
    static const unsigned char status_request[] = { 1, 0, 0, 0, 0 };   /* OCSP, no ids, no extensions */
    size_t at, inner;
    if ((spec->extensions & HELLO_SNI) && host && is_dns_name(host)) {
        size_t length = strlen(host);
        put16(w, EXT_SERVER_NAME);
        at = open_length(w, 2);
        inner = open_length(w, 2);
        put8(w, 0);   /* host_name */
        put16(w, (unsigned)length);
        put(w, host, length);
        close_length(w, inner, 2);
        close_length(w, at, 2);
    }
    if (spec->extensions & HELLO_STATUS_REQUEST) {
        put16(w, EXT_STATUS_REQUEST);
        put16(w, sizeof(status_request));
        put(w, status_request, sizeof(status_request));
    }
    if (spec->group_count > 0) {
        put16(w, EXT_SUPPORTED_GROUPS);
        at = open_length(w, 2);
        put_list16(w, spec->groups, spec->group_count, 2);
        close_length(w, at, 2);
        put16(w, EXT_EC_POINT_FORMATS);
        put16(w, 2);
        put8(w, 1);
        put8(w, 0);   /* uncompressed */
    }
    if (spec->sigalg_count > 0 && (spec->client_version >= 0x0303 || spec->offers_tls13)) {
        put16(w, EXT_SIGNATURE_ALGORITHMS);
        at = open_length(w, 2);
        put_list16(w, spec->sigalgs, spec->sigalg_count, 2);
        close_length(w, at, 2);
    }
    if (spec->extensions & HELLO_SESSION_TICKET) {
        put16(w, EXT_SESSION_TICKET);
        put16(w, 0);
    }
    if (spec->offers_tls13) {
        static const uint16_t versions[] = { 0x0304, 0x0303 };
        put16(w, EXT_SUPPORTED_VERSIONS);
        at = open_length(w, 2);
        inner = open_length(w, 1);
        put16(w, versions[0]);
        put16(w, versions[1]);
        close_length(w, inner, 1);
        close_length(w, at, 2);
        put16(w, EXT_PSK_KEY_EXCHANGE_MODES);
        put16(w, 2);
        put8(w, 1);
        put8(w, 1);   /* psk_dhe_ke */
        put16(w, EXT_KEY_SHARE);
        put16(w, 2);
        put16(w, 0);  /* no shares: the server says which group it wants */
    }
    if (spec->extensions & HELLO_EXTENDED_MASTER_SECRET) {
        put16(w, EXT_EXTENDED_MASTER_SECRET);
        put16(w, 0);
    }
    if (spec->extensions & HELLO_RENEGOTIATION_INFO) {
        put16(w, EXT_RENEGOTIATION_INFO);
        put16(w, 1);
        put8(w, 0);
    }
}

size_t clienthello_build(const struct hello_spec *spec, const char *host, const unsigned char random[32],
                         unsigned char *out, size_t size)
{
    struct writer w = { out, size, 0, 0 };
    size_t record, message, extensions;
    put8(&w, RECORD_HANDSHAKE);
    put16(&w, spec->record_version);
    record = open_length(&w, 2);
    put8(&w, HANDSHAKE_CLIENT_HELLO);
    message = open_length(&w, 3);
    put16(&w, spec->client_version);
    put(&w, random, 32);
    put8(&w, 0);   /* no session id */
    put_list16(&w, spec->suites, spec->suite_count, 2);
    put8(&w, 1);
    put8(&w, 0);   /* null compression */
    extensions = open_length(&w, 2);
    put_extensions(&w, spec, host);
    close_length(&w, extensions, 2);
    close_length(&w, message, 3);
    close_length(&w, record, 2);
    return w.full || w.length - 5 > 16384 ? 0 : w.length;
}

/* --- parsing ------------------------------------------------------------------------- */

static void get_list16(struct span *r, uint16_t *values, size_t max, size_t *count)
{
    *count = 0;
    if (r->bad || (r->size - r->at) % 2 != 0) {
        r->bad = 1;
        return;
    }
    while (!r->bad && r->at < r->size) {
        unsigned value = span16(r);
        if (*count < max)
            values[(*count)++] = (uint16_t)value;
    }
}

static void read_extension(unsigned type, struct span *body, struct hello_spec *spec)
{
    struct span list;
    switch (type) {
    case EXT_SERVER_NAME: spec->extensions |= HELLO_SNI; break;
    case EXT_STATUS_REQUEST: spec->extensions |= HELLO_STATUS_REQUEST; break;
    case EXT_SESSION_TICKET: spec->extensions |= HELLO_SESSION_TICKET; break;
    case EXT_EXTENDED_MASTER_SECRET: spec->extensions |= HELLO_EXTENDED_MASTER_SECRET; break;
    case EXT_RENEGOTIATION_INFO: spec->extensions |= HELLO_RENEGOTIATION_INFO; break;
    case EXT_SUPPORTED_GROUPS:
        list = span_take(body, span16(body));
        get_list16(&list, spec->groups, HELLO_MAX_GROUPS, &spec->group_count);
        body->bad |= list.bad;
        break;
    case EXT_SIGNATURE_ALGORITHMS:
        list = span_take(body, span16(body));
        get_list16(&list, spec->sigalgs, HELLO_MAX_SIGALGS, &spec->sigalg_count);
        body->bad |= list.bad;
        break;
    case EXT_SUPPORTED_VERSIONS:
        list = span_take(body, span8(body));
        while (!list.bad && list.at < list.size)
            if (span16(&list) == 0x0304)
                spec->offers_tls13 = 1;
        body->bad |= list.bad;
        break;
    default:
        break;
    }
}

int clienthello_parse(const unsigned char *data, size_t size, struct hello_spec *spec)
{
    struct span record = { data, size, 0, 0 }, message, body, extensions;
    memset(spec, 0, sizeof(*spec));
    if (span8(&record) != RECORD_HANDSHAKE)
        return -1;
    spec->record_version = (uint16_t)span16(&record);
    message = span_take(&record, span16(&record));
    if (span8(&message) != HANDSHAKE_CLIENT_HELLO)
        return -1;
    {
        unsigned high = span8(&message);
        body = span_take(&message, ((size_t)high << 16) | span16(&message));
    }
    spec->client_version = (uint16_t)span16(&body);
    span_take(&body, 32);
    {
        unsigned session_id = span8(&body);
        struct span suites;
        unsigned compressions;
        if (session_id > 32)
            return -1;
        span_take(&body, session_id);
        suites = span_take(&body, span16(&body));
        get_list16(&suites, spec->suites, HELLO_MAX_SUITES, &spec->suite_count);
        if (suites.bad || spec->suite_count == 0)
            return -1;
        compressions = span8(&body);
        if (compressions == 0)
            return -1;
        span_take(&body, compressions);
    }
    if (!body.bad && body.at < body.size) {
        extensions = span_take(&body, span16(&body));
        while (!extensions.bad && extensions.at < extensions.size) {
            unsigned type = span16(&extensions);
            struct span inner = span_take(&extensions, span16(&extensions));
            read_extension(type, &inner, spec);
            extensions.bad |= inner.bad;
        }
        body.bad |= extensions.bad;
    }
    return (record.bad || message.bad || body.bad || body.at != body.size) ? -1 : 0;
}

/* Bytes of a ClientHello record up to its session id: record header (5), handshake
 * header (4), client_version (2), random (32), session id length (1). */
#define HELLO_BEFORE_SESSION_ID 44

int clienthello_same_offer(const unsigned char *a, size_t a_size, const unsigned char *b, size_t b_size)
{
    struct hello_spec spec;
    size_t a_rest, b_rest;
    if (clienthello_parse(a, a_size, &spec) != 0 || clienthello_parse(b, b_size, &spec) != 0 ||
        a_size < HELLO_BEFORE_SESSION_ID || b_size < HELLO_BEFORE_SESSION_ID)
        return 0;
    a_rest = HELLO_BEFORE_SESSION_ID + a[HELLO_BEFORE_SESSION_ID - 1];
    b_rest = HELLO_BEFORE_SESSION_ID + b[HELLO_BEFORE_SESSION_ID - 1];
    if (a_rest > a_size || b_rest > b_size || a_size - a_rest != b_size - b_rest)
        return 0;
    /* The lengths in the headers follow from the session id's and the rest's. */
    return memcmp(a, b, 3) == 0 && a[5] == b[5] && memcmp(a + 9, b + 9, 2) == 0 &&
           memcmp(a + a_rest, b + b_rest, a_size - a_rest) == 0;
}
