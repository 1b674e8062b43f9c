/* What /test connects to: smtps://host:465, pop3://host (STLS), a bare host:port, ...
 * One table of schemes with their default ports, TLS mode and mail protocol. */
#ifndef TLSSWITCH_TARGET_H
#define TLSSWITCH_TARGET_H

enum mail_protocol { MAIL_NONE, MAIL_SMTP, MAIL_POP3, MAIL_IMAP };

enum tls_mode {
    TLS_IMPLICIT,    /* TLS from the first byte (smtps, pop3s, imaps, https, host:port) */
    TLS_STARTTLS     /* plain text first, then STARTTLS / STLS (smtp, pop3, imap) */
};

struct target {
    char scheme[8];            /* "smtps", ... or "" for a bare host */
    char host[256];            /* without brackets for an IPv6 literal */
    char port[6];
    enum mail_protocol mail;
    enum tls_mode mode;
};

/* Parses TARGET. Returns 0, or -1 when it is not a valid target (unknown scheme, empty
 * host, bad port, a path or user part). */
int target_parse(const char *text, struct target *out);

/* "smtps://mail.example:465": the target written out in full. */
void target_describe(const struct target *target, char *out, unsigned out_size);

/* The URL a user should have used for `port` when TLS_IMPLICIT met a plain-text server
 * (587 -> smtp://, 110 -> pop3://, 143 -> imap://, 25 -> smtp://); NULL when unknown. */
const char *target_starttls_scheme_for_port(const char *port, enum mail_protocol seen);

#endif
