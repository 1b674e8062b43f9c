/* The simulated handshake's core: reading a server's first flight (recorded from real
 * servers: tests/data/flights, made with tests/servers/record_flight.py), the facts of its
 * certificates, the names and dates they are for (tests/data/certificates), the verdict
 * for each Windows, flights cut short, hostile answers, and the registry's cipher settings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry/cipher_policy.h"
#include "tls/compatibility.h"
#include "registry/regstore_memory.h"
#include "tls/server_flight.h"
#include "tls/simulation.h"
#include "tls/windows_clients.h"

/* Bytes from a hex file of tests/data: FOLDER/NAME.hex. */
static size_t hex_file(const char *folder, const char *name, unsigned char *out, size_t size)
{
    char path[256];
    FILE *file;
    size_t n = 0;
    unsigned value;
    snprintf(path, sizeof(path), "tests/data/%s/%s.hex", folder, name);
    file = fopen(path, "r");
    if (!file)
        fail_msg("cannot open %s", path);
    while (n < size && fscanf(file, "%2x", &value) == 1)
        out[n++] = (unsigned char)value;
    fclose(file);
    return n;
}

/* A recorded answer, read from its hex file. */
static size_t recorded(const char *name, unsigned char *out, size_t size)
{
    return hex_file("flights", name, out, size);
}

static struct server_flight *new_flight(void)
{
    struct server_flight *flight = malloc(sizeof(*flight));
    assert_non_null(flight);
    server_flight_start(flight);
    return flight;
}

/* Feeds `bytes` in pieces of `step` bytes (0: all at once). */
static enum flight_state feed(struct server_flight *flight, const unsigned char *bytes, size_t size, size_t step)
{
    size_t at = 0;
    if (step == 0)
        step = size;
    while (at < size && flight->state == FLIGHT_MORE) {
        size_t n = size - at < step ? size - at : step;
        server_flight_feed(flight, bytes + at, n);
        at += n;
    }
    return flight->state;
}

/* The verdict for a row of the table on a recorded answer, fed `step` bytes at a time. */
static struct simulation judge_recorded(const char *name, enum windows_client_id id, size_t step)
{
    static unsigned char bytes[16384];
    struct server_flight *flight = new_flight();
    struct hello_spec hello;
    struct simulation sim;
    size_t size = recorded(name, bytes, sizeof(bytes));
    windows_client_hello(windows_client_get(id), &hello);
    feed(flight, bytes, size, step);
    simulation_judge(flight, &hello, windows_client_get(id)->certificates, &sim);
    free(flight);
    return sim;
}

static void rsa_key_exchange_flight(void **state)
{
    static unsigned char bytes[16384];
    struct server_flight *flight = new_flight();
    size_t size = recorded("tls12-rsa-kx", bytes, sizeof(bytes));
    (void)state;
    assert_int_equal(feed(flight, bytes, size, 0), FLIGHT_DONE);
    assert_true(flight->have_hello);
    assert_int_equal(flight->version, 0x0303);
    assert_int_equal(flight->suite, 0x002F);
    assert_int_equal(flight->certificate_count, 1);
    assert_int_equal(flight->certificates[0].key, CERT_ALGORITHM_RSA);
    assert_int_equal(flight->certificates[0].key_bits, 2048);
    assert_int_equal(flight->certificates[0].signature, CERT_ALGORITHM_RSA);
    assert_false(flight->have_key_exchange);
    free(flight);
}

/* However the bytes arrive, the answer and the verdict are the same. */
static void any_split_gives_the_same_answer(void **state)
{
    static const char *const names[] = { "tls12-rsa-kx", "tls12-ecdhe-rsa", "tls12-ecdsa", "tls13-hello-retry",
                                         "alert-handshake-failure", "tls12-rsa-signed-by-ecdsa" };
    static const size_t steps[] = { 1, 2, 3, 5, 7, 100, 1000 };
    size_t n, s;
    (void)state;
    for (n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
        struct simulation whole = judge_recorded(names[n], WINDOWS_10, 0);
        for (s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
            struct simulation split = judge_recorded(names[n], WINDOWS_10, steps[s]);
            assert_int_equal(split.verdict, whole.verdict);
            assert_int_equal(split.outcome, whole.outcome);
            assert_int_equal(split.suite, whole.suite);
            assert_int_equal(split.version, whole.version);
        }
    }
}

