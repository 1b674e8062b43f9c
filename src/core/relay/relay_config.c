/* relay.ini reading and writing, and the choice of a new way's local port. */
#include "relay_config.h"
#include "../text/text.h"

#include <string.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";

void relay_config_init(struct relay_config *config)
{
    memset(config, 0, sizeof(*config));
}

/* Every failure goes through here, so that *error always says the same kind of thing:
 * a line (or 0), a reason and the words the reason quotes, cut whole at a UTF-8 character. */
static int fail(struct relay_config_error *error, unsigned line, enum message_id reason, const char *detail)
{
    memset(error, 0, sizeof(*error));
    error->line = line;
    error->reason = reason;
    if (detail) {
        text_format(error->detail, sizeof(error->detail), "%s", detail);
        text_utf8_drop_cut(error->detail);
    }
    return -1;
}

static int fail_number(struct relay_config_error *error, unsigned line, enum message_id reason, unsigned long number)
{
    char text[16];
    text_format(text, sizeof(text), "%lu", number);
    return fail(error, line, reason, text);
}

int relay_provider_parse(const char *url, struct target *out, struct relay_config_error *error)
{
    if (target_parse(url, out) != 0)
        return fail(error, 0, MSG_RELAY_BAD_URL, url);
    /* A bare host:port or https:// would leave the relay guessing the protocol. */
    if (out->scheme[0] == '\0' || out->mail == MAIL_NONE)
        return fail(error, 0, MSG_RELAY_NEEDS_MAIL_SCHEME, url);
    /* "0995" and "995" are the same server: one spelling, so that comparing ways is plain. */
    text_format(out->port, sizeof(out->port), "%u", text_port(out->port, strlen(out->port)));
    return 0;
}

static int same_provider(const struct target *a, const struct target *b)
{
    return strcmp(a->scheme, b->scheme) == 0 && text_equal_nocase(a->host, b->host) && strcmp(a->port, b->port) == 0;
}

/* The way among the first `count` that relays `provider`, or NULL. */
static const struct relay_way *way_with_provider(const struct relay_config *config, unsigned count,
                                                 const struct target *provider)
{
    unsigned i;
    for (i = 0; i < count; i++)
        if (same_provider(&config->ways[i].provider, provider))
            return &config->ways[i];
    return NULL;
}

const struct relay_way *relay_config_find(const struct relay_config *config, const struct target *provider)
{
    return way_with_provider(config, config->count, provider);
}

static int port_is_a_ways(const struct relay_config *config, unsigned count, unsigned port)
{
    unsigned i;
    for (i = 0; i < count; i++)
        if (config->ways[i].local_port == port)
            return 1;
    return 0;
}

unsigned relay_usual_local_port(const struct target *provider)
{
    switch (provider->mail) {
    case MAIL_POP3:
        return 110;
    case MAIL_IMAP:
        return 143;
    case MAIL_SMTP:
        /* A program that sent to 587 keeps 587 (submission); 465 and 25 become 25. */
        return strcmp(provider->port, "587") == 0 ? 587 : 25;
    case MAIL_NONE:
        break;
    }
    return 0;
}

/* --- reading -------------------------------------------------------------------------- */

