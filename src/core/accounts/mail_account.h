/* One mail account as a mail program keeps it, whatever the program: its name and its
 * incoming and outgoing servers with the security each uses. Every reader of a program's
 * store (one file per program in src/core/accounts) fills these records; /test /accounts
 * tests each server the way the program connects. No password is ever part of a record:
 * the readers never read a value whose name contains "pass" (account_name_is_secret). */
#ifndef TLSSWITCH_MAIL_ACCOUNT_H
#define TLSSWITCH_MAIL_ACCOUNT_H

#include <stddef.h>

#include "../mail/target.h"

enum account_program {
    PROGRAM_OUTLOOK_EXPRESS,
    PROGRAM_WINDOWS_MAIL,        /* Vista's Windows Mail */
    PROGRAM_WINDOWS_LIVE_MAIL,
    PROGRAM_OUTLOOK,
    PROGRAM_BECKY,
    PROGRAM_THUNDERBIRD,
    PROGRAM_SYLPHEED,
    PROGRAM_COUNT
};

enum account_security {
    SECURITY_NONE,               /* plain text, the password unencrypted */
    SECURITY_SSL,                /* TLS from the first byte */
    SECURITY_STARTTLS,           /* plain, then STARTTLS / STLS */
    SECURITY_AUTO                /* Outlook's "Auto": STARTTLS when offered */
};

struct account_server {
    int present;                 /* 0: the account has no such server */
    enum mail_protocol protocol; /* MAIL_POP3 or MAIL_IMAP incoming, MAIL_SMTP outgoing */
    char host[256];              /* as the program has it, UTF-8 */
    unsigned port;               /* 0: not set, the program's default (account_server_port) */
    enum account_security security;
};

struct account {
    enum account_program program;
    char name[256];              /* the account's name as the program shows it, UTF-8 */
    struct account_server incoming;
    struct account_server outgoing;
};

struct account_list {
    struct account *items;
    size_t count;
    size_t capacity;
};

/* What a reader made of one store. A damaged store gives a note for that program; the
 * accounts read before the damage are kept, and the other programs are still read. */
enum account_read_result {
    ACCOUNT_READ_OK,
    ACCOUNT_READ_DAMAGED,        /* not in the program's format, truncated, or too large */
    ACCOUNT_READ_NO_MEMORY
};

/* 0, or -1 when out of memory. The record is copied. */
int account_list_add(struct account_list *list, const struct account *account);
void account_list_free(struct account_list *list);

/* Whether a value, key or setting name may hold a password: it contains "pass" in any
 * case ("Password", "POP3 Password2", "Passwd", "smtp_pass"). Readers skip such names
 * before reading their values. */
int account_name_is_secret(const char *name);

/* The port the program connects to: the one set, or its default for the protocol and the
 * security (POP3 110/995, IMAP 143/993, SMTP 25/465; STARTTLS and Auto on the plain port). */
unsigned account_server_port(const struct account_server *server);

/* The /test target that connects as the program does: pop3s://host:995 for SSL,
 * pop3://host:110 for STARTTLS (and for Auto). -1 for SECURITY_NONE (no TLS to test) or a
 * host that is not a valid target. */
int account_server_target(const struct account_server *server, struct target *out);

/* "Outlook Express", "Thunderbird", ...: the program's own name, the same in both
 * languages. */
const char *account_program_name(enum account_program program);

#endif
