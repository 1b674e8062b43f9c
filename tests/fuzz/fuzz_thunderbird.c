/* libFuzzer target: Thunderbird's profiles.ini and prefs.js as /test /accounts reads them
 * from the user's disk, where anything may have been written. Each account read must be
 * whole (a host, a port in range, a security the record knows), carry no preference whose
 * name may hold a password, and the first be reported in both languages and as CSV. The
 * first byte chooses the file: 'P' profiles.ini, anything else prefs.js. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/account_check.h"
#include "accounts/thunderbird.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_server(const struct account_server *server)
{
    if (!server->present)
        return;
    if (!server->host[0] || memchr(server->host, '\0', sizeof(server->host)) == NULL || server->port > 65535 ||
        server->security > SECURITY_AUTO)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct account_list list = { NULL, 0, 0 };
    struct thunderbird_profile profiles[THUNDERBIRD_MAX_PROFILES];
    size_t i;
    if (size == 0)
        return 0;
    if (data[0] == 'P') {
        int count = thunderbird_profiles((const char *)data + 1, size - 1, profiles);
        if (count == 0 || count > THUNDERBIRD_MAX_PROFILES)
            abort();
        for (i = 0; count > 0 && i < (size_t)count; i++)
            if (!profiles[i].path[0] || !memchr(profiles[i].path, '\0', sizeof(profiles[i].path)))
                abort();
        return 0;
    }
    if (thunderbird_read_prefs((const char *)data + 1, size - 1, &list) == ACCOUNT_READ_NO_MEMORY)
        abort();
    for (i = 0; i < list.count; i++) {
        struct account_check *check = malloc(sizeof(*check));
        struct strbuf out;
        int language;
        if (!check)
            abort();
        if (list.items[i].program != PROGRAM_THUNDERBIRD || !list.items[i].incoming.present ||
            !memchr(list.items[i].name, '\0', sizeof(list.items[i].name)))
            abort();
        check_server(&list.items[i].incoming);
        check_server(&list.items[i].outgoing);
        if (i > 0) {
            free(check);
            continue;   /* the words once an input: a name and hosts from the file, bounded work */
        }
        /* Never tried: the words of servers not reached, in both languages and CSV. */
        account_check_prepare(check, &list.items[i], 0);
        strbuf_init(&out);
        for (language = 0; language < LANGUAGE_COUNT; language++)
            account_check_report(check, (enum language)language, &out);
        account_check_csv(check, &out);
        if (out.failed)
            abort();
        strbuf_free(&out);
        free(check);
    }
    account_list_free(&list);
    return 0;
}
