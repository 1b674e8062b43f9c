/* The relay's certificate chain: the walk over a certificate_list, and who checks it: on
 * XP and Server 2003 BearSSL for a chain with ECDSA in it, Windows for everything else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "relay/relay_chain.h"

/* A certificate_list recorded from openssl s_server (the seeds of fuzz_relay_chain). */
static size_t recorded_chain(const char *name, unsigned char *out, size_t size)
{
    char path[256];
    FILE *file;
    size_t n;
    snprintf(path, sizeof(path), "tests/fuzz/corpus/relay_chain/%s.bin", name);
    file = fopen(path, "rb");
    if (!file)
        fail_msg("cannot open %s", path);
    n = fread(out, 1, size, file);
    fclose(file);
    return n;
}

static struct os_info windows(unsigned major, unsigned minor, int server)
{
    struct os_info os;
    memset(&os, 0, sizeof(os));
    os.major = major;
    os.minor = minor;
    os.is_server = server;
    return os;
}

static void the_walk_gives_each_certificate_and_stops_at_a_bad_length(void **state)
{
    static const unsigned char list[] = { 0, 0, 2, 0xAA, 0xBB, 0, 0, 1, 0xCC, 0, 0, 9, 0xDD };
    const unsigned char *der;
    size_t offset = 0, size;
    (void)state;
    assert_int_equal(relay_chain_next(list, sizeof(list), &offset, &der, &size), 0);
    assert_int_equal(size, 2);
    assert_ptr_equal(der, list + 3);
    assert_int_equal(relay_chain_next(list, sizeof(list), &offset, &der, &size), 0);
    assert_int_equal(size, 1);
    assert_int_equal(der[0], 0xCC);
    /* The third says 9 bytes where 1 is left. */
    assert_int_equal(relay_chain_next(list, sizeof(list), &offset, &der, &size), -1);
    offset = sizeof(list) - 2;
    assert_int_equal(relay_chain_next(list, sizeof(list), &offset, &der, &size), -1);
}

static void xp_and_2003_send_ecdsa_chains_to_bearssl(void **state)
{
    static unsigned char list[8192];
    struct os_info xp = windows(5, 1, 0), xp64 = windows(5, 2, 0), server2003 = windows(5, 2, 1);
    size_t size;
    (void)state;
    size = recorded_chain("tls12-ecdsa", list, sizeof(list));
    assert_int_equal(relay_chain_checker(&xp, list, size), RELAY_TLS_CHECKER_BEARSSL);
    assert_int_equal(relay_chain_checker(&xp64, list, size), RELAY_TLS_CHECKER_BEARSSL);
    assert_int_equal(relay_chain_checker(&server2003, list, size), RELAY_TLS_CHECKER_BEARSSL);
    /* An RSA key signed by an ECDSA CA: the signature is what XP cannot check. */
    size = recorded_chain("tls12-rsa-signed-by-ecdsa", list, sizeof(list));
    assert_int_equal(relay_chain_checker(&xp, list, size), RELAY_TLS_CHECKER_BEARSSL);
}

static void rsa_chains_and_newer_windows_stay_with_windows(void **state)
{
    static unsigned char list[8192];
    struct os_info xp = windows(5, 1, 0), vista = windows(6, 0, 0), ten = windows(10, 0, 0);
    size_t size;
    (void)state;
    size = recorded_chain("tls12-rsa-kx", list, sizeof(list));
    assert_int_equal(relay_chain_checker(&xp, list, size), RELAY_TLS_CHECKER_WINDOWS);
    size = recorded_chain("tls12-ecdsa", list, sizeof(list));
    assert_int_equal(relay_chain_checker(&vista, list, size), RELAY_TLS_CHECKER_WINDOWS);
    assert_int_equal(relay_chain_checker(&ten, list, size), RELAY_TLS_CHECKER_WINDOWS);
    /* Bytes that are no certificate: Windows reads them and refuses them itself. */
    assert_int_equal(relay_chain_checker(&xp, (const unsigned char *)"\0\0\3abc", 6), RELAY_TLS_CHECKER_WINDOWS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_walk_gives_each_certificate_and_stops_at_a_bad_length),
        cmocka_unit_test(xp_and_2003_send_ecdsa_chains_to_bearssl),
        cmocka_unit_test(rsa_chains_and_newer_windows_stay_with_windows),
    };
    return cmocka_run_group_tests_name("relay_chain", tests, NULL, NULL);
}
