/* libFuzzer target: the command line (args_parse), one argument a line. A parse that
 * succeeds keeps its targets within their array; one that fails names a message that
 * exists in both languages, and its texts end within their buffers. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "text/messages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 96

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[4096];
    char *argv[MAX_ARGS + 1];
    int argc = 1;
    size_t i, start = 0;
    struct options options;
    struct args_error error;

    if (size >= sizeof(text))
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    argv[0] = "tlsswitch";
    for (i = 0; i <= size && argc < MAX_ARGS; i++)
        if (text[i] == '\n' || text[i] == '\0') {
            text[i] = '\0';
            argv[argc++] = text + start;
            start = i + 1;
        }
    argv[argc] = NULL;

    if (args_parse(argc, argv, &options, &error) == 0) {
        if (options.test_target_count > ARGS_MAX_TARGETS || (options.find && options.test_target_count != 1))
            abort();
        for (i = 0; i < options.test_target_count; i++)
            if (!options.test_targets[i])
                abort();
        return 0;
    }
    if ((unsigned)error.message >= MSG_COUNT || !message_text(LANGUAGE_EN, error.message) ||
        !message_text(LANGUAGE_JA, error.message) || memchr(error.allowed, '\0', sizeof(error.allowed)) == NULL)
        abort();
    return 0;
}
