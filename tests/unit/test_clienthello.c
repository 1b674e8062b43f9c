/* ClientHellos: the version the support probe reads, and building and reading whole
 * hellos, checked against a hello Windows 7 really sent. */
#define _GNU_SOURCE /* memmem */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "tls/clienthello.h"
#include "registry/protocols.h"
#include "tls/tls_suites.h"
#include "tls/windows_clients.h"

/* SSL Labs' capture of Internet Explorer 11 on Windows 7 (2017), as testssl.sh keeps it
 * in etc/client-simulation.txt: a recorded Schannel ClientHello. */
static const char ie11_windows7[] =
    "16030300af010000ab03035954cc4cf4eaf6c39a501d311bc340fcbeab6b52a25defdc40e83a2699791c4f000030c028c027c014c013"
    "009f009e009d009c003d003c0035002fc02cc02bc024c023c00ac009006a004000380032000a00130100005200000014001200000f64"
    "65762e73736c6c6162732e636f6d000500050100000000000a0006000400170018000b00020100000d00140012060106030401050102"
    "01040305030203020200170000ff01000100";

static size_t from_hex(const char *hex, unsigned char *out, size_t size)
{
    size_t n = 0;
    while (hex[0] && hex[1] && n < size) {
        unsigned value;
        sscanf(hex, "%2x", &value);
        out[n++] = (unsigned char)value;
        hex += 2;
    }
    return n;
}

static void tls_record_hello(void **state)
{
    /* handshake record, TLS 1.0 record layer, ClientHello offering TLS 1.2 */
    const unsigned char hello[] = { 0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00, 0x00, 0x2b, 0x03, 0x03, 0xaa };
    uint16_t version = 0;
    (void)state;
    assert_int_equal(clienthello_version(hello, sizeof(hello), &version), 0);
    assert_int_equal(version, 0x0303);
    assert_int_equal(protocol_from_wire_version(version), PROTOCOL_TLS12);
}

static void ssl2_format_hello(void **state)
{
    const unsigned char hello[] = { 0x80, 0x2e, 0x01, 0x00, 0x02, 0x00, 0x15 };
    uint16_t version = 0;
    (void)state;
    assert_int_equal(clienthello_version(hello, sizeof(hello), &version), 0);
    assert_int_equal(version, 0x0002);
    assert_int_equal(protocol_from_wire_version(version), PROTOCOL_SSL2);
}

static void not_a_hello(void **state)
{
    const unsigned char truncated[] = { 0x16, 0x03, 0x01, 0x00, 0x2f, 0x01, 0x00 };
    const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28, 0x00, 0x00, 0x00, 0x00 };
    const unsigned char server_hello[] = { 0x16, 0x03, 0x03, 0x00, 0x2f, 0x02, 0x00, 0x00, 0x2b, 0x03, 0x03 };
    const unsigned char text[] = "220 mail.example ESMTP\r\n";
    uint16_t version = 0x1234;
    (void)state;
    assert_int_equal(clienthello_version(truncated, sizeof(truncated), &version), -1);
    assert_int_equal(clienthello_version(alert, sizeof(alert), &version), -1);
    assert_int_equal(clienthello_version(server_hello, sizeof(server_hello), &version), -1);
    assert_int_equal(clienthello_version(text, sizeof(text) - 1, &version), -1);
    assert_int_equal(clienthello_version(NULL, 0, &version), -1);
    assert_int_equal(version, 0x1234);
}

