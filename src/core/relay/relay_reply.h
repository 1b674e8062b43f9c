/* What the relay itself says to a mail program: the error reply that stands in for the
 * greeting when the relay cannot serve a connection, and the answer to a STARTTLS (or STLS)
 * the program should not send. Mail protocol lines are 7-bit ASCII, so these words are
 * English whatever the user's language; TLS Switch's own log and windows say them in the
 * user's language from its message table. */
#ifndef TLSSWITCH_RELAY_REPLY_H
#define TLSSWITCH_RELAY_REPLY_H

#include <stddef.h>

#include "../mail/target.h"

/* Why a connection cannot be served; relay_reason_text gives each one's words. */
enum relay_reason {
    RELAY_REASON_TOO_MANY_CONNECTIONS,
    RELAY_REASON_PROVIDER_NAME_NOT_FOUND,
    RELAY_REASON_PROVIDER_UNREACHABLE,
    RELAY_REASON_PROVIDER_TIMEOUT,
    RELAY_REASON_PROVIDER_CLOSED,
    RELAY_REASON_STARTTLS_FAILED,
    RELAY_REASON_CERTIFICATE_REFUSED,
    RELAY_REASON_HANDSHAKE_FAILED,
    RELAY_REASON_TLS13_ONLY,
    RELAY_REASON_OUT_OF_MEMORY,
    RELAY_REASON_COUNT
};

/* Short ASCII words for a reason, e.g. "the provider's certificate was refused"; a caller
 * may add a detail after ": ". Never NULL. */
const char *relay_reason_text(enum relay_reason reason);

/* The longest reason relay_error_reply keeps, and room enough for any reply it writes. */
#define RELAY_REASON_MAX 200
#define RELAY_ERROR_REPLY_MAX 256

/* The reply a program gets instead of a greeting, one line:
 *   POP3 "-ERR TLS Switch: REASON\r\n", IMAP "* BYE TLS Switch: REASON\r\n",
 *   SMTP "421 4.7.0 TLS Switch: REASON\r\n".
 * REASON is made safe for a protocol line: CR, LF, tabs and other control bytes become
 * spaces (runs of spaces become one), bytes outside ASCII '?' (one per UTF-8 character),
 * cut at RELAY_REASON_MAX (or where `size` ends; the line still ends with CRLF); empty, it
 * says the relay cannot serve the connection. Writes a terminated string to `out` and returns
 * its length; 0 (nothing written but the terminator) when `size` has no room for a line or
 * `mail` is MAIL_NONE. */
size_t relay_error_reply(enum mail_protocol mail, const char *reason, char *out, size_t size);

/* The longest IMAP tag the relay answers STARTTLS for itself (a longer one goes to the server,
 * which refuses it too), and room enough for any such answer. */
#define RELAY_TAG_MAX 64
#define RELAY_REFUSAL_MAX 200

/* The relay's own answer to a program's STARTTLS/STLS once TLS is up (the relay makes TLS
 * with the provider; the program must keep SSL/TLS off for this server):
 *   POP3 "-ERR ...", IMAP "TAG NO ...", SMTP "454 4.7.0 ...", each ending with CRLF.
 * `tag` (tag_length bytes, at most RELAY_TAG_MAX) only for IMAP. Not terminated; returns the
 * length, 0 when it does not fit in `size`. */
size_t relay_local_refusal(enum mail_protocol mail, const unsigned char *tag, size_t tag_length, unsigned char *out,
                           size_t size);

#endif
