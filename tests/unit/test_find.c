/* /test NAME /find: the names and ways searched, what each way's handshakes mean for this
 * PC, the settings recommended, and the report in both languages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "mail/find.h"

static void names_and_ways_from_a_name_or_an_address(void **state)
{
    static const char *const bad[] = { "", "taro@", "@example.jp", "taro@example", "pop3s://pop.example.jp",
                                       "pop example.jp", "-pop.example.jp", "pop..example.jp", "a@b@example.jp",
                                       "ta ro@example.jp", "pop.example.jp.", "pop.example.jp:995", "[::1]" };
    struct find_search s;
    size_t i;
    (void)state;
    assert_int_equal(find_prepare("mail.example.jp", &s), 0);
    assert_false(s.from_address);
    assert_int_equal(s.name_count, 1);
    assert_int_equal(s.row_count, WAY_COUNT);
    assert_int_equal(find_prepare("localhost", &s), 0);

    assert_int_equal(find_prepare("taro.yamada@example.ne.jp", &s), 0);
    assert_true(s.from_address);
    assert_int_equal(s.name_count, 5);
    assert_string_equal(s.names[0], "pop.example.ne.jp");
    assert_string_equal(s.names[1], "imap.example.ne.jp");
    assert_string_equal(s.names[2], "smtp.example.ne.jp");
    assert_string_equal(s.names[3], "mail.example.ne.jp");
    assert_string_equal(s.names[4], "example.ne.jp");
    assert_int_equal(s.row_count, FIND_MAX_ROWS);
    /* pop. is asked only for POP3, smtp. only for SMTP. */
    for (i = 0; i < s.row_count; i++) {
        if (s.rows[i].name == 0)
            assert_string_equal(mail_way_get(s.rows[i].way)->protocol, "POP3");
        if (s.rows[i].name == 2)
            assert_string_equal(mail_way_get(s.rows[i].way)->protocol, "SMTP");
    }
    /* The first wave and the second fit in the limit of connections. */
    assert_true(FIND_MAX_ROWS <= FIND_MAX_CONNECTIONS);
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (find_prepare(bad[i], &s) != -1)
            fail_msg("accepted \"%s\"", bad[i]);
    {
        char long_label[80];
        memset(long_label, 'a', 64);
        strcpy(long_label + 64, ".jp");
        assert_int_equal(find_prepare(long_label, &s), -1);
    }
}

static void hellos_as_the_settings_are_now_and_after_the_fix(void **state)
{
    struct find_search s;
    struct cipher_policy policy;
    char target[300];
    (void)state;
    memset(&policy, 0, sizeof(policy));
    find_prepare("taro@example.jp", &s);
    find_set_hellos(&s, WINDOWS_XP, &policy, 0x0301);
    assert_true(s.offers_now);
    assert_int_equal(s.hello_now.client_version, 0x0301);
    assert_int_equal(s.hello_after.client_version, 0x0303);
    assert_true(s.after_differs);
    assert_int_equal(s.hello_now.suite_count, s.hello_after.suite_count);
    find_set_hellos(&s, WINDOWS_XP, &policy, 0x0303);
    assert_false(s.after_differs);
    /* Schannel offers nothing by default: the one handshake is the one after the fix. */
    find_set_hellos(&s, WINDOWS_XP, &policy, 0);
    assert_false(s.offers_now);
    assert_false(s.after_differs);
    assert_int_equal(s.hello_now.client_version, 0x0303);
    find_row_target(&s, &s.rows[4], target, sizeof(target));
    assert_string_equal(target, "smtps://smtp.example.jp:465");
}

static void usable(struct simulation *sim, uint16_t version, uint16_t suite)
{
    simulation_failed(OUTCOME_OK, 0, sim);
    sim->verdict = SIM_USABLE;
    sim->version = version;
    sim->suite = suite;
}

static void refused(struct simulation *sim, int alert)
{
    simulation_failed(OUTCOME_ALERT, 0, sim);
    sim->verdict = alert == 70 ? SIM_VERSION_REFUSED : SIM_NO_SHARED_SUITE;
    sim->alert = alert;
}

/* A provider as XP before the fix meets it: POP3 over SSL with TLS 1.0 still allowed,
 * STLS closed, SMTP over SSL with TLS 1.2 only, SMTP with STARTTLS needing ECDHE, and a
 * mail. name that does not exist. */
