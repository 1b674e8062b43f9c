/* The relay's TLS failures: each BearSSL error, Windows chain answer and X.509 error gets
 * its kind, and each kind its own words in both languages and an ASCII phrase. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "relay/relay_tls_failure.h"

static void tls13_only_server_is_named_from_its_alert_or_its_answer(void **state)
{
    (void)state;
    /* openssl s_server -tls1_3 answers a TLS 1.2 ClientHello with protocol_version (70). */
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_RECV_FATAL_ALERT + 70, 0, NULL, 0),
                     RELAY_TLS_FAILURE_TLS13_ONLY);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_UNSUPPORTED_VERSION, 0, NULL, 0),
                     RELAY_TLS_FAILURE_TLS13_ONLY);
}

static void no_common_suite_from_handshake_failure_or_a_suite_not_offered(void **state)
{
    (void)state;
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_RECV_FATAL_ALERT + 40, 0, NULL, 0),
                     RELAY_TLS_FAILURE_NO_COMMON_SUITE);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_RECV_FATAL_ALERT + 71, 0, NULL, 0),
                     RELAY_TLS_FAILURE_NO_COMMON_SUITE);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_BAD_CIPHER_SUITE, 0, NULL, 0),
                     RELAY_TLS_FAILURE_NO_COMMON_SUITE);
}

static void closed_and_other_errors(void **state)
{
    (void)state;
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_IO, 1, NULL, 0), RELAY_TLS_FAILURE_SERVER_CLOSED);
    assert_int_equal(relay_tls_failure_of_engine(0, 1, NULL, 0), RELAY_TLS_FAILURE_SERVER_CLOSED);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_IO, 0, NULL, 0), RELAY_TLS_FAILURE_ENGINE);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_RECV_FATAL_ALERT + 50, 0, NULL, 0),
                     RELAY_TLS_FAILURE_SERVER_ALERT);
    /* An alert BearSSL sent is its own finding, not the server's refusal. */
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_SEND_FATAL_ALERT + 40, 0, NULL, 0),
                     RELAY_TLS_FAILURE_ENGINE);
    assert_int_equal(relay_tls_failure_of_engine(27, 0, NULL, 0), RELAY_TLS_FAILURE_ENGINE);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_NO_RANDOM, 0, NULL, 0), RELAY_TLS_FAILURE_NO_RANDOM);
}

/* BearSSL says "unsupported version" (3) for any record it cannot read: the server's first
 * bytes tell a plain-text or non-TLS answer from a server that wants TLS 1.3. */
static void a_server_that_does_not_speak_tls_is_named_by_its_bytes(void **state)
{
    static const unsigned char smtp[] = "220 mail.example ESMTP";
    static const unsigned char pop3[] = "+OK ready";
    static const unsigned char garbage[] = { 0x00, 0x01, 0x02, 0x03, ' ', 't', 'h', 'i' };
    static const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46 };
    (void)state;
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_UNSUPPORTED_VERSION, 0, smtp, 8),
                     RELAY_TLS_FAILURE_PLAINTEXT);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_UNSUPPORTED_VERSION, 1, pop3, 8),
                     RELAY_TLS_FAILURE_PLAINTEXT);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_UNSUPPORTED_VERSION, 0, garbage, 8),
                     RELAY_TLS_FAILURE_NOT_TLS);
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_RECV_FATAL_ALERT + 70, 0, alert, sizeof(alert)),
                     RELAY_TLS_FAILURE_TLS13_ONLY);
    /* Fewer than a record header's bytes, then the end: the server closed. */
    assert_int_equal(relay_tls_failure_of_engine(BEARSSL_ERR_IO, 1, alert, 3), RELAY_TLS_FAILURE_SERVER_CLOSED);
}

static void windows_chain_answers(void **state)
{
    (void)state;
    assert_int_equal(relay_tls_failure_of_chain(0), RELAY_TLS_FAILURE_NONE);
    assert_int_equal(relay_tls_failure_of_chain(0x800B010Ful), RELAY_TLS_FAILURE_CERT_NAME);
    assert_int_equal(relay_tls_failure_of_chain(0x800B0101ul), RELAY_TLS_FAILURE_CERT_EXPIRED);
    assert_int_equal(relay_tls_failure_of_chain(0x800B0109ul), RELAY_TLS_FAILURE_CERT_UNTRUSTED);
    assert_int_equal(relay_tls_failure_of_chain(0x800B010Aul), RELAY_TLS_FAILURE_CERT_UNTRUSTED);
    assert_int_equal(relay_tls_failure_of_chain(0x80092010ul), RELAY_TLS_FAILURE_CERT_REVOKED);
    assert_int_equal(relay_tls_failure_of_chain(0x80096004ul), RELAY_TLS_FAILURE_CERT_OTHER);
}

