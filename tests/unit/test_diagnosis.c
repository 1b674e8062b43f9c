/* The diagnosis rules: each situation gets its own explanation and verdict. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "mail/diagnosis.h"
#include "tls/tlswire.h"

/* XP with KB4019276 before the fix, testing pop3s://mail.example. */
static struct test_facts xp_facts(void)
{
    struct test_facts facts;
    int i;
    memset(&facts, 0, sizeof(facts));
    target_parse("pop3s://mail.example", &facts.target);
    facts.timeout_seconds = 10;
    facts.os.major = 5;
    facts.os.minor = 1;
    facts.settings.protocol[PROTOCOL_TLS12].disabled_by_default.state = VALUE_DWORD;
    facts.settings.protocol[PROTOCOL_TLS12].disabled_by_default.dword = 1;
    handshake_report_init(&facts.verdict);
    for (i = 0; i < PROBE_COUNT; i++)
        handshake_report_init(&facts.probe[i]);
    return facts;
}

static void works(struct handshake_report *report)
{
    report->outcome = OUTCOME_OK;
    report->protocol = 0x800;
    report->have_certificate = 1;
    strcpy(report->subject, "CN=mail.example");
    strcpy(report->issuer, "CN=Good CA");
}

static void refused(struct handshake_report *report, int alert)
{
    report->outcome = OUTCOME_ALERT;
    report->alert = alert;
}

/* Runs the diagnosis; checks the verdict and that the text holds `words`. */
static void expect(const struct test_facts *facts, int ok, const char *words, const char *last_line)
{
    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(diagnose(facts, LANGUAGE_EN, "1.0", &out), ok);
    if (!strstr(out.data, words))
        fail_msg("expected \"%s\" in:\n%s", words, out.data);
    if (strcmp(out.data + out.length - strlen(last_line), last_line) != 0)
        fail_msg("expected the last line \"%s\" in:\n%s", last_line, out.data);
    strbuf_free(&out);
}

/* The window shows the plain-words part alone: the same verdict, without the tables. */
static void conclusion_is_the_plain_words_part(void **state)
{
    struct test_facts facts = xp_facts();
    struct strbuf full, words;
    int relay_helps;
    (void)state;
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    works(&facts.probe[PROBE_TLS12]);
    strbuf_init(&full);
    strbuf_init(&words);
    assert_int_equal(diagnose_conclusion(&facts, LANGUAGE_EN, AUDIENCE_COMMAND_LINE, &words, NULL), 0);
    assert_int_equal(diagnose(&facts, LANGUAGE_EN, "1.0", &full), 0);
    assert_non_null(strstr(words.data, "run tlsswitch /apply recommended"));
    assert_null(strstr(words.data, "TLS 1.0  "));
    assert_null(strstr(words.data, "FAILED"));
    assert_non_null(strstr(full.data, words.data));
    /* In the window, the advice names the button, not the command. */
    strbuf_clear(&words);
    relay_helps = 1;
    assert_int_equal(diagnose_conclusion(&facts, LANGUAGE_EN, AUDIENCE_WINDOW, &words, &relay_helps), 0);
    assert_int_equal(relay_helps, 0);   /* "Fix it" helps here: no relay button */
    assert_null(strstr(words.data, "tlsswitch /"));
    assert_non_null(strstr(words.data, "Fix it"));
    strbuf_clear(&words);
    assert_int_equal(diagnose_conclusion(&facts, LANGUAGE_JA, AUDIENCE_WINDOW, &words, NULL), 0);
    assert_null(strstr(words.data, "tlsswitch /"));
    strbuf_clear(&words);
    works(&facts.verdict);
    assert_int_equal(diagnose_conclusion(&facts, LANGUAGE_EN, AUDIENCE_WINDOW, &words, NULL), 1);
    assert_non_null(strstr(words.data, "Mail over TLS works"));
    strbuf_free(&full);
    strbuf_free(&words);
}

