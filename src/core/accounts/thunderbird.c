/* Thunderbird's profiles.ini and prefs.js. Lines are scanned where they lie, never copied
 * whole: a 10 MB line costs one pass and no memory. Only the preferences an account needs
 * are kept, in a table of bounded size. */
#include "thunderbird.h"
#include "../text/text.h"

#include <stdlib.h>
#include <string.h>

/* A file with more preferences of interest, or more accounts, than this is not one
 * Thunderbird wrote; the limits also bound the time a hostile file costs. */
#define MAX_KEPT 4096
#define MAX_ACCOUNTS 64

struct pref {
    char key[96];
    char value[256];
};

struct prefs {
    struct pref *items;
    size_t count, capacity;
    int damaged;
    int no_memory;
};

/* The end of the line that starts at `at`. */
static size_t line_end(const char *text, size_t length, size_t at)
{
    const char *newline = memchr(text + at, '\n', length - at);
    return newline ? (size_t)(newline - text) : length;
}

static size_t skip_spaces(const char *text, size_t end, size_t at)
{
    while (at < end && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r'))
        at++;
    return at;
}

/* A JavaScript string literal at text[at] ("..." with \" \\ \n \uXXXX escapes) into out
 * (cut at size, then marked too long); returns the index after it, or 0 when it is not one. */
static size_t read_string(const char *text, size_t end, size_t at, char *out, size_t size, int *too_long)
{
    size_t written = 0;
    *too_long = 0;
    if (at >= end || text[at] != '"')
        return 0;
    for (at++; at < end; at++) {
        char c = text[at];
        if (c == '"') {
            out[written < size ? written : size - 1] = '\0';
            return at + 1;
        }
        if (c == '\\') {
            if (++at >= end)
                return 0;
            c = text[at];
            if (c == 'u') {
                /* A name outside ASCII in an escape: kept as UTF-8. */
                unsigned long unit = 0;
                int i;
                char utf8[4];
                size_t n = 0;
                for (i = 0; i < 4; i++) {
                    int digit = at + 1 < end ? text_hex_digit(text[at + 1]) : -1;
                    if (digit < 0)
                        return 0;
                    unit = unit * 16 + (unsigned long)digit;
                    at++;
                }
                if (unit >= 0xD800 && unit <= 0xDFFF)
                    unit = '?';   /* half of a pair: no character of its own */
                if (unit < 0x80) {
                    utf8[n++] = (char)unit;
                } else if (unit < 0x800) {
                    utf8[n++] = (char)(0xC0 | (unit >> 6));
                    utf8[n++] = (char)(0x80 | (unit & 0x3F));
                } else {
                    utf8[n++] = (char)(0xE0 | (unit >> 12));
                    utf8[n++] = (char)(0x80 | ((unit >> 6) & 0x3F));
                    utf8[n++] = (char)(0x80 | (unit & 0x3F));
                }
                for (i = 0; i < (int)n; i++) {
                    if (written + 1 < size)
                        out[written++] = utf8[i];
                    else
                        *too_long = 1;
                }
                continue;
            }
            if (c == 'n')
                c = '\n';
        }
        if (c == '\0')
            return 0;
        if (written + 1 < size)
            out[written++] = c;
        else
            *too_long = 1;
    }
    return 0;
}

/* Whether a preference is one an account needs. */
static int wanted(const char *key)
{
    static const char *const prefixes[] = { "mail.server.", "mail.smtpserver.", "mail.account.", "mail.identity.",
                                            "mail.smtp.defaultserver" };
    size_t i;
    if (account_name_is_secret(key))
        return 0;
    for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (strncmp(key, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* One line: user_pref("key", value); where value is a string, a number or true/false. */
static void read_line(struct prefs *prefs, const char *text, size_t end, size_t at)
{
    static const char call[] = "user_pref(";
    struct pref pref;
    int too_long;
    size_t next;
    at = skip_spaces(text, end, at);
    if (end - at < sizeof(call) - 1 || memcmp(text + at, call, sizeof(call) - 1) != 0)
        return;   /* a comment, a blank line, or another statement */
    at = skip_spaces(text, end, at + sizeof(call) - 1);
    next = read_string(text, end, at, pref.key, sizeof(pref.key), &too_long);
    if (!next) {
        prefs->damaged = 1;
        return;
    }
    if (too_long || !wanted(pref.key))
        return;   /* a long name is none of ours; a secret one is never read further */
    at = skip_spaces(text, end, next);
    if (at >= end || text[at] != ',') {
        prefs->damaged = 1;
        return;
    }
    at = skip_spaces(text, end, at + 1);
    if (at < end && text[at] == '"') {
        next = read_string(text, end, at, pref.value, sizeof(pref.value), &too_long);
        if (!next || too_long) {
            prefs->damaged = 1;
            return;
        }
    } else {
        size_t n = 0;
        while (at < end && n + 1 < sizeof(pref.value) &&
               ((text[at] >= '0' && text[at] <= '9') || (text[at] >= 'a' && text[at] <= 'z') || text[at] == '-'))
            pref.value[n++] = text[at++];
        pref.value[n] = '\0';
        if (n == 0) {
            prefs->damaged = 1;
            return;
        }
    }
    if (prefs->count == prefs->capacity) {
        size_t capacity = prefs->capacity ? prefs->capacity * 2 : 64;
        struct pref *items;
        if (capacity > MAX_KEPT) {
            prefs->damaged = 1;
            return;
        }
        items = realloc(prefs->items, capacity * sizeof(*items));
        if (!items) {
            prefs->no_memory = 1;
            return;
        }
        prefs->items = items;
        prefs->capacity = capacity;
    }
    prefs->items[prefs->count++] = pref;
}

static const char *find(const struct prefs *prefs, const char *key)
{
    size_t i;
    /* Thunderbird writes each preference once; a later line wins, as when it reads them. */
    for (i = prefs->count; i > 0; i--)
        if (strcmp(prefs->items[i - 1].key, key) == 0)
            return prefs->items[i - 1].value;
    return NULL;
}

static const char *find_of(const struct prefs *prefs, const char *prefix, const char *id, const char *leaf)
{
    char key[sizeof(((struct pref *)0)->key) + 8];
    if (text_format(key, sizeof(key), "%s%s.%s", prefix, id, leaf) >= (int)sizeof(key))
        return NULL;
    return find(prefs, key);
}

/* A number preference; -1 when absent or not a number in range. */
static long number(struct prefs *prefs, const char *value, long max)
{
    char *end;
    long n;
    if (!value)
        return -1;
    n = strtol(value, &end, 10);
    if (*end || end == value || n < 0 || n > max) {
        prefs->damaged = 1;
        return -1;
    }
    return n;
}

static enum account_security security_of(long value)
{
    switch (value) {
    case 1: return SECURITY_AUTO;       /* STARTTLS when the server offers it */
    case 2: return SECURITY_STARTTLS;
    case 3: return SECURITY_SSL;
    default: return SECURITY_NONE;
    }
}

/* The server's settings: hostname, port, and its security preference. */
static void fill_server(struct prefs *prefs, const char *prefix, const char *id, const char *security_leaf,
                        enum mail_protocol protocol, struct account_server *server)
{
    const char *host = find_of(prefs, prefix, id, "hostname");
    long port, security;
    if (!host || !host[0])
        return;
    server->present = 1;
    server->protocol = protocol;
    text_format(server->host, sizeof(server->host), "%s", host);
    port = number(prefs, find_of(prefs, prefix, id, "port"), 65535);
    server->port = port > 0 ? (unsigned)port : 0;
    security = number(prefs, find_of(prefs, prefix, id, security_leaf), 3);
    server->security = security_of(security);
}

/* The outgoing server of the account whose incoming server is `server_id`: its first
 * identity's, else the default one. */
static const char *smtp_of(const struct prefs *prefs, const char *server_id)
{
    size_t i;
    for (i = 0; i < prefs->count; i++) {
        const char *key = prefs->items[i].key, *dot;
        char account[64], identity[64];
        const char *identities, *smtp;
        size_t n;
        if (strncmp(key, "mail.account.", 13) != 0 || strcmp(prefs->items[i].value, server_id) != 0)
            continue;
        dot = strchr(key + 13, '.');
        if (!dot || strcmp(dot, ".server") != 0 || (size_t)(dot - (key + 13)) >= sizeof(account))
            continue;
        memcpy(account, key + 13, (size_t)(dot - (key + 13)));
        account[dot - (key + 13)] = '\0';
        identities = find_of(prefs, "mail.account.", account, "identities");
        if (!identities)
            break;
        n = strcspn(identities, ",");
        if (n == 0 || n >= sizeof(identity))
            break;
        memcpy(identity, identities, n);
        identity[n] = '\0';
        smtp = find_of(prefs, "mail.identity.", identity, "smtpServer");
        if (smtp && smtp[0])
            return smtp;
        break;
    }
    return find(prefs, "mail.smtp.defaultserver");
}

enum account_read_result thunderbird_read_prefs(const char *text, size_t length, struct account_list *out)
{
    struct prefs prefs;
    size_t at = 0, i, found = 0;
    memset(&prefs, 0, sizeof(prefs));
    while (at < length && !prefs.no_memory) {
        size_t end = line_end(text, length, at);
        read_line(&prefs, text, end, at);
        at = end + 1;
    }
    for (i = 0; i < prefs.count; i++) {
        const char *key = prefs.items[i].key, *value = prefs.items[i].value, *dot;
        char id[64];
        struct account account;
        const char *smtp, *name;
        if (strncmp(key, "mail.server.", 12) != 0)
            continue;
        dot = strchr(key + 12, '.');
        if (!dot || strcmp(dot, ".type") != 0 || (size_t)(dot - (key + 12)) >= sizeof(id))
            continue;
        memcpy(id, key + 12, (size_t)(dot - (key + 12)));
        id[dot - (key + 12)] = '\0';
        memset(&account, 0, sizeof(account));
        account.program = PROGRAM_THUNDERBIRD;
        if (strcmp(value, "pop3") == 0)
            fill_server(&prefs, "mail.server.", id, "socketType", MAIL_POP3, &account.incoming);
        else if (strcmp(value, "imap") == 0)
            fill_server(&prefs, "mail.server.", id, "socketType", MAIL_IMAP, &account.incoming);
        if (!account.incoming.present)
            continue;   /* local folders, news, feeds */
        smtp = smtp_of(&prefs, id);
        if (smtp && strlen(smtp) < 64)
            fill_server(&prefs, "mail.smtpserver.", smtp, "try_ssl", MAIL_SMTP, &account.outgoing);
        name = find_of(&prefs, "mail.server.", id, "name");
        text_format(account.name, sizeof(account.name), "%s", name && name[0] ? name : account.incoming.host);
        text_utf8_drop_cut(account.name);
        if (found == MAX_ACCOUNTS) {
            prefs.damaged = 1;
            break;
        }
        if (account_list_add(out, &account) != 0) {
            prefs.no_memory = 1;
            break;
        }
        found++;
    }
    free(prefs.items);
    if (prefs.no_memory)
        return ACCOUNT_READ_NO_MEMORY;
    return prefs.damaged ? ACCOUNT_READ_DAMAGED : ACCOUNT_READ_OK;
}

int thunderbird_profiles(const char *text, size_t length, struct thunderbird_profile *out)
{
    size_t at = 0;
    int count = 0, in_profile = 0;
    while (at < length) {
        size_t end = line_end(text, length, at), start = skip_spaces(text, end, at), stop = end;
        while (stop > start && (text[stop - 1] == '\r' || text[stop - 1] == ' '))
            stop--;
        if (stop > start && text[start] == '[') {
            /* Install and General sections hold no profile of their own. */
            in_profile = stop - start > 8 && text_equal_nocase_n(text + start, "[Profile", 8);
            if (in_profile) {
                if (count == THUNDERBIRD_MAX_PROFILES)
                    break;
                memset(&out[count], 0, sizeof(out[count]));
                count++;
            }
        } else if (in_profile && stop - start > 5 && text_equal_nocase_n(text + start, "Path=", 5)) {
            size_t n = stop - start - 5;
            if (n < sizeof(out[count - 1].path)) {
                memcpy(out[count - 1].path, text + start + 5, n);
                out[count - 1].path[n] = '\0';
            }
        } else if (in_profile && stop - start == 12 && text_equal_nocase_n(text + start, "IsRelative=1", 12)) {
            out[count - 1].relative = 1;
        }
        at = end + 1;
    }
    {
        /* A profile section without a path is left out. */
        int i, kept = 0;
        for (i = 0; i < count; i++)
            if (out[i].path[0])
                out[kept++] = out[i];
        count = kept;
    }
    return count > 0 ? count : -1;
}