static void ecdhe_flight_names_its_group(void **state)
{
    struct simulation vista = judge_recorded("tls12-ecdhe-rsa", WINDOWS_VISTA, 0);
    (void)state;
    assert_int_equal(vista.verdict, SIM_USABLE);
    assert_int_equal(vista.suite, 0xC013);
    assert_int_equal(vista.group, 0x0017);   /* P-256, which Vista offers */
    assert_int_equal(vista.leaf.key, CERT_ALGORITHM_RSA);
}

/* The same recorded answers, judged for the Windows that can and cannot use them. */
static void each_windows_gets_its_own_verdict(void **state)
{
    (void)state;
    assert_int_equal(judge_recorded("tls12-rsa-kx", WINDOWS_XP, 0).verdict, SIM_USABLE);
    assert_int_equal(judge_recorded("alert-handshake-failure", WINDOWS_XP, 0).verdict, SIM_NO_SHARED_SUITE);
    assert_int_equal(judge_recorded("alert-protocol-version", WINDOWS_XP, 0).verdict, SIM_VERSION_REFUSED);
    /* An ECDSA certificate answered to Windows 7's hello: XP's has no such suite, and would
     * get no such answer; Windows 7 can use it. */
    assert_int_equal(judge_recorded("tls12-ecdsa", WINDOWS_7, 0).verdict, SIM_USABLE);
    assert_int_equal(judge_recorded("tls12-ecdsa", WINDOWS_7, 0).leaf.key, CERT_ALGORITHM_ECDSA);
    assert_int_equal(judge_recorded("tls12-ecdsa", WINDOWS_7, 0).leaf.curve, 0x0017);
    /* An RSA certificate that an ECDSA CA signed: XP cannot check the signature. */
    {
        struct simulation xp = judge_recorded("tls12-rsa-signed-by-ecdsa", WINDOWS_XP, 0);
        assert_int_equal(xp.verdict, SIM_CERTIFICATE_UNUSABLE);
        assert_int_equal(xp.unusable, CERT_ALGORITHM_ECDSA);
        assert_int_equal(xp.leaf.key, CERT_ALGORITHM_RSA);
        assert_int_equal(judge_recorded("tls12-rsa-signed-by-ecdsa", WINDOWS_VISTA, 0).verdict, SIM_USABLE);
    }
    /* TLS 1.3: a HelloRetryRequest names the version, the suite and the group. */
    {
        struct simulation eleven = judge_recorded("tls13-hello-retry", WINDOWS_11, 0);
        assert_int_equal(eleven.verdict, SIM_USABLE);
        assert_int_equal(eleven.version, 0x0304);
        assert_int_equal(eleven.suite, 0x1302);
        assert_int_equal(eleven.group, 0x001D);
        /* Windows 10 never offered TLS 1.3: such an answer breaks the rules. */
        assert_int_equal(judge_recorded("tls13-hello-retry", WINDOWS_10, 0).verdict, SIM_SERVER_BROKE_RULES);
    }
}

/* A ServerHello naming a suite the hello never offered is the server's fault. */
static void a_suite_never_offered_breaks_the_rules(void **state)
{
    struct simulation xp = judge_recorded("tls12-ecdhe-rsa", WINDOWS_XP, 0);
    (void)state;
    assert_int_equal(xp.verdict, SIM_SERVER_BROKE_RULES);
    assert_int_equal(xp.suite, 0xC013);
}

static enum flight_problem problem_of(const unsigned char *bytes, size_t size)
{
    struct server_flight *flight = new_flight();
    enum flight_problem problem;
    assert_int_equal(feed(flight, bytes, size, 0), FLIGHT_BAD);
    problem = flight->problem;
    free(flight);
    return problem;
}