static void tls12_not_used_by_default(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    refused(&facts.probe[PROBE_TLS10], TLS_ALERT_PROTOCOL_VERSION);
    refused(&facts.probe[PROBE_TLS11], TLS_ALERT_PROTOCOL_VERSION);
    works(&facts.probe[PROBE_TLS12]);
    expect(&facts, 0, "run tlsswitch /apply recommended", "FAILED\n");
    expect(&facts, 0, "  TLS 1.2  works\n", "FAILED\n");
    expect(&facts, 0, "  TLS 1.0  refused by the server\n", "FAILED\n");
    /* The registry already says default: Windows has not taken it up yet. */
    facts.settings.protocol[PROTOCOL_TLS12].disabled_by_default.dword = 0;
    expect(&facts, 0, "restart Windows", "FAILED\n");
}

static void tls12_missing_or_off(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    refused(&facts.probe[PROBE_TLS10], TLS_ALERT_PROTOCOL_VERSION);
    facts.probe[PROBE_TLS11].outcome = OUTCOME_NOTHING_TO_OFFER;
    facts.probe[PROBE_TLS12].outcome = OUTCOME_NOTHING_TO_OFFER;
    expect(&facts, 0, "install update KB4019276", "FAILED\n");
    expect(&facts, 0, "  TLS 1.2  this Windows cannot do it\n", "FAILED\n");
    facts.os.major = 6;
    facts.os.minor = 0;
    expect(&facts, 0, "On Windows Vista SP2, install update KB4019276", "FAILED\n");
    facts.settings.protocol[PROTOCOL_TLS12].enabled.state = VALUE_DWORD;
    facts.settings.protocol[PROTOCOL_TLS12].enabled.dword = 0;
    expect(&facts, 0, "tlsswitch /set tls1.2=on", "FAILED\n");
    expect(&facts, 0, "  TLS 1.2  turned off in the registry\n", "FAILED\n");
}

static void no_shared_cipher(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    refused(&facts.probe[PROBE_TLS12], TLS_ALERT_HANDSHAKE_FAILURE);
    expect(&facts, 0, "share no cipher suite", "FAILED\n");
}

static void certificates_and_interception(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    works(&facts.verdict);
    expect(&facts, 1, "Mail over TLS works with this server (TLS 1.2)", "OK: TLS 1.2\n");
    facts.verdict.chain_error = 0x800B0109ul;
    expect(&facts, 0, "its root certificate", "FAILED: TLS 1.2\n");
    facts.verdict.chain_error = 0x800B0101ul;
    strcpy(facts.verdict.not_after, "2021-01-01");
    expect(&facts, 0, "has expired (valid until 2021-01-01)", "FAILED: TLS 1.2\n");
    facts.verdict.chain_error = 0x800B010Ful;
    expect(&facts, 0, "not issued for mail.example", "FAILED: TLS 1.2\n");
    facts.verdict.chain_error = 0;
    strcpy(facts.verdict.issuer, "CN=ESET SSL Filter CA");
    expect(&facts, 1, "intercepted by ESET", "OK: TLS 1.2\n");
    assert_string_equal(interceptor_name("CN=Kaspersky Anti-Virus Personal Root Certificate"), "Kaspersky");
    assert_string_equal(interceptor_name("CN=AVG Web/Mail Shield Root"), "AVG");
    assert_string_equal(interceptor_name("O=Bitdefender, CN=Bitdefender Personal CA.Net-Defender"), "Bitdefender");
    assert_null(interceptor_name("CN=DigiCert Global Root G2"));
    assert_null(interceptor_name("CN=Savgol CA"));
}

static void connection_problems(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    facts.verdict.outcome = OUTCOME_HOST_NOT_FOUND;
    expect(&facts, 0, "The server name mail.example was not found", "FAILED\n");
    facts.verdict.outcome = OUTCOME_REFUSED;
    expect(&facts, 0, "refused the connection on port 995", "FAILED\n");
    facts.verdict.outcome = OUTCOME_CONNECT_TIMEOUT;
    expect(&facts, 0, "did not answer on port 995 within 10 seconds", "FAILED\n");
    facts.verdict.outcome = OUTCOME_TIMEOUT;
    expect(&facts, 0, "stopped answering", "FAILED\n");
    facts.verdict.outcome = OUTCOME_NOT_TLS;
    expect(&facts, 0, "neither TLS nor a mail greeting", "FAILED\n");
    facts.verdict.outcome = OUTCOME_OVERSIZED;
    expect(&facts, 0, "larger than TLS allows", "FAILED\n");
    facts.verdict.outcome = OUTCOME_HANDSHAKE_ERROR;
    facts.verdict.status = 0x80090326ul;
    expect(&facts, 0, "SEC_E_ILLEGAL_MESSAGE (0x80090326)", "FAILED\n");
}

