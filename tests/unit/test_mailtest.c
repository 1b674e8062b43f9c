/* /test's portable parts: targets, the mail dialogue, TLS bytes, the child's record. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "tls/handshake_report.h"
#include "mail/mailtalk.h"
#include "mail/target.h"
#include "tls/tlswire.h"

static void targets(void **state)
{
    struct target t;
    char text[300];
    (void)state;
    assert_int_equal(target_parse("smtps://mail.example.jp", &t), 0);
    assert_string_equal(t.host, "mail.example.jp");
    assert_string_equal(t.port, "465");
    assert_int_equal(t.mail, MAIL_SMTP);
    assert_int_equal(t.mode, TLS_IMPLICIT);
    assert_int_equal(target_parse("SMTP://mail.example:2525/", &t), 0);
    assert_string_equal(t.port, "2525");
    assert_int_equal(t.mode, TLS_STARTTLS);
    assert_int_equal(target_parse("pop3://pop.example", &t), 0);
    assert_string_equal(t.port, "110");
    assert_int_equal(t.mail, MAIL_POP3);
    assert_int_equal(target_parse("imap://[2001:db8::1]:1143", &t), 0);
    assert_string_equal(t.host, "2001:db8::1");
    assert_string_equal(t.port, "1143");
    target_describe(&t, text, sizeof(text));
    assert_string_equal(text, "imap://[2001:db8::1]:1143");
    assert_int_equal(target_parse("example.com", &t), 0);
    assert_string_equal(t.port, "443");
    assert_int_equal(t.mail, MAIL_NONE);
    assert_int_equal(target_parse("127.0.0.1:995", &t), 0);
    assert_string_equal(t.host, "127.0.0.1");

    assert_int_equal(target_parse("", &t), -1);
    assert_int_equal(target_parse("ftp://example.com", &t), -1);
    assert_int_equal(target_parse("smtps://", &t), -1);
    assert_int_equal(target_parse("smtps://host:0", &t), -1);
    assert_int_equal(target_parse("smtps://host:65536", &t), -1);
    assert_int_equal(target_parse("smtps://host:12ab", &t), -1);
    assert_int_equal(target_parse("smtps://user@host", &t), -1);
    assert_int_equal(target_parse("https://host/path", &t), -1);
    assert_int_equal(target_parse("host name", &t), -1);
    assert_int_equal(target_parse("[::1", &t), -1);
    assert_int_equal(target_parse("[::1]x", &t), -1);
}

static enum reply_state feed(const struct mail_step *step, const char *const *lines)
{
    struct reply_reader reader;
    enum reply_state state = REPLY_MORE;
    reply_reader_start(&reader, step);
    for (; *lines && state == REPLY_MORE; lines++)
        state = reply_reader_line(&reader, *lines);
    return state;
}

static void mail_dialogue(void **state)
{
    int count;
    const struct mail_step *steps;
    static const char *const ehlo[] = { "250-mail.example", "250-STARTTLS", "250 SIZE 1000", NULL };
    static const char *const ehlo_refused[] = { "250-mail.example", "554 go away", NULL };
    static const char *const garbage[] = { "hello", NULL };
    static const char *const capa[] = { "+OK list follows", "USER", "STLS", ".", NULL };
    static const char *const capability[] = { "* CAPABILITY IMAP4rev1", "a2 OK done", NULL };
    static const char *const capability_bad[] = { "* CAPABILITY IMAP4rev1", "a2 BAD no", NULL };
    (void)state;

    steps = mail_steps(MAIL_SMTP, TLS_STARTTLS, 0, &count);
    assert_int_equal(count, 3);
    assert_null(steps[0].send);
    assert_string_equal(steps[2].send, "STARTTLS");
    assert_int_equal(feed(&steps[1], ehlo), REPLY_GOOD);
    assert_int_equal(feed(&steps[1], ehlo_refused), REPLY_BAD);
    assert_int_equal(feed(&steps[1], garbage), REPLY_BAD);
    mail_steps(MAIL_SMTP, TLS_IMPLICIT, 0, &count);
    assert_int_equal(count, 0);
    steps = mail_steps(MAIL_SMTP, TLS_STARTTLS, 1, &count);
    assert_int_equal(count, 1);
    assert_string_equal(steps[0].send, "EHLO tlsswitch.invalid");

    steps = mail_steps(MAIL_POP3, TLS_IMPLICIT, 1, &count);
    assert_int_equal(count, 2);
    assert_int_equal(feed(&steps[1], capa), REPLY_GOOD);
    steps = mail_steps(MAIL_IMAP, TLS_STARTTLS, 1, &count);
    assert_int_equal(feed(&steps[0], capability), REPLY_GOOD);
    assert_int_equal(feed(&steps[0], capability_bad), REPLY_BAD);
    mail_steps(MAIL_NONE, TLS_IMPLICIT, 1, &count);
    assert_int_equal(count, 0);
}

/* Whether an EHLO answer offered AUTH, as /find says "requires authentication" only then. */
static int offers_auth(const char *const *lines)
{
    struct reply_reader reader;
    int count;
    const struct mail_step *steps = mail_steps(MAIL_SMTP, TLS_STARTTLS, 1, &count);
    assert_true(mail_step_is_ehlo(&steps[0]));
    reply_reader_start(&reader, &steps[0]);
    for (; *lines; lines++)
        reply_reader_line(&reader, *lines);
    return reader.offers_auth;
}

