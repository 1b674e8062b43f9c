/* /test NAME /find: the six ways mail programs connect, tried against one server name or
 * the usual names of a mail address's domain, each judged for this PC: works, works
 * after /apply recommended, cannot work on this Windows whatever the settings, or closed.
 * Each way is one simulated handshake with this PC's ClientHello as its settings are now
 * (and a second with TLS 1.2 offered, where that could make the difference); the Win32
 * layer makes the connections (src/commands/command_find.c), this decides and reports. */
#ifndef TLSSWITCH_FIND_H
#define TLSSWITCH_FIND_H

#include "../registry/cipher_policy.h"
#include "../tls/clienthello.h"
#include "mailtalk.h"
#include "../text/messages.h"
#include "../tls/simulation.h"
#include "../text/text.h"
#include "../tls/windows_clients.h"

#include <stddef.h>
#include <stdint.h>

/* In the order the settings are recommended: SSL/TLS from the start before STARTTLS
 * (every old mail program has the first; not all have the second), POP3 before IMAP. */
enum mail_way { WAY_POP3S, WAY_IMAPS, WAY_POP3, WAY_IMAP, WAY_SMTPS, WAY_SMTP, WAY_COUNT };

struct mail_way_info {
    const char *scheme;     /* as /test takes it: "pop3s" */
    const char *port;
    const char *protocol;   /* "POP3", as mail programs name it */
    int implicit;           /* SSL/TLS from the first byte; else STARTTLS */
    int incoming;
};
const struct mail_way_info *mail_way_get(enum mail_way way);

enum find_result {
    FIND_WORKS,        /* this PC can use it now */
    FIND_AFTER_FIX,    /* this PC can use it after tlsswitch /apply recommended */
    FIND_CANNOT,       /* the server answers in TLS, but no setting lets this Windows use it */
    FIND_NO_TLS,       /* something answers, but not TLS this way (no STARTTLS, plain text) */
    FIND_CLOSED,       /* the connection was refused */
    FIND_NO_ANSWER,    /* nothing answered within the time limit */
    FIND_NO_NAME,      /* the name does not resolve */
    FIND_NOT_TRIED     /* left out: the search's limit of connections */
};

#define FIND_MAX_NAMES 5
#define FIND_MAX_ROWS 18
#define FIND_MAX_CONNECTIONS 30

struct find_row {
    unsigned name;                       /* index in find_search.names */
    enum mail_way way;
    unsigned port;                       /* 0: the way's usual port; else this one (a mail
                                            program's own setting, /test /accounts) */
    int tried;                           /* `now` was run */
    struct simulation now;               /* this PC's hello as its settings are now */
    int tried_after;
    struct simulation after;             /* TLS 1.2 offered, as after /apply recommended */
    int tried_everything;
    struct simulation everything;        /* where no setting helps: every suite offered, to say why */
    int certificate_checked;
    unsigned long certificate_error;     /* the chain check with the name: 0, or CERT_E_... */
    enum find_result result;             /* find_judge */
};

struct find_search {
    char input[256];
    int from_address;
    char names[FIND_MAX_NAMES][256];
    unsigned name_count;
    int name_found[FIND_MAX_NAMES];      /* set by the caller: 1 when the name resolves */
    struct find_row rows[FIND_MAX_ROWS];
    unsigned row_count;
    enum windows_client_id windows;
    unsigned certificates;               /* CERT_* this Windows can use */
    struct hello_spec hello_now, hello_after;
    int offers_now;                      /* Schannel offers some protocol by default */
    int after_differs;                   /* /apply recommended would offer a newer version */
    /* Set by the caller: whether the outgoing way recommended offers AUTH in its answer
     * to EHLO over TLS, as the mail program sees it. */
    enum smtp_auth outgoing_auth;
};

/* Reads the input (a server name, or a mail address) and lists the names and ways: a
 * name gets all six ways; an address its domain's pop., imap. and smtp. names with their
 * own two ways each, and mail. and the domain itself with all six (18 in all). Returns 0,
 * or -1 when the input is neither. */
int find_prepare(const char *input, struct find_search *out);

/* This PC's hellos: its Windows' own (with the registry's cipher settings), offering at
 * most `default_version` (the version Schannel's default ClientHello offers; 0 when it
 * offers none), and the same offering TLS 1.2 where this Windows has it. */
void find_set_hellos(struct find_search *s, enum windows_client_id windows, const struct cipher_policy *policy,
                     uint16_t default_version);

/* "pop3s://pop.example.jp:995": what a row connects to. */
void find_row_target(const struct find_search *s, const struct find_row *row, char *out, size_t size);

/* Whether the row's first handshake leaves open that /apply recommended would help: the
 * server answered in TLS but refused, and the second hello offers more. */
int find_wants_after(const struct find_search *s, const struct find_row *row);

/* Whether a row that no setting helps would be explained by a hello offering every
 * suite (hello_offering_everything): the server refused, or closed, without saying why. */
int find_wants_everything(const struct find_search *s, const struct find_row *row);

/* Sets every row's result from its handshakes. */
void find_judge(struct find_search *s);

/* The way recommended for incoming (incoming 1) or outgoing mail: the first way, in
 * enum order, that works now, else the first that works after /apply recommended, a
 * certificate without problems before one with. NULL when none works either way. */
const struct find_row *find_recommend(const struct find_search *s, int incoming);

/* A row's result in words: "works (TLS 1.2, ...)", "closed (connection refused)", ... */
void find_row_words(const struct find_search *s, const struct find_row *row, enum language language,
                    struct strbuf *out);

/* The two lines of settings to type into the mail program (incoming, then outgoing). */
void find_settings(const struct find_search *s, enum language language, struct strbuf *out);

/* The table, then the settings to type into the mail program, in its words. The last
 * line is "OK" when incoming and outgoing mail both work now, else "FAILED" (the same
 * words in every language, for scripts). Returns 1 for OK. */
int find_report(const struct find_search *s, enum language language, struct strbuf *out);

#endif
