/* libFuzzer target: the records the /handshake child writes for its parent (one per
 * handshake, and the ClientHello in hex). The parent reads whatever arrives, also from a
 * child that died half-way, and every field it keeps stays within its size. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tls/handshake_report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = { "default", "tls1.0", "tls1.1", "tls1.2" };
    struct handshake_report report;
    unsigned char hello[4096];
    char *text = malloc(size + 1);
    size_t i;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    handshake_report_read(text, &report);
    for (i = 0; i < 4; i++) {
        handshake_report_read_section(text, names[i], &report);
        if ((unsigned)report.outcome >= OUTCOME_COUNT || strlen(report.reply) >= sizeof(report.reply) ||
            strlen(report.subject) >= sizeof(report.subject))
            abort();
    }
    handshake_report_read_hello(text, hello, sizeof(hello));
    free(text);
    return 0;
}
