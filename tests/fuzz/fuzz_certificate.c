/* libFuzzer target: a certificate as a server sends it, read for the facts a Windows needs
 * (its key, signature and dates) and for the names it is issued for, matched against a
 * host the first byte chooses (a name, a wildcard's, IPv4, IPv6). Whatever the bytes, the
 * reader stays in its bounds, and the names it shows fit their buffer, with no control
 * characters and nothing outside ASCII. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls/certificate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const hosts[] = { "localhost", "mail.example.jp", "a.b.example.jp", "192.0.2.1",
                                         "2001:db8::1", "::", "xn--r8jz45g.jp", "example.jp." };
    struct certificate_facts facts;
    struct certificate_names names;
    size_t i, length;
    char date[16];
    if (size < 1)
        return 0;
    i = data[0] % (sizeof(hosts) / sizeof(hosts[0]));
    if (certificate_read(data + 1, size - 1, &facts) == 0) {
        certificate_date_text(facts.not_before, date, sizeof(date));
        certificate_date_text(facts.not_after, date, sizeof(date));
    }
    if (certificate_names_read(data + 1, size - 1, hosts[i], &names) != 0)
        return 0;
    length = strnlen(names.text, sizeof(names.text));
    if (length >= sizeof(names.text) || (names.matches != 0 && names.matches != 1))
        abort();
    for (i = 0; i < length; i++)
        if ((unsigned char)names.text[i] < ' ' || (unsigned char)names.text[i] >= 0x7f)
            abort();
    return 0;
}