static void wrong_mode(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    target_parse("smtps://mail.example:587", &facts.target);
    facts.verdict.outcome = OUTCOME_PLAINTEXT;
    strcpy(facts.verdict.reply, "220 mail.example ESMTP");
    expect(&facts, 0, "Test it as smtp://mail.example:587", "FAILED\n");
    target_parse("pop3://mail.example", &facts.target);
    facts.verdict.outcome = OUTCOME_STARTTLS_REFUSED;
    strcpy(facts.verdict.reply, "-ERR no STLS");
    expect(&facts, 0, "did not accept STARTTLS (it answered: -ERR no STLS)", "FAILED\n");
    facts.verdict.outcome = OUTCOME_MAIL_FAILED;
    facts.verdict.protocol = 0x800;
    expect(&facts, 0, "did not answer as a mail server should", "FAILED: TLS 1.2\n");
}

static void japanese_report(void **state)
{
    struct test_facts facts = xp_facts();
    struct strbuf out;
    (void)state;
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    works(&facts.probe[PROBE_TLS12]);
    strbuf_init(&out);
    assert_int_equal(diagnose(&facts, LANGUAGE_JA, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "TLS 1.2 を既定で使わない"));
    assert_non_null(strstr(out.data, "tlsswitch /apply recommended"));
    assert_non_null(strstr(out.data, "\nFAILED\n"));
    strbuf_free(&out);
}

/* --- the simulated handshakes ------------------------------------------------------------ */

static struct simulation simulated(enum sim_verdict verdict, uint16_t suite)
{
    struct simulation sim;
    memset(&sim, 0, sizeof(sim));
    sim.outcome = verdict == SIM_NO_SHARED_SUITE || verdict == SIM_VERSION_REFUSED ? OUTCOME_ALERT : OUTCOME_OK;
    sim.verdict = verdict;
    sim.alert = verdict == SIM_NO_SHARED_SUITE ? 40 : verdict == SIM_VERSION_REFUSED ? 70 : -1;
    sim.version = 0x0303;
    sim.suite = suite;
    return sim;
}

/* The simulations of a server that wants ECDHE with AES-GCM: Windows 10 only. */
static void ecdhe_gcm_server(struct test_facts *facts)
{
    struct compatibility *c = &facts->compat;
    c->ran = 1;
    c->this_windows = WINDOWS_XP;
    c->rows_ran = (1u << WINDOWS_XP) | (1u << WINDOWS_VISTA) | (1u << WINDOWS_7) | (1u << WINDOWS_10);
    c->row[WINDOWS_XP] = simulated(SIM_NO_SHARED_SUITE, 0);
    c->row[WINDOWS_VISTA] = simulated(SIM_NO_SHARED_SUITE, 0);
    c->row[WINDOWS_7] = simulated(SIM_NO_SHARED_SUITE, 0);
    c->row[WINDOWS_10] = simulated(SIM_USABLE, 0xC030);
    c->this_sim = c->row[WINDOWS_XP];
    windows_client_hello(windows_client_get(WINDOWS_XP), &c->this_hello);
    c->everything = simulated(SIM_USABLE, 0xC02F);
}

static void expect_words(const struct test_facts *facts, enum audience audience, const char *words, const char *never)
{
    struct strbuf out;
    strbuf_init(&out);
    assert_int_equal(diagnose_conclusion(facts, LANGUAGE_EN, audience, &out, NULL), 0);
    if (!strstr(out.data, words))
        fail_msg("expected \"%s\" in:\n%s", words, out.data);
    if (never && strstr(out.data, never))
        fail_msg("did not expect \"%s\" in:\n%s", never, out.data);
    strbuf_free(&out);
}

/* Under Wine the handshake works where XP's cannot: the verdict is XP's, and no fix is
 * offered that cannot help. */
