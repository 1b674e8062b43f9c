/* The product's messages: the build's compressed copy of the table, unpacked once into
 * one block on the heap and indexed. */
#include "message_table.h"
#include "inflate.h"

#include <stdlib.h>
#include <string.h>

#define ENTRY_COUNT ((size_t)MSG_COUNT * LANGUAGE_COUNT)

static const char **entries;   /* ENTRY_COUNT texts, NULL where missing */
static int unpack_failed;

int message_unpack(void)
{
    unsigned char *text;
    const char **index;
    size_t at = 0, entry;

    if (entries)
        return 0;
    if (unpack_failed)
        return -1;
    text = malloc(message_unpacked_size + 1);
    index = malloc(ENTRY_COUNT * sizeof(*index));
    if (!text || !index ||
        inflate_raw(message_packed, message_packed_size, text, message_unpacked_size) != (long)message_unpacked_size)
        goto failed;
    text[message_unpacked_size] = '\0';   /* a damaged copy cannot run off the end */
    for (entry = 0; entry < ENTRY_COUNT; entry++) {
        const char *item = (const char *)text + at;
        size_t length;
        if (at >= message_unpacked_size)
            goto failed;
        length = strlen(item);
        index[entry] = strcmp(item, MESSAGE_MISSING) == 0 ? NULL : item;
        at += length + 1;
    }
    if (at != message_unpacked_size)
        goto failed;   /* built from another table than this program's */
    entries = index;   /* kept for the life of the program */
    return 0;
failed:
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
