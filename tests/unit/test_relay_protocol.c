/* The relay's protocol logic (src/core/relay): the upstream STARTTLS dialogue from
 * server transcripts (dovecot's and postfix's own words), the greeting the mail program gets,
 * the filters both ways (capability answers lose STARTTLS/STLS/LOGINDISABLED, message bodies
 * and literals pass untouched, the program's STARTTLS is answered by the relay), every input
 * cut at every point giving the same output, and the error replies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "relay/relay_filter.h"
#include "relay/relay_reply.h"
#include "relay/relay_starttls.h"

#define DOVECOT_IMAP_GREETING                                                                                        \
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot "  \
    "(Debian) ready.\r\n"
#define DOVECOT_POP3_GREETING "+OK Dovecot (Debian) ready.\r\n"
#define POSTFIX_GREETING "220 mail.example.jp ESMTP Postfix (Debian/GNU)\r\n"
#define POSTFIX_EHLO                                                                                                 \
    "250-mail.example.jp\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n"          \
    "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n"
#define POSTFIX_EHLO_SEEN                                                                                            \
    "250-mail.example.jp\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-VRFY\r\n250-ETRN\r\n"                          \
    "250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n250-DSN\r\n250 SMTPUTF8\r\n"
#define TLS_IS_DONE "TLS Switch: TLS is done by the relay, turn SSL/TLS off in the mail program for this server"

static const unsigned char *bytes_of(const char *text)
{
    return (const unsigned char *)text;
}

/* --- the STARTTLS dialogue ---------------------------------------------------------------- */

static enum relay_starttls_step feed_text(struct relay_starttls *dialogue, const char *text)
{
    return relay_starttls_feed(dialogue, bytes_of(text), strlen(text));
}

static void assert_sends(const struct relay_starttls *dialogue, const char *command)
{
    assert_non_null(dialogue->send);
    assert_int_equal(dialogue->send_length, strlen(command));
    assert_memory_equal(dialogue->send, command, strlen(command));
}

static void starttls_pop3(void **state)
{
    struct relay_starttls dialogue;
    unsigned char greeting[RELAY_GREETING_MAX];
    static const char apop[] = "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n";
    (void)state;
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, "+OK Dovecot (Deb"), RELAY_STARTTLS_NEED_MORE);
    assert_int_equal(feed_text(&dialogue, "ian) ready.\r\n"), RELAY_STARTTLS_SEND);
    assert_sends(&dialogue, "STLS\r\n");
    assert_int_equal(feed_text(&dialogue, "+OK Begin TLS negotiation now.\r\n"), RELAY_STARTTLS_START_TLS);
    assert_int_equal(relay_starttls_greeting(&dialogue, greeting), strlen(DOVECOT_POP3_GREETING));
    assert_memory_equal(greeting, DOVECOT_POP3_GREETING, strlen(DOVECOT_POP3_GREETING));

    /* APOP's time stamp survives, byte for byte. */
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, apop), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "+OK\r\n"), RELAY_STARTTLS_START_TLS);
    assert_int_equal(relay_starttls_greeting(&dialogue, greeting), strlen(apop));
    assert_memory_equal(greeting, apop, strlen(apop));

    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, "-ERR [SYS/TEMP] go away\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_GREETING_REFUSED);
    assert_string_equal(dialogue.failure_line, "-ERR [SYS/TEMP] go away");

    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, DOVECOT_POP3_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "-ERR Unknown command.\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_REFUSED);
    assert_string_equal(dialogue.failure_line, "-ERR Unknown command.");
    /* Failed stays failed. */
    assert_int_equal(feed_text(&dialogue, "+OK\r\n"), RELAY_STARTTLS_FAILED);

    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, "220 this is smtp\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_MALFORMED);
}

static void starttls_imap(void **state)
{
    struct relay_starttls dialogue;
    unsigned char greeting[RELAY_GREETING_MAX];
    static const char seen[] = "* OK Dovecot (Debian) ready.\r\n";
    size_t length;
    (void)state;
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    assert_sends(&dialogue, RELAY_STARTTLS_IMAP_TAG " STARTTLS\r\n");
    assert_int_equal(feed_text(&dialogue, "* CAPABILITY IMAP4rev1 STARTTLS\r\n"), RELAY_STARTTLS_NEED_MORE);
    assert_int_equal(feed_text(&dialogue, RELAY_STARTTLS_IMAP_TAG " OK Begin TLS negotiation now.\r\n"),
                     RELAY_STARTTLS_START_TLS);
    /* The greeting as it came is kept; the program's has no stale [CAPABILITY ...]. */
    assert_int_equal(dialogue.greeting_length, strlen(DOVECOT_IMAP_GREETING));
    assert_memory_equal(dialogue.greeting, DOVECOT_IMAP_GREETING, strlen(DOVECOT_IMAP_GREETING));
    length = relay_starttls_greeting(&dialogue, greeting);
    assert_int_equal(length, strlen(seen));
    assert_memory_equal(greeting, seen, length);

    /* A code that is all the greeting has still leaves text after "OK". */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, "* ok [capability IMAP4rev1 STARTTLS]\r\n"), RELAY_STARTTLS_SEND);
    length = relay_starttls_greeting(&dialogue, greeting);
    assert_int_equal(length, strlen("* ok ready\r\n"));
    assert_memory_equal(greeting, "* ok ready\r\n", length);
    /* Another response code stays. */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, "* OK [ALERT] hello\r\n"), RELAY_STARTTLS_SEND);
    length = relay_starttls_greeting(&dialogue, greeting);
    assert_memory_equal(greeting, "* OK [ALERT] hello\r\n", length);

    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, "* PREAUTH [CAPABILITY IMAP4rev1] logged in\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_PREAUTH);
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, "* BYE too busy\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_GREETING_REFUSED);
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, RELAY_STARTTLS_IMAP_TAG " NO not now\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_REFUSED);
    assert_string_equal(dialogue.failure_line, RELAY_STARTTLS_IMAP_TAG " NO not now");
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, RELAY_STARTTLS_IMAP_TAG " BAD unknown command\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_REFUSED);
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "A9 OK what\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_MALFORMED);
    /* The answer to a STARTTLS not yet sent is forged. */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING RELAY_STARTTLS_IMAP_TAG " OK Begin\r\n"),
                     RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_OUT_OF_TURN);
    /* Untagged lines with the greeting are allowed. */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING "* OK [ALERT] maintenance at 3\r\n"),
                     RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, RELAY_STARTTLS_IMAP_TAG " OK Begin\r\n"), RELAY_STARTTLS_START_TLS);
}

