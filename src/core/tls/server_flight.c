/* Reading the server's first flight (see server_flight.h). */
#include "server_flight.h"
#include "span.h"

#include <string.h>

enum {
    RECORD_CHANGE_CIPHER_SPEC = 20,
    RECORD_ALERT = 21,
    RECORD_HANDSHAKE = 22,
    MESSAGE_SERVER_HELLO = 2,
    MESSAGE_CERTIFICATE = 11,
    MESSAGE_SERVER_KEY_EXCHANGE = 12,
    MESSAGE_SERVER_HELLO_DONE = 14,
    EXT_SUPPORTED_VERSIONS = 0x002b,
    EXT_KEY_SHARE = 0x0033
};

/* The random of a HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446 4.1.3). */
static const unsigned char hello_retry_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

void server_flight_start(struct server_flight *flight)
{
    memset(flight, 0, offsetof(struct server_flight, record));
    flight->alert = -1;
    flight->record_length = 0;
    flight->message_length = 0;
}

static enum flight_state fail(struct server_flight *flight, enum flight_problem problem)
{
    flight->problem = problem;
    return flight->state = FLIGHT_BAD;
}

static enum flight_state read_server_hello(struct server_flight *flight, struct span body)
{
    struct span random, extensions;
    unsigned session_id;
    flight->version = (uint16_t)span16(&body);
    random = span_take(&body, 32);
    session_id = span8(&body);
    if (session_id > 32)
        return fail(flight, FLIGHT_MALFORMED);
    span_take(&body, session_id);
    flight->suite = (uint16_t)span16(&body);
    span8(&body);   /* compression */
    if (body.bad)
        return fail(flight, FLIGHT_MALFORMED);
    flight->hello_retry = memcmp(random.data, hello_retry_random, 32) == 0;
    if (body.at < body.size) {
        extensions = span_take(&body, span16(&body));
        while (!extensions.bad && extensions.at < extensions.size) {
            unsigned type = span16(&extensions);
            struct span data = span_take(&extensions, span16(&extensions));
            if (type == EXT_SUPPORTED_VERSIONS)
                flight->version = (uint16_t)span16(&data);
            else if (type == EXT_KEY_SHARE)
                flight->group = (uint16_t)span16(&data);   /* the group, first in both forms */
            extensions.bad |= data.bad;
        }
        body.bad |= extensions.bad;
    }
    if (body.bad || body.at != body.size)
        return fail(flight, FLIGHT_MALFORMED);
    flight->have_hello = 1;
    /* TLS 1.3: what follows is encrypted; the ServerHello has said what matters. */
    if (flight->version >= 0x0304 || flight->hello_retry)
        return flight->state = FLIGHT_DONE;
    return FLIGHT_MORE;
}

static enum flight_state read_certificates(struct server_flight *flight, struct span body)
{
    struct span list = span_take(&body, span24(&body));
    if (body.bad || body.at != body.size)
        return fail(flight, FLIGHT_MALFORMED);
    flight->chain_length = 0;
    if (list.size <= sizeof(flight->chain)) {
        memcpy(flight->chain, list.data, list.size);
        flight->chain_length = list.size;
    }
    while (!list.bad && list.at < list.size) {
        struct span der = span_take(&list, span24(&list));
        if (list.bad)
            break;
        if (flight->certificate_count < FLIGHT_MAX_CERTIFICATES) {
            struct certificate_facts *facts = &flight->certificates[flight->certificate_count];
            if (certificate_read(der.data, der.size, facts) != 0)
                memset(facts, 0, sizeof(*facts));   /* unknown: judged as a key no Windows can use */
        }
        /* The server's own certificate: the names a mail program checks. */
        if (flight->certificate_count == 0 && flight->host)
            flight->have_leaf_names = certificate_names_read(der.data, der.size, flight->host, &flight->leaf_names) == 0;
        flight->certificate_count++;
    }
    if (list.bad) {
        flight->chain_length = 0;
        return fail(flight, FLIGHT_MALFORMED);
    }
    return FLIGHT_MORE;
}