static void xp_cannot_use_an_ecdhe_only_server(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    works(&facts.verdict);
    ecdhe_gcm_server(&facts);
    expect(&facts, 0, "Windows XP cannot use this server, and no registry setting can change that", "FAILED: TLS 1.2\n");
    expect(&facts, 0, "it chose TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, which needs ECDHE key exchange, AES-GCM",
           "FAILED: TLS 1.2\n");
    expect(&facts, 0, "Sylpheed 3.7", "FAILED: TLS 1.2\n");
    expect(&facts, 0, "  Windows XP      no: no cipher suite in common\n", "FAILED: TLS 1.2\n");
    expect(&facts, 0, "  Windows 10      yes: TLS 1.2, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384\n", "FAILED: TLS 1.2\n");
    /* Before the fix too: the TLS 1.2 probe works, but "Fix it" could not help. */
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    works(&facts.probe[PROBE_TLS12]);
    expect_words(&facts, AUDIENCE_COMMAND_LINE, "no registry setting can change that", "/apply");
    expect_words(&facts, AUDIENCE_WINDOW, "no registry setting can change that", "Fix it");
    /* The window offers its relay button for this verdict, and names it rather than a command. */
    {
        struct strbuf out;
        int relay_helps = 0;
        strbuf_init(&out);
        assert_int_equal(diagnose_conclusion(&facts, LANGUAGE_EN, AUDIENCE_WINDOW, &out, &relay_helps), 0);
        assert_int_equal(relay_helps, 1);
        assert_non_null(strstr(out.data, "\"Use TLS Switch as a relay for this server\""));
        assert_null(strstr(out.data, "tlsswitch /"));
        strbuf_free(&out);
    }
    /* Vista is held to its own simulation too. */
    facts.os.major = 6;
    facts.os.minor = 0;
    facts.compat.this_windows = WINDOWS_VISTA;
    expect_words(&facts, AUDIENCE_COMMAND_LINE, "Windows Vista cannot use this server", "/apply");
}

/* A server that takes RSA key exchange: XP's simulation works, and the registry fix is
 * the advice again. */
static void xp_can_use_an_rsa_key_exchange_server(void **state)
{
    struct test_facts facts = xp_facts();
    struct compatibility *c = &facts.compat;
    (void)state;
    ecdhe_gcm_server(&facts);
    c->row[WINDOWS_XP] = c->this_sim = simulated(SIM_USABLE, 0x002F);
    refused(&facts.verdict, TLS_ALERT_PROTOCOL_VERSION);
    works(&facts.probe[PROBE_TLS12]);
    expect(&facts, 0, "run tlsswitch /apply recommended", "FAILED\n");
    works(&facts.verdict);
    expect(&facts, 1, "Mail over TLS works with this server (TLS 1.2)", "OK: TLS 1.2\n");
}

/* Windows 7 and later are not held to the table: their own Schannel speaks for them. */
static void windows_7_trusts_its_own_handshake(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    facts.os.major = 6;
    facts.os.minor = 1;
    works(&facts.verdict);
    ecdhe_gcm_server(&facts);
    facts.compat.this_windows = WINDOWS_7;
    facts.compat.this_sim = facts.compat.row[WINDOWS_7];
    expect(&facts, 1, "Mail over TLS works", "OK: TLS 1.2\n");
}

/* The registry's cipher settings take away what XP would use. */
static void cipher_settings_in_the_way(void **state)
{
    struct test_facts facts = xp_facts();
    struct compatibility *c = &facts.compat;
    (void)state;
    works(&facts.verdict);
    ecdhe_gcm_server(&facts);
    c->row[WINDOWS_XP] = simulated(SIM_USABLE, 0x002F);
    c->this_sim = simulated(SIM_NO_SHARED_SUITE, 0);
    expect(&facts, 0, "with the cipher settings in this PC's registry", "FAILED: TLS 1.2\n");
    expect(&facts, 0, "Without them it would use TLS_RSA_WITH_AES_128_CBC_SHA", "FAILED: TLS 1.2\n");
    simulation_failed(OUTCOME_NOTHING_TO_OFFER, 0, &c->this_sim);
    c->row[WINDOWS_XP] = simulated(SIM_NO_SHARED_SUITE, 0);
    expect(&facts, 0, "leave Windows XP no cipher suite at all", "FAILED: TLS 1.2\n");
}

