/* Parsing /test targets. */
#include "target.h"
#include "idna.h"
#include "../text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct scheme_row {
    const char *name;
    const char *default_port;
    enum mail_protocol mail;
    enum tls_mode mode;
};

static const struct scheme_row schemes[] = {
    { "smtps", "465", MAIL_SMTP, TLS_IMPLICIT },
    { "smtp",  "587", MAIL_SMTP, TLS_STARTTLS },
    { "pop3s", "995", MAIL_POP3, TLS_IMPLICIT },
    { "pop3",  "110", MAIL_POP3, TLS_STARTTLS },
    { "imaps", "993", MAIL_IMAP, TLS_IMPLICIT },
    { "imap",  "143", MAIL_IMAP, TLS_STARTTLS },
    { "https", "443", MAIL_NONE, TLS_IMPLICIT },
};

static int valid_host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

int target_parse(const char *text, struct target *out)
{
    const struct scheme_row *scheme = NULL;
    const char *rest = text, *separator = strstr(text, "://");
    const char *host, *host_end, *port = NULL;
    size_t i, host_length, port_length = 0;

    memset(out, 0, sizeof(*out));
    if (separator) {
        size_t length = (size_t)(separator - text);
        for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
            if (strlen(schemes[i].name) == length && text_equal_nocase_n(schemes[i].name, text, length))
                scheme = &schemes[i];
        if (!scheme)
            return -1;
        rest = separator + 3;
    }
    /* An optional single trailing slash, as people paste URLs; no path, user or query. */
    if (strpbrk(rest, "@?#") || (strchr(rest, '/') && strchr(rest, '/')[1] != '\0'))
        return -1;

    if (rest[0] == '[') {
        host = rest + 1;
        host_end = strchr(host, ']');
        if (!host_end)
            return -1;
        for (i = 0; host + i < host_end; i++)
            if (!((host[i] >= '0' && host[i] <= '9') || (host[i] >= 'a' && host[i] <= 'f') ||
                  (host[i] >= 'A' && host[i] <= 'F') || host[i] == ':' || host[i] == '.'))
                return -1;
        if (host_end[1] == ':')
            port = host_end + 2;
        else if (host_end[1] != '\0' && host_end[1] != '/')
            return -1;
    } else {
        host = rest;
        host_end = host;
        while (*host_end && *host_end != ':' && *host_end != '/')
            host_end++;
        if (*host_end == ':')
            port = host_end + 1;
    }
    host_length = (size_t)(host_end - host);
    if (host_length == 0 || host_length >= sizeof(out->host))
        return -1;
    if (rest[0] != '[') {
        /* An internationalised name (メール.例え.テスト) in the form DNS and certificates use. */
        int ascii_length = idna_to_ascii(host, host_length, out->host, sizeof(out->host));
        if (ascii_length <= 0)
            return -1;
        for (i = 0; i < (size_t)ascii_length; i++)
            if (!valid_host_char(out->host[i]))
                return -1;
        host = out->host;
        host_length = (size_t)ascii_length;
    }
    if (port) {
        port_length = strcspn(port, "/");
        if (text_port(port, port_length) == 0)
            return -1;
    }

    memmove(out->host, host, host_length);
    out->host[host_length] = '\0';
    if (port)
        memcpy(out->port, port, port_length);
    else
        strcpy(out->port, scheme ? scheme->default_port : "443");
    if (scheme) {
        strcpy(out->scheme, scheme->name);
        out->mail = scheme->mail;
        out->mode = scheme->mode;
    } else {
        out->mail = MAIL_NONE;
        out->mode = TLS_IMPLICIT;
    }
    return 0;
}

void target_describe(const struct target *target, char *out, unsigned out_size)
{
    int ipv6 = strchr(target->host, ':') != NULL;
    text_format(out, out_size, "%s%s%s%s%s:%s", target->scheme, target->scheme[0] ? "://" : "", ipv6 ? "[" : "",
             target->host, ipv6 ? "]" : "", target->port);
}

const char *target_starttls_scheme_for_port(const char *port, enum mail_protocol seen)
{
    if (seen == MAIL_SMTP || strcmp(port, "587") == 0 || strcmp(port, "25") == 0)
        return "smtp";
    if (seen == MAIL_POP3 || strcmp(port, "110") == 0)
        return "pop3";
    if (seen == MAIL_IMAP || strcmp(port, "143") == 0)
        return "imap";
    return NULL;
}