static int utf8_is_valid(const unsigned char *text, size_t length)
{
    size_t at = 0;
    unsigned long code;
    while (at < length)
        if (text_utf8_next(text, length, &at, &code) != 0)
            return 0;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Cuts blanks from both ends of `text` in place and returns its new start. */
static char *trim(char *text)
{
    size_t length;
    while (is_blank(*text))
        text++;
    length = strlen(text);
    while (length > 0 && is_blank(text[length - 1]))
        text[--length] = '\0';
    return text;
}

/* "[way 3]" (any case, any blanks) -> 3; 0 when the line is no way heading. */
static unsigned long way_heading_number(const char *line)
{
    size_t length = strlen(line), i;
    unsigned long number = 0;
    char inside[RELAY_CONFIG_MAX_LINE + 1], *cursor;
    if (length < 2 || line[0] != '[' || line[length - 1] != ']')
        return 0;
    memcpy(inside, line + 1, length - 2);
    inside[length - 2] = '\0';
    cursor = trim(inside);
    if (!text_equal_nocase_n(cursor, "way", 3) || !is_blank(cursor[3]))
        return 0;
    cursor = trim(cursor + 3);
    if (*cursor == '\0')
        return 0;
    for (i = 0; cursor[i]; i++) {
        if (cursor[i] < '0' || cursor[i] > '9')
            return 0;
        if (number < 100000)    /* far past 16: it only has to stay wrong */
            number = number * 10 + (unsigned long)(cursor[i] - '0');
    }
    return number;
}

/* The way being read: where its heading and settings were, for the messages. */
struct way_lines {
    unsigned heading;
    unsigned provider;
    unsigned local_port;
};

/* At the next heading or the end of the file: the way read has both its settings. */
static int finish_way(const struct way_lines *lines, struct relay_config_error *error)
{
    if (lines->heading == 0)
        return 0;
    if (lines->provider == 0)
        return fail(error, lines->heading, MSG_RELAY_FILE_MISSING_SETTING, "provider");
    if (lines->local_port == 0)
        return fail(error, lines->heading, MSG_RELAY_FILE_MISSING_SETTING, "local_port");
    return 0;
}

static int read_setting(struct relay_config *config, struct way_lines *lines, unsigned line_number, char *line,
                        struct relay_config_error *error)
{
    char *equals = strchr(line, '='), *name, *value;
    struct relay_way *way;
    *equals = '\0';
    name = trim(line);
    value = trim(equals + 1);
    if (*name == '\0')
        return fail(error, line_number, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL);
    if (lines->heading == 0)
        return fail(error, line_number, MSG_RELAY_FILE_SETTING_OUTSIDE_WAY, NULL);
    way = &config->ways[config->count - 1];

    if (text_equal_nocase(name, "provider")) {
        if (lines->provider)
            return fail(error, line_number, MSG_RELAY_FILE_DUPLICATE_SETTING, "provider");
        if (relay_provider_parse(value, &way->provider, error) != 0) {
            error->line = line_number;
            return -1;
        }
        if (way_with_provider(config, config->count - 1, &way->provider)) {
            char described[300];
            target_describe(&way->provider, described, sizeof(described));
            return fail(error, line_number, MSG_RELAY_FILE_SAME_PROVIDER, described);
        }
        lines->provider = line_number;
    } else if (text_equal_nocase(name, "local_port")) {
        if (lines->local_port)
            return fail(error, line_number, MSG_RELAY_FILE_DUPLICATE_SETTING, "local_port");
        way->local_port = text_port(value, strlen(value));
        if (way->local_port == 0)
            return fail(error, line_number, MSG_RELAY_BAD_PORT, value);
        if (port_is_a_ways(config, config->count - 1, way->local_port))
            return fail_number(error, line_number, MSG_RELAY_FILE_SAME_LOCAL_PORT, way->local_port);
        lines->local_port = line_number;
    } else {
        return fail(error, line_number, MSG_RELAY_FILE_UNKNOWN_SETTING, name);
    }
    return 0;
}

static int read_heading(struct relay_config *config, struct way_lines *lines, unsigned line_number,
                        const char *line, struct relay_config_error *error)
{
    unsigned long number = way_heading_number(line);
    if (number == 0)
        return fail(error, line_number, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL);
    if (finish_way(lines, error) != 0)
        return -1;
    if (config->count == RELAY_MAX_WAYS)
        return fail(error, line_number, MSG_RELAY_FILE_TOO_MANY_WAYS, NULL);
    if (number != config->count + 1)
        return fail_number(error, line_number, MSG_RELAY_FILE_WAY_OUT_OF_ORDER, config->count + 1);
    config->count++;
    memset(lines, 0, sizeof(*lines));
    lines->heading = line_number;
    return 0;
}

/* One line's bytes, without its line end: plain text in UTF-8, then a heading, a
 * setting, a comment or nothing. */
static int read_line(struct relay_config *config, struct way_lines *lines, unsigned line_number,
                     const char *bytes, size_t length, struct relay_config_error *error)
{
    char buffer[RELAY_CONFIG_MAX_LINE + 1], *line;
    size_t i;
    if (length > RELAY_CONFIG_MAX_LINE)
        return fail(error, line_number, MSG_RELAY_FILE_LINE_TOO_LONG, NULL);
    for (i = 0; i < length; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return fail(error, line_number, MSG_RELAY_FILE_CONTROL_CHARACTER, NULL);
    }
    if (!utf8_is_valid((const unsigned char *)bytes, length))
        return fail(error, line_number, MSG_RELAY_FILE_BAD_UTF8, NULL);
    memcpy(buffer, bytes, length);
    buffer[length] = '\0';
    line = trim(buffer);

    if (*line == '\0' || *line == ';')
        return 0;
    if (*line == '[')
        return read_heading(config, lines, line_number, line, error);
    if (strchr(line, '='))
        return read_setting(config, lines, line_number, line, error);
    return fail(error, line_number, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL);
}

int relay_config_parse(const char *bytes, size_t size, struct relay_config *out, struct relay_config_error *error)
{
    struct way_lines lines;
    size_t position = 0;
    unsigned line_number = 0;

    relay_config_init(out);
    memset(&lines, 0, sizeof(lines));
    memset(error, 0, sizeof(*error));
    if (size > RELAY_CONFIG_MAX_BYTES)
        return fail(error, 0, MSG_RELAY_FILE_TOO_LARGE, NULL);
    if (size >= 3 && memcmp(bytes, utf8_bom, 3) == 0)
        position = 3;

    while (position < size) {
        const char *start = bytes + position, *newline = memchr(start, '\n', size - position);
        size_t length = newline ? (size_t)(newline - start) : size - position;
        position += length + (newline ? 1 : 0);
        line_number++;
        /* CRLF as Notepad writes it; a CR anywhere else is a control character. */
        if (newline && length > 0 && start[length - 1] == '\r')
            length--;
        if (read_line(out, &lines, line_number, start, length, error) != 0) {
            relay_config_init(out);
            return -1;
        }
    }
    if (finish_way(&lines, error) != 0) {
        relay_config_init(out);
        return -1;
    }
    return 0;
}

/* --- writing -------------------------------------------------------------------------- */

/* A comment paragraph from the message table with CRLF line ends; every line is made a
 * comment, so that even a visibly missing translation ("[en] ...") reads back. */
static void append_comment(struct strbuf *out, const char *text)
{
    while (*text) {
        size_t length = strcspn(text, "\n");
        if (text[0] != ';')
            strbuf_append(out, "; ");
        strbuf_append_n(out, text, length);
        strbuf_append(out, "\r\n");
        text += length + (text[length] == '\n' ? 1 : 0);
    }
}

void relay_config_format(const struct relay_config *config, struct strbuf *out)
{
    unsigned i;
    strbuf_append(out, utf8_bom);
    append_comment(out, message_text(LANGUAGE_EN, MSG_RELAY_FILE_HEADER));
    append_comment(out, message_text(LANGUAGE_JA, MSG_RELAY_FILE_HEADER));
    for (i = 0; i < config->count; i++) {
        char provider[300];
        target_describe(&config->ways[i].provider, provider, sizeof(provider));
        strbuf_printf(out, "\r\n[way %u]\r\nprovider = %s\r\nlocal_port = %u\r\n", i + 1, provider,
                      config->ways[i].local_port);
    }
}

int relay_config_equal(const struct relay_config *a, const struct relay_config *b)
{
    unsigned i;
    if (a->count != b->count)
        return 0;
    for (i = 0; i < a->count; i++) {
        const struct relay_way *x = &a->ways[i], *y = &b->ways[i];
        if (x->local_port != y->local_port || strcmp(x->provider.scheme, y->provider.scheme) != 0 ||
            strcmp(x->provider.host, y->provider.host) != 0 || strcmp(x->provider.port, y->provider.port) != 0 ||
            x->provider.mail != y->provider.mail || x->provider.mode != y->provider.mode)
            return 0;
    }
    return 1;
}

/* --- changing ------------------------------------------------------------------------- */

static int choose_local_port(const struct relay_config *config, const struct target *provider,
                             relay_port_is_free_fn port_is_free, void *context, unsigned *chosen)
{
    unsigned port = relay_usual_local_port(provider);
    if (!port_is_a_ways(config, config->count, port) && port_is_free(context, port)) {
        *chosen = port;
        return 0;
    }
    for (port = RELAY_FIRST_FALLBACK_PORT; port <= 65535; port++) {
        if (!port_is_a_ways(config, config->count, port) && port_is_free(context, port)) {
            *chosen = port;
            return 0;
        }
    }
    return -1;
}

int relay_config_add(struct relay_config *config, const char *url, unsigned requested_port,
                     relay_port_is_free_fn port_is_free, void *context, struct relay_config_error *error)
{
    struct target provider;
    unsigned local_port = requested_port;

    if (relay_provider_parse(url, &provider, error) != 0)
        return -1;
    if (way_with_provider(config, config->count, &provider)) {
        char described[300];
        target_describe(&provider, described, sizeof(described));
        return fail(error, 0, MSG_RELAY_ALREADY_RELAYED, described);
    }
    if (config->count >= RELAY_MAX_WAYS)
        return fail(error, 0, MSG_RELAY_FULL, NULL);
    if (requested_port != 0) {
        if (requested_port > 65535)
            return fail_number(error, 0, MSG_RELAY_BAD_PORT, requested_port);
        if (port_is_a_ways(config, config->count, requested_port))
            return fail_number(error, 0, MSG_RELAY_PORT_IS_A_WAYS, requested_port);
        if (!port_is_free(context, requested_port))
            return fail_number(error, 0, MSG_RELAY_PORT_IN_USE, requested_port);
    } else if (choose_local_port(config, &provider, port_is_free, context, &local_port) != 0) {
        return fail(error, 0, MSG_RELAY_NO_FREE_PORT, NULL);
    }

    config->ways[config->count].provider = provider;
    config->ways[config->count].local_port = local_port;
    config->count++;
    return 0;
}

int relay_config_remove(struct relay_config *config, unsigned number, struct relay_config_error *error)
{
    if (number == 0 || number > config->count)
        return fail_number(error, 0, MSG_RELAY_UNKNOWN_WAY, number);
    memmove(&config->ways[number - 1], &config->ways[number],
            (config->count - number) * sizeof(config->ways[0]));
    config->count--;
    memset(&config->ways[config->count], 0, sizeof(config->ways[0]));
    return 0;
}

void relay_config_error_describe(const struct relay_config_error *error, const char *file_name,
                                 enum language language, struct strbuf *out)
{
    char reason[1024];
    text_format(reason, sizeof(reason), message_text(language, error->reason), error->detail);
    text_utf8_drop_cut(reason);
    if (file_name && error->line)
        strbuf_printf(out, message_text(language, MSG_RELAY_FILE_WHERE), file_name, error->line, reason);
    else if (file_name)
        strbuf_printf(out, message_text(language, MSG_RELAY_FILE_WHOLE), file_name, reason);
    else
        strbuf_printf(out, message_text(language, MSG_RELAY_ERROR), reason);
}