/* Windows 7 has ECDHE and AES-GCM, only not together with an RSA certificate. */
static void what_a_windows_lacks_is_its_own(void **state)
{
    struct simulation seven = simulated(SIM_NO_SHARED_SUITE, 0), everything = simulated(SIM_USABLE, 0xC02F);
    struct strbuf out;
    (void)state;
    strbuf_init(&out);
    assert_int_equal(compatibility_explain(&seven, &everything, windows_client_get(WINDOWS_7), LANGUAGE_EN, &out), COMPATIBILITY_NO_SETTING_HELPS);
    assert_non_null(strstr(out.data, "a combination Windows 7 does not have"));
    assert_null(strstr(out.data, "needs"));
    strbuf_clear(&out);
    everything.verdict = SIM_VERSION_REFUSED;
    assert_int_equal(compatibility_explain(&seven, &everything, windows_client_get(WINDOWS_XP), LANGUAGE_EN, &out), COMPATIBILITY_NO_SETTING_HELPS);
    assert_non_null(strstr(out.data, "only TLS versions newer than Windows XP can speak"));
    strbuf_clear(&out);
    seven = simulated(SIM_CERTIFICATE_UNUSABLE, 0x002F);
    seven.unusable = CERT_ALGORITHM_ECDSA;
    assert_int_equal(compatibility_explain(&seven, NULL, windows_client_get(WINDOWS_XP), LANGUAGE_JA, &out), COMPATIBILITY_NO_SETTING_HELPS);
    assert_non_null(strstr(out.data, "ECDSA"));
    assert_non_null(strstr(out.data, "レジストリの設定では変えられません"));
    strbuf_free(&out);
}

/* Where no setting helps, the relay is named with the way as /relay add takes it; never for a
 * target that is no mail way. */
static void the_relay_is_named_where_no_setting_helps(void **state)
{
    struct target mail, web;
    struct strbuf out;
    (void)state;
    assert_int_equal(target_parse("pop3s://pop.example.jp", &mail), 0);
    assert_int_equal(target_parse("https://www.example.jp", &web), 0);
    strbuf_init(&out);
    assert_int_equal(diagnose_relay_suggestion(&mail, LANGUAGE_EN, AUDIENCE_COMMAND_LINE, &out), 1);
    assert_non_null(strstr(out.data, "tlsswitch /relay add pop3s://pop.example.jp:995, then tlsswitch /relay start"));
    strbuf_clear(&out);
    /* The window names its button, never a command. */
    assert_int_equal(diagnose_relay_suggestion(&mail, LANGUAGE_EN, AUDIENCE_WINDOW, &out), 1);
    assert_non_null(strstr(out.data, "\"Use TLS Switch as a relay for this server\""));
    assert_null(strstr(out.data, "tlsswitch /"));
    strbuf_clear(&out);
    assert_int_equal(diagnose_relay_suggestion(&web, LANGUAGE_JA, AUDIENCE_WINDOW, &out), 0);
    assert_true(out.length == 0);
    strbuf_free(&out);
}

/* /as: the whole report for one Windows, and its last line for scripts. */
static void as_report(void **state)
{
    struct as_facts facts;
    struct strbuf out;
    (void)state;
    memset(&facts, 0, sizeof(facts));
    target_parse("pop3s://mail.example", &facts.target);
    facts.windows = WINDOWS_XP;
    facts.timeout_seconds = 10;
    windows_client_hello(windows_client_get(WINDOWS_XP), &facts.hello);
    facts.sim = simulated(SIM_USABLE, 0x002F);
    facts.sim.have_certificate = 1;
    facts.sim.leaf.key = CERT_ALGORITHM_RSA;
    facts.sim.leaf.key_bits = 2048;
    facts.sim.leaf.signature = CERT_ALGORITHM_RSA;
    strbuf_init(&out);
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 1);
    assert_non_null(strstr(out.data, "as Windows XP would connect"));
    assert_non_null(strstr(out.data, "Offered: TLS 1.2, 8 cipher suites:\n    TLS_RSA_WITH_AES_128_CBC_SHA"));
    assert_non_null(strstr(out.data, "Server's certificate: RSA key of 2048 bits, signed with RSA"));
    assert_non_null(strstr(out.data, "Windows XP can use this server: TLS 1.2 with TLS_RSA_WITH_AES_128_CBC_SHA"));
    assert_non_null(strstr(out.data, "tlsswitch /apply recommended on that PC"));
    assert_string_equal(out.data + out.length - 13, "\nOK: TLS 1.2\n");
    strbuf_clear(&out);
    facts.sim = simulated(SIM_NO_SHARED_SUITE, 0);
    facts.ran_everything = 1;
    facts.everything = simulated(SIM_USABLE, 0xC013);
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "which needs ECDHE key exchange."));
    assert_string_equal(out.data + out.length - 8, "\nFAILED\n");
    strbuf_clear(&out);
    simulation_failed(OUTCOME_REFUSED, 10061, &facts.sim);
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "refused the connection on port 995"));
    strbuf_free(&out);
}