/* One whole handshake message: type, then its body. */
static enum flight_state read_message(struct server_flight *flight, unsigned type, struct span body)
{
    if (!flight->have_hello && type != MESSAGE_SERVER_HELLO)
        return fail(flight, FLIGHT_UNEXPECTED);
    switch (type) {
    case MESSAGE_SERVER_HELLO:
        if (flight->have_hello)
            return fail(flight, FLIGHT_UNEXPECTED);
        return read_server_hello(flight, body);
    case MESSAGE_CERTIFICATE:
        return read_certificates(flight, body);
    case MESSAGE_SERVER_KEY_EXCHANGE:
        flight->have_key_exchange = 1;
        /* ECParameters: curve_type named_curve (3), then the group. */
        if (body.size >= 3 && body.data[0] == 3)
            flight->group = (uint16_t)((body.data[1] << 8) | body.data[2]);
        return FLIGHT_MORE;
    case MESSAGE_SERVER_HELLO_DONE:
        return flight->state = FLIGHT_DONE;
    default:
        return FLIGHT_MORE;   /* CertificateRequest, CertificateStatus: nothing to judge */
    }
}

/* Adds a handshake record's body to the message buffer and reads every whole message. */
static enum flight_state read_handshake(struct server_flight *flight, const unsigned char *data, size_t size)
{
    size_t at = 0;
    if (size > sizeof(flight->message) - flight->message_length)
        return fail(flight, FLIGHT_OVERSIZED_MESSAGE);
    memcpy(flight->message + flight->message_length, data, size);
    flight->message_length += size;
    while (flight->state == FLIGHT_MORE && flight->message_length - at >= 4) {
        const unsigned char *header = flight->message + at;
        size_t length = ((size_t)header[1] << 16) | ((size_t)header[2] << 8) | header[3];
        struct span body;
        if (length > FLIGHT_MAX_MESSAGE)
            return fail(flight, FLIGHT_OVERSIZED_MESSAGE);
        if (flight->message_length - at - 4 < length)
            break;
        body.data = header + 4;
        body.size = length;
        body.at = 0;
        body.bad = 0;
        read_message(flight, header[0], body);
        at += 4 + length;
    }
    memmove(flight->message, flight->message + at, flight->message_length - at);
    flight->message_length -= at;
    return flight->state;
}

static enum flight_state read_record(struct server_flight *flight)
{
    const unsigned char *body = flight->record + 5;
    size_t length = flight->record_length - 5;
    switch (flight->record[0]) {
    case RECORD_ALERT:
        if (length != 2)
            return fail(flight, FLIGHT_MALFORMED);
        flight->alert = body[1];
        return flight->state = FLIGHT_ALERT;
    case RECORD_HANDSHAKE:
        if (length == 0)
            return fail(flight, FLIGHT_MALFORMED);
        return read_handshake(flight, body, length);
    default:
        /* ChangeCipherSpec or application data before the flight ended. */
        return fail(flight, FLIGHT_UNEXPECTED);
    }
}

/* Checks a record header that has just arrived. */
static enum flight_state check_header(struct server_flight *flight)
{
    switch (tls_record_check(flight->record, 5)) {
    case RECORD_NOT_TLS:
        return fail(flight, plaintext_banner(flight->record, 5) != MAIL_NONE ? FLIGHT_PLAINTEXT : FLIGHT_NOT_TLS);
    case RECORD_OVERSIZED:
        return fail(flight, FLIGHT_OVERSIZED_RECORD);
    default:
        if (flight->record[3] == 0 && flight->record[4] == 0)
            return fail(flight, FLIGHT_MALFORMED);
        return FLIGHT_MORE;
    }
}

enum flight_state server_flight_feed(struct server_flight *flight, const unsigned char *data, size_t size)
{
    while (flight->state == FLIGHT_MORE && size > 0) {
        size_t want = flight->record_length < 5 ? 5 : 5 + (((size_t)flight->record[3] << 8) | flight->record[4]);
        size_t take = want - flight->record_length < size ? want - flight->record_length : size;
        memcpy(flight->record + flight->record_length, data, take);
        flight->record_length += take;
        data += take;
        size -= take;
        if (flight->record_length < want)
            break;
        if (want == 5) {
            check_header(flight);
        } else {
            read_record(flight);
            flight->record_length = 0;
        }
    }
    return flight->state;
}
