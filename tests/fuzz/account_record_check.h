/* What every account record that a reader of account files adds must be, whatever the
 * input: names and hosts terminated and clean UTF-8, ports in range, a present server
 * with a host and its protocol. Shared by the fuzzers of those readers; aborts otherwise. */
#ifndef TLSSWITCH_ACCOUNT_RECORD_CHECK_H
#define TLSSWITCH_ACCOUNT_RECORD_CHECK_H

#include <stdlib.h>
#include <string.h>

#include "accounts/account_text.h"
#include "accounts/mail_account.h"

static void check_text_field(const char *field, size_t size)
{
    const char *end = memchr(field, '\0', size);
    if (!end || !account_text_is_clean((const unsigned char *)field, (size_t)(end - field)))
        abort();
}

static void check_server(const struct account_server *server, int outgoing)
{
    check_text_field(server->host, sizeof(server->host));
    if (!server->present)
        return;
    if (server->host[0] == '\0' || server->port > 65535 || server->security > SECURITY_AUTO)
        abort();
    if (outgoing ? server->protocol != MAIL_SMTP : (server->protocol != MAIL_POP3 && server->protocol != MAIL_IMAP))
        abort();
    (void)account_server_port(server);
}

static void check_records(const struct account_list *list, enum account_program program)
{
    size_t i;
    for (i = 0; i < list->count; i++) {
        const struct account *a = &list->items[i];
        if (a->program != program || (!a->incoming.present && !a->outgoing.present))
            abort();
        check_text_field(a->name, sizeof(a->name));
        check_server(&a->incoming, 0);
        check_server(&a->outgoing, 1);
    }
}

static int same_server(const struct account_server *a, const struct account_server *b)
{
    return a->present == b->present && a->protocol == b->protocol && strcmp(a->host, b->host) == 0 &&
           a->port == b->port && a->security == b->security;
}

static int same_account(const struct account *a, const struct account *b)
{
    return a->program == b->program && strcmp(a->name, b->name) == 0 && same_server(&a->incoming, &b->incoming) &&
           same_server(&a->outgoing, &b->outgoing);
}

#endif