/* --- point 6: a verdict never says more than it knows ------------------------------------ */

static void expect_never(const struct test_facts *facts, const char *words)
{
    struct strbuf out;
    strbuf_init(&out);
    diagnose(facts, LANGUAGE_EN, "1.0", &out);
    if (strstr(out.data, words))
        fail_msg("did not expect \"%s\" in:\n%s", words, out.data);
    strbuf_free(&out);
}

/* Seen once against a server that serves one connection at a time: Windows XP's row "not
 * known", and still "OK: TLS 1.0", exit 0, under "the verdict below is Windows XP's". */
static void xp_not_known_is_never_ok(void **state)
{
    struct test_facts facts = xp_facts();
    struct compatibility *c = &facts.compat;
    static const enum outcome endings[] = { OUTCOME_CONNECT_TIMEOUT, OUTCOME_TIMEOUT, OUTCOME_SILENT, OUTCOME_CLOSED,
                                            OUTCOME_SYSTEM_ERROR };
    size_t i;
    (void)state;
    works(&facts.verdict);
    facts.verdict.protocol = 0x80;   /* TLS 1.0 */
    ecdhe_gcm_server(&facts);
    c->row[WINDOWS_VISTA] = simulated(SIM_USABLE, 0x002F);
    c->everything = simulated(SIM_USABLE, 0x002F);
    for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        simulation_failed(endings[i], 0, &c->this_sim);
        c->row[WINDOWS_XP] = c->this_sim;
        expect(&facts, 0, "Whether Windows XP can use this server is not known", "FAILED: TLS 1.0\n");
        expect_never(&facts, "OK: TLS 1.0");
    }
    /* A result its thread never wrote: the same. */
    memset(&c->this_sim, 0, sizeof(c->this_sim));
    c->row[WINDOWS_XP] = c->this_sim;
    expect(&facts, 0, "(its simulated handshake: no result came back)", "FAILED: TLS 1.0\n");
    expect(&facts, 0, "  Windows XP      not known: no result came back\n", "FAILED: TLS 1.0\n");
    /* Vista and XP x64 too; Windows 7 is not held to its row. */
    facts.os.major = 6;
    facts.os.minor = 0;
    c->this_windows = WINDOWS_VISTA;
    expect(&facts, 0, "Whether Windows Vista can use this server is not known", "FAILED: TLS 1.0\n");
    c->this_windows = WINDOWS_2003;
    expect(&facts, 0, "Whether Windows XP x64 / Server 2003 can use this server is not known", "FAILED: TLS 1.0\n");
    facts.os.minor = 1;
    c->this_windows = WINDOWS_7;
    expect(&facts, 1, "TLS works with this server", "OK: TLS 1.0\n");
    /* Once XP's own simulation answers, the verdict is known again. */
    facts.os.minor = 1;
    facts.os.major = 5;
    c->this_windows = WINDOWS_XP;
    c->this_sim = c->row[WINDOWS_XP] = simulated(SIM_USABLE, 0x002F);
    c->this_sim.version = c->row[WINDOWS_XP].version = 0x0301;
    expect(&facts, 1, "TLS works with this server", "OK: TLS 1.0\n");
}