/* Whatever a server sends, the reader ends with a clear state and stays in its bounds. */
static void hostile_answers(void **state)
{
    static unsigned char bytes[16384];
    static const unsigned char garbage[] = "\x00\x01\x02\x03 this is not TLS \xff\xfe\r\n";
    static const unsigned char greeting[] = "220 mail.example ESMTP ready\r\n";
    static const unsigned char oversized_record[] = { 0x16, 0x03, 0x03, 0xff, 0xff, 0x02 };
    static const unsigned char empty_record[] = { 0x16, 0x03, 0x03, 0x00, 0x00 };
    /* A handshake header announcing 16 MB, in a record of its own. */
    static const unsigned char oversized_message[] = { 0x16, 0x03, 0x03, 0x00, 0x04, 0x0b, 0xff, 0xff, 0xff };
    /* Application data before the flight ended. */
    static const unsigned char early_data[] = { 0x17, 0x03, 0x03, 0x00, 0x01, 0x00 };
    /* A Certificate before any ServerHello. */
    static const unsigned char out_of_order[] = { 0x16, 0x03, 0x03, 0x00, 0x07, 0x0b, 0x00, 0x00, 0x03, 0x00, 0x00,
                                                  0x00 };
    /* A ServerHello whose session id claims 200 bytes. */
    static const unsigned char bad_length[] = { 0x16, 0x03, 0x03, 0x00, 0x2a, 0x02, 0x00, 0x00, 0x26, 0x03, 0x03,
                                                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                                20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 200, 0x00, 0x2f,
                                                0x00 };
    struct server_flight *flight;
    size_t size, cut;
    (void)state;
    assert_int_equal(problem_of(garbage, sizeof(garbage) - 1), FLIGHT_NOT_TLS);
    assert_int_equal(problem_of(greeting, sizeof(greeting) - 1), FLIGHT_PLAINTEXT);
    assert_int_equal(problem_of(oversized_record, sizeof(oversized_record)), FLIGHT_OVERSIZED_RECORD);
    assert_int_equal(problem_of(empty_record, sizeof(empty_record)), FLIGHT_MALFORMED);
    assert_int_equal(problem_of(oversized_message, sizeof(oversized_message)), FLIGHT_OVERSIZED_MESSAGE);
    assert_int_equal(problem_of(early_data, sizeof(early_data)), FLIGHT_UNEXPECTED);
    assert_int_equal(problem_of(out_of_order, sizeof(out_of_order)), FLIGHT_UNEXPECTED);
    assert_int_equal(problem_of(bad_length, sizeof(bad_length)), FLIGHT_MALFORMED);
    /* A flight cut short anywhere is not complete, and the verdict says the server closed. */
    size = recorded("tls12-rsa-kx", bytes, sizeof(bytes));
    for (cut = 0; cut < size; cut += 7) {
        struct hello_spec hello;
        struct simulation sim;
        flight = new_flight();
        assert_int_equal(feed(flight, bytes, cut, 0), FLIGHT_MORE);
        windows_client_hello(windows_client_get(WINDOWS_XP), &hello);
        simulation_judge(flight, &hello, CERT_RSA, &sim);
        assert_int_equal(sim.outcome, OUTCOME_CLOSED);
        free(flight);
    }
    /* Handshake messages split across many records are put together. */
    {
        static unsigned char fragmented[20000];
        size_t at = 5, i, n = 0;
        flight = new_flight();
        for (i = 0; at < size; i++) {
            size_t record = ((size_t)bytes[at - 2] << 8) | bytes[at - 1], k;
            for (k = 0; k < record; k += 10) {
                size_t piece = record - k < 10 ? record - k : 10;
                memcpy(fragmented + n, bytes + at - 5, 3);
                fragmented[n + 3] = 0;
                fragmented[n + 4] = (unsigned char)piece;
                memcpy(fragmented + n + 5, bytes + at + k, piece);
                n += 5 + piece;
            }
            at += record + 5;
        }
        assert_int_equal(feed(flight, fragmented, n, 0), FLIGHT_DONE);
        assert_int_equal(flight->suite, 0x002F);
        assert_int_equal(flight->certificate_count, 1);
        free(flight);
    }
}