static void a_recorded_windows_7_hello_reads_back(void **state)
{
    static const uint16_t suites[] = { 0xc028, 0xc027, 0xc014, 0xc013, 0x009f, 0x009e, 0x009d, 0x009c,
                                       0x003d, 0x003c, 0x0035, 0x002f, 0xc02c, 0xc02b, 0xc024, 0xc023,
                                       0xc00a, 0xc009, 0x006a, 0x0040, 0x0038, 0x0032, 0x000a, 0x0013 };
    unsigned char bytes[256];
    size_t length = from_hex(ie11_windows7, bytes, sizeof(bytes));
    const struct windows_client *seven = windows_client_get(WINDOWS_7);
    struct hello_spec spec;
    size_t i;
    (void)state;
    assert_int_equal(clienthello_parse(bytes, length, &spec), 0);
    assert_int_equal(spec.record_version, 0x0303);
    assert_int_equal(spec.client_version, 0x0303);
    assert_false(spec.offers_tls13);
    assert_int_equal(spec.suite_count, 24);
    assert_memory_equal(spec.suites, suites, sizeof(suites));
    assert_int_equal(spec.group_count, 2);
    assert_int_equal(spec.groups[0], 0x0017);
    assert_int_equal(spec.groups[1], 0x0018);
    assert_int_equal(spec.sigalg_count, 9);
    assert_int_equal(spec.sigalgs[0], 0x0601);
    /* The table's row for Windows 7 sends the same extensions, curves and signatures... */
    assert_int_equal(spec.extensions, seven->extensions);
    assert_int_equal(spec.sigalg_count, seven->sigalg_count);
    assert_memory_equal(spec.sigalgs, seven->sigalgs, spec.sigalg_count * sizeof(uint16_t));
    /* ...and every suite of the capture (Internet Explorer left out RC4 and DHE_RSA CBC). */
    for (i = 0; i < spec.suite_count; i++) {
        struct hello_spec row;
        windows_client_hello(seven, &row);
        assert_true(hello_offers_suite(&row, spec.suites[i]));
    }
    /* Every cut short is refused, not read past its end. */
    for (i = 0; i < length; i++)
        assert_int_equal(clienthello_parse(bytes, i, &spec), -1);
}

/* Every row's hello, built, reads back as the row says, and its version as the probe reads it. */
static void every_row_builds_a_hello_that_reads_back(void **state)
{
    unsigned char random[32], bytes[2048];
    int id;
    (void)state;
    memset(random, 0x5a, sizeof(random));
    for (id = 0; id < WINDOWS_CLIENT_COUNT; id++) {
        const struct windows_client *row = windows_client_get((enum windows_client_id)id);
        struct hello_spec built, read;
        size_t length;
        uint16_t version;
        windows_client_hello(row, &built);
        length = clienthello_build(&built, "mail.example.jp", random, bytes, sizeof(bytes));
        assert_true(length > 50);
        assert_int_equal(clienthello_parse(bytes, length, &read), 0);
        assert_int_equal(read.client_version, row->client_version);
        assert_int_equal(read.record_version, row->record_version);
        assert_int_equal(read.offers_tls13, row->offers_tls13);
        assert_int_equal(read.suite_count, row->suite_count);
        assert_memory_equal(read.suites, row->suites, row->suite_count * sizeof(uint16_t));
        assert_int_equal(read.group_count, row->group_count);
        assert_int_equal(read.extensions, row->extensions);
        /* A TLS 1.0 hello carries no signature algorithms. */
        assert_int_equal(read.sigalg_count, row->client_version >= 0x0303 ? row->sigalg_count : 0);
        assert_int_equal(clienthello_version(bytes, length, &version), 0);
        assert_int_equal(version, row->client_version);
        /* Not one byte fewer is a hello. */
        assert_int_equal(clienthello_parse(bytes, length - 1, &read), -1);
    }
}

/* XP sends no server name; an IP literal gets none from anyone (RFC 6066). */
static void server_name_only_for_names(void **state)
{
    unsigned char random[32] = { 0 }, bytes[2048];
    struct hello_spec spec, read;
    size_t length;
    (void)state;
    windows_client_hello(windows_client_get(WINDOWS_XP), &spec);
    length = clienthello_build(&spec, "mail.example.jp", random, bytes, sizeof(bytes));
    assert_int_equal(clienthello_parse(bytes, length, &read), 0);
    assert_false(read.extensions & HELLO_SNI);
    assert_int_equal(read.group_count, 0);
    windows_client_hello(windows_client_get(WINDOWS_7), &spec);
    length = clienthello_build(&spec, "mail.example.jp", random, bytes, sizeof(bytes));
    assert_int_equal(clienthello_parse(bytes, length, &read), 0);
    assert_true(read.extensions & HELLO_SNI);
    assert_non_null(memmem(bytes, length, "mail.example.jp", 15));
    length = clienthello_build(&spec, "192.0.2.7", random, bytes, sizeof(bytes));
    assert_int_equal(clienthello_parse(bytes, length, &read), 0);
    assert_false(read.extensions & HELLO_SNI);
    length = clienthello_build(&spec, "2001:db8::1", random, bytes, sizeof(bytes));
    assert_false(memmem(bytes, length, "2001", 4) != NULL);
    /* Too small a buffer gives nothing, not half a hello. */
    assert_int_equal(clienthello_build(&spec, "mail.example.jp", random, bytes, 60), 0);
}