static void starttls_smtp(void **state)
{
    struct relay_starttls dialogue;
    unsigned char greeting[RELAY_GREETING_MAX];
    static const char multi[] = "220-mail.example.jp ESMTP\r\n220-APOP-like <123@x>\r\n220 ready\r\n";
    (void)state;
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_sends(&dialogue, "EHLO [127.0.0.1]\r\n");
    assert_int_equal(feed_text(&dialogue, POSTFIX_EHLO), RELAY_STARTTLS_SEND);
    assert_sends(&dialogue, "STARTTLS\r\n");
    assert_int_equal(feed_text(&dialogue, "220 2.0.0 Ready to start TLS\r\n"), RELAY_STARTTLS_START_TLS);
    assert_int_equal(relay_starttls_greeting(&dialogue, greeting), strlen(POSTFIX_GREETING));
    assert_memory_equal(greeting, POSTFIX_GREETING, strlen(POSTFIX_GREETING));

    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, "220-mail.example.jp ESMTP\r\n"), RELAY_STARTTLS_NEED_MORE);
    assert_int_equal(feed_text(&dialogue, "220-APOP-like <123@x>\r\n220 ready\r\n"), RELAY_STARTTLS_SEND);
    assert_int_equal(relay_starttls_greeting(&dialogue, greeting), strlen(multi));
    assert_memory_equal(greeting, multi, strlen(multi));

    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "250-mail.example.jp\r\n250-PIPELINING\r\n250 8BITMIME\r\n"),
                     RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_NOT_OFFERED);
    /* STARTTLS on the first line is the server's name, no keyword. */
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "250-STARTTLS\r\n250 SIZE\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_NOT_OFFERED);

    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, "554 5.7.1 no service\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_GREETING_REFUSED);
    assert_string_equal(dialogue.failure_line, "554 5.7.1 no service");
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "502 5.5.2 Error: command not recognized\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_EHLO_REFUSED);
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, POSTFIX_EHLO), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "454 4.7.0 TLS not available due to local problem\r\n"),
                     RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_REFUSED);
    assert_string_equal(dialogue.failure_line, "454 4.7.0 TLS not available due to local problem");
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, "hello there\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_MALFORMED);
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, "220-a\r\n250 b\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_MALFORMED);
    /* The greeting is complete: a POP3 or SMTP server says nothing more until asked. */
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING "250-fake\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_OUT_OF_TURN);
    assert_string_equal(dialogue.failure_line, "250-fake");

    relay_starttls_init(&dialogue, MAIL_NONE);
    assert_int_equal(feed_text(&dialogue, "x\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_NOT_MAIL);
}

static void starttls_injection(void **state)
{
    struct relay_starttls dialogue;
    (void)state;
    /* In the same read as the answer. */
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, POSTFIX_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, POSTFIX_EHLO), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "220 2.0.0 Ready to start TLS\r\n250-injected\r\n"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_INJECTION);
    assert_string_equal(dialogue.failure_line, "250-injected");
    /* In a later read, before TLS started. */
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, DOVECOT_POP3_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, "+OK Begin TLS\r\n"), RELAY_STARTTLS_START_TLS);
    assert_int_equal(feed_text(&dialogue, "+"), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_INJECTION);
    /* Even a partial line, even one byte. */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    assert_int_equal(feed_text(&dialogue, RELAY_STARTTLS_IMAP_TAG " OK Begin TLS negotiation now.\r\n*"),
                     RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_INJECTION);
    assert_string_equal(dialogue.failure_line, "*");
}

