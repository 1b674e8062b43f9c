/* Messages by id and language, from the table (message_table.c), or in the product from
 * its compressed copy (message_unpack.c), with the English fallback. */
#include "messages.h"
#include "message_table.h"
#include "text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const language_codes[LANGUAGE_COUNT] = { "en", "ja" };

const char *message_raw(enum language language, enum message_id id)
{
#ifdef TLSSWITCH_PACKED_MESSAGES
    return message_unpacked(language, id);
#else
    return message_table_entry(language, id);
#endif
}

#define FALLBACK_MARK "[en] "

const char *message_pick(const char *wanted, const char *english, const char **marked)
{
    if (wanted)
        return wanted;
    if (!english)
        return "[missing message]";
    if (!*marked) {
        size_t length = strlen(english);
        char *text = malloc(sizeof(FALLBACK_MARK) + length);
        if (!text)
            return english;
        memcpy(text, FALLBACK_MARK, sizeof(FALLBACK_MARK) - 1);
        memcpy(text + sizeof(FALLBACK_MARK) - 1, english, length + 1);
        *marked = text;   /* made once per message, kept for the life of the program */
    }
    return *marked;
}

const char *message_text(enum language language, enum message_id id)
{
    static const char *marked[MSG_COUNT + 1];
    return message_pick(message_raw(language, id), message_raw(LANGUAGE_EN, id),
                        &marked[(unsigned)id < MSG_COUNT ? id : MSG_COUNT]);
}

int language_from_code(const char *code, enum language *out)
{
    int i;
    for (i = 0; i < LANGUAGE_COUNT; i++) {
        if (text_equal_nocase(code, language_codes[i])) {
            *out = (enum language)i;
            return 0;
        }
    }
    return -1;
}

const char *language_code(enum language language)
{
    return (unsigned)language < LANGUAGE_COUNT ? language_codes[language] : language_codes[LANGUAGE_EN];
}
