/* Reading one account value from the registry for the account readers (Outlook Express,
 * Outlook): by name only, never a name that may hold a password, and a value of the wrong
 * type or form counted as damage instead of being trusted. */
#ifndef TLSSWITCH_ACCOUNT_REGISTRY_H
#define TLSSWITCH_ACCOUNT_REGISTRY_H

#include "../registry/regstore.h"
#include "mail_account.h"

#include <stddef.h>

/* What one account's reading met: values that were there but unusable. */
struct account_value_reader {
    const struct regstore *store;
    int damaged;        /* a value had the wrong type or form */
    int no_memory;
};

/* A string: REG_SZ or REG_EXPAND_SZ in UTF-16LE, or (as Outlook keeps some) REG_BINARY
 * holding UTF-16LE, with or without its terminating NUL; into out (UTF-8, cut at size).
 * Returns 1 when read, 0 when absent or unusable (then out is ""). A name that may hold a
 * password is never read. */
int account_read_string(struct account_value_reader *reader, const char *path, const char *name, char *out,
                        size_t size);

/* A REG_DWORD (or a 4-byte REG_BINARY, as Outlook writes some). Returns 1 when read. */
int account_read_dword(struct account_value_reader *reader, const char *path, const char *name, unsigned long *out);

/* "PREFIX Server" and "PREFIX Port" (Outlook Express and Outlook name them alike): the
 * server is present when it has a name; a port over 65535 is damage and left unset (0).
 * Returns 1 when present. */
int account_read_host_port(struct account_value_reader *reader, const char *path, const char *prefix,
                           enum mail_protocol protocol, struct account_server *server);

/* The reader's result for the store: damaged when any value was. */
enum account_read_result account_reader_result(const struct account_value_reader *reader);

#endif