static void provider(struct find_search *s)
{
    struct cipher_policy policy;
    unsigned i;
    memset(&policy, 0, sizeof(policy));
    find_prepare("taro@example.jp", s);
    find_set_hellos(s, WINDOWS_XP, &policy, 0x0301);
    for (i = 0; i < s->row_count; i++) {
        struct find_row *row = &s->rows[i];
        row->tried = 1;
        simulation_failed(row->name == 3 ? OUTCOME_HOST_NOT_FOUND : OUTCOME_REFUSED, 0, &row->now);
        if (row->name != 3)
            s->name_found[row->name] = 1;
    }
    usable(&s->rows[0].now, 0x0301, 0x002f);   /* pop. POP3 SSL/TLS */
    s->rows[0].certificate_checked = 1;
    refused(&s->rows[4].now, 70);               /* smtp. SMTP SSL/TLS: TLS 1.2 only */
    refused(&s->rows[5].now, 40);               /* smtp. SMTP STARTTLS: ECDHE only */
    for (i = 0; i < s->row_count; i++)
        if (find_wants_after(s, &s->rows[i]))
            s->rows[i].tried_after = 1;
    usable(&s->rows[4].after, 0x0303, 0x002f);
    s->rows[4].certificate_checked = 1;
    refused(&s->rows[5].after, 40);
    simulation_failed(OUTCOME_PLAINTEXT, 0, &s->rows[2].now);   /* imap. IMAP SSL/TLS: plain text */
    find_judge(s);
}

static void each_way_judged_and_the_settings_recommended(void **state)
{
    struct find_search s;
    const struct find_row *in, *out;
    (void)state;
    provider(&s);
    assert_true(s.rows[4].tried_after);
    assert_true(s.rows[5].tried_after);
    assert_false(s.rows[0].tried_after);
    assert_false(s.rows[1].tried_after);   /* closed: TLS 1.2 would not open it */
    assert_int_equal(s.rows[0].result, FIND_WORKS);
    assert_int_equal(s.rows[1].result, FIND_CLOSED);
    assert_int_equal(s.rows[2].result, FIND_NO_TLS);
    assert_int_equal(s.rows[4].result, FIND_AFTER_FIX);
    assert_int_equal(s.rows[5].result, FIND_CANNOT);
    assert_int_equal(s.rows[6].result, FIND_NO_NAME);
    in = find_recommend(&s, 1);
    out = find_recommend(&s, 0);
    assert_ptr_equal(in, &s.rows[0]);
    assert_ptr_equal(out, &s.rows[4]);
    /* A certificate without problems comes first, then the order of the ways. */
    usable(&s.rows[1].now, 0x0301, 0x002f);
    s.rows[0].certificate_error = 0x800B010Ful;
    find_judge(&s);
    assert_ptr_equal(find_recommend(&s, 1), &s.rows[1]);
    /* One whose certificate could not be checked comes after one checked and fine. */
    s.rows[0].certificate_error = 0;
    find_judge(&s);
    assert_ptr_equal(find_recommend(&s, 1), &s.rows[0]);
    s.rows[0].certificate_checked = 0;
    s.rows[1].certificate_checked = 1;
    find_judge(&s);
    assert_ptr_equal(find_recommend(&s, 1), &s.rows[1]);
    s.rows[1].certificate_error = 0x800B010Ful;
    find_judge(&s);
    assert_ptr_equal(find_recommend(&s, 1), &s.rows[0]);
    s.rows[0].certificate_checked = 1;
    s.rows[1].certificate_checked = 0;
    s.rows[1].certificate_error = 0;
    /* A way not tried for the limit is not called closed. */
    s.rows[5].tried_after = 0;
    find_judge(&s);
    assert_int_equal(s.rows[5].result, FIND_NOT_TRIED);
}