static void certificate_facts(void **state)
{
    static unsigned char bytes[16384];
    struct server_flight *flight = new_flight();
    size_t size = recorded("tls12-rsa-signed-by-ecdsa", bytes, sizeof(bytes)), i;
    struct certificate_facts facts;
    (void)state;
    assert_int_equal(feed(flight, bytes, size, 0), FLIGHT_DONE);
    assert_int_equal(flight->certificate_count, 2);
    assert_int_equal(flight->certificates[0].key, CERT_ALGORITHM_RSA);
    assert_int_equal(flight->certificates[0].signature, CERT_ALGORITHM_ECDSA);
    assert_int_equal(flight->certificates[1].key, CERT_ALGORITHM_ECDSA);
    assert_int_equal(flight->certificates[1].curve, 0x0017);
    free(flight);
    /* Not a certificate: every length refused. */
    for (i = 0; i < 40; i++)
        assert_int_equal(certificate_read(bytes + 20, i, &facts), -1);
    assert_string_equal(certificate_algorithm_name(CERT_ALGORITHM_ECDSA), "ECDSA");
}


/* --- point 6: a verdict never says more than it knows ------------------------------------ */

static void expect_described(const struct simulation *sim, const char *words)
{
    struct strbuf out;
    strbuf_init(&out);
    compatibility_describe(sim, LANGUAGE_EN, &out);
    if (strcmp(out.data, words) != 0)
        fail_msg("expected \"%s\", got \"%s\"", words, out.data);
    strbuf_free(&out);
}

/* A simulation whose thread had not written its result, read as if it had (as when
 * another thread's WSACleanup closed its handles under Wine), once said "yes: ?, 0x0000". */
static void a_result_never_written_is_not_yes(void **state)
{
    struct simulation sim;
    (void)state;
    memset(&sim, 0, sizeof(sim));
    assert_false(simulation_known(&sim));
    expect_described(&sim, "not known: no result came back");
    /* Nor is a "yes" without its version and suite. */
    sim.verdict = SIM_USABLE;
    sim.suite = 0x002F;
    assert_false(simulation_known(&sim));
    expect_described(&sim, "not known: no result came back");
    sim.version = 0x0301;
    assert_true(simulation_known(&sim));
    expect_described(&sim, "yes: TLS 1.0, TLS_RSA_WITH_AES_128_CBC_SHA");
}

/* Every recorded flight, cut short at every byte, with the connection then closed or
 * silent: never a "yes", and never known. */
static void a_flight_cut_short_is_never_yes(void **state)
{
    static const char *const names[] = { "tls12-rsa-kx", "tls12-ecdhe-rsa", "tls12-ecdsa", "tls13-hello-retry",
                                         "tls12-rsa-signed-by-ecdsa" };
    static unsigned char bytes[16384];
    size_t n, cut;
    (void)state;
    for (n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
        size_t size = recorded(names[n], bytes, sizeof(bytes));
        for (cut = 0; cut < size; cut++) {
            struct server_flight *flight = new_flight();
            struct hello_spec hello;
            struct simulation sim;
            struct strbuf out;
            if (feed(flight, bytes, cut, 0) != FLIGHT_MORE) {
                free(flight);
                continue;   /* a TLS 1.3 ServerHello is whole before its record's end */
            }
            windows_client_hello(windows_client_get(WINDOWS_11), &hello);
            simulation_judge(flight, &hello, CERT_RSA | CERT_ECDSA, &sim);
            assert_int_not_equal(sim.verdict, SIM_USABLE);
            assert_false(simulation_known(&sim));
            strbuf_init(&out);
            compatibility_describe(&sim, LANGUAGE_EN, &out);
            if (strncmp(out.data, "not known: ", 11) != 0)
                fail_msg("%s cut at %zu: \"%s\"", names[n], cut, out.data);
            strbuf_free(&out);
            free(flight);
        }
    }
}

/* A simulation that could not run names the function that failed, never "error 0". */
static void a_failure_names_its_step(void **state)
{
    struct simulation sim;
    (void)state;
    simulation_failed_at("socket", 10024, &sim);
    assert_false(simulation_known(&sim));
    expect_described(&sim, "not known: socket failed (WSAEMFILE (10024))");
    simulation_failed(OUTCOME_SYSTEM_ERROR, 0, &sim);
    expect_described(&sim, "not known: no result came back");
    simulation_failed(OUTCOME_SILENT, 0, &sim);
    expect_described(&sim, "not known: the server never answered");
}

