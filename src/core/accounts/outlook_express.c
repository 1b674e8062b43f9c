/* Outlook Express 6's account store in the registry. The value names and their meaning
 * (port 0 or none: the default; "SMTP Secure Connection" 1 on a port other than 465:
 * STARTTLS, from XP SP3 on, KB933612) are in docs/platform.md. */
#include "outlook_express.h"
#include "account_registry.h"
#include "../text/text.h"

#include <string.h>

#define ACCOUNTS_UNDER_IDENTITY "Software\\Microsoft\\Internet Account Manager\\Accounts"
#define ACCOUNTS_OF_USER "Software\\Microsoft\\Internet Account Manager\\Accounts"

static int key_exists(const struct regstore *user, const char *path)
{
    int exists = 0;
    return user->ops->key_exists(user->context, path, &exists) == REGSTORE_OK && exists;
}

/* One server of an account: "POP3 Server", "POP3 Port", "POP3 Secure Connection". */
static void read_server(struct account_value_reader *reader, const char *path, const char *prefix,
                        enum mail_protocol protocol, struct account_server *server)
{
    char name[64];
    unsigned long secure = 0;
    if (!account_read_host_port(reader, path, prefix, protocol, server))
        return;
    text_format(name, sizeof(name), "%s Secure Connection", prefix);
    account_read_dword(reader, path, name, &secure);
    server->security = secure ? SECURITY_SSL : SECURITY_NONE;
    /* Outlook Express ticks the same box for SMTP's STARTTLS: on 465 it is SSL. Its
     * SMTP port left out is 25, ticked or not (ticking the box shows 465, which is then
     * kept as a port of its own). */
    if (protocol == MAIL_SMTP && secure && server->port != 465) {
        server->security = SECURITY_STARTTLS;
        if (!server->port)
            server->port = 25;
    }
}

/* The accounts under one Accounts key. */
static void read_accounts(struct account_value_reader *reader, const char *accounts, struct account_list *out)
{
    struct name_list keys = { NULL, 0 };
    size_t k;
    long rc = reader->store->ops->list_subkeys(reader->store->context, accounts, &keys);
    if (rc == REGSTORE_NO_MEMORY)
        reader->no_memory = 1;
    else if (rc != REGSTORE_OK && rc != REGSTORE_NOT_FOUND)
        reader->damaged = 1;
    name_list_sort(&keys);
    for (k = 0; k < keys.count; k++) {
        char path[1024];
        struct account account;
        memset(&account, 0, sizeof(account));
        account.program = PROGRAM_OUTLOOK_EXPRESS;
        if (text_format(path, sizeof(path), "%s\\%s", accounts, keys.names[k]) >= (int)sizeof(path))
            continue;
        read_server(reader, path, "POP3", MAIL_POP3, &account.incoming);
        if (!account.incoming.present)
            read_server(reader, path, "IMAP", MAIL_IMAP, &account.incoming);
        read_server(reader, path, "SMTP", MAIL_SMTP, &account.outgoing);
        if (!account.incoming.present && !account.outgoing.present)
            continue;   /* a news or directory account */
        if (!account_read_string(reader, path, "Account Name", account.name, sizeof(account.name)) ||
            !account.name[0])
            text_format(account.name, sizeof(account.name), "%s", keys.names[k]);
        if (account_list_add(out, &account) != 0)
            reader->no_memory = 1;
    }
    name_list_free(&keys);
}

int outlook_express_present(const struct regstore *user)
{
    struct name_list identities = { NULL, 0 };
    size_t i;
    int found = key_exists(user, ACCOUNTS_OF_USER);
    if (user->ops->list_subkeys(user->context, "Identities", &identities) == REGSTORE_OK)
        for (i = 0; i < identities.count && !found; i++) {
            char path[1024];
            text_format(path, sizeof(path), "Identities\\%s\\" ACCOUNTS_UNDER_IDENTITY, identities.names[i]);
            found = key_exists(user, path);
        }
    name_list_free(&identities);
    return found;
}

enum account_read_result outlook_express_read(const struct regstore *user, struct account_list *out)
{
    struct account_value_reader reader = { user, 0, 0 };
    struct name_list identities = { NULL, 0 };
    size_t i;
    int any_identity = 0;
    long rc = user->ops->list_subkeys(user->context, "Identities", &identities);
    if (rc == REGSTORE_NO_MEMORY)
        return ACCOUNT_READ_NO_MEMORY;
    name_list_sort(&identities);
    for (i = 0; i < identities.count; i++) {
        char path[1024];
        if (text_format(path, sizeof(path), "Identities\\%s\\" ACCOUNTS_UNDER_IDENTITY, identities.names[i]) >=
                (int)sizeof(path) ||
            !key_exists(user, path))
            continue;
        any_identity = 1;
        read_accounts(&reader, path, out);
    }
    name_list_free(&identities);
    if (!any_identity)
        read_accounts(&reader, ACCOUNTS_OF_USER, out);
    return account_reader_result(&reader);
}
