/* The relay's plain-text STARTTLS dialogue with the provider, before its own TLS starts:
 * read the greeting and keep it for the mail program, ask for TLS (POP3 STLS, IMAP STARTTLS,
 * SMTP EHLO then STARTTLS) and tell the caller when to start the handshake. A state machine
 * fed with the server's bytes as they arrive; no sockets, no allocation. */
#ifndef TLSSWITCH_RELAY_STARTTLS_H
#define TLSSWITCH_RELAY_STARTTLS_H

#include <stddef.h>

#include "../mail/target.h"

/* Bounds on what a server may send before TLS. An SMTP line is at most 1000 bytes with its
 * CRLF (RFC 5321 4.5.3.1.6); others get 8 KB. */
#define RELAY_STARTTLS_LINE_MAX 8192
#define RELAY_STARTTLS_SMTP_LINE_MAX 1000
#define RELAY_STARTTLS_LINES_MAX 200
#define RELAY_GREETING_MAX 4096
#define RELAY_FAILURE_LINE_MAX 160
/* The tag of the relay's IMAP STARTTLS command. */
#define RELAY_STARTTLS_IMAP_TAG "TS1"

enum relay_starttls_step {
    RELAY_STARTTLS_NEED_MORE,    /* read more of the server's bytes and feed them */
    RELAY_STARTTLS_SEND,         /* send send/send_length to the server, then read and feed */
    RELAY_STARTTLS_START_TLS,    /* start the TLS handshake now; feed nothing more */
    RELAY_STARTTLS_FAILED        /* give up: see failure and failure_line */
};

enum relay_starttls_failure {
    RELAY_STARTTLS_NO_FAILURE,
    RELAY_STARTTLS_GREETING_REFUSED,  /* -ERR, * BYE, or an SMTP code other than 220 */
    RELAY_STARTTLS_PREAUTH,           /* IMAP * PREAUTH: no STARTTLS is possible after it */
    RELAY_STARTTLS_EHLO_REFUSED,      /* SMTP EHLO not answered with 250 */
    RELAY_STARTTLS_NOT_OFFERED,       /* SMTP EHLO answer without STARTTLS */
    RELAY_STARTTLS_REFUSED,           /* STLS/STARTTLS answered -ERR, NO, BAD or not 220 */
    RELAY_STARTTLS_INJECTION,         /* bytes after the answer to STARTTLS, before TLS */
    RELAY_STARTTLS_OUT_OF_TURN,       /* bytes after a reply, before the relay's command */
    RELAY_STARTTLS_LINE_TOO_LONG,
    RELAY_STARTTLS_TOO_MANY_LINES,
    RELAY_STARTTLS_GREETING_TOO_LONG,
    RELAY_STARTTLS_NUL_BYTE,
    RELAY_STARTTLS_MALFORMED,         /* a line that is no reply of this protocol */
    RELAY_STARTTLS_NOT_MAIL           /* initialised with MAIL_NONE */
};

struct relay_starttls {
    enum mail_protocol mail;
    enum relay_starttls_step step;       /* the last answer (FAILED and START_TLS stay) */
    enum relay_starttls_failure failure;
    /* The server's line that failed (or the start of the bytes that did), printable ASCII. */
    char failure_line[RELAY_FAILURE_LINE_MAX + 1];
    /* With RELAY_STARTTLS_SEND: the command to send (static text). */
    const char *send;
    size_t send_length;
    /* The greeting as it came, byte for byte, with its line ends (SMTP: every line of it). */
    unsigned char greeting[RELAY_GREETING_MAX];
    size_t greeting_length;
    /* Internal. */
    int phase;
    unsigned lines;
    unsigned reply_lines;
    int reply_code;
    int starttls_offered;
    size_t line_length;
    unsigned char line[RELAY_STARTTLS_LINE_MAX];
};

void relay_starttls_init(struct relay_starttls *dialogue, enum mail_protocol mail);

/* Feeds the server's next bytes (all of them are taken) and answers what to do next.
 * Feed again after SEND (once it is sent) and after NEED_MORE; never after START_TLS: any
 * byte then is an injection and fails. A SEND comes only from a complete reply with nothing
 * after it (for IMAP: nothing but whole untagged lines); the server's bytes after the final
 * line of its STARTTLS answer fail the dialogue (RELAY_STARTTLS_INJECTION). */
enum relay_starttls_step relay_starttls_feed(struct relay_starttls *dialogue, const unsigned char *data, size_t size);

/* The greeting the mail program gets on a STARTTLS way, once the relay's TLS is up: POP3 and
 * SMTP the kept greeting intact (APOP's time stamp stays); IMAP the kept greeting without its
 * [CAPABILITY ...] response code, said before TLS and stale after it (the program then asks
 * CAPABILITY over TLS, through the filter). At most greeting_length bytes, not terminated;
 * `out` has room for RELAY_GREETING_MAX bytes. Returns the length (0 before a greeting). */
size_t relay_starttls_greeting(const struct relay_starttls *dialogue, unsigned char *out);

/* Short ASCII words for a failure, e.g. "the server has no STARTTLS". */
const char *relay_starttls_failure_text(enum relay_starttls_failure failure);

#endif
