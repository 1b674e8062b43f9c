/* The few mail commands /test exchanges, as data: what to send before STARTTLS and after
 * the handshake, and how to tell a complete good answer from a bad one. Harmless
 * commands only (EHLO, CAPA, CAPABILITY); nothing logs in or sends mail. */
#ifndef TLSSWITCH_MAILTALK_H
#define TLSSWITCH_MAILTALK_H

#include "target.h"

enum reply_kind {
    REPLY_SMTP,            /* "250-..." lines until "250 ..." */
    REPLY_POP3_LINE,       /* "+OK ..." or "-ERR ..." */
    REPLY_POP3_LIST,       /* "+OK" then lines until "." */
    REPLY_IMAP_GREETING,   /* "* OK ..." */
    REPLY_IMAP_TAGGED      /* untagged "* ..." lines until "TAG OK ..." */
};

struct mail_step {
    const char *send;      /* a command line without CRLF, or NULL to only read */
    enum reply_kind reply;
    const char *tag;       /* for REPLY_IMAP_TAGGED */
};

/* The steps before STARTTLS (phase 0) or after the handshake (phase 1) for this target;
 * sets *count (0 when there is nothing to do). */
const struct mail_step *mail_steps(enum mail_protocol mail, enum tls_mode mode, int after_tls, int *count);

enum reply_state { REPLY_MORE, REPLY_GOOD, REPLY_BAD };

/* Whether an SMTP server's answer to EHLO offered AUTH: only then does the mail program
 * need "My server requires authentication". */
enum smtp_auth { SMTP_AUTH_UNKNOWN, SMTP_AUTH_OFFERED, SMTP_AUTH_NOT_OFFERED };

struct reply_reader {
    enum reply_kind kind;
    const char *tag;
    int in_list;
    int offers_auth;       /* an SMTP answer: one of its lines was AUTH (RFC 4954) */
};

/* Whether a step sends EHLO, so its answer lists the server's extensions. */
int mail_step_is_ehlo(const struct mail_step *step);

void reply_reader_start(struct reply_reader *reader, const struct mail_step *step);

/* Feeds one line of the server's answer (without its line end). */
enum reply_state reply_reader_line(struct reply_reader *reader, const char *line);

#endif