/* --- point 7: the names and dates of the certificate that Windows gets -------------------- */

static struct certificate_names names_for(const char *certificate, const char *host)
{
    static unsigned char der[4096];
    struct certificate_names names;
    size_t size = hex_file("certificates", certificate, der, sizeof(der));
    assert_int_equal(certificate_names_read(der, size, host, &names), 0);
    return names;
}

static void subject_alternative_names(void **state)
{
    (void)state;
    /* DNS names and IP addresses, in order; the e-mail address is no host name, and the
     * CN does not count where there are names. */
    assert_string_equal(names_for("many-names", "mail.example.jp").text,
                        "mail.example.jp, *.example.jp, 192.0.2.1, 2001:db8:0:0:0:0:0:1");
    assert_false(names_for("many-names", "mail.example.jp").from_subject);
    assert_true(names_for("many-names", "mail.example.jp").matches);
    assert_true(names_for("many-names", "MAIL.Example.JP.").matches);
    assert_true(names_for("many-names", "pop.example.jp").matches);        /* *.example.jp */
    assert_false(names_for("many-names", "a.pop.example.jp").matches);     /* one label only */
    assert_false(names_for("many-names", "example.jp").matches);
    assert_false(names_for("many-names", "ignored.example").matches);
    assert_false(names_for("many-names", "postmaster@example.jp").matches);
    assert_true(names_for("many-names", "192.0.2.1").matches);
    assert_false(names_for("many-names", "192.0.2.10").matches);
    assert_true(names_for("many-names", "2001:db8::1").matches);
    assert_true(names_for("many-names", "2001:0DB8:0:0:0::1").matches);
    assert_false(names_for("many-names", "::1").matches);
    /* No names: the subject's common name, as Windows falls back to it. */
    assert_string_equal(names_for("cn-only", "legacy.example.jp").text, "legacy.example.jp");
    assert_true(names_for("cn-only", "legacy.example.jp").from_subject);
    assert_true(names_for("cn-only", "LEGACY.example.jp").matches);
    assert_false(names_for("cn-only", "mail.example.jp").matches);
    /* Forty names: the list is cut for the message, the match looks at all of them. */
    {
        struct certificate_names forty = names_for("forty-names", "host40.example.jp");
        assert_true(forty.matches);
        assert_true(strlen(forty.text) < sizeof(forty.text));
        assert_string_equal(forty.text + strlen(forty.text) - 5, ", ...");
        assert_int_equal(strncmp(forty.text, "host1.example.jp, host2.example.jp, ", 36), 0);
    }
}

static void certificate_dates(void **state)
{
    static unsigned char der[4096];
    struct certificate_facts facts;
    struct certificate_names names;
    char text[16];
    size_t size, cut;
    (void)state;
    size = hex_file("certificates", "many-names", der, sizeof(der));
    assert_int_equal(certificate_read(der, size, &facts), 0);
    assert_true(facts.not_before == 20250101000000ull);
    assert_true(facts.not_after == 20351231000000ull);
    /* GeneralizedTime, after 2049. */
    size = hex_file("certificates", "far-future", der, sizeof(der));
    assert_int_equal(certificate_read(der, size, &facts), 0);
    assert_true(facts.not_before == 20500101000000ull);
    assert_true(facts.not_after == 20991231235959ull);
    certificate_date_text(facts.not_after, text, sizeof(text));
    assert_string_equal(text, "2099-12-31");
    certificate_date_text(0, text, sizeof(text));
    assert_string_equal(text, "?");
    /* Cut anywhere, it is no certificate, and nothing is read past its end. */
    size = hex_file("certificates", "many-names", der, sizeof(der));
    for (cut = 0; cut < size; cut++) {
        unsigned char *copy = malloc(cut ? cut : 1);
        memcpy(copy, der, cut);
        assert_int_equal(certificate_names_read(copy, cut, "mail.example.jp", &names), -1);
        free(copy);
    }
}

