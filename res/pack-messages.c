/* Build tool, run natively: the message table (src/core/text/message_table.c) packed for the
 * product, which carries it compressed (src/core/text/message_unpack.c).
 *   pack-messages text          writes every text, language by language and id by id,
 *                               each ended by a NUL (a missing one is "\001"), with the
 *                               table's most frequent non-ASCII characters one byte each
 *                               (MESSAGE_CHARACTER_COUNT, message_table.h)
 *   pack-messages c FILE.gz     writes C source for the raw DEFLATE stream inside FILE.gz
 *                               (gzip -9 -n of the text above), its sizes and the characters */
#include "text/message_table.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct character_count {
    unsigned code;
    unsigned long count;
};

static struct character_count counts[0x10000];
static unsigned short characters[MESSAGE_CHARACTER_COUNT];
static unsigned long expanded_size;   /* the table's bytes in UTF-8, NULs included */

static const char *entry_text(int language, int id)
{
    const char *text = message_table_entry((enum language)language, (enum message_id)id);
    return text ? text : MESSAGE_MISSING;
}

/* The next character of `text` at *at (advanced), or -1 where it is not UTF-8 or lies
 * beyond U+FFFF (the table has neither, and the packed form writes a code unit). */
static long next_character(const unsigned char *text, size_t *at)
{
    unsigned long code;
    if (text_utf8_next(text, strlen((const char *)text), at, &code) != 0 || code > 0xFFFF)
        return -1;
    return (long)code;
}

static int by_count(const void *a, const void *b)
{
    const struct character_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->code < y->code ? -1 : x->code > y->code;
}

/* The most frequent non-ASCII characters, most frequent first (ties by code): the same
 * table for both runs of this tool, as both read the same message table. */
static int count_characters(void)
{
    int id, language;
    unsigned code;
    for (code = 0; code < 0x10000; code++)
        counts[code].code = code;
    for (language = 0; language < LANGUAGE_COUNT; language++) {
        for (id = 0; id < MSG_COUNT; id++) {
            const char *own = message_table_entry((enum language)language, (enum message_id)id);
            const unsigned char *text = (const unsigned char *)entry_text(language, id);
            size_t at = 0;
            if (own && strcmp(own, MESSAGE_MISSING) == 0) {
                fprintf(stderr, "pack-messages: message %d is the mark of a missing one\n", id);
                return 1;
            }
            while (text[at]) {
                long character = next_character(text, &at);
                if (character < 0) {
                    fprintf(stderr, "pack-messages: message %d is not UTF-8 of the Basic Multilingual Plane\n", id);
                    return 1;
                }
                if (character >= 0x80)
                    counts[character].count++;
            }
            expanded_size += at + 1;
        }
    }
    for (code = 0; code < 0x80; code++)
        counts[code].count = 0;
    qsort(counts, 0x10000, sizeof(counts[0]), by_count);
    for (code = 0; code < MESSAGE_CHARACTER_COUNT; code++)
        characters[code] = (unsigned short)(counts[code].count ? counts[code].code : 0);
    return 0;
}

static void put_character(long character)
{
    unsigned place;
    if (character < 0x80) {
        putchar((int)character);
        return;
    }
    for (place = 0; place < MESSAGE_CHARACTER_COUNT; place++) {
        if (characters[place] == character) {
            putchar(MESSAGE_CHARACTER_ESCAPE + 1 + (int)place);
            return;
        }
    }
    putchar(MESSAGE_CHARACTER_ESCAPE);
    putchar((int)(character >> 8));
    putchar((int)(character & 0xff));
}

static int write_text(void)
{
    int id, language;
    /* Language by language: each language's words together pack 460 bytes smaller. */
    for (language = 0; language < LANGUAGE_COUNT; language++) {
        for (id = 0; id < MSG_COUNT; id++) {
            const unsigned char *text = (const unsigned char *)entry_text(language, id);
            size_t at = 0;
            while (text[at])
                put_character(next_character(text, &at));
            putchar('\0');
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

/* gzip's member: a 10-byte header (no name, no extra: gzip -n), the DEFLATE stream, the
 * CRC-32 and the unpacked size, little-endian. */
static int write_c(const char *path)
{
    FILE *file = fopen(path, "rb");
    unsigned char *bytes;
    long size, i;
    unsigned long unpacked;
    if (!file || fseek(file, 0, SEEK_END) != 0 || (size = ftell(file)) < 18 || fseek(file, 0, SEEK_SET) != 0) {
        fprintf(stderr, "pack-messages: cannot read %s\n", path);
        return 1;
    }
    bytes = malloc((size_t)size);
    if (!bytes || fread(bytes, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "pack-messages: cannot read %s\n", path);
        return 1;
    }
    fclose(file);
    if (bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 || bytes[3] != 0) {
        fprintf(stderr, "pack-messages: %s is not a plain gzip file (gzip -n)\n", path);
        return 1;
    }
    unpacked = bytes[size - 4] | (unsigned long)bytes[size - 3] << 8 | (unsigned long)bytes[size - 2] << 16 |
               (unsigned long)bytes[size - 1] << 24;
    printf("/* Generated by res/pack-messages.c from src/core/text/message_table.c: do not edit. */\n"
           "#include \"text/message_table.h\"\n\n"
           "const unsigned long message_packed_size = %ld;\n"
           "const unsigned long message_unpacked_size = %lu;\n"
           "const unsigned long message_expanded_size = %lu;\n"
           "const unsigned char message_packed[] = {",
           size - 18, unpacked, expanded_size);
    for (i = 10; i < size - 8; i++)
        printf("%s%u,", (i - 10) % 24 == 0 ? "\n" : "", bytes[i]);
    printf("\n};\nconst unsigned short message_characters[MESSAGE_CHARACTER_COUNT] = {");
    for (i = 0; i < MESSAGE_CHARACTER_COUNT; i++)
        printf("%s0x%04x,", i % 12 == 0 ? "\n" : "", characters[i]);
    printf("\n};\n");
    free(bytes);
    return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (count_characters() != 0)
        return 1;
    if (argc == 2 && strcmp(argv[1], "text") == 0)
        return write_text();
    if (argc == 3 && strcmp(argv[1], "c") == 0)
        return write_c(argv[2]);
    fprintf(stderr, "usage: pack-messages text | pack-messages c FILE.gz\n");
    return 2;
}