static void bearssl_x509_answers(void **state)
{
    (void)state;
    assert_int_equal(relay_tls_failure_of_x509(0), RELAY_TLS_FAILURE_NONE);
    assert_int_equal(relay_tls_failure_of_x509(BEARSSL_ERR_X509_BAD_SERVER_NAME), RELAY_TLS_FAILURE_CERT_NAME);
    assert_int_equal(relay_tls_failure_of_x509(BEARSSL_ERR_X509_EXPIRED), RELAY_TLS_FAILURE_CERT_EXPIRED);
    assert_int_equal(relay_tls_failure_of_x509(BEARSSL_ERR_X509_NOT_TRUSTED), RELAY_TLS_FAILURE_CERT_UNTRUSTED);
    assert_int_equal(relay_tls_failure_of_x509(52), RELAY_TLS_FAILURE_CERT_OTHER);
}

static struct relay_tls_failure failure_for(const char *host, enum relay_tls_failure_kind kind)
{
    struct relay_tls_failure failure;
    memset(&failure, 0, sizeof(failure));
    strcpy(failure.host, host);
    failure.kind = kind;
    return failure;
}

static char *words(const struct relay_tls_failure *failure, enum language language, struct strbuf *sb)
{
    strbuf_init(sb);
    relay_tls_failure_words(failure, language, sb);
    assert_false(sb->failed);
    return sb->data;
}

static void untrusted_root_is_named_with_what_to_do(void **state)
{
    struct relay_tls_failure failure = failure_for("pop.example.jp", RELAY_TLS_FAILURE_CERT_UNTRUSTED);
    struct strbuf sb;
    (void)state;
    failure.checker = RELAY_TLS_CHECKER_WINDOWS;
    failure.windows_error = 0x800B0109ul;
    strcpy(failure.issuer, "CN=ISRG Root X1, O=Internet Security Research Group, C=US");
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb),
                           "The relay refused pop.example.jp: this Windows does not trust its certificate, because "
                           "it lacks the root certificate \"CN=ISRG Root X1, O=Internet Security Research Group, "
                           "C=US\""));
    assert_non_null(strstr(sb.data, "root certificates update from Windows Update"));
    assert_null(strstr(sb.data, "BearSSL"));
    strbuf_free(&sb);
    assert_non_null(strstr(words(&failure, LANGUAGE_JA, &sb), "ルート証明書「CN=ISRG Root X1"));
    strbuf_free(&sb);
}

static void a_refusal_by_bearssl_says_so(void **state)
{
    struct relay_tls_failure failure = failure_for("localhost", RELAY_TLS_FAILURE_CERT_UNTRUSTED);
    struct strbuf sb;
    (void)state;
    failure.checker = RELAY_TLS_CHECKER_BEARSSL;
    failure.engine_error = BEARSSL_ERR_X509_NOT_TRUSTED;
    strcpy(failure.issuer, "CN=Other EC CA");
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "This Windows cannot check ECDSA certificates itself"));
    strbuf_free(&sb);
}

static void expiry_names_the_dates_and_the_clock(void **state)
{
    struct relay_tls_failure failure = failure_for("localhost", RELAY_TLS_FAILURE_CERT_EXPIRED);
    struct strbuf sb;
    (void)state;
    strcpy(failure.valid_from, "2020-01-01");
    strcpy(failure.valid_until, "2021-01-01");
    strcpy(failure.today, "2026-12-04");
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb),
                           "has expired or is not valid yet (valid from 2020-01-01 to 2021-01-01; this PC's date is "
                           "2026-12-04)"));
    strbuf_free(&sb);
}

static void name_mismatch_names_both_names(void **state)
{
    struct relay_tls_failure failure = failure_for("localhost", RELAY_TLS_FAILURE_CERT_NAME);
    struct strbuf sb;
    (void)state;
    strcpy(failure.certificate_name, "wrong.example");
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb),
                           "The relay refused localhost: its certificate is not issued for this name (it is for "
                           "wrong.example)"));
    strbuf_free(&sb);
    /* No name known: a question mark, never an empty pair of brackets. */
    failure.certificate_name[0] = '\0';
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(it is for ?)"));
    strbuf_free(&sb);
}

