/* What the bytes a server sends say, read before or besides Schannel: a TLS record
 * header, an alert and its reason, or a plain-text mail banner where TLS was expected.
 * Schannel reports most handshake failures with one code; these tell them apart. */
#ifndef TLSSWITCH_TLSWIRE_H
#define TLSSWITCH_TLSWIRE_H

#include <stddef.h>
#include <stdint.h>

#include "../mail/target.h"

/* Largest TLS record body a peer may send (2^14 plus the most expansion allowed). */
#define TLS_MAX_RECORD_BODY (16384u + 2048u)

enum {
    TLS_ALERT_HANDSHAKE_FAILURE = 40,
    TLS_ALERT_PROTOCOL_VERSION = 70,
    TLS_ALERT_INSUFFICIENT_SECURITY = 71
};

enum record_check {
    RECORD_NEED_MORE,     /* fewer than 5 bytes */
    RECORD_VALID,         /* a TLS record header of a known type and a sane length */
    RECORD_OVERSIZED,     /* a TLS record header announcing more than TLS allows */
    RECORD_NOT_TLS        /* not a TLS record at all */
};

/* Checks the record header at the start of data. */
enum record_check tls_record_check(const unsigned char *data, size_t size);

/* Finds the first alert record in data; returns 0 and sets *description, or -1. */
int tls_find_alert(const unsigned char *data, size_t size, int *description);

/* Whether data begins like a mail server's plain-text greeting ("220 ", "+OK", "* OK");
 * returns which protocol it looks like, or MAIL_NONE. */
enum mail_protocol plaintext_banner(const unsigned char *data, size_t size);

#endif
