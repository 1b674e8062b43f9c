/* The relay's settings (relay.ini): which provider each way reaches and on which local
 * port of 127.0.0.1 it waits for the mail program. Reading is strict, so a damaged file
 * is refused with its line rather than half understood; adding a way chooses its local
 * port. The caller reads and writes the file and tests ports; nothing here touches either. */
#ifndef TLSSWITCH_RELAY_CONFIG_H
#define TLSSWITCH_RELAY_CONFIG_H

#include <stddef.h>

#include "../text/messages.h"
#include "../mail/target.h"
#include "../text/text.h"

/* The relay listens on the loopback address only. */
#define RELAY_LOCAL_ADDRESS "127.0.0.1"
#define RELAY_MAX_WAYS 16u
/* A file TLS Switch wrote with 16 ways is about 2 KB; anything near these limits is not one. */
#define RELAY_CONFIG_MAX_BYTES (64u * 1024u)
#define RELAY_CONFIG_MAX_LINE 1024u
/* Where the search for a free local port starts when the protocol's usual one is taken. */
#define RELAY_FIRST_FALLBACK_PORT 10110u

struct relay_way {
    struct target provider;    /* a mail scheme; port written out, without leading zeros */
    unsigned local_port;       /* 1 to 65535, on RELAY_LOCAL_ADDRESS */
};

struct relay_config {
    unsigned count;
    struct relay_way ways[RELAY_MAX_WAYS];
};

struct relay_config_error {
    unsigned line;             /* 1-based line of relay.ini; 0 for the file as a whole or outside a file */
    enum message_id reason;    /* a MSG_RELAY_* reason, which may take `detail` as its one %s */
    char detail[300];
};

/* Tells whether 127.0.0.1:port can be listened on (the Win32 caller tries to bind it):
 * non-zero when free. */
typedef int (*relay_port_is_free_fn)(void *context, unsigned port);

void relay_config_init(struct relay_config *config);

/* Reads the bytes of relay.ini (UTF-8, BOM allowed, CRLF or LF). Returns 0, or -1 with
 * *error filled in and *out empty. */
int relay_config_parse(const char *bytes, size_t size, struct relay_config *out, struct relay_config_error *error);

/* Writes relay.ini: a UTF-8 BOM (XP's Notepad needs it to show the Japanese comment),
 * the explaining comment in English and Japanese, one [way N] section per way, CRLF. */
void relay_config_format(const struct relay_config *config, struct strbuf *out);

/* Whether two configs hold the same ways in the same order. */
int relay_config_equal(const struct relay_config *a, const struct relay_config *b);

/* Reads a provider's URL as a way takes it: target_parse, and one of the mail schemes
 * pop3s, pop3, imaps, imap, smtps, smtp. Returns 0, or -1 with *error filled in. */
int relay_provider_parse(const char *url, struct target *out, struct relay_config_error *error);

/* The way that relays `provider` (read by relay_provider_parse), or NULL. */
const struct relay_way *relay_config_find(const struct relay_config *config, const struct target *provider);

/* The protocol's usual plain port for a way to `provider`: POP3 110, IMAP 143, SMTP 587
 * when the provider's port is 587, else 25. */
unsigned relay_usual_local_port(const struct target *provider);

/* Adds a way to `url` as the last one. `requested_port` is the local port the user
 * asked for, or 0 to have one chosen: the usual plain port when free, else the first
 * free one from RELAY_FIRST_FALLBACK_PORT up; a port another way has is never chosen.
 * `port_is_free` (not NULL) tests a port on this PC. Refuses a bad URL, a provider
 * already relayed (same scheme, host without case, port), a full list, and a requested
 * port that is bad, another way's or not free. Returns 0, or -1 with *error filled in
 * and `config` unchanged. */
int relay_config_add(struct relay_config *config, const char *url, unsigned requested_port,
                     relay_port_is_free_fn port_is_free, void *context, struct relay_config_error *error);

/* Removes way `number` (1-based, as /relay list shows it); the later ones move up.
 * Returns 0, or -1 with *error filled in and `config` unchanged. */
int relay_config_remove(struct relay_config *config, unsigned number, struct relay_config_error *error);

/* The error in words, one paragraph ending in a newline: with the file's name and line
 * when `file_name` is given (and what to do with the file), else the reason alone. */
void relay_config_error_describe(const struct relay_config_error *error, const char *file_name,
                                 enum language language, struct strbuf *out);

#endif