/* The flight's own certificate for the host tested, today: the simulated Windows' view. */
static struct simulation checked(const char *name, enum windows_client_id id, const char *host, uint64_t now)
{
    static unsigned char bytes[16384];
    struct server_flight *flight = new_flight();
    struct hello_spec hello;
    struct simulation sim;
    size_t size = recorded(name, bytes, sizeof(bytes));
    flight->host = host;
    windows_client_hello(windows_client_get(id), &hello);
    feed(flight, bytes, size, 3);
    simulation_judge(flight, &hello, windows_client_get(id)->certificates, &sim);
    simulation_check_certificate(flight, now, &sim);
    free(flight);
    return sim;
}

static void the_certificate_a_simulated_windows_gets(void **state)
{
    const uint64_t today = 20261204120000ull;
    struct simulation sim;
    (void)state;
    sim = checked("tls12-rsa-kx", WINDOWS_XP, "localhost", today);
    assert_true(sim.certificate_checked);
    assert_int_equal(sim.certificate_problems, 0);
    assert_string_equal(sim.certificate_names, "localhost");
    expect_described(&sim, "yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA");
    /* Another host: what a mail program would warn about, with the names it is for. */
    sim = checked("tls12-rsa-kx", WINDOWS_XP, "mail.example.jp", today);
    assert_int_equal(sim.certificate_problems, SIM_CERT_WRONG_NAME);
    expect_described(&sim, "yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate is for localhost");
    /* Its dates: 2025-01-01 to 2035-12-31. */
    sim = checked("tls12-rsa-kx", WINDOWS_XP, "localhost", 20360101000000ull);
    assert_int_equal(sim.certificate_problems, SIM_CERT_EXPIRED);
    expect_described(&sim, "yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA; but its certificate expired on 2035-12-31");
    sim = checked("tls12-rsa-kx", WINDOWS_XP, "localhost", 20241231235959ull);
    assert_int_equal(sim.certificate_problems, SIM_CERT_NOT_YET_VALID);
    /* In TLS 1.3 the certificate is encrypted: nothing is checked, nothing claimed. */
    sim = checked("tls13-hello-retry", WINDOWS_11, "mail.example.jp", today);
    assert_int_equal(sim.verdict, SIM_USABLE);
    assert_false(sim.certificate_checked);
    /* Without a host, the flight reads no names. */
    sim = checked("tls12-rsa-kx", WINDOWS_XP, NULL, today);
    assert_false(sim.certificate_checked);
    /* A handshake that is not usable has no certificate verdict. */
    sim = checked("tls12-ecdhe-rsa", WINDOWS_XP, "mail.example.jp", today);
    assert_int_equal(sim.verdict, SIM_SERVER_BROKE_RULES);
    assert_false(sim.certificate_checked);
}

/* --- the registry's cipher settings -------------------------------------------------- */

#define SCHANNEL "SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"

static void set_multi_string(struct memory_registry *registry, const char *path, const char *name, uint32_t type,
                             const char *ascii, size_t length)
{
    unsigned char utf16[1024];
    size_t i;
    for (i = 0; i < length; i++) {
        utf16[2 * i] = (unsigned char)ascii[i];
        utf16[2 * i + 1] = 0;
    }
    memory_registry_set(registry, path, name, type, utf16, (uint32_t)(2 * length));
}