/* "This PC's own handshake can succeed where Windows XP's cannot" only when it is so. */
static void stronger_only_when_true(void **state)
{
    struct test_facts facts = xp_facts();
    struct compatibility *c = &facts.compat;
    (void)state;
    works(&facts.verdict);
    ecdhe_gcm_server(&facts);
    c->have_own_hello = 1;
    hello_offering_everything(&c->own_hello);   /* more suites than XP's table */
    c->own_sim = simulated(SIM_USABLE, 0xC02F);
    c->this_sim = c->row[WINDOWS_XP] = simulated(SIM_USABLE, 0x002F);
    expect_never(&facts, "can succeed where");
    c->this_sim = c->row[WINDOWS_XP] = simulated(SIM_NO_SHARED_SUITE, 0);
    expect(&facts, 0, "This PC's own handshake can succeed where Windows XP's cannot", "FAILED: TLS 1.2\n");
    /* Nor when this PC's hello did not succeed either. */
    c->own_sim = simulated(SIM_NO_SHARED_SUITE, 0);
    expect_never(&facts, "can succeed where");
}

/* Seen once in a Windows 7 prefix: "TLS 1.2  failed: a Windows function failed (0)". A
 * failure names its step; error 0 is never shown as a cause. */
static void a_failure_names_its_step(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    works(&facts.verdict);
    facts.probe[PROBE_TLS12].outcome = OUTCOME_SYSTEM_ERROR;
    expect(&facts, 1, "  TLS 1.2  failed: no result came back\n", "OK: TLS 1.2\n");
    expect_never(&facts, "(0)");
    strcpy(facts.probe[PROBE_TLS12].step, "socket");
    facts.probe[PROBE_TLS12].status = 10024;
    expect(&facts, 1, "  TLS 1.2  failed: socket failed (WSAEMFILE (10024))\n", "OK: TLS 1.2\n");
    facts.probe[PROBE_TLS12].status = 0;
    expect(&facts, 1, "  TLS 1.2  failed: socket failed\n", "OK: TLS 1.2\n");
    expect_never(&facts, "a Windows function failed");
}

/* --- point 8: words for what happened ------------------------------------------------------ */

/* A server that accepts and never says a word never answered: it did not stop in the middle. */
static void a_silent_server_never_answered(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    target_parse("smtp://mail.example", &facts.target);
    facts.verdict.outcome = OUTCOME_SILENT;
    expect(&facts, 0, "accepted the connection but never answered: not one byte in 10 seconds", "FAILED\n");
    expect(&facts, 0, "Default handshake (as older mail programs make it): the server never answered", "FAILED\n");
    expect_never(&facts, "stopped answering");
}

/* "Not issued for" names the names the certificate is for, as mail programs' warnings do. */
static void wrong_name_names_the_names(void **state)
{
    struct test_facts facts = xp_facts();
    (void)state;
    works(&facts.verdict);
    facts.verdict.chain_error = 0x800B010Ful;
    strcpy(facts.verdict.names, "mail2.example, *.example.org");
    expect(&facts, 0, "not issued for mail.example (it is for mail2.example, *.example.org)", "FAILED: TLS 1.2\n");
}

/* --- point 7: the certificate that Windows would get -------------------------------------- */

static struct simulation with_certificate(unsigned problems, const char *names)
{
    struct simulation sim = simulated(SIM_USABLE, 0x002F);
    sim.certificate_checked = 1;
    sim.certificate_problems = problems;
    strcpy(sim.certificate_names, names);
    sim.leaf.not_before = 20200101000000ull;
    sim.leaf.not_after = 20210101000000ull;
    return sim;
}

/* /as xp against a server that gives a hello without SNI its certificate for another name,
 * or one that expired: once "Result: yes" and "OK: TLS 1.2". */
