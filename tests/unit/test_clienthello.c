/* Reading the offered version out of the first handshake message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "clienthello.h"
#include "protocols.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tls_record_hello),
        cmocka_unit_test(ssl2_format_hello),
        cmocka_unit_test(not_a_hello),
    };
    return cmocka_run_group_tests_name("clienthello", tests, NULL, NULL);
}
