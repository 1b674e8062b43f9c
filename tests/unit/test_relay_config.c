/* relay.ini: what TLS Switch writes reads back the same; a damaged file is refused with
 * its line; /relay add chooses local ports as the issue says and refuses what it must;
 * the words for the user carry the address and the port in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "relay/relay_advice.h"
#include "relay/relay_config.h"

/* A PC whose ports are free except those listed and, when busy_from is set, every port
 * from busy_from up. Counts the questions, so a test sees which ports were tried. */
struct fake_ports {
    unsigned busy[8];
    unsigned busy_count;
    unsigned busy_from;
    unsigned asked;
    unsigned last_asked;
};

static int fake_port_is_free(void *context, unsigned port)
{
    struct fake_ports *ports = context;
    unsigned i;
    ports->asked++;
    ports->last_asked = port;
    if (ports->busy_from && port >= ports->busy_from)
        return 0;
    for (i = 0; i < ports->busy_count; i++)
        if (ports->busy[i] == port)
            return 0;
    return 1;
}

static int parse_text(const char *text, struct relay_config *config, struct relay_config_error *error)
{
    return relay_config_parse(text, strlen(text), config, error);
}

static void add_or_fail(struct relay_config *config, const char *url, unsigned requested, struct fake_ports *ports)
{
    struct relay_config_error error;
    if (relay_config_add(config, url, requested, fake_port_is_free, ports, &error) != 0)
        fail_msg("adding %s was refused: message %d \"%s\"", url, (int)error.reason, error.detail);
}

static void reads_a_hand_written_file(void **state)
{
    struct relay_config config;
    struct relay_config_error error;
    /* BOM, CRLF and LF mixed, comments, blank lines, blanks around everything, any case. */
    const char *text = "\xEF\xBB\xBF; written by hand\r\n"
                       "\r\n"
                       "  [ Way  1 ]  \r\n"
                       "\tprovider=POP3S://Pop.Example.JP\r\n"
                       "LOCAL_PORT   =  110\n"
                       "; 日本語のコメント\n"
                       "[way 2]\n"
                       "local_port = 10110\n"
                       "provider = smtp://smtp.example.jp:0587/\n"
                       "[way 3]\n"
                       "provider = imap://[2001:db8::1]\n"
                       "local_port = 143";
    (void)state;
    assert_int_equal(parse_text(text, &config, &error), 0);
    assert_int_equal(config.count, 3);
    assert_string_equal(config.ways[0].provider.scheme, "pop3s");
    assert_string_equal(config.ways[0].provider.host, "Pop.Example.JP");
    assert_string_equal(config.ways[0].provider.port, "995");
    assert_int_equal(config.ways[0].provider.mail, MAIL_POP3);
    assert_int_equal(config.ways[0].provider.mode, TLS_IMPLICIT);
    assert_int_equal(config.ways[0].local_port, 110);
    /* Leading zeros are one spelling of the port, so that ways compare plainly. */
    assert_string_equal(config.ways[1].provider.port, "587");
    assert_int_equal(config.ways[1].provider.mode, TLS_STARTTLS);
    assert_int_equal(config.ways[1].local_port, 10110);
    assert_string_equal(config.ways[2].provider.host, "2001:db8::1");
    assert_string_equal(config.ways[2].provider.port, "143");

    /* A file with no ways at all is a relay with nothing to do, not a damaged file. */
    assert_int_equal(parse_text("", &config, &error), 0);
    assert_int_equal(config.count, 0);
    assert_int_equal(parse_text("\xEF\xBB\xBF; nothing yet\r\n", &config, &error), 0);
    assert_int_equal(config.count, 0);
}

