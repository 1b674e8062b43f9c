/* The relay's own protocol lines to a mail program: error replies and STARTTLS refusals. */
#include "relay_reply.h"

#include <string.h>

static const char *const reason_texts[RELAY_REASON_COUNT] = {
    "too many connections at once, try again later",
    "the provider's server name was not found",
    "the provider's server cannot be reached",
    "the provider's server did not answer in time",
    "the provider's server closed the connection",
    "the provider's server refused STARTTLS",
    "the provider's certificate was refused",
    "the TLS handshake with the provider failed",
    "the provider accepts only TLS 1.3, which the relay does not have",
    "out of memory",
};

const char *relay_reason_text(enum relay_reason reason)
{
    if ((int)reason < 0 || reason >= RELAY_REASON_COUNT)
        return "the relay cannot serve this connection";
    return reason_texts[reason];
}

static const char *error_prefix(enum mail_protocol mail)
{
    switch (mail) {
    case MAIL_POP3:
        return "-ERR TLS Switch: ";
    case MAIL_IMAP:
        return "* BYE TLS Switch: ";
    case MAIL_SMTP:
        return "421 4.7.0 TLS Switch: ";
    case MAIL_NONE:
        break;
    }
    return NULL;
}

size_t relay_error_reply(enum mail_protocol mail, const char *reason, char *out, size_t size)
{
    const char *prefix = error_prefix(mail);
    const unsigned char *in = (const unsigned char *)(reason ? reason : "");
    size_t length, limit, kept = 0;
    if (size > 0)
        out[0] = '\0';
    if (!prefix)
        return 0;
    length = strlen(prefix);
    /* The prefix, one character of reason, CRLF and the terminator. */
    if (size < length + 4)
        return 0;
    memcpy(out, prefix, length);
    limit = size - length - 3;
    if (limit > RELAY_REASON_MAX)
        limit = RELAY_REASON_MAX;
    for (; *in && kept < limit; in++) {
        char c;
        if (*in >= 0x80 && *in < 0xc0)
            continue;    /* the rest of a UTF-8 character already shown as '?' */
        c = *in >= 0x80 ? '?' : (*in < 0x20 || *in == 0x7f) ? ' ' : (char)*in;
        if (c == ' ' && (kept == 0 || out[length + kept - 1] == ' '))
            continue;
        out[length + kept++] = c;
    }
    while (kept > 0 && out[length + kept - 1] == ' ')
        kept--;
    if (kept == 0) {
        static const char fallback[] = "the relay cannot serve this connection";
        kept = sizeof(fallback) - 1 < limit ? sizeof(fallback) - 1 : limit;
        memcpy(out + length, fallback, kept);
    }
    length += kept;
    memcpy(out + length, "\r\n", 3);
    return length + 2;
}

#define TLS_IS_DONE "TLS Switch: TLS is done by the relay, turn SSL/TLS off in the mail program for this server"

size_t relay_local_refusal(enum mail_protocol mail, const unsigned char *tag, size_t tag_length, unsigned char *out,
                           size_t size)
{
    static const char pop3[] = "-ERR " TLS_IS_DONE "\r\n";
    static const char smtp[] = "454 4.7.0 " TLS_IS_DONE "\r\n";
    static const char imap[] = " NO " TLS_IS_DONE "\r\n";
    size_t length;
    switch (mail) {
    case MAIL_POP3:
        length = sizeof(pop3) - 1;
        if (length > size)
            return 0;
        memcpy(out, pop3, length);
        return length;
    case MAIL_SMTP:
        length = sizeof(smtp) - 1;
        if (length > size)
            return 0;
        memcpy(out, smtp, length);
        return length;
    case MAIL_IMAP:
        length = tag_length + sizeof(imap) - 1;
        if (tag_length == 0 || tag_length > RELAY_TAG_MAX || length > size)
            return 0;
        memcpy(out, tag, tag_length);
        memcpy(out + tag_length, imap, sizeof(imap) - 1);
        return length;
    case MAIL_NONE:
        break;
    }
    return 0;
}
