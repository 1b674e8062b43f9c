/* libFuzzer target: the TLS record and alert reader and the mail banner check that tell a
 * failed Schannel handshake's causes apart, from whatever bytes a server sent. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tls/tlswire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int description = -1;
    enum record_check check = tls_record_check(data, size);
    if (tls_find_alert(data, size, &description) == 0 && (description < 0 || description > 255))
        abort();
    if (check == RECORD_NEED_MORE && size >= 5)
        abort();
    plaintext_banner(data, size);
    return 0;
}