static void starttls_bounds(void **state)
{
    struct relay_starttls dialogue;
    char line[RELAY_STARTTLS_LINE_MAX + 16];
    int i;
    (void)state;
    /* SMTP: 1000 bytes with CRLF pass, 1001 do not. */
    memset(line, 'x', sizeof(line));
    memcpy(line, "220 ", 4);
    memcpy(line + 998, "\r\n", 3);
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, line), RELAY_STARTTLS_SEND);
    memset(line, 'x', sizeof(line));
    memcpy(line, "220 ", 4);
    memcpy(line + 999, "\r\n", 3);
    relay_starttls_init(&dialogue, MAIL_SMTP);
    assert_int_equal(feed_text(&dialogue, line), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_LINE_TOO_LONG);
    assert_int_equal(strlen(dialogue.failure_line), RELAY_FAILURE_LINE_MAX);
    /* Others: 8 KB. */
    memset(line, 'x', sizeof(line));
    memcpy(line, "+OK ", 4);
    line[RELAY_STARTTLS_LINE_MAX + 1] = '\0';
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, line), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_LINE_TOO_LONG);
    /* A greeting line longer than the greeting may be. */
    memset(line, 'x', sizeof(line));
    memcpy(line, "+OK ", 4);
    memcpy(line + RELAY_GREETING_MAX, "\r\n", 3);
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, line), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_GREETING_TOO_LONG);
    /* SMTP greeting lines that add up to too much. */
    relay_starttls_init(&dialogue, MAIL_SMTP);
    for (i = 0; i < 5; i++) {
        memset(line, 'x', 990);
        memcpy(line, "220-", 4);
        memcpy(line + 990, "\r\n", 3);
        if (feed_text(&dialogue, line) != RELAY_STARTTLS_NEED_MORE)
            break;
    }
    assert_int_equal(i, 4);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_GREETING_TOO_LONG);
    /* Too many lines. */
    relay_starttls_init(&dialogue, MAIL_IMAP);
    assert_int_equal(feed_text(&dialogue, DOVECOT_IMAP_GREETING), RELAY_STARTTLS_SEND);
    for (i = 0; i < RELAY_STARTTLS_LINES_MAX; i++)
        if (feed_text(&dialogue, "* OK still there\r\n") != RELAY_STARTTLS_NEED_MORE)
            break;
    assert_int_equal(i, RELAY_STARTTLS_LINES_MAX - 1);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_TOO_MANY_LINES);
    /* A NUL byte. */
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(relay_starttls_feed(&dialogue, bytes_of("+OK a\0b\r\n"), 9), RELAY_STARTTLS_FAILED);
    assert_int_equal(dialogue.failure, RELAY_STARTTLS_NUL_BYTE);
    assert_string_equal(dialogue.failure_line, "+OK a");
    /* The kept line is printable ASCII only. */
    relay_starttls_init(&dialogue, MAIL_POP3);
    assert_int_equal(feed_text(&dialogue, "-ERR \x1b[31mred\xe3\x81\x82\r\n"), RELAY_STARTTLS_FAILED);
    assert_string_equal(dialogue.failure_line, "-ERR ?[31mred???");
    assert_string_equal(relay_starttls_failure_text(RELAY_STARTTLS_NOT_OFFERED), "the server does not offer STARTTLS");
}

/* One server turn after another (greeting, then each answer to the relay's command), each
 * cut at `cut` (0: whole; a turn shorter than cut stays whole) or fed byte by byte (cut 1):
 * the commands sent and the end are the same however the bytes come. */
struct dialogue_run {
    char sent[256];
    enum relay_starttls_step end;
    enum relay_starttls_failure failure;
};

static void run_dialogue(enum mail_protocol mail, const char *const *turns, size_t which, size_t cut,
                         struct dialogue_run *run)
{
    struct relay_starttls dialogue;
    size_t turn, at;
    relay_starttls_init(&dialogue, mail);
    run->sent[0] = '\0';
    run->end = RELAY_STARTTLS_NEED_MORE;
    for (turn = 0; turns[turn]; turn++) {
        size_t length = strlen(turns[turn]);
        enum relay_starttls_step step = RELAY_STARTTLS_NEED_MORE;
        for (at = 0; at < length;) {
            size_t chunk = length - at;
            if (cut == 1)
                chunk = 1;
            else if (turn == which && at == 0 && cut > 0 && cut < length)
                chunk = cut;
            step = relay_starttls_feed(&dialogue, bytes_of(turns[turn]) + at, chunk);
            at += chunk;
            if (step == RELAY_STARTTLS_FAILED || step == RELAY_STARTTLS_START_TLS)
                break;
            if (step == RELAY_STARTTLS_SEND) {
                assert_true(strlen(run->sent) + dialogue.send_length < sizeof(run->sent));
                strncat(run->sent, dialogue.send, dialogue.send_length);
            }
        }
        run->end = step;
        if (step == RELAY_STARTTLS_FAILED || step == RELAY_STARTTLS_START_TLS)
            break;
    }
    run->failure = dialogue.failure;
}

static void starttls_any_cut(void **state)
{
    static const char *const smtp[] = { POSTFIX_GREETING, POSTFIX_EHLO, "220 2.0.0 Ready to start TLS\r\n", NULL };
    static const char *const imap[] = { DOVECOT_IMAP_GREETING "* OK more\r\n",
                                        "* BLAH x\r\n" RELAY_STARTTLS_IMAP_TAG " OK Begin TLS negotiation now.\r\n",
                                        NULL };
    static const char *const pop3[] = { DOVECOT_POP3_GREETING, "+OK Begin TLS negotiation now.\r\n", NULL };
    static const char *const smtp_no[] = { "220-a\r\n220 b\r\n", "250-x\r\n250-SIZE 1\r\n250 DSN\r\n", NULL };
    static const struct {
        enum mail_protocol mail;
        const char *const *turns;
        const char *sent;
        enum relay_starttls_step end;
    } cases[] = {
        { MAIL_SMTP, smtp, "EHLO [127.0.0.1]\r\nSTARTTLS\r\n", RELAY_STARTTLS_START_TLS },
        { MAIL_IMAP, imap, RELAY_STARTTLS_IMAP_TAG " STARTTLS\r\n", RELAY_STARTTLS_START_TLS },
        { MAIL_POP3, pop3, "STLS\r\n", RELAY_STARTTLS_START_TLS },
        { MAIL_SMTP, smtp_no, "EHLO [127.0.0.1]\r\n", RELAY_STARTTLS_FAILED },
    };
    size_t c, turn, cut;
    struct dialogue_run run;
    (void)state;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        for (turn = 0; cases[c].turns[turn]; turn++) {
            for (cut = 0; cut < strlen(cases[c].turns[turn]); cut++) {
                run_dialogue(cases[c].mail, cases[c].turns, turn, cut, &run);
                assert_string_equal(run.sent, cases[c].sent);
                assert_int_equal(run.end, cases[c].end);
            }
        }
    }
}

/* --- the filters -------------------------------------------------------------------------- */

/* What one side sends, in order: 's' the server (its decrypted bytes), 'p' the program. */
struct event {
    char from;
    const char *bytes;
};

/* Large enough for the longest test stream. */
#define STREAM_MAX (1u << 21)

struct streams {
    unsigned char *program;    /* what the program receives: filtered server bytes and the relay's answers */
    size_t program_length;
    unsigned char *server;     /* what the server receives */
    size_t server_length;
};