static void ehlo_auth(void **state)
{
    static const char *const with_auth[] = { "250-mail.example", "250-AUTH PLAIN LOGIN", "250 SIZE 1000", NULL };
    static const char *const old_form[] = { "250-mail.example", "250-AUTH=LOGIN", "250 8BITMIME", NULL };
    static const char *const last_line[] = { "250-mail.example", "250 auth cram-md5", NULL };
    static const char *const without[] = { "250-mail.example", "250-STARTTLS", "250-AUTHX", "250 SIZE 1000", NULL };
    static const char *const refused[] = { "554-AUTH PLAIN", "554 go away", NULL };
    int count;
    (void)state;
    assert_true(offers_auth(with_auth));
    assert_true(offers_auth(old_form));
    assert_true(offers_auth(last_line));
    assert_false(offers_auth(without));
    assert_false(offers_auth(refused));
    /* The greeting and STARTTLS are no EHLO. */
    assert_false(mail_step_is_ehlo(&mail_steps(MAIL_SMTP, TLS_STARTTLS, 0, &count)[0]));
    assert_false(mail_step_is_ehlo(&mail_steps(MAIL_SMTP, TLS_STARTTLS, 0, &count)[2]));
    assert_true(mail_step_is_ehlo(&mail_steps(MAIL_SMTP, TLS_IMPLICIT, 1, &count)[1]));
    assert_false(mail_step_is_ehlo(&mail_steps(MAIL_POP3, TLS_IMPLICIT, 1, &count)[1]));
}

static void tls_bytes(void **state)
{
    const unsigned char alert[] = { 0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46 };
    const unsigned char hello_then_alert[] = { 0x16, 0x03, 0x03, 0x00, 0x01, 0x00, 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 };
    const unsigned char oversized[] = { 0x16, 0x03, 0x03, 0xff, 0xff };
    int description = 0;
    (void)state;
    assert_int_equal(tls_find_alert(alert, sizeof(alert), &description), 0);
    assert_int_equal(description, TLS_ALERT_PROTOCOL_VERSION);
    assert_int_equal(tls_find_alert(hello_then_alert, sizeof(hello_then_alert), &description), 0);
    assert_int_equal(description, TLS_ALERT_HANDSHAKE_FAILURE);
    assert_int_equal(tls_record_check(alert, sizeof(alert)), RECORD_VALID);
    assert_int_equal(tls_record_check(oversized, sizeof(oversized)), RECORD_OVERSIZED);
    assert_int_equal(tls_record_check((const unsigned char *)"HTTP/1.1 400", 12), RECORD_NOT_TLS);
    assert_int_equal(tls_record_check(alert, 3), RECORD_NEED_MORE);
    assert_int_equal(plaintext_banner((const unsigned char *)"220 mail ESMTP\r\n", 16), MAIL_SMTP);
    assert_int_equal(plaintext_banner((const unsigned char *)"220-mail\r\n", 10), MAIL_SMTP);
    assert_int_equal(plaintext_banner((const unsigned char *)"+OK ready\r\n", 11), MAIL_POP3);
    assert_int_equal(plaintext_banner((const unsigned char *)"* OK IMAP\r\n", 11), MAIL_IMAP);
    assert_int_equal(plaintext_banner(alert, sizeof(alert)), MAIL_NONE);
}

static void report_round_trip(void **state)
{
    struct handshake_report written, read;
    struct strbuf text;
    (void)state;
    handshake_report_init(&written);
    written.outcome = OUTCOME_MAIL_FAILED;
    written.protocol = 0x800;
    written.cipher = 0x6610;
    written.have_certificate = 1;
    strcpy(written.subject, "CN=mail.example, O=Example");
    strcpy(written.issuer, "CN=Test = CA\r\nforged=line");
    written.chain_error = 0x800B0109ul;
    strcpy(written.reply, "554 5.7.1 no\r\noutcome=ok");
    strbuf_init(&text);
    handshake_report_write(&written, &text);
    assert_int_equal(handshake_report_read(text.data, &read), 0);
    assert_int_equal(read.outcome, OUTCOME_MAIL_FAILED);     /* a line end in a value forges nothing */
    assert_int_equal(read.protocol, 0x800);
    assert_string_equal(read.subject, "CN=mail.example, O=Example");
    assert_string_equal(read.issuer, "CN=Test = CA  forged=line");
    assert_int_equal(read.chain_error, 0x800B0109ul);
    assert_string_equal(protocol_name_for_flag(read.protocol), "TLS 1.2");
    assert_string_equal(algorithm_name(read.cipher), "AES-256");
    assert_int_equal(handshake_report_read("garbage\nstatus=5\n", &read), -1);
    strbuf_free(&text);
}

static void report_sections(void **state)
{
    struct handshake_report report;
    const char *text = "[default]\noutcome=alert\nalert=70\n[tls1.0]\noutcome=ok\nprotocol=128\n[tls1.2]\n";
    (void)state;
    assert_int_equal(handshake_report_read_section(text, "default", &report), 0);
    assert_int_equal(report.outcome, OUTCOME_ALERT);
    assert_int_equal(report.alert, 70);
    assert_int_equal(report.protocol, 0);      /* the next section's values stay there */
    assert_int_equal(handshake_report_read_section(text, "tls1.0", &report), 0);
    assert_int_equal(report.protocol, 128);
    assert_int_equal(handshake_report_read_section(text, "tls1.2", &report), -1);  /* no outcome */
    assert_int_equal(handshake_report_read_section(text, "tls1.1", &report), -1);  /* no section */
    assert_int_equal(handshake_report_read_section(text, "tls1", &report), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(targets),
        cmocka_unit_test(mail_dialogue),
        cmocka_unit_test(ehlo_auth),
        cmocka_unit_test(tls_bytes),
        cmocka_unit_test(report_round_trip),
        cmocka_unit_test(report_sections),
    };
    return cmocka_run_group_tests_name("mailtest", tests, NULL, NULL);
}
