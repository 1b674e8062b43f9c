/* libFuzzer target: relay.ini as the relay and /relay read it from the user's disk, where
 * anything may have been written. A file that is read must write out and read back the
 * same, twice over with the same bytes; a refusal must describe itself in both languages. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relay/relay_advice.h"
#include "relay/relay_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct relay_config config, again;
    struct relay_config_error error;
    struct strbuf text, text_again;
    unsigned i;

    strbuf_init(&text);
    if (relay_config_parse((const char *)data, size, &config, &error) != 0) {
        if (config.count != 0 || error.reason == MSG_COUNT)
            abort();
        relay_config_error_describe(&error, "relay.ini", LANGUAGE_EN, &text);
        relay_config_error_describe(&error, NULL, LANGUAGE_JA, &text);
        if (text.failed)
            abort();
        strbuf_free(&text);
        return 0;
    }
    relay_config_format(&config, &text);
    if (text.failed || relay_config_parse(text.data, text.length, &again, &error) != 0 ||
        !relay_config_equal(&config, &again))
        abort();
    strbuf_init(&text_again);
    relay_config_format(&again, &text_again);
    if (text_again.length != text.length || memcmp(text_again.data, text.data, text.length) != 0)
        abort();
    for (i = 0; i < config.count; i++) {
        relay_advice_describe(&config.ways[i], LANGUAGE_JA, &text_again);
        relay_way_describe_line(&config.ways[i], i + 1, LANGUAGE_EN, &text_again);
    }
    strbuf_free(&text_again);
    strbuf_free(&text);
    return 0;
}