static void cipher_settings_take_suites_away(void **state)
{
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct cipher_policy policy;
    struct hello_spec xp;
    (void)state;
    memory_registry_set_dword(registry, SCHANNEL "\\Ciphers\\Triple DES 168", "Enabled", 0);
    memory_registry_set_dword(registry, SCHANNEL "\\Ciphers\\AES 128/128", "Enabled", 0xffffffff);
    memory_registry_set_dword(registry, SCHANNEL "\\Hashes\\SHA256", "Enabled", 0);
    assert_int_equal(cipher_policy_read(&store, &policy), REGSTORE_OK);
    assert_int_equal(policy.off_count, 2);   /* only what turns something off */
    windows_client_hello(windows_client_get(WINDOWS_XP), &xp);
    cipher_policy_apply(&policy, 0, &xp);
    assert_false(hello_offers_suite(&xp, 0x000A));   /* 3DES */
    assert_false(hello_offers_suite(&xp, 0x003C));   /* AES-128 with SHA-256 */
    assert_true(hello_offers_suite(&xp, 0x002F));
    /* With KeyExchangeAlgorithms\PKCS off too, XP has no suite left at all. */
    memory_registry_set_dword(registry, SCHANNEL "\\KeyExchangeAlgorithms\\PKCS", "Enabled", 0);
    assert_int_equal(cipher_policy_read(&store, &policy), REGSTORE_OK);
    windows_client_hello(windows_client_get(WINDOWS_XP), &xp);
    cipher_policy_apply(&policy, 0, &xp);
    assert_int_equal(xp.suite_count, 0);
    memory_registry_free(registry);
    /* PKCS alone leaves it a DSS suite that no server's certificate fits. */
    registry = memory_registry_new();
    store = memory_registry_store(registry);
    memory_registry_set_dword(registry, SCHANNEL "\\KeyExchangeAlgorithms\\PKCS", "Enabled", 0);
    assert_int_equal(cipher_policy_read(&store, &policy), REGSTORE_OK);
    windows_client_hello(windows_client_get(WINDOWS_XP), &xp);
    cipher_policy_apply(&policy, 0, &xp);
    assert_int_equal(xp.suite_count, 1);
    assert_int_equal(xp.suites[0], 0x0013);
    memory_registry_free(registry);
}

static void the_order_policy_from_vista_on(void **state)
{
    static const char order[] = "TLS_RSA_WITH_AES_256_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P256,"
                                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA_P384,NO_SUCH_SUITE";
    static const char multi[] = "TLS_RSA_WITH_AES_128_CBC_SHA\0TLS_RSA_WITH_AES_256_CBC_SHA\0";
    struct memory_registry *registry = memory_registry_new();
    struct regstore store = memory_registry_store(registry);
    struct cipher_policy policy;
    struct hello_spec hello;
    (void)state;
    set_multi_string(registry, CIPHER_ORDER_KEY_PATH, "Functions", REGTYPE_SZ, order, sizeof(order) - 1);
    assert_int_equal(cipher_policy_read(&store, &policy), REGSTORE_OK);
    assert_true(policy.has_order);
    assert_int_equal(policy.order_count, 2);
    windows_client_hello(windows_client_get(WINDOWS_VISTA), &hello);
    cipher_policy_apply(&policy, 1, &hello);
    assert_int_equal(hello.suite_count, 2);
    assert_int_equal(hello.suites[0], 0x0035);
    assert_int_equal(hello.suites[1], 0xC013);
    /* XP does not read it. */
    windows_client_hello(windows_client_get(WINDOWS_XP), &hello);
    cipher_policy_apply(&policy, 0, &hello);
    assert_int_equal(hello.suite_count, windows_client_get(WINDOWS_XP)->suite_count);
    /* REG_MULTI_SZ as well. */
    set_multi_string(registry, CIPHER_ORDER_KEY_PATH, "Functions", REGTYPE_MULTI_SZ, multi, sizeof(multi));
    assert_int_equal(cipher_policy_read(&store, &policy), REGSTORE_OK);
    assert_int_equal(policy.order_count, 2);
    assert_int_equal(policy.order[0], 0x002F);
    memory_registry_free(registry);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rsa_key_exchange_flight),
        cmocka_unit_test(any_split_gives_the_same_answer),
        cmocka_unit_test(ecdhe_flight_names_its_group),
        cmocka_unit_test(each_windows_gets_its_own_verdict),
        cmocka_unit_test(a_suite_never_offered_breaks_the_rules),
        cmocka_unit_test(hostile_answers),
        cmocka_unit_test(certificate_facts),
        cmocka_unit_test(a_result_never_written_is_not_yes),
        cmocka_unit_test(a_flight_cut_short_is_never_yes),
        cmocka_unit_test(a_failure_names_its_step),
        cmocka_unit_test(subject_alternative_names),
        cmocka_unit_test(certificate_dates),
        cmocka_unit_test(the_certificate_a_simulated_windows_gets),
        cmocka_unit_test(cipher_settings_take_suites_away),
        cmocka_unit_test(the_order_policy_from_vista_on),
    };
    return cmocka_run_group_tests_name("simulation", tests, NULL, NULL);
}