static void streams_init(struct streams *streams)
{
    streams->program = malloc(STREAM_MAX);
    streams->server = malloc(STREAM_MAX);
    assert_non_null(streams->program);
    assert_non_null(streams->server);
    streams->program_length = 0;
    streams->server_length = 0;
}

static void streams_free(struct streams *streams)
{
    free(streams->program);
    free(streams->server);
}

/* Feeds one chunk from one side; checks the output bounds the header promises. */
static void feed_chunk(struct relay_filter *filter, char from, const unsigned char *bytes, size_t length,
                       struct streams *streams)
{
    size_t capacity = RELAY_FILTER_OUTPUT_SIZE(length), written = 0, answered = 0;
    assert_true(streams->program_length + capacity + RELAY_FILTER_ANSWER_SIZE <= STREAM_MAX);
    assert_true(streams->server_length + capacity <= STREAM_MAX);
    if (from == 's') {
        assert_int_equal(relay_filter_from_server(filter, bytes, length, streams->program + streams->program_length,
                                                  capacity, &written),
                         0);
        assert_true(written <= capacity);
        streams->program_length += written;
        return;
    }
    assert_int_equal(relay_filter_from_program(filter, bytes, length, streams->server + streams->server_length,
                                               capacity, &written, streams->program + streams->program_length,
                                               RELAY_FILTER_ANSWER_SIZE, &answered),
                     0);
    assert_true(written <= capacity);
    assert_true(answered <= RELAY_FILTER_ANSWER_SIZE);
    streams->server_length += written;
    streams->program_length += answered;
}

/* Plays the events; event `which` is cut at `cut` (0: no cut); chunk 1 feeds every event byte
 * by byte. */
static void play(enum mail_protocol mail, enum tls_mode mode, const struct event *events, size_t which, size_t cut,
                 int byte_by_byte, struct streams *streams)
{
    struct relay_filter filter;
    size_t e, at;
    relay_filter_init(&filter, mail, mode);
    streams->program_length = 0;
    streams->server_length = 0;
    for (e = 0; events[e].bytes; e++) {
        const unsigned char *bytes = bytes_of(events[e].bytes);
        size_t length = strlen(events[e].bytes);
        if (byte_by_byte) {
            for (at = 0; at < length; at++)
                feed_chunk(&filter, events[e].from, bytes + at, 1, streams);
        } else if (e == which && cut > 0 && cut < length) {
            feed_chunk(&filter, events[e].from, bytes, cut, streams);
            feed_chunk(&filter, events[e].from, bytes + cut, length - cut, streams);
        } else {
            feed_chunk(&filter, events[e].from, bytes, length, streams);
        }
    }
}

static void assert_streams(const struct streams *streams, const char *program, const char *server)
{
    if (streams->program_length != strlen(program) || memcmp(streams->program, program, strlen(program)) != 0)
        fail_msg("the program received:\n%.*s\nexpected:\n%s", (int)streams->program_length,
                 (const char *)streams->program, program);
    if (streams->server_length != strlen(server) || memcmp(streams->server, server, strlen(server)) != 0)
        fail_msg("the server received:\n%.*s\nexpected:\n%s", (int)streams->server_length,
                 (const char *)streams->server, server);
}

/* The events give `program` and `server` whole, byte by byte, and with each event cut at
 * every point. */
static void check_filter(enum mail_protocol mail, enum tls_mode mode, const struct event *events, const char *program,
                         const char *server)
{
    struct streams streams;
    size_t e, cut;
    streams_init(&streams);
    play(mail, mode, events, 0, 0, 0, &streams);
    assert_streams(&streams, program, server);
    play(mail, mode, events, 0, 0, 1, &streams);
    assert_streams(&streams, program, server);
    for (e = 0; events[e].bytes; e++) {
        for (cut = 1; cut < strlen(events[e].bytes); cut++) {
            play(mail, mode, events, e, cut, 0, &streams);
            assert_streams(&streams, program, server);
        }
    }
    streams_free(&streams);
}