static void format_writes_what_the_issue_shows_and_reads_back(void **state)
{
    struct relay_config config, again;
    struct relay_config_error error;
    struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
    struct strbuf text;
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "pop3s://pop.example.jp", 0, &ports);
    add_or_fail(&config, "smtp://smtp.example.jp:587", 0, &ports);
    add_or_fail(&config, "imaps://IMAP.Example.JP:10993", 0, &ports);
    add_or_fail(&config, "smtps://[::1]", 2525, &ports);
    strbuf_init(&text);
    relay_config_format(&config, &text);
    assert_false(text.failed);

    assert_memory_equal(text.data, "\xEF\xBB\xBF; ", 5);
    assert_non_null(strstr(text.data, "TLS Switch writes this file"));
    assert_non_null(strstr(text.data, "このファイルは TLS Switch が書きます"));
    assert_non_null(strstr(text.data, "\r\n[way 1]\r\nprovider = pop3s://pop.example.jp:995\r\nlocal_port = 110\r\n"));
    assert_non_null(strstr(text.data, "\r\n[way 2]\r\nprovider = smtp://smtp.example.jp:587\r\nlocal_port = 587\r\n"));
    assert_non_null(strstr(text.data, "\r\n[way 3]\r\nprovider = imaps://IMAP.Example.JP:10993\r\nlocal_port = 143\r\n"));
    assert_non_null(strstr(text.data, "\r\n[way 4]\r\nprovider = smtps://[::1]:465\r\nlocal_port = 2525\r\n"));
    /* Every line ends in CRLF, as Notepad on XP needs. */
    {
        const char *p;
        for (p = text.data; (p = strchr(p, '\n')) != NULL; p++)
            assert_int_equal(p[-1], '\r');
    }

    assert_int_equal(relay_config_parse(text.data, text.length, &again, &error), 0);
    assert_true(relay_config_equal(&config, &again));
    /* and relay_config_equal can say no: */
    again.ways[2].local_port = 144;
    assert_false(relay_config_equal(&config, &again));
    again.ways[2].local_port = 143;
    strcpy(again.ways[2].provider.host, "imap.example.jp");
    assert_false(relay_config_equal(&config, &again));

    /* An empty relay writes the comment alone, which reads back as empty. */
    relay_config_init(&config);
    strbuf_clear(&text);
    relay_config_format(&config, &text);
    assert_null(strstr(text.data, "\n[way"));
    assert_int_equal(relay_config_parse(text.data, text.length, &again, &error), 0);
    assert_int_equal(again.count, 0);
    strbuf_free(&text);
}

static void sixteen_ways_round_trip(void **state)
{
    struct relay_config config, again;
    struct relay_config_error error;
    struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
    struct strbuf text;
    unsigned i;
    (void)state;
    relay_config_init(&config);
    for (i = 0; i < RELAY_MAX_WAYS; i++) {
        char url[64];
        text_format(url, sizeof(url), "%s://mail%u.example.jp", i % 3 == 0 ? "pop3" : i % 3 == 1 ? "imaps" : "smtp",
                    i);
        add_or_fail(&config, url, 0, &ports);
    }
    assert_int_equal(config.count, 16);
    strbuf_init(&text);
    relay_config_format(&config, &text);
    assert_true(text.length < RELAY_CONFIG_MAX_BYTES);
    assert_int_equal(relay_config_parse(text.data, text.length, &again, &error), 0);
    assert_true(relay_config_equal(&config, &again));
    strbuf_free(&text);
}

struct refusal {
    const char *text;
    unsigned line;
    enum message_id reason;
    const char *detail;
};

#define WAY1 "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = 110\n"