/* The hello that tells what a server wants offers every TLS 1.2 suite, XP's first. */
static void everything_comes_in_order_of_distance_from_xp(void **state)
{
    struct hello_spec spec;
    unsigned previous = 0;
    size_t i;
    (void)state;
    hello_offering_everything(&spec);
    assert_true(spec.suite_count > 30);
    /* What XP has first, then what needs one thing more, then two... */
    assert_int_equal(cipher_suite_needs(cipher_suite_find(spec.suites[0])), 0);
    for (i = 0; i < spec.suite_count; i++) {
        unsigned needs = cipher_suite_needs(cipher_suite_find(spec.suites[i])), count = 0;
        for (; needs; needs >>= 1)
            count += needs & 1;
        assert_true(count >= previous);
        previous = count;
    }
    assert_true(hello_offers_suite(&spec, 0xC030));
    assert_true(hello_offers_suite(&spec, 0xCCA8));
    assert_false(hello_offers_suite(&spec, 0x1301));   /* TLS 1.2 only */
    assert_false(spec.offers_tls13);
}

/* Two hellos make the same offer when only the random and the session id differ. */
static void same_offer_whatever_the_random_and_session_id(void **state)
{
    unsigned char random_a[32], random_b[32], a[2048], b[2048];
    struct hello_spec spec, other;
    size_t a_length, b_length;
    (void)state;
    memset(random_a, 1, sizeof(random_a));
    memset(random_b, 2, sizeof(random_b));
    windows_client_hello(windows_client_get(WINDOWS_7), &spec);
    a_length = clienthello_build(&spec, "mail.example.jp", random_a, a, sizeof(a));
    b_length = clienthello_build(&spec, "mail.example.jp", random_b, b, sizeof(b));
    assert_true(a_length > 44);
    assert_memory_not_equal(a, b, a_length);
    assert_true(clienthello_same_offer(a, a_length, b, b_length));
    /* A session id of 32 bytes in one of them: every length in the headers differs too. */
    memmove(b + 44 + 32, b + 44, b_length - 44);
    memset(b + 44, 9, 32);
    b[43] = 32;
    b[4] = (unsigned char)(b[4] + 32);
    b[8] = (unsigned char)(b[8] + 32);
    assert_int_equal(b[3], a[3]);   /* no carry into the high bytes for this hello */
    assert_int_equal(b[7], a[7]);
    assert_true(clienthello_same_offer(a, a_length, b, b_length + 32));
    /* Another highest version, another suite order, one suite fewer, another name: not. */
    b_length = clienthello_build(&spec, "mail.example.jp", random_b, b, sizeof(b));
    b[10] = 0x02;
    assert_false(clienthello_same_offer(a, a_length, b, b_length));
    other = spec;
    other.suites[0] = spec.suites[1];
    other.suites[1] = spec.suites[0];
    b_length = clienthello_build(&other, "mail.example.jp", random_b, b, sizeof(b));
    assert_false(clienthello_same_offer(a, a_length, b, b_length));
    other = spec;
    other.suite_count--;
    b_length = clienthello_build(&other, "mail.example.jp", random_b, b, sizeof(b));
    assert_false(clienthello_same_offer(a, a_length, b, b_length));
    b_length = clienthello_build(&spec, "mail.example.com", random_b, b, sizeof(b));
    assert_false(clienthello_same_offer(a, a_length, b, b_length));
    /* Not a hello, or cut short: never the same offer, not even as itself. */
    assert_false(clienthello_same_offer(a, a_length - 1, a, a_length - 1));
    assert_false(clienthello_same_offer((const unsigned char *)"+OK ready\r\n", 11,
                                        (const unsigned char *)"+OK ready\r\n", 11));
    assert_true(clienthello_same_offer(a, a_length, a, a_length));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tls_record_hello),
        cmocka_unit_test(ssl2_format_hello),
        cmocka_unit_test(not_a_hello),
        cmocka_unit_test(a_recorded_windows_7_hello_reads_back),
        cmocka_unit_test(every_row_builds_a_hello_that_reads_back),
        cmocka_unit_test(server_name_only_for_names),
        cmocka_unit_test(everything_comes_in_order_of_distance_from_xp),
        cmocka_unit_test(same_offer_whatever_the_random_and_session_id),
    };
    return cmocka_run_group_tests_name("clienthello", tests, NULL, NULL);
}