static void filter_imap_capabilities(void **state)
{
    static const struct event events[] = {
        { 's', DOVECOT_IMAP_GREETING },
        { 'p', "a1 CAPABILITY\r\n" },
        { 's', "* CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN LOGINDISABLED COMPRESS=DEFLATE starttls\r\n"
               "a1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n" },
        { 'p', "a2 LOGIN user secret\r\n" },
        { 's', "a2 OK [CAPABILITY IMAP4rev1 STLS SORT LOGINDISABLED] Logged in\r\n" },
        { 's', "* CAPABILITY STARTTLS\r\n* OK [CAPABILITY STARTTLS]\r\n" },
        { 's', "* capability imap4rev1 X-VERY-LONG-CAPABILITY-NAME-THAT-GOES-ON-AND-ON STARTTLS\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_IMAP, TLS_IMPLICIT, events,
                 "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+] Dovecot (Debian) "
                 "ready.\r\n"
                 "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
                 "a1 OK Pre-login capabilities listed, post-login capabilities have more.\r\n"
                 "a2 OK [CAPABILITY IMAP4rev1 SORT] Logged in\r\n"
                 "* CAPABILITY\r\n* OK [CAPABILITY]\r\n"
                 "* capability imap4rev1 X-VERY-LONG-CAPABILITY-NAME-THAT-GOES-ON-AND-ON\r\n",
                 "a1 CAPABILITY\r\na2 LOGIN user secret\r\n");
}

static void filter_imap_literals(void **state)
{
    /* A message that looks like capability answers and commands, in both directions. */
#define LOOKALIKE "* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK [CAPABILITY STARTTLS] x\r\na3 STARTTLS\r\n{5}\r\n"
    static const struct event events[] = {
        { 'p', "a1 FETCH 1 BODY[]\r\n" },
        { 's', "* 1 FETCH (BODY[] {82}\r\n" LOOKALIKE ")\r\n* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK done\r\n" },
        { 'p', "a2 APPEND INBOX {82}\r\n" },
        { 's', "+ OK\r\n" },
        { 'p', LOOKALIKE "\r\n" },
        { 's', "a2 OK [APPENDUID 1 2] done\r\n" },
        { 'p', "a3 APPEND INBOX {82+}\r\n" LOOKALIKE " {0}\r\n\r\n" },
        { 's', "a3 OK done\r\n* 2 FETCH (BODY[] ~{4}\r\n\r\n\r\n)\r\n* CAPABILITY STARTTLS\r\n" },
        { 0, NULL },
    };
    (void)state;
    assert_int_equal(strlen(LOOKALIKE), 82);
    check_filter(MAIL_IMAP, TLS_STARTTLS, events,
                 "* 1 FETCH (BODY[] {82}\r\n" LOOKALIKE ")\r\n* CAPABILITY IMAP4rev1\r\na1 OK done\r\n"
                 "+ OK\r\n"
                 "a2 OK [APPENDUID 1 2] done\r\n"
                 "a3 OK done\r\n* 2 FETCH (BODY[] ~{4}\r\n\r\n\r\n)\r\n* CAPABILITY\r\n",
                 "a1 FETCH 1 BODY[]\r\na2 APPEND INBOX {82}\r\n" LOOKALIKE "\r\n"
                 "a3 APPEND INBOX {82+}\r\n" LOOKALIKE " {0}\r\n\r\n");
#undef LOOKALIKE
}

static void filter_imap_refusals(void **state)
{
    static const struct event events[] = {
        { 'p', "a1 STARTTLS\r\n" },
        { 'p', "A2 starttls\n" },
        { 'p', "a3 STARTTLS now\r\n" },
        /* An APPEND the server refuses before its "+": the program sends no literal, and its
         * next command is a command again. */
        { 'p', "a4 APPEND INBOX {500}\r\n" },
        { 's', "a4 NO [OVERQUOTA] Quota exceeded\r\n" },
        { 'p', "a5 STARTTLS\r\n" },
        /* The server in the middle of a response: the refusal waits for its end. */
        { 's', "* 1 FETCH (BODY[] {3}\r\nabc" },
        { 'p', "a6 STARTTLS\r\n" },
        { 's', ")\r\n" },
        /* The relay answers four; a fifth goes to the server, which refuses it too. */
        { 'p', "a7 STARTTLS\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_IMAP, TLS_STARTTLS, events,
                 "a1 NO " TLS_IS_DONE "\r\nA2 NO " TLS_IS_DONE "\r\n"
                 "a4 NO [OVERQUOTA] Quota exceeded\r\n"
                 "a5 NO " TLS_IS_DONE "\r\n"
                 "* 1 FETCH (BODY[] {3}\r\nabc)\r\n"
                 "a6 NO " TLS_IS_DONE "\r\n",
                 "a3 STARTTLS now\r\na4 APPEND INBOX {500}\r\na7 STARTTLS\r\n");
}

static void filter_pop3(void **state)
{
    static const struct event events[] = {
        { 's', DOVECOT_POP3_GREETING },
        { 'p', "CAPA\r\n" },
        { 's', "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nSTLS\r\nstls\r\nSASL PLAIN\r\nPIPELINING\r\n.\r\n" },
        { 'p', "USER someone\r\nPASS secret\r\nLIST\r\n" },
        { 's', "+OK\r\n+OK Logged in.\r\n+OK 2 messages:\r\n1 120\r\n2 80\r\n.\r\n" },
        /* A message that looks like answers, a CAPA list and its end. */
        { 'p', "RETR 1\r\n" },
        { 's', "+OK 120 octets\r\nSubject: +OK\r\n\r\nSTLS\r\n-ERR\r\n..\r\n.. \r\n.x\r\nCAPA\r\n.\r\n" },
        { 'p', "LIST 1\r\nUIDL 1\r\nTOP 2 0\r\nRETR 3\r\nCAPA\r\n" },
        { 's', "+OK 1 120\r\n+OK 1 abc\r\n+OK\r\nSTLS\r\n.\r\n-ERR no such message\r\n+OK\r\nSTLS\r\n.\r\n" },
        /* Pipelined: LIST and UIDL alone answer lists, so CAPA's answer is the third. */
        { 'p', "LIST\r\nUIDL\r\nCAPA\r\n" },
        { 's', "+OK\r\n1 120\r\n.\r\n+OK\r\n1 abc\r\n.\r\n+OK\r\nSTLS\r\n.\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_POP3, TLS_IMPLICIT, events,
                 DOVECOT_POP3_GREETING
                 "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nSASL PLAIN\r\nPIPELINING\r\n.\r\n"
                 "+OK\r\n+OK Logged in.\r\n+OK 2 messages:\r\n1 120\r\n2 80\r\n.\r\n"
                 "+OK 120 octets\r\nSubject: +OK\r\n\r\nSTLS\r\n-ERR\r\n..\r\n.. \r\n.x\r\nCAPA\r\n.\r\n"
                 "+OK 1 120\r\n+OK 1 abc\r\n+OK\r\nSTLS\r\n.\r\n-ERR no such message\r\n+OK\r\n.\r\n"
                 "+OK\r\n1 120\r\n.\r\n+OK\r\n1 abc\r\n.\r\n+OK\r\n.\r\n",
                 "CAPA\r\nUSER someone\r\nPASS secret\r\nLIST\r\nRETR 1\r\nLIST 1\r\nUIDL 1\r\nTOP 2 0\r\nRETR 3\r\n"
                 "CAPA\r\nLIST\r\nUIDL\r\nCAPA\r\n");
}

static void filter_pop3_auth_and_refusals(void **state)
{
    static const struct event events[] = {
        /* AUTH alone lists the mechanisms. */
        { 'p', "AUTH\r\n" },
        { 's', "+OK\r\nPLAIN\r\nSTLS\r\n.\r\n" },
        /* "STLS" is also a valid base64 answer in an AUTH exchange: it goes to the server. */
        { 'p', "AUTH PLAIN\r\n" },
        { 's', "+ \r\n" },
        { 'p', "STLS\r\n" },
        { 's', "+OK Logged in.\r\n" },
        { 'p', "STLS\r\n" },
        /* Pipelined: the refusal comes in its place, after the answer to NOOP. */
        { 'p', "NOOP\r\nSTLS\r\nNOOP\r\n" },
        { 's', "+OK\r\n" },
        { 's', "+OK again\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_POP3, TLS_STARTTLS, events,
                 "+OK\r\nPLAIN\r\nSTLS\r\n.\r\n+ \r\n+OK Logged in.\r\n"
                 "-ERR " TLS_IS_DONE "\r\n"
                 "+OK\r\n-ERR " TLS_IS_DONE "\r\n+OK again\r\n",
                 "AUTH\r\nAUTH PLAIN\r\nSTLS\r\nNOOP\r\nNOOP\r\n");
}

static void filter_smtp(void **state)
{
    static const struct event events[] = {
        { 's', POSTFIX_GREETING },
        { 'p', "EHLO client\r\n" },
        { 's', POSTFIX_EHLO },
        { 'p', "AUTH LOGIN\r\n" },
        { 's', "334 VXNlcm5hbWU6\r\n" },
        /* "STARTTLS" is also valid base64: in an AUTH exchange it is an answer. */
        { 'p', "STARTTLS\r\n" },
        { 's', "334 UGFzc3dvcmQ6\r\n" },
        { 'p', "c2VjcmV0\r\n" },
        { 's', "235 2.7.0 Authentication successful\r\n" },
        { 'p', "MAIL FROM:<a@example.jp>\r\nRCPT TO:<b@example.jp>\r\nDATA\r\n" },
        { 's', "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n" },
        /* A body that looks like commands and replies; ".." is a stuffed dot. */
        { 'p', "Subject: test\r\n\r\nSTARTTLS\r\nEHLO x\r\n250-STARTTLS\r\n..\r\n. \r\n" },
        { 'p', ".\r\n" },
        { 's', "250 2.0.0 Ok: queued as ABC\r\n" },
        { 'p', "STARTTLS\r\n" },
        { 'p', "EHLO again\r\n" },
        { 's', "250-mail.example.jp\r\n250 STARTTLS\r\n" },
        { 'p', "QUIT\r\n" },
        { 's', "221 2.0.0 Bye\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_SMTP, TLS_IMPLICIT, events,
                 POSTFIX_GREETING POSTFIX_EHLO_SEEN
                 "334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"
                 "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"
                 "250 2.0.0 Ok: queued as ABC\r\n"
                 "454 4.7.0 " TLS_IS_DONE "\r\n"
                 "250 mail.example.jp\r\n"
                 "221 2.0.0 Bye\r\n",
                 "EHLO client\r\nAUTH LOGIN\r\nSTARTTLS\r\nc2VjcmV0\r\n"
                 "MAIL FROM:<a@example.jp>\r\nRCPT TO:<b@example.jp>\r\nDATA\r\n"
                 "Subject: test\r\n\r\nSTARTTLS\r\nEHLO x\r\n250-STARTTLS\r\n..\r\n. \r\n.\r\n"
                 "EHLO again\r\nQUIT\r\n");
}

static void filter_smtp_edges(void **state)
{
    static const struct event events[] = {
        /* DATA refused: no body follows, the next line is a command. */
        { 'p', "DATA\r\n" },
        { 's', "554 5.5.1 Error: no valid recipients\r\n" },
        { 'p', "STARTTLS\r\n" },
        /* An EHLO refused, then one whose hidden lines are last. */
        { 'p', "EHLO a\r\n" },
        { 's', "550-no\r\n550 STARTTLS\r\n" },
        { 'p', "EHLO b\r\n" },
        { 's', "250-b\r\n250-SIZE 1\r\n250-STARTTLS\r\n250-BINARYMIME\r\n250 CHUNKING\r\n" },
        /* A single-line EHLO answer. */
        { 'p', "EHLO c\r\n" },
        { 's', "250 c\r\n" },
        /* A BDAT the program should not send still passes as counted bytes. */
        { 'p', "BDAT 12 LAST\r\nSTARTTLS\r\n\r\nSTARTTLS\r\n" },
        { 's', "250 ok\r\n" },
        { 0, NULL },
    };
    (void)state;
    check_filter(MAIL_SMTP, TLS_STARTTLS, events,
                 "554 5.5.1 Error: no valid recipients\r\n"
                 "454 4.7.0 " TLS_IS_DONE "\r\n"
                 "550-no\r\n550 STARTTLS\r\n"
                 "250-b\r\n250 SIZE 1\r\n"
                 "250 c\r\n"
                 "250 ok\r\n"
                 "454 4.7.0 " TLS_IS_DONE "\r\n",
                 "DATA\r\nEHLO a\r\nEHLO b\r\nEHLO c\r\nBDAT 12 LAST\r\nSTARTTLS\r\n\r\n");
}

/* PIPELINING: a program sends a hundred recipients and DATA without waiting; the filter
 * still knows which reply is DATA's 354. */
static void filter_smtp_pipelining(void **state)
{
    static char commands[4096], replies[4096], to_server[8192], to_program[8192];
    struct event events[] = {
        { 'p', commands },
        { 's', replies },
        { 'p', "STARTTLS\r\n.\r\n" },
        { 's', "250 2.0.0 Ok: queued\r\n" },
        { 'p', "STARTTLS\r\n" },
        { 0, NULL },
    };
    int i;
    (void)state;
    strcpy(commands, "MAIL FROM:<a@example.jp>\r\n");
    strcpy(replies, "250 2.1.0 Ok\r\n");
    for (i = 0; i < 100; i++) {
        sprintf(commands + strlen(commands), "RCPT TO:<b%d@example.jp>\r\n", i);
        strcat(replies, "250 2.1.5 Ok\r\n");
    }
    strcat(commands, "DATA\r\n");
    strcat(replies, "354 End data with <CR><LF>.<CR><LF>\r\n");
    sprintf(to_server, "%sSTARTTLS\r\n.\r\n", commands);
    sprintf(to_program, "%s250 2.0.0 Ok: queued\r\n454 4.7.0 " TLS_IS_DONE "\r\n", replies);
    check_filter(MAIL_SMTP, TLS_STARTTLS, events, to_program, to_server);
}

/* Long lines that are no capability answers pass as they come, not held whole. */
static void filter_long_lines(void **state)
{
    static const enum mail_protocol mails[] = { MAIL_IMAP, MAIL_POP3, MAIL_SMTP };
    static const char *const starts[] = { "* SEARCH", "+OK", "250 " };
    struct relay_filter filter;
    unsigned char *line, *out;
    size_t length = 1u << 20, capacity = RELAY_FILTER_OUTPUT_SIZE(1u << 20), written, m;
    (void)state;
    line = malloc(length);
    out = malloc(capacity);
    assert_non_null(line);
    assert_non_null(out);
    for (m = 0; m < 3; m++) {
        size_t start = strlen(starts[m]);
        relay_filter_init(&filter, mails[m], TLS_IMPLICIT);
        memset(line, '7', length);
        memcpy(line, starts[m], start);
        line[start] = ' ';
        assert_int_equal(relay_filter_from_server(&filter, line, length / 2, out, capacity, &written), 0);
        assert_int_equal(written, length / 2);
        assert_memory_equal(out, line, written);
        line[length - 2] = '\r';
        line[length - 1] = '\n';
        assert_int_equal(relay_filter_from_server(&filter, line + length / 2, length / 2, out, capacity, &written), 0);
        assert_int_equal(written, length / 2);
        assert_memory_equal(out, line + length / 2, written);
    }
    /* A 10 MB line in a message from the POP3 server. */
    relay_filter_init(&filter, MAIL_POP3, TLS_STARTTLS);
    assert_int_equal(relay_filter_from_program(&filter, bytes_of("RETR 1\r\n"), 8, out, capacity, &written, line,
                                               RELAY_FILTER_ANSWER_SIZE, &m),
                     0);
    assert_int_equal(relay_filter_from_server(&filter, bytes_of("+OK\r\n"), 5, out, capacity, &written), 0);
    memset(line, 'S', length);
    for (m = 0; m < 10; m++) {
        assert_int_equal(relay_filter_from_server(&filter, line, length, out, capacity, &written), 0);
        assert_int_equal(written, length);
    }
    assert_int_equal(relay_filter_from_server(&filter, bytes_of("\r\n.\r\n+OK\r\n"), 10, out, capacity, &written), 0);
    assert_int_equal(written, 10);
    free(line);
    free(out);
}

static void filter_bounds(void **state)
{
    struct relay_filter filter;
    unsigned char out[RELAY_FILTER_OUTPUT_SIZE(16)], answer[RELAY_FILTER_ANSWER_SIZE];
    size_t written = 99, answered = 99;
    (void)state;
    relay_filter_init(&filter, MAIL_IMAP, TLS_IMPLICIT);
    /* Too little room: nothing read. */
    assert_int_equal(relay_filter_from_server(&filter, bytes_of("* OK hello\r\n"), 12, out, 12 + 100, &written), -1);
    assert_int_equal(written, 0);
    assert_int_equal(relay_filter_from_program(&filter, bytes_of("a1 NOOP\r\n"), 9, out, sizeof(out), &written, answer,
                                               RELAY_FILTER_ANSWER_SIZE - 1, &answered),
                     -1);
    assert_int_equal(relay_filter_from_server(&filter, bytes_of("* OK hello\r\n"), 12, out, sizeof(out), &written), 0);
    assert_int_equal(written, 12);
    /* Something that is no mail protocol passes as it is. */
    relay_filter_init(&filter, MAIL_NONE, TLS_IMPLICIT);
    assert_int_equal(relay_filter_from_server(&filter, bytes_of("* CAPABILITY STARTTLS\r\n"), 16, out, sizeof(out),
                                              &written),
                     0);
    assert_int_equal(written, 16);
}

/* A POP3 program that sends many different commands without waiting is no longer followed:
 * everything then passes as it is, from the start of a line, never from its middle. */
static void filter_gives_up_whole(void **state)
{
    struct streams streams;
    struct relay_filter filter;
    char commands[1024] = "", answers[1024] = ".\r\n";
    int i;
    (void)state;
    for (i = 0; i < RELAY_FILTER_PENDING; i++) {
        strcat(commands, i % 2 ? "CAPA\r\n" : "NOOP\r\n");
        strcat(answers, i % 2 ? "+OK\r\nSTLS\r\n.\r\n" : "+OK\r\n");
    }
    streams_init(&streams);
    relay_filter_init(&filter, MAIL_POP3, TLS_STARTTLS);
    feed_chunk(&filter, 'p', bytes_of("CAPA\r\n"), 6, &streams);
    /* In the middle of an STLS line of CAPA's answer... */
    feed_chunk(&filter, 's', bytes_of("+OK\r\nST"), 7, &streams);
    /* ...the program's commands run out of room... */
    feed_chunk(&filter, 'p', bytes_of(commands), strlen(commands), &streams);
    assert_int_equal(streams.server_length, 6 + strlen(commands));
    /* ...that line still goes whole; after it nothing is filtered. */
    feed_chunk(&filter, 's', bytes_of("LS\r\n"), 4, &streams);
    feed_chunk(&filter, 's', bytes_of(answers), strlen(answers), &streams);
    assert_int_equal(streams.program_length, 5 + strlen(answers));
    assert_memory_equal(streams.program, "+OK\r\n", 5);
    assert_memory_equal(streams.program + 5, answers, strlen(answers));
    streams_free(&streams);
}

/* --- the relay's own replies ---------------------------------------------------------------- */

static void error_replies(void **state)
{
    char out[RELAY_ERROR_REPLY_MAX], small[30], longer[400];
    size_t length;
    int r;
    (void)state;
    length = relay_error_reply(MAIL_POP3, relay_reason_text(RELAY_REASON_PROVIDER_TIMEOUT), out, sizeof(out));
    assert_string_equal(out, "-ERR TLS Switch: the provider's server did not answer in time\r\n");
    assert_int_equal(length, strlen(out));
    relay_error_reply(MAIL_IMAP, relay_reason_text(RELAY_REASON_TOO_MANY_CONNECTIONS), out, sizeof(out));
    assert_string_equal(out, "* BYE TLS Switch: too many connections at once, try again later\r\n");
    relay_error_reply(MAIL_SMTP, "the provider's certificate was refused: it is for another name", out, sizeof(out));
    assert_string_equal(out, "421 4.7.0 TLS Switch: the provider's certificate was refused: it is for another name\r\n");
    /* No line end, control byte or 8-bit byte gets into a protocol line. */
    relay_error_reply(MAIL_SMTP, "  bad\r\n250 forged\t\x01 \xe3\x81\x82\xe3\x81\x84 end \r\n", out, sizeof(out));
    assert_string_equal(out, "421 4.7.0 TLS Switch: bad 250 forged ?? end\r\n");
    relay_error_reply(MAIL_POP3, "", out, sizeof(out));
    assert_string_equal(out, "-ERR TLS Switch: the relay cannot serve this connection\r\n");
    relay_error_reply(MAIL_POP3, NULL, out, sizeof(out));
    assert_string_equal(out, "-ERR TLS Switch: the relay cannot serve this connection\r\n");
    /* Bounded by RELAY_REASON_MAX and by the room given, the line end always there. */
    memset(longer, 'r', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    length = relay_error_reply(MAIL_IMAP, longer, out, sizeof(out));
    assert_int_equal(length, strlen("* BYE TLS Switch: ") + RELAY_REASON_MAX + 2);
    assert_memory_equal(out + length - 2, "\r\n", 3);
    length = relay_error_reply(MAIL_IMAP, longer, small, sizeof(small));
    assert_int_equal(length, sizeof(small) - 1);
    assert_string_equal(small, "* BYE TLS Switch: rrrrrrrrr\r\n");
    assert_int_equal(relay_error_reply(MAIL_IMAP, "x", small, 20), 0);
    assert_string_equal(small, "");
    assert_int_equal(relay_error_reply(MAIL_NONE, "x", out, sizeof(out)), 0);
    /* Every reason has words, ASCII. */
    for (r = 0; r < RELAY_REASON_COUNT; r++) {
        const char *text = relay_reason_text((enum relay_reason)r);
        assert_true(strlen(text) > 5);
        for (; *text; text++)
            assert_true(*text >= 0x20 && *text < 0x7f);
    }
    assert_string_equal(relay_reason_text(RELAY_REASON_TLS13_ONLY),
                        "the provider accepts only TLS 1.3, which the relay does not have");
}

static void local_refusals(void **state)
{
    unsigned char out[RELAY_REFUSAL_MAX];
    unsigned char tag[RELAY_TAG_MAX + 1];
    size_t length;
    (void)state;
    length = relay_local_refusal(MAIL_POP3, NULL, 0, out, sizeof(out));
    assert_memory_equal(out, "-ERR " TLS_IS_DONE "\r\n", length);
    length = relay_local_refusal(MAIL_IMAP, bytes_of("x1"), 2, out, sizeof(out));
    assert_int_equal(length, strlen("x1 NO " TLS_IS_DONE "\r\n"));
    assert_memory_equal(out, "x1 NO " TLS_IS_DONE "\r\n", length);
    memset(tag, 't', sizeof(tag));
    assert_true(relay_local_refusal(MAIL_IMAP, tag, RELAY_TAG_MAX, out, sizeof(out)) > RELAY_TAG_MAX);
    assert_int_equal(relay_local_refusal(MAIL_IMAP, tag, RELAY_TAG_MAX + 1, out, sizeof(out)), 0);
    assert_int_equal(relay_local_refusal(MAIL_SMTP, NULL, 0, out, 10), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(starttls_pop3),
        cmocka_unit_test(starttls_imap),
        cmocka_unit_test(starttls_smtp),
        cmocka_unit_test(starttls_injection),
        cmocka_unit_test(starttls_bounds),
        cmocka_unit_test(starttls_any_cut),
        cmocka_unit_test(filter_imap_capabilities),
        cmocka_unit_test(filter_imap_literals),
        cmocka_unit_test(filter_imap_refusals),
        cmocka_unit_test(filter_pop3),
        cmocka_unit_test(filter_pop3_auth_and_refusals),
        cmocka_unit_test(filter_smtp),
        cmocka_unit_test(filter_smtp_edges),
        cmocka_unit_test(filter_smtp_pipelining),
        cmocka_unit_test(filter_long_lines),
        cmocka_unit_test(filter_bounds),
        cmocka_unit_test(filter_gives_up_whole),
        cmocka_unit_test(error_replies),
        cmocka_unit_test(local_refusals),
    };
    return cmocka_run_group_tests_name("relay_protocol", tests, NULL, NULL);
}
