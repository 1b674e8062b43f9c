/* libFuzzer target: a server's certificate_list as the relay's TLS client collects it,
 * walked and judged for who checks it, on XP and on Windows 7. The walk must stay inside
 * the list and end; every certificate it gives lies within the bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relay/relay_chain.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct os_info xp, seven;
    const unsigned char *der;
    size_t offset = 0, der_size, previous = 0;
    memset(&xp, 0, sizeof(xp));
    xp.major = 5;
    xp.minor = 1;
    seven = xp;
    seven.major = 6;
    while (relay_chain_next(data, size, &offset, &der, &der_size) == 0) {
        if (der < data || der + der_size > data + size || offset <= previous || offset > size)
            abort();
        previous = offset;
    }
    relay_chain_checker(&xp, data, size);
    if (relay_chain_checker(&seven, data, size) != RELAY_TLS_CHECKER_WINDOWS)
        abort();
    return 0;
}