static void refuses_damaged_files_with_the_line(void **state)
{
    static const struct refusal refusals[] = {
        { WAY1 "color = blue\n", 4, MSG_RELAY_FILE_UNKNOWN_SETTING, "color" },
        { WAY1 "local port = 110\n", 4, MSG_RELAY_FILE_UNKNOWN_SETTING, "local port" },
        { WAY1 "provider = pop3s://other.example.jp\n", 4, MSG_RELAY_FILE_DUPLICATE_SETTING, "provider" },
        { WAY1 "Local_Port = 111\n", 4, MSG_RELAY_FILE_DUPLICATE_SETTING, "local_port" },
        { "[way 1]\nprovider = pop3s://pop.example.jp/inbox\n", 2, MSG_RELAY_BAD_URL, "pop3s://pop.example.jp/inbox" },
        { "[way 1]\nprovider = ftp://pop.example.jp\n", 2, MSG_RELAY_BAD_URL, "ftp://pop.example.jp" },
        { "[way 1]\nprovider =\n", 2, MSG_RELAY_BAD_URL, "" },
        { "[way 1]\nprovider = pop3s://user@pop.example.jp\n", 2, MSG_RELAY_BAD_URL, "pop3s://user@pop.example.jp" },
        { "[way 1]\nprovider = pop3s://pop.example.jp ; mine\n", 2, MSG_RELAY_BAD_URL,
          "pop3s://pop.example.jp ; mine" },
        { "[way 1]\nprovider = pop.example.jp:995\n", 2, MSG_RELAY_NEEDS_MAIL_SCHEME, "pop.example.jp:995" },
        { "[way 1]\nprovider = https://pop.example.jp\n", 2, MSG_RELAY_NEEDS_MAIL_SCHEME, "https://pop.example.jp" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = 0\n", 3, MSG_RELAY_BAD_PORT, "0" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = 65536\n", 3, MSG_RELAY_BAD_PORT, "65536" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = +110\n", 3, MSG_RELAY_BAD_PORT, "+110" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = 1 10\n", 3, MSG_RELAY_BAD_PORT, "1 10" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port =\n", 3, MSG_RELAY_BAD_PORT, "" },
        { "[way 1]\nprovider = pop3s://pop.example.jp\nlocal_port = 110000\n", 3, MSG_RELAY_BAD_PORT, "110000" },
        { WAY1 "[way 2]\nprovider = imaps://imap.example.jp\nlocal_port = 110\n", 6, MSG_RELAY_FILE_SAME_LOCAL_PORT,
          "110" },
        /* the same server: host without case, the port however it is written */
        { WAY1 "[way 2]\nprovider = POP3S://POP.example.jp:0995\nlocal_port = 111\n", 5,
          MSG_RELAY_FILE_SAME_PROVIDER, "pop3s://POP.example.jp:995" },
        { "[way 2]\n", 1, MSG_RELAY_FILE_WAY_OUT_OF_ORDER, "1" },
        { WAY1 "[way 3]\n", 4, MSG_RELAY_FILE_WAY_OUT_OF_ORDER, "2" },
        { WAY1 "[way 1]\n", 4, MSG_RELAY_FILE_WAY_OUT_OF_ORDER, "2" },
        { "[way 0]\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "[way]\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "[way1]\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "[way 1\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "[relay]\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "; fine\nprovider = pop3s://pop.example.jp\n", 2, MSG_RELAY_FILE_SETTING_OUTSIDE_WAY, NULL },
        { WAY1 "just words\n", 4, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { WAY1 "= 110\n", 4, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        { "# a comment of another kind\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
        /* a way without one of its settings: named at its heading, at the end or before the next */
        { "[way 1]\nlocal_port = 110\n", 1, MSG_RELAY_FILE_MISSING_SETTING, "provider" },
        { "; x\n[way 1]\nprovider = pop3s://pop.example.jp\n\n[way 2]\n", 2, MSG_RELAY_FILE_MISSING_SETTING,
          "local_port" },
        { WAY1 "[way 2]\n", 4, MSG_RELAY_FILE_MISSING_SETTING, "provider" },
        /* not plain UTF-8 text */
        { "; a lone\rCR\n", 1, MSG_RELAY_FILE_CONTROL_CHARACTER, NULL },
        { WAY1 "; bell \a\n", 4, MSG_RELAY_FILE_CONTROL_CHARACTER, NULL },
        { "; delete \x7f\n", 1, MSG_RELAY_FILE_CONTROL_CHARACTER, NULL },
        { "; \xC0\x80 overlong NUL\n", 1, MSG_RELAY_FILE_BAD_UTF8, NULL },
        { "; \xED\xA0\x80 a surrogate\n", 1, MSG_RELAY_FILE_BAD_UTF8, NULL },
        { "; \xE3\x81 cut\n", 1, MSG_RELAY_FILE_BAD_UTF8, NULL },
        { "; \xF4\x90\x80\x80 past U+10FFFF\n", 1, MSG_RELAY_FILE_BAD_UTF8, NULL },
        { "; Latin-1 caf\xE9\n", 1, MSG_RELAY_FILE_BAD_UTF8, NULL },
        { "\xEF\xBB\xBF\xEF\xBB\xBF; two BOMs\n", 1, MSG_RELAY_FILE_UNRECOGNISED_LINE, NULL },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
        struct relay_config config;
        struct relay_config_error error;
        if (parse_text(refusals[i].text, &config, &error) != -1)
            fail_msg("case %u was read although it is damaged", (unsigned)i);
        if (error.line != refusals[i].line || error.reason != refusals[i].reason)
            fail_msg("case %u: line %u, message %d; expected line %u, message %d", (unsigned)i, error.line,
                     (int)error.reason, refusals[i].line, (int)refusals[i].reason);
        if (refusals[i].detail && strcmp(error.detail, refusals[i].detail) != 0)
            fail_msg("case %u: detail \"%s\", expected \"%s\"", (unsigned)i, error.detail, refusals[i].detail);
        /* A refused file leaves nothing half read behind. */
        assert_int_equal(config.count, 0);
    }
}

static void refuses_a_nul_byte(void **state)
{
    static const char text[] = WAY1 "; hidden\0zero\n";
    struct relay_config config;
    struct relay_config_error error;
    (void)state;
    assert_int_equal(relay_config_parse(text, sizeof(text) - 1, &config, &error), -1);
    assert_int_equal(error.line, 4);
    assert_int_equal(error.reason, MSG_RELAY_FILE_CONTROL_CHARACTER);
}

static void refuses_more_than_sixteen_ways(void **state)
{
    struct strbuf text;
    struct relay_config config;
    struct relay_config_error error;
    unsigned i;
    (void)state;
    strbuf_init(&text);
    for (i = 1; i <= 17; i++)
        strbuf_printf(&text, "[way %u]\nprovider = pop3s://mail%u.example.jp\nlocal_port = %u\n", i, i, 1000 + i);
    assert_int_equal(relay_config_parse(text.data, text.length, &config, &error), -1);
    assert_int_equal(error.line, 16 * 3 + 1);
    assert_int_equal(error.reason, MSG_RELAY_FILE_TOO_MANY_WAYS);
    /* without the 17th, it is read */
    text.length = (size_t)(strstr(text.data, "[way 17]") - text.data);
    assert_int_equal(relay_config_parse(text.data, text.length, &config, &error), 0);
    assert_int_equal(config.count, 16);
    strbuf_free(&text);
}

static void refuses_long_lines_and_large_files(void **state)
{
    char *text = malloc(RELAY_CONFIG_MAX_BYTES + 2);
    struct relay_config config;
    struct relay_config_error error;
    size_t line_start;
    (void)state;
    assert_non_null(text);
    /* A line of exactly 1024 bytes is read; 1025 is one too many. The CR of CRLF is not counted. */
    memcpy(text, WAY1, strlen(WAY1));
    line_start = strlen(WAY1);
    text[line_start] = ';';
    memset(text + line_start + 1, 'x', RELAY_CONFIG_MAX_LINE - 1);
    memcpy(text + line_start + RELAY_CONFIG_MAX_LINE, "\r\n", 2);
    assert_int_equal(relay_config_parse(text, line_start + RELAY_CONFIG_MAX_LINE + 2, &config, &error), 0);
    text[line_start + RELAY_CONFIG_MAX_LINE] = 'x';
    assert_int_equal(relay_config_parse(text, line_start + RELAY_CONFIG_MAX_LINE + 1, &config, &error), -1);
    assert_int_equal(error.line, 4);
    assert_int_equal(error.reason, MSG_RELAY_FILE_LINE_TOO_LONG);

    /* 64 KiB of comment lines is read; one byte more is refused as a whole (line 0). */
    {
        size_t i;
        for (i = 0; i < RELAY_CONFIG_MAX_BYTES + 1; i++)
            text[i] = (i % 64 == 63) ? '\n' : (i % 64 == 0 ? ';' : 'y');
    }
    assert_int_equal(relay_config_parse(text, RELAY_CONFIG_MAX_BYTES, &config, &error), 0);
    assert_int_equal(relay_config_parse(text, RELAY_CONFIG_MAX_BYTES + 1, &config, &error), -1);
    assert_int_equal(error.line, 0);
    assert_int_equal(error.reason, MSG_RELAY_FILE_TOO_LARGE);
    free(text);
}

static void usual_ports_by_protocol(void **state)
{
    static const struct {
        const char *url;
        unsigned port;
    } cases[] = {
        { "pop3s://pop.example.jp", 110 },    { "pop3://pop.example.jp", 110 },
        { "imaps://imap.example.jp", 143 },   { "imap://imap.example.jp:10143", 143 },
        { "smtps://smtp.example.jp", 25 },    { "smtp://smtp.example.jp", 587 },
        { "smtp://smtp.example.jp:25", 25 },  { "smtp://smtp.example.jp:2525", 25 },
        { "smtps://smtp.example.jp:587", 587 },
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct relay_config config;
        struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
        struct target provider;
        struct relay_config_error error;
        assert_int_equal(relay_provider_parse(cases[i].url, &provider, &error), 0);
        assert_int_equal(relay_usual_local_port(&provider), cases[i].port);
        relay_config_init(&config);
        add_or_fail(&config, cases[i].url, 0, &ports);
        if (config.ways[0].local_port != cases[i].port)
            fail_msg("%s got local port %u, expected %u", cases[i].url, config.ways[0].local_port, cases[i].port);
        /* The usual port was free: it was the only one asked about. */
        assert_int_equal(ports.asked, 1);
    }
}

static void a_taken_usual_port_falls_back_from_10110(void **state)
{
    struct relay_config config;
    struct fake_ports ports = { { 110 }, 1, 0, 0, 0 };
    (void)state;
    relay_config_init(&config);
    /* 110 is another program's (a local mail server, say): the first free from 10110 up. */
    add_or_fail(&config, "pop3s://pop.example.jp", 0, &ports);
    assert_int_equal(config.ways[0].local_port, 10110);
    /* 10110 is now this relay's own way: not chosen again, although the PC still calls it
     * free (the relay is not running while ways are added). */
    add_or_fail(&config, "pop3s://pop2.example.jp", 0, &ports);
    assert_int_equal(config.ways[1].local_port, 10111);
    /* 10112 and 10113 are another program's as well. */
    ports.busy[1] = 10112;
    ports.busy[2] = 10113;
    ports.busy_count = 3;
    add_or_fail(&config, "pop3://pop3.example.jp", 0, &ports);
    assert_int_equal(config.ways[2].local_port, 10114);
}

static void a_usual_port_another_way_has_is_not_offered(void **state)
{
    struct relay_config config;
    struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "imaps://imap.example.jp", 0, &ports);
    assert_int_equal(config.ways[0].local_port, 143);
    /* The PC says 143 is free, but it is way 1's: the second IMAP way goes elsewhere. */
    ports.asked = 0;
    add_or_fail(&config, "imaps://imap.example.com", 0, &ports);
    assert_int_equal(config.ways[1].local_port, 10110);
    assert_int_equal(ports.asked, 1);
    assert_int_equal(ports.last_asked, 10110);
    /* A requested port takes a usual port away from later ways too. */
    add_or_fail(&config, "smtps://smtp.example.jp", 25, &ports);
    add_or_fail(&config, "smtps://smtp.example.com", 0, &ports);
    assert_int_equal(config.ways[3].local_port, 10111);
}

static void a_requested_port_is_checked(void **state)
{
    struct relay_config config, before;
    struct relay_config_error error;
    struct fake_ports ports = { { 8110 }, 1, 0, 0, 0 };
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "pop3s://pop.example.jp", 2110, &ports);
    assert_int_equal(config.ways[0].local_port, 2110);
    memcpy(&before, &config, sizeof(before));

    assert_int_equal(relay_config_add(&config, "pop3s://b.example.jp", 2110, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_PORT_IS_A_WAYS);
    assert_string_equal(error.detail, "2110");
    assert_int_equal(relay_config_add(&config, "pop3s://b.example.jp", 8110, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_PORT_IN_USE);
    assert_string_equal(error.detail, "8110");
    assert_int_equal(relay_config_add(&config, "pop3s://b.example.jp", 65536, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_BAD_PORT);
    assert_string_equal(error.detail, "65536");
    assert_int_equal(error.line, 0);
    assert_memory_equal(&config, &before, sizeof(config));

    /* A requested port is taken as it is, even where the usual one is free. */
    add_or_fail(&config, "pop3s://b.example.jp", 65535, &ports);
    assert_int_equal(config.ways[1].local_port, 65535);
}

static void no_free_port_at_all(void **state)
{
    struct relay_config config;
    struct relay_config_error error;
    struct fake_ports ports = { { 143 }, 1, RELAY_FIRST_FALLBACK_PORT, 0, 0 };
    (void)state;
    relay_config_init(&config);
    assert_int_equal(relay_config_add(&config, "imaps://imap.example.jp", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_NO_FREE_PORT);
    assert_int_equal(config.count, 0);
    /* It tried the usual port and then every one from 10110 to 65535. */
    assert_int_equal(ports.asked, 1 + (65535 - RELAY_FIRST_FALLBACK_PORT + 1));
    assert_int_equal(ports.last_asked, 65535);
}

static void add_refuses_bad_urls_known_providers_and_a_full_list(void **state)
{
    struct relay_config config, before;
    struct relay_config_error error;
    struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
    unsigned i;
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "pop3s://pop.example.jp", 0, &ports);
    memcpy(&before, &config, sizeof(before));

    assert_int_equal(relay_config_add(&config, "pop.example.jp:995", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_NEEDS_MAIL_SCHEME);
    assert_string_equal(error.detail, "pop.example.jp:995");
    assert_int_equal(relay_config_add(&config, "pop.example.jp", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_NEEDS_MAIL_SCHEME);
    assert_int_equal(relay_config_add(&config, "https://pop.example.jp", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_NEEDS_MAIL_SCHEME);
    assert_int_equal(relay_config_add(&config, "pop3s://", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_BAD_URL);
    assert_int_equal(relay_config_add(&config, "pop3s://pop.example.jp:99999", 0, fake_port_is_free, &ports, &error),
                     -1);
    assert_int_equal(error.reason, MSG_RELAY_BAD_URL);
    /* the same server however written: case of the host, the default port spelled out */
    assert_int_equal(relay_config_add(&config, "POP3S://POP.Example.JP:995", 0, fake_port_is_free, &ports, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_ALREADY_RELAYED);
    assert_string_equal(error.detail, "pop3s://POP.Example.JP:995");
    assert_memory_equal(&config, &before, sizeof(config));
    /* The window finds that way to use it again rather than add it twice. */
    {
        struct target same, other;
        assert_int_equal(relay_provider_parse("POP3S://POP.Example.JP:995", &same, &error), 0);
        assert_ptr_equal(relay_config_find(&config, &same), &config.ways[0]);
        assert_int_equal(relay_provider_parse("pop3://pop.example.jp:995", &other, &error), 0);
        assert_null(relay_config_find(&config, &other));
    }
    /* Another port or another scheme is another way. */
    add_or_fail(&config, "pop3s://pop.example.jp:10995", 0, &ports);
    add_or_fail(&config, "pop3://pop.example.jp:995", 0, &ports);

    for (i = config.count; i < RELAY_MAX_WAYS; i++) {
        char url[64];
        text_format(url, sizeof(url), "imaps://imap%u.example.jp", i);
        add_or_fail(&config, url, 0, &ports);
    }
    memcpy(&before, &config, sizeof(before));
    assert_int_equal(relay_config_add(&config, "imaps://one-more.example.jp", 0, fake_port_is_free, &ports, &error),
                     -1);
    assert_int_equal(error.reason, MSG_RELAY_FULL);
    assert_memory_equal(&config, &before, sizeof(config));
}

static void a_japanese_host_goes_as_target_parse_decides(void **state)
{
    static const char *const urls[] = {
        "pop3s://メール.example.jp",
        "pop3s://pop.例え.jp:995",
        "pop3s://xn--4dkua4c.example.jp",    /* the first one as the DNS carries it */
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
        struct relay_config config;
        struct relay_config_error error;
        struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
        struct target target;
        int parsed = target_parse(urls[i], &target) == 0;
        relay_config_init(&config);
        if (parsed) {
            add_or_fail(&config, urls[i], 0, &ports);
        } else {
            assert_int_equal(relay_config_add(&config, urls[i], 0, fake_port_is_free, &ports, &error), -1);
            assert_int_equal(error.reason, MSG_RELAY_BAD_URL);
            /* The words quote what the user typed, whole. */
            assert_string_equal(error.detail, urls[i]);
        }
    }
    /* What target_parse decides today: names in Japanese script are taken in their xn--
     * form (Windows XP's resolver knows no IDN: the core converts them), so a way to one and
     * a way to its xn-- form are the same way. */
    {
        struct target target;
        struct relay_config config;
        struct relay_config_error error;
        struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
        assert_int_equal(target_parse(urls[0], &target), 0);
        assert_string_equal(target.host, "xn--4dkua4c.example.jp");
        relay_config_init(&config);
        add_or_fail(&config, urls[0], 0, &ports);
        assert_int_equal(relay_config_add(&config, urls[2], 0, fake_port_is_free, &ports, &error), -1);
        assert_int_equal(error.reason, MSG_RELAY_ALREADY_RELAYED);
    }
}

static void remove_by_number(void **state)
{
    struct relay_config config, before;
    struct relay_config_error error;
    struct fake_ports ports = { { 0 }, 0, 0, 0, 0 };
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "pop3s://a.example.jp", 0, &ports);
    add_or_fail(&config, "pop3s://b.example.jp", 0, &ports);
    add_or_fail(&config, "pop3s://c.example.jp", 0, &ports);
    memcpy(&before, &config, sizeof(before));
    assert_int_equal(relay_config_remove(&config, 0, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_UNKNOWN_WAY);
    assert_string_equal(error.detail, "0");
    assert_int_equal(relay_config_remove(&config, 4, &error), -1);
    assert_int_equal(error.reason, MSG_RELAY_UNKNOWN_WAY);
    assert_string_equal(error.detail, "4");
    assert_memory_equal(&config, &before, sizeof(config));

    assert_int_equal(relay_config_remove(&config, 2, &error), 0);
    assert_int_equal(config.count, 2);
    assert_string_equal(config.ways[0].provider.host, "a.example.jp");
    assert_string_equal(config.ways[1].provider.host, "c.example.jp");
    assert_int_equal(config.ways[1].local_port, 10111);
    /* Its local port is free again for the next way. */
    add_or_fail(&config, "pop3s://d.example.jp", 0, &ports);
    assert_int_equal(config.ways[2].local_port, 10110);
    assert_int_equal(relay_config_remove(&config, 3, &error), 0);
    assert_int_equal(relay_config_remove(&config, 1, &error), 0);
    assert_int_equal(relay_config_remove(&config, 1, &error), 0);
    assert_int_equal(config.count, 0);
    assert_int_equal(relay_config_remove(&config, 1, &error), -1);
}

static void advice_in_both_languages(void **state)
{
    struct relay_config config;
    struct fake_ports ports = { { 110 }, 1, 0, 0, 0 };
    struct strbuf text;
    (void)state;
    relay_config_init(&config);
    add_or_fail(&config, "pop3s://pop.example.jp", 0, &ports);    /* 110 busy: 10110 */
    add_or_fail(&config, "smtp://smtp.example.jp:587", 0, &ports);
    add_or_fail(&config, "imaps://imap.example.jp", 0, &ports);
    strbuf_init(&text);

    relay_advice_describe(&config.ways[0], LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "pop3s://pop.example.jp:995"));
    assert_non_null(strstr(text.data, "Incoming mail server (POP3): 127.0.0.1\n"));
    assert_non_null(strstr(text.data, "Port: 10110\n"));
    assert_non_null(strstr(text.data, "SSL/TLS: off"));
    assert_non_null(strstr(text.data, "\"Incoming mail (POP3)\": 10110, and \"This server requires a secure "
                                      "connection (SSL)\" unticked"));
    assert_null(strstr(text.data, "SMTP"));
    strbuf_clear(&text);
    relay_advice_describe(&config.ways[0], LANGUAGE_JA, &text);
    assert_non_null(strstr(text.data, "受信メール サーバー (POP3): 127.0.0.1\n"));
    assert_non_null(strstr(text.data, "ポート: 10110\n"));
    assert_non_null(strstr(text.data, "「受信メール (POP3)」に 10110、「このサーバーはセキュリティで保護された接続 (SSL) "
                                      "が必要」のチェックを外す"));

    strbuf_clear(&text);
    relay_advice_describe(&config.ways[1], LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "Outgoing mail server (SMTP): 127.0.0.1\n"));
    assert_non_null(strstr(text.data, "Port: 587\n"));
    assert_non_null(strstr(text.data, "\"My server requires authentication\" as it was"));
    assert_non_null(strstr(text.data, "\"Outgoing mail (SMTP)\": 587, and \"This server requires a secure "
                                      "connection (SSL)\" unticked"));
    strbuf_clear(&text);
    relay_advice_describe(&config.ways[1], LANGUAGE_JA, &text);
    assert_non_null(strstr(text.data, "送信メール サーバー (SMTP): 127.0.0.1\n"));
    assert_non_null(strstr(text.data, "ポート: 587\n"));
    assert_non_null(strstr(text.data, "「このサーバーは認証が必要」は今までのまま"));
    assert_non_null(strstr(text.data, "「送信メール (SMTP)」に 587、「このサーバーはセキュリティで保護された接続 (SSL) "
                                      "が必要」のチェックを外す"));

    strbuf_clear(&text);
    relay_advice_describe(&config.ways[2], LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "Incoming mail server (IMAP): 127.0.0.1\n"));
    assert_non_null(strstr(text.data, "\"Incoming mail (IMAP)\": 143"));
    strbuf_clear(&text);
    relay_advice_describe(&config.ways[2], LANGUAGE_JA, &text);
    assert_non_null(strstr(text.data, "「受信メール (IMAP)」に 127.0.0.1"));

    strbuf_clear(&text);
    relay_way_describe_line(&config.ways[1], 2, LANGUAGE_EN, &text);
    assert_string_equal(text.data, "  2. smtp://smtp.example.jp:587, for the mail program at 127.0.0.1:587\n");
    strbuf_clear(&text);
    relay_way_describe_line(&config.ways[0], 1, LANGUAGE_JA, &text);
    assert_string_equal(text.data, "  1. pop3s://pop.example.jp:995、メールソフトの接続先は 127.0.0.1:10110\n");
    assert_false(text.failed);
    strbuf_free(&text);
}

static void errors_in_words(void **state)
{
    struct relay_config config;
    struct relay_config_error error;
    struct strbuf text;
    (void)state;
    strbuf_init(&text);
    assert_int_equal(parse_text(WAY1 "[way 2]\nprovider = pop3s://pop.example.jp\n", &config, &error), -1);
    relay_config_error_describe(&error, "C:\\relay.ini", LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "Error: C:\\relay.ini, line 5: an earlier way already relays "
                                      "pop3s://pop.example.jp:995\n"));
    assert_non_null(strstr(text.data, "leaves the file as it is"));
    strbuf_clear(&text);
    relay_config_error_describe(&error, "C:\\relay.ini", LANGUAGE_JA, &text);
    assert_non_null(strstr(text.data, "エラー: C:\\relay.ini の 5 行目: pop3s://pop.example.jp:995 は前の中継で"));

    error.line = 0;
    error.reason = MSG_RELAY_FILE_TOO_LARGE;
    strbuf_clear(&text);
    relay_config_error_describe(&error, "relay.ini", LANGUAGE_EN, &text);
    assert_non_null(strstr(text.data, "Error: relay.ini: the file is larger than 64 KiB"));
    assert_int_equal(RELAY_CONFIG_MAX_BYTES, 64 * 1024);    /* as the words say */

    relay_config_init(&config);
    assert_int_equal(relay_config_remove(&config, 3, &error), -1);
    strbuf_clear(&text);
    relay_config_error_describe(&error, NULL, LANGUAGE_EN, &text);
    assert_string_equal(text.data, "Error: there is no way number 3 (tlsswitch /relay list shows the ways and their "
                                   "numbers)\n");
    strbuf_clear(&text);
    relay_config_error_describe(&error, NULL, LANGUAGE_JA, &text);
    assert_non_null(strstr(text.data, "エラー: 番号 3 の中継はありません"));
    assert_false(text.failed);
    strbuf_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_a_hand_written_file),
        cmocka_unit_test(format_writes_what_the_issue_shows_and_reads_back),
        cmocka_unit_test(sixteen_ways_round_trip),
        cmocka_unit_test(refuses_damaged_files_with_the_line),
        cmocka_unit_test(refuses_a_nul_byte),
        cmocka_unit_test(refuses_more_than_sixteen_ways),
        cmocka_unit_test(refuses_long_lines_and_large_files),
        cmocka_unit_test(usual_ports_by_protocol),
        cmocka_unit_test(a_taken_usual_port_falls_back_from_10110),
        cmocka_unit_test(a_usual_port_another_way_has_is_not_offered),
        cmocka_unit_test(a_requested_port_is_checked),
        cmocka_unit_test(no_free_port_at_all),
        cmocka_unit_test(add_refuses_bad_urls_known_providers_and_a_full_list),
        cmocka_unit_test(a_japanese_host_goes_as_target_parse_decides),
        cmocka_unit_test(remove_by_number),
        cmocka_unit_test(advice_in_both_languages),
        cmocka_unit_test(errors_in_words),
    };
    return cmocka_run_group_tests_name("relay_config", tests, NULL, NULL);
}