static void the_report_in_both_languages(void **state)
{
    struct find_search s;
    struct strbuf out;
    (void)state;
    provider(&s);
    strbuf_init(&out);
    assert_int_equal(find_report(&s, LANGUAGE_EN, &out), 0);
    assert_non_null(strstr(out.data, "Mail settings for taro@example.jp"));
    assert_non_null(strstr(out.data, "  pop.example.jp   POP3 995 SSL/TLS   works (TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA)\n"));
    assert_non_null(strstr(out.data, "  pop.example.jp   POP3 110 STARTTLS  closed (connection refused)\n"));
    assert_non_null(strstr(out.data, "  mail.example.jp  no such server name\n"));
    assert_non_null(strstr(out.data, "SMTP 465 SSL/TLS   works after tlsswitch /apply recommended (TLS 1.2,"));
    assert_non_null(strstr(out.data, "SMTP 587 STARTTLS  Windows XP cannot use it, whatever the settings (no: no cipher"));
    assert_non_null(strstr(out.data, "Incoming mail (receiving): POP3, server pop.example.jp, port 995, SSL/TLS on"));
    assert_non_null(
        strstr(out.data, "Outgoing mail (sending): SMTP, server smtp.example.jp, port 465, SSL/TLS on"));
    assert_non_null(strstr(out.data, ", after tlsswitch /apply recommended\n"));
    assert_non_null(strstr(out.data, "\nFAILED\n"));
    strbuf_free(&out);

    strbuf_init(&out);
    find_report(&s, LANGUAGE_JA, &out);
    assert_non_null(strstr(out.data, "受信メール: POP3、サーバー pop.example.jp、ポート 995"));
    assert_non_null(strstr(out.data, "送信メール: SMTP、サーバー smtp.example.jp、ポート 465"));
    assert_non_null(strstr(out.data, "\nFAILED\n"));
    strbuf_free(&out);

    /* After the fix both work: OK. */
    usable(&s.rows[4].now, 0x0303, 0x002f);
    s.rows[4].tried_after = 0;
    find_judge(&s);
    strbuf_init(&out);
    assert_int_equal(find_report(&s, LANGUAGE_EN, &out), 1);
    assert_non_null(strstr(out.data, "\nOK\n"));
    strbuf_free(&out);

    /* Nothing answers: no settings, and what works instead when TLS answered but no
     * setting helps. */
    provider(&s);
    simulation_failed(OUTCOME_REFUSED, 0, &s.rows[0].now);
    s.rows[4].after = s.rows[5].after;
    find_judge(&s);
    strbuf_init(&out);
    assert_int_equal(find_report(&s, LANGUAGE_EN, &out), 0);
    assert_non_null(strstr(out.data, "Incoming mail (receiving): no way works from this PC"));
    assert_non_null(strstr(out.data, "What works instead:"));
    strbuf_free(&out);

    /* A certificate that could not be checked (TLS 1.3 hides it) is said so, never taken
     * for a good one. */
    provider(&s);
    s.rows[0].certificate_checked = 0;
    find_judge(&s);
    strbuf_init(&out);
    find_report(&s, LANGUAGE_EN, &out);
    assert_non_null(strstr(out.data, "works (TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA); its certificate could not be "
                                     "checked here: tlsswitch /test checks it\n"));
    assert_non_null(strstr(out.data, "connection (SSL)\"); its certificate could not be checked here"));
    strbuf_free(&out);
    strbuf_init(&out);
    find_report(&s, LANGUAGE_JA, &out);
    assert_non_null(strstr(out.data, "証明書はここでは確認できなかった"));
    strbuf_free(&out);
}

/* "The server requires authentication" only where its EHLO over TLS offered AUTH: a
 * submission port without it was once told to use the mail password. */
static void authentication_only_where_offered(void **state)
{
    static const enum smtp_auth cases[] = { SMTP_AUTH_UNKNOWN, SMTP_AUTH_NOT_OFFERED, SMTP_AUTH_OFFERED };
    struct find_search s;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct strbuf out;
        provider(&s);
        s.outgoing_auth = cases[i];
        strbuf_init(&out);
        find_settings(&s, LANGUAGE_EN, &out);
        assert_non_null(strstr(out.data, "Outgoing mail (sending): SMTP, server smtp.example.jp, port 465, SSL/TLS on"));
        if ((strstr(out.data, "requires authentication") != NULL) != (cases[i] == SMTP_AUTH_OFFERED))
            fail_msg("AUTH %d:\n%s", (int)cases[i], out.data);
        strbuf_clear(&out);
        find_settings(&s, LANGUAGE_JA, &out);
        if ((strstr(out.data, "送信サーバーの認証あり") != NULL) != (cases[i] == SMTP_AUTH_OFFERED))
            fail_msg("AUTH %d:\n%s", (int)cases[i], out.data);
        strbuf_free(&out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_and_ways_from_a_name_or_an_address),
        cmocka_unit_test(hellos_as_the_settings_are_now_and_after_the_fix),
        cmocka_unit_test(each_way_judged_and_the_settings_recommended),
        cmocka_unit_test(the_report_in_both_languages),
        cmocka_unit_test(authentication_only_where_offered),
    };
    return cmocka_run_group_tests_name("find", tests, NULL, NULL);
}
