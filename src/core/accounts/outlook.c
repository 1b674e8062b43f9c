/* Outlook's POP3 and IMAP accounts in its MAPI profiles. Outlook keeps the strings as
 * REG_BINARY UTF-16LE and the ports as DWORDs; "SMTP Secure Connection" 0/1/2/3 means
 * none, SSL, TLS (STARTTLS) and Auto (docs/platform.md). */
#include "outlook.h"
#include "account_registry.h"
#include "../text/text.h"

#include <string.h>

/* The MAPI service of Internet mail accounts: its key in every profile. */
#define ACCOUNT_SERVICE "9375CFF0413111d3B88A00104B2A6676"
#define PROFILES_2003 "Software\\Microsoft\\Windows NT\\CurrentVersion\\Windows Messaging Subsystem\\Profiles"
#define OFFICE "Software\\Microsoft\\Office"

static long list(struct account_value_reader *reader, const char *path, struct name_list *out)
{
    long rc = reader->store->ops->list_subkeys(reader->store->context, path, out);
    if (rc == REGSTORE_NO_MEMORY)
        reader->no_memory = 1;
    else if (rc != REGSTORE_OK && rc != REGSTORE_NOT_FOUND)
        reader->damaged = 1;
    name_list_sort(out);
    return rc;
}

/* "Outlook 2013 and on": Office\15.0\Outlook\Profiles, Office\16.0\..., in order. */
static void profile_roots(struct account_value_reader *reader, struct name_list *roots)
{
    struct name_list versions = { NULL, 0 };
    size_t v;
    if (name_list_add(roots, PROFILES_2003) != REGSTORE_OK)
        reader->no_memory = 1;
    list(reader, OFFICE, &versions);
    for (v = 0; v < versions.count; v++) {
        char path[1024];
        if (!(versions.names[v][0] >= '0' && versions.names[v][0] <= '9'))
            continue;
        if (text_format(path, sizeof(path), OFFICE "\\%s\\Outlook\\Profiles", versions.names[v]) < (int)sizeof(path) &&
            name_list_add(roots, path) != REGSTORE_OK)
            reader->no_memory = 1;
    }
    name_list_free(&versions);
}

/* Security from "... Secure Connection" (0 to 3) or, where it is absent, "... Use SSL". */
static enum account_security read_security(struct account_value_reader *reader, const char *path, const char *prefix)
{
    char name[64];
    unsigned long value = 0;
    text_format(name, sizeof(name), "%s Secure Connection", prefix);
    if (account_read_dword(reader, path, name, &value)) {
        switch (value) {
        case 0: return SECURITY_NONE;
        case 1: return SECURITY_SSL;
        case 2: return SECURITY_STARTTLS;
        case 3: return SECURITY_AUTO;
        default:
            reader->damaged = 1;
            return SECURITY_NONE;
        }
    }
    text_format(name, sizeof(name), "%s Use SSL", prefix);
    return account_read_dword(reader, path, name, &value) && value ? SECURITY_SSL : SECURITY_NONE;
}

static void read_server(struct account_value_reader *reader, const char *path, const char *prefix,
                        enum mail_protocol protocol, struct account_server *server)
{
    if (!account_read_host_port(reader, path, prefix, protocol, server))
        return;
    server->security = read_security(reader, path, prefix);
}

static void read_profile(struct account_value_reader *reader, const char *service, struct account_list *out)
{
    struct name_list keys = { NULL, 0 };
    size_t k;
    list(reader, service, &keys);
    for (k = 0; k < keys.count; k++) {
        char path[1200];
        struct account account;
        memset(&account, 0, sizeof(account));
        account.program = PROGRAM_OUTLOOK;
        if (text_format(path, sizeof(path), "%s\\%s", service, keys.names[k]) >= (int)sizeof(path))
            continue;
        read_server(reader, path, "POP3", MAIL_POP3, &account.incoming);
        if (!account.incoming.present)
            read_server(reader, path, "IMAP", MAIL_IMAP, &account.incoming);
        if (!account.incoming.present)
            continue;   /* Exchange, an address book, or no account at all */
        read_server(reader, path, "SMTP", MAIL_SMTP, &account.outgoing);
        if (!account_read_string(reader, path, "Account Name", account.name, sizeof(account.name)) ||
            !account.name[0])
            text_format(account.name, sizeof(account.name), "%s", account.incoming.host);
        if (account_list_add(out, &account) != 0)
            reader->no_memory = 1;
    }
    name_list_free(&keys);
}

/* Every profile's account service key: counted, and its accounts read into `out` unless NULL. */
static size_t each_service(struct account_value_reader *reader, struct account_list *out)
{
    struct name_list roots = { NULL, 0 };
    size_t r, p, count = 0;
    profile_roots(reader, &roots);
    for (r = 0; r < roots.count; r++) {
        struct name_list profiles = { NULL, 0 };
        list(reader, roots.names[r], &profiles);
        for (p = 0; p < profiles.count; p++) {
            char service[1100];
            int exists = 0;
            if (text_format(service, sizeof(service), "%s\\%s\\" ACCOUNT_SERVICE, roots.names[r],
                            profiles.names[p]) >= (int)sizeof(service) ||
                reader->store->ops->key_exists(reader->store->context, service, &exists) != REGSTORE_OK || !exists)
                continue;
            count++;
            if (out)
                read_profile(reader, service, out);
        }
        name_list_free(&profiles);
    }
    name_list_free(&roots);
    return count;
}

int outlook_present(const struct regstore *user)
{
    struct account_value_reader reader = { user, 0, 0 };
    return each_service(&reader, NULL) > 0;
}

enum account_read_result outlook_read(const struct regstore *user, struct account_list *out)
{
    struct account_value_reader reader = { user, 0, 0 };
    each_service(&reader, out);
    return account_reader_result(&reader);
}
