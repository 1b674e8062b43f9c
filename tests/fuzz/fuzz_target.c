/* libFuzzer target: what a user types as the server to test (/test TARGET, and the
 * window's server name). A target that parses must describe itself within its buffer and
 * parse again the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct target target, again;
    char text[1024], described[300];
    if (size >= sizeof(text))
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (target_parse(text, &target) != 0)
        return 0;
    target_describe(&target, described, sizeof(described));
    if (strlen(described) >= sizeof(described) || target_parse(described, &again) != 0 ||
        strcmp(again.host, target.host) != 0 || strcmp(again.port, target.port) != 0 || again.mode != target.mode ||
        again.mail != target.mail)
        abort();
    return 0;
}
