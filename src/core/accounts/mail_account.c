/* The common account record: the list, the secret-name rule, default ports and the
 * /test target of a server. */
#include "mail_account.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

int account_list_add(struct account_list *list, const struct account *account)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        struct account *items = realloc(list->items, capacity * sizeof(*items));
        if (!items)
            return -1;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = *account;
    return 0;
}

void account_list_free(struct account_list *list)
{
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

int account_name_is_secret(const char *name)
{
    size_t i;
    for (i = 0; name[i]; i++) {
        if (text_equal_nocase_n(name + i, "pass", 4))
            return 1;
    }
    return 0;
}

unsigned account_server_port(const struct account_server *server)
{
    int ssl = server->security == SECURITY_SSL;
    if (server->port)
        return server->port;
    switch (server->protocol) {
    case MAIL_POP3: return ssl ? 995u : 110u;
    case MAIL_IMAP: return ssl ? 993u : 143u;
    case MAIL_SMTP: return ssl ? 465u : 25u;
    default: return 0;
    }
}

int account_server_target(const struct account_server *server, struct target *out)
{
    static const char *const schemes[][2] = {
        { "", "" }, { "smtp", "smtps" }, { "pop3", "pop3s" }, { "imap", "imaps" }
    };
    char url[300];
    unsigned port = account_server_port(server);
    if (!server->present || server->security == SECURITY_NONE || server->protocol == MAIL_NONE ||
        port == 0 || port > 65535 || strlen(server->host) > 255)
        return -1;
    text_format(url, sizeof url, "%s://%s:%u", schemes[server->protocol][server->security == SECURITY_SSL],
             server->host, port);
    return target_parse(url, out);
}

const char *account_program_name(enum account_program program)
{
    static const char *const names[PROGRAM_COUNT] = {
        "Outlook Express", "Windows Mail", "Windows Live Mail", "Outlook", "Becky!", "Thunderbird", "Sylpheed"
    };
    return program < PROGRAM_COUNT ? names[program] : "?";
}
