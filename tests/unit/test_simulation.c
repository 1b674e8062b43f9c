/* The simulated handshake's core: reading a server's first flight (recorded from real
 * servers: tests/data/flights, made with tests/servers/record_flight.py), the facts of its
 * certificates, the verdict for each Windows, hostile answers, and the registry's cipher
 * settings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cipher_policy.h"
#include "regstore_memory.h"
#include "server_flight.h"
#include "simulation.h"
#include "windows_clients.h"

/* A recorded answer, read from its hex file. */
static size_t recorded(const char *name, unsigned char *out, size_t size)
{
    char path[256];
    FILE *file;
    size_t n = 0;
    unsigned value;
    snprintf(path, sizeof(path), "tests/data/flights/%s.hex", name);
    file = fopen(path, "r");
    if (!file)
        fail_msg("cannot open %s", path);
    while (n < size && fscanf(file, "%2x", &value) == 1)
        out[n++] = (unsigned char)value;
    fclose(file);
    return n;
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
        cmocka_unit_test(cipher_settings_take_suites_away),
        cmocka_unit_test(the_order_policy_from_vista_on),
    };
    return cmocka_run_group_tests_name("simulation", tests, NULL, NULL);
}