static void other_chain_errors_by_name_and_number(void **state)
{
    struct relay_tls_failure failure = failure_for("localhost", RELAY_TLS_FAILURE_CERT_OTHER);
    struct strbuf sb;
    (void)state;
    failure.checker = RELAY_TLS_CHECKER_WINDOWS;
    failure.windows_error = 0x80096004ul;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(TRUST_E_CERT_SIGNATURE (0x80096004))"));
    strbuf_free(&sb);
    failure.checker = RELAY_TLS_CHECKER_BEARSSL;
    failure.windows_error = 0;
    failure.engine_error = 52;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(BearSSL X.509 error 52)"));
    strbuf_free(&sb);
}

static void handshake_failures_name_the_alert(void **state)
{
    struct relay_tls_failure failure = failure_for("mail.example", RELAY_TLS_FAILURE_TLS13_ONLY);
    struct strbuf sb;
    (void)state;
    failure.engine_error = BEARSSL_ERR_RECV_FATAL_ALERT + 70;
    assert_string_equal(words(&failure, LANGUAGE_EN, &sb),
                        "mail.example accepts only TLS 1.3 (alert protocol_version (70) from the server). The relay "
                        "has TLS 1.2 at most, so it cannot connect. Ask the provider whether a server for older mail "
                        "programs still accepts TLS 1.2.\n");
    strbuf_free(&sb);
    failure.kind = RELAY_TLS_FAILURE_NO_COMMON_SUITE;
    failure.engine_error = BEARSSL_ERR_RECV_FATAL_ALERT + 40;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(alert handshake_failure (40) from the server)"));
    strbuf_free(&sb);
    failure.kind = RELAY_TLS_FAILURE_SERVER_ALERT;
    failure.engine_error = BEARSSL_ERR_RECV_FATAL_ALERT + 49;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "with the alert access_denied (49)"));
    strbuf_free(&sb);
    failure.kind = RELAY_TLS_FAILURE_ENGINE;
    failure.engine_error = BEARSSL_ERR_SEND_FATAL_ALERT + 50;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(alert decode_error (50) sent)"));
    strbuf_free(&sb);
    failure.engine_error = 27;
    assert_non_null(strstr(words(&failure, LANGUAGE_EN, &sb), "(BearSSL error 27)"));
    strbuf_free(&sb);
}

static void every_kind_has_words_in_both_languages_and_an_ascii_phrase(void **state)
{
    int kind, language;
    (void)state;
    for (kind = RELAY_TLS_FAILURE_NO_RANDOM; kind <= RELAY_TLS_FAILURE_ENGINE; kind++) {
        struct relay_tls_failure failure = failure_for("mail.example", (enum relay_tls_failure_kind)kind);
        const char *phrase = relay_tls_failure_phrase((enum relay_tls_failure_kind)kind);
        const char *p;
        for (language = 0; language < LANGUAGE_COUNT; language++) {
            struct strbuf sb;
            words(&failure, (enum language)language, &sb);
            if (!strstr(sb.data, "mail.example"))
                fail_msg("kind %d, language %d: no host in \"%s\"", kind, language, sb.data);
            strbuf_free(&sb);
        }
        for (p = phrase; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7E)
                fail_msg("kind %d: the phrase \"%s\" is not printable ASCII", kind, phrase);
    }
    /* Each kind its own phrase: the mail program's error tells them apart. */
    for (kind = RELAY_TLS_FAILURE_NO_RANDOM; kind < RELAY_TLS_FAILURE_ENGINE; kind++)
        assert_string_not_equal(relay_tls_failure_phrase((enum relay_tls_failure_kind)kind),
                                 relay_tls_failure_phrase((enum relay_tls_failure_kind)(kind + 1)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tls13_only_server_is_named_from_its_alert_or_its_answer),
        cmocka_unit_test(no_common_suite_from_handshake_failure_or_a_suite_not_offered),
        cmocka_unit_test(closed_and_other_errors),
        cmocka_unit_test(a_server_that_does_not_speak_tls_is_named_by_its_bytes),
        cmocka_unit_test(windows_chain_answers),
        cmocka_unit_test(bearssl_x509_answers),
        cmocka_unit_test(untrusted_root_is_named_with_what_to_do),
        cmocka_unit_test(a_refusal_by_bearssl_says_so),
        cmocka_unit_test(expiry_names_the_dates_and_the_clock),
        cmocka_unit_test(name_mismatch_names_both_names),
        cmocka_unit_test(other_chain_errors_by_name_and_number),
        cmocka_unit_test(handshake_failures_name_the_alert),
        cmocka_unit_test(every_kind_has_words_in_both_languages_and_an_ascii_phrase),
    };
    return cmocka_run_group_tests_name("relay_tls_failure", tests, NULL, NULL);
}
