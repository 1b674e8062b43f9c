/* libFuzzer target: reading a ClientHello (the support probe's version, and the whole hello
 * this PC's Schannel sends). What reads back must build again and read back the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls/clienthello.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned char built[65536];
    struct hello_spec spec, again;
    uint16_t version;
    unsigned char random[32];
    size_t length;
    clienthello_version(data, size, &version);
    /* A hello makes the same offer as itself; anything else is not a hello. */
    if (clienthello_same_offer(data, size, data, size) != (clienthello_parse(data, size, &spec) == 0 && size >= 44))
        abort();
    if (clienthello_parse(data, size, &spec) != 0)
        return 0;
    memset(random, 7, sizeof(random));
    length = clienthello_build(&spec, "mail.example", random, built, sizeof(built));
    if (length == 0)
        return 0;   /* too long for one record: refused, not cut */
    if (clienthello_parse(built, length, &again) != 0 || again.suite_count != spec.suite_count ||
        memcmp(again.suites, spec.suites, spec.suite_count * sizeof(spec.suites[0])) != 0 ||
        again.client_version != spec.client_version)
        abort();
    return 0;
}
