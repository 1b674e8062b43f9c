/* The product's messages: the build's compressed copy of the table, unpacked once into
 * one block on the heap, its frequent characters expanded back to UTF-8, and indexed. */
#include "message_table.h"
#include "inflate.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#define ENTRY_COUNT ((size_t)MSG_COUNT * LANGUAGE_COUNT)

static const char **entries;   /* ENTRY_COUNT texts, NULL where missing */
static int unpack_failed;

long message_characters_expand(const unsigned char *in, unsigned long in_size, const unsigned short *characters,
                               char *out, unsigned long out_size)
{
    char *at = out, *end = out + out_size, bytes[4];
    unsigned long i;
    size_t length;
    for (i = 0; i < in_size; i++) {
        unsigned code = in[i];
        if (code == MESSAGE_CHARACTER_ESCAPE) {
            if (in_size - i < 3)
                return -1;
            code = (unsigned)in[i + 1] << 8 | in[i + 2];
            i += 2;
            if (code < 0x80 || (code >= 0xd800 && code < 0xe000))
                return -1;
        } else if (code > MESSAGE_CHARACTER_ESCAPE) {
            code = characters[code - MESSAGE_CHARACTER_ESCAPE - 1];
        }
        length = text_utf8_put(bytes, code);
        if ((size_t)(end - at) < length)
            return -1;
        memcpy(at, bytes, length);
        at += length;
    }
    return (long)(at - out);
}

int message_unpack(void)
{
    unsigned char *packed;
    char *text;
    const char **index;
    size_t at = 0, entry;

    if (entries)
        return 0;
    if (unpack_failed)
        return -1;
    packed = malloc(message_unpacked_size);
    text = malloc(message_expanded_size + 1);
    index = malloc(ENTRY_COUNT * sizeof(*index));
    if (!packed || !text || !index)
        goto failed;
    if (inflate_raw(message_packed, message_packed_size, packed, message_unpacked_size) != (long)message_unpacked_size ||
        message_characters_expand(packed, message_unpacked_size, message_characters, text, message_expanded_size) !=
            (long)message_expanded_size)
        goto failed;
    free(packed);
    packed = NULL;
    text[message_expanded_size] = '\0';   /* a damaged copy cannot run off the end */
    for (entry = 0; entry < ENTRY_COUNT; entry++) {
        const char *item = text + at;
        size_t length;
        if (at >= message_expanded_size)
            goto failed;
        length = strlen(item);
        index[entry] = strcmp(item, MESSAGE_MISSING) == 0 ? NULL : item;
        at += length + 1;
    }
    if (at != message_expanded_size)
        goto failed;   /* built from another table than this program's */
    entries = index;   /* kept for the life of the program */
    return 0;
failed:
    free(packed);
    free(text);
    free(index);
    unpack_failed = 1;
    return -1;
}

const char *message_unpacked(enum language language, enum message_id id)
{
    if ((unsigned)language >= LANGUAGE_COUNT || (unsigned)id >= MSG_COUNT || message_unpack() != 0)
        return NULL;
    return entries[(size_t)language * MSG_COUNT + id];   /* in the order res/pack-messages.c wrote */
}