static void as_xp_checks_the_certificate_it_gets(void **state)
{
    struct as_facts facts;
    struct strbuf out;
    (void)state;
    memset(&facts, 0, sizeof(facts));
    target_parse("pop3s://mail.example", &facts.target);
    facts.windows = WINDOWS_XP;
    facts.timeout_seconds = 10;
    windows_client_hello(windows_client_get(WINDOWS_XP), &facts.hello);
    facts.sim = with_certificate(SIM_CERT_WRONG_NAME, "wrong.example");
    strbuf_init(&out);
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "Result: yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate is for "
                                     "wrong.example"));
    assert_non_null(strstr(out.data, "is not issued for mail.example (it is for wrong.example)"));
    assert_non_null(strstr(out.data, "Windows XP sends no server name (SNI)"));
    assert_string_equal(out.data + out.length - 17, "\nFAILED: TLS 1.2\n");
    strbuf_clear(&out);
    facts.sim = with_certificate(SIM_CERT_EXPIRED, "mail.example");
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "has expired (valid until 2021-01-01)"));
    assert_null(strstr(out.data, "SNI"));
    strbuf_clear(&out);
    /* Windows 10 sends the name: no word about SNI. */
    facts.windows = WINDOWS_10;
    windows_client_hello(windows_client_get(WINDOWS_10), &facts.hello);
    facts.sim = with_certificate(SIM_CERT_WRONG_NAME, "wrong.example");
    assert_int_equal(diagnose_as(&facts, LANGUAGE_JA, "1.0", &out), 0);
    assert_non_null(strstr(out.data, "wrong.example 用です"));
    assert_null(strstr(out.data, "SNI"));
    strbuf_clear(&out);
    /* A good one: only trust in the root is left unchecked, and said so. */
    facts.sim = with_certificate(0, "mail.example");
    assert_int_equal(diagnose_as(&facts, LANGUAGE_EN, "1.0", &out), 1);
    assert_non_null(strstr(out.data, "Its certificate is issued for mail.example and valid today; whether that PC "
                                     "trusts its root is not checked from here."));
    strbuf_free(&out);
}

/* /test on XP: this PC's handshake (with SNI) got a good certificate; XP's, without, would not. */
static void xp_row_checks_the_certificate_it_gets(void **state)
{
    struct test_facts facts = xp_facts();
    struct compatibility *c = &facts.compat;
    (void)state;
    works(&facts.verdict);
    ecdhe_gcm_server(&facts);
    c->this_sim = c->row[WINDOWS_XP] = with_certificate(SIM_CERT_WRONG_NAME, "wrong.example");
    expect(&facts, 0, "  Windows XP      yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate is for wrong.example\n",
           "FAILED: TLS 1.2\n");
    expect(&facts, 0, "Windows XP can use this server: TLS 1.2 with TLS_RSA_WITH_AES_128_CBC_SHA.\nBut the certificate "
                      "the server gives Windows XP is not issued for mail.example (it is for wrong.example)",
           "FAILED: TLS 1.2\n");
    expect_never(&facts, "Mail over TLS works");
    /* Windows 7's own Schannel speaks for it. */
    facts.os.major = 6;
    facts.os.minor = 1;
    c->this_windows = WINDOWS_7;
    c->this_sim = c->row[WINDOWS_7] = with_certificate(SIM_CERT_WRONG_NAME, "wrong.example");
    expect(&facts, 1, "Mail over TLS works", "OK: TLS 1.2\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xp_cannot_use_an_ecdhe_only_server),
        cmocka_unit_test(xp_can_use_an_rsa_key_exchange_server),
        cmocka_unit_test(windows_7_trusts_its_own_handshake),
        cmocka_unit_test(cipher_settings_in_the_way),
        cmocka_unit_test(what_a_windows_lacks_is_its_own),
        cmocka_unit_test(the_relay_is_named_where_no_setting_helps),
        cmocka_unit_test(as_report),
        cmocka_unit_test(conclusion_is_the_plain_words_part),
        cmocka_unit_test(tls12_not_used_by_default),
        cmocka_unit_test(tls12_missing_or_off),
        cmocka_unit_test(no_shared_cipher),
        cmocka_unit_test(certificates_and_interception),
        cmocka_unit_test(connection_problems),
        cmocka_unit_test(wrong_mode),
        cmocka_unit_test(japanese_report),
        cmocka_unit_test(xp_not_known_is_never_ok),
        cmocka_unit_test(stronger_only_when_true),
        cmocka_unit_test(a_failure_names_its_step),
        cmocka_unit_test(a_silent_server_never_answered),
        cmocka_unit_test(wrong_name_names_the_names),
        cmocka_unit_test(as_xp_checks_the_certificate_it_gets),
        cmocka_unit_test(xp_row_checks_the_certificate_it_gets),
    };
    return cmocka_run_group_tests_name("diagnosis", tests, NULL, NULL);
}
