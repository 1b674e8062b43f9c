/* The product's compressed message table: DEFLATE decoding (stored, fixed and dynamic
 * blocks, and streams that are damaged), and every text unpacked from the build's packed
 * copy is the table's own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text/inflate.h"
#include "text/message_table.h"

/* Vectors made with Python's zlib (raw DEFLATE, window 15): level 0 gives a stored block,
 * a short input a fixed-code block, and this skewed text a dynamic-code block. */
static const char stored_text[] = "Schannel reads its settings once per process. TLS 1.2 \xe3\x81\xaf OK\n";
static const unsigned char stored_block[] = {
    0x01, 0x3d, 0x00, 0xc2, 0xff, 0x53, 0x63, 0x68, 0x61, 0x6e, 0x6e, 0x65, 0x6c, 0x20, 0x72, 0x65,
    0x61, 0x64, 0x73, 0x20, 0x69, 0x74, 0x73, 0x20, 0x73, 0x65, 0x74, 0x74, 0x69, 0x6e, 0x67, 0x73,
    0x20, 0x6f, 0x6e, 0x63, 0x65, 0x20, 0x70, 0x65, 0x72, 0x20, 0x70, 0x72, 0x6f, 0x63, 0x65, 0x73,
    0x73, 0x2e, 0x20, 0x54, 0x4c, 0x53, 0x20, 0x31, 0x2e, 0x32, 0x20, 0xe3, 0x81, 0xaf, 0x20, 0x4f,
    0x4b, 0x0a,
};

static const unsigned char fixed_block[] = {
    0x4b, 0x4c, 0x4a, 0x4e, 0x44, 0x45, 0x0a, 0x19, 0xa9, 0x39, 0x39, 0xf9, 0xc8, 0x24, 0x00,
};

static const unsigned char dynamic_block[] = {
    0xed, 0x92, 0x41, 0x0a, 0xe5, 0x30, 0x0c, 0x43, 0xf7, 0x39, 0x45, 0x0e, 0x50, 0x72, 0x27, 0x43,
    0x05, 0x31, 0x14, 0x1b, 0x62, 0xe5, 0xfe, 0xa3, 0xf4, 0x0f, 0xb3, 0x9c, 0x13, 0xb4, 0xbb, 0x34,
    0xb2, 0x63, 0x3d, 0x0b, 0x60, 0x3e, 0x70, 0x38, 0xaf, 0x32, 0x23, 0x2d, 0xbd, 0x21, 0x86, 0x5f,
    0x45, 0xac, 0xaa, 0x8c, 0x07, 0xc8, 0xce, 0xc0, 0x93, 0x44, 0xdb, 0xcf, 0x1e, 0xa0, 0x77, 0x96,
    0x0d, 0x07, 0xda, 0xaa, 0xbd, 0x41, 0xeb, 0x58, 0xd8, 0x04, 0x66, 0xa5, 0xcf, 0x1a, 0x2c, 0xb0,
    0x27, 0x7a, 0xe5, 0xdb, 0xb0, 0x1a, 0x7c, 0x18, 0x96, 0x01, 0xbb, 0x62, 0x77, 0xbd, 0x08, 0xea,
    0x47, 0xa8, 0xe3, 0xf9, 0x4c, 0xfd, 0x27, 0xfd, 0xe8, 0x49, 0x90, 0xa9, 0x0e, 0xc1, 0x9b, 0x23,
    0xfc, 0x1c, 0x99, 0xa1, 0x27, 0x35, 0xe0, 0x72, 0x75, 0xc0, 0xa5, 0x5f, 0x85, 0x5c, 0xec, 0xba,
    0xed, 0xf7, 0x9c, 0xb7, 0x1a, 0xc6, 0xa0, 0x3c, 0xdc, 0x7a, 0xef, 0x14, 0xf8, 0x84, 0x4d, 0x22,
    0xd9, 0x57, 0xa6, 0x5b, 0x68, 0xc4, 0x42, 0x20, 0xa4, 0x9f, 0x11, 0x31, 0x55, 0x50, 0xfa, 0x33,
    0xc9, 0x31, 0xbd, 0x22, 0x1a, 0x4c, 0x1d, 0x11, 0x36, 0x9e, 0xcc, 0xb4, 0x9c, 0x0b, 0xd6, 0xad,
    0x38, 0xca, 0xde, 0x09, 0x99, 0x13, 0x5c, 0x36, 0x52, 0x06, 0x22, 0x23, 0xea, 0x82, 0x3f, 0x9c,
    0xd6, 0xc5, 0x08, 0x7d, 0x1c, 0x41, 0x9c, 0x7a, 0xfe, 0xd5, 0xeb, 0xbc, 0xd4, 0xdf, 0x31, 0xe3,
    0x57, 0x4f, 0xdb, 0xf0, 0xa6, 0x01, 0x8f, 0xbe, 0x43, 0xef, 0xe5, 0x96, 0x41, 0x95, 0xef, 0x72,
    0x8d, 0x58, 0x1d, 0xb6, 0x6c, 0xb3, 0xf9, 0x0f, 0x89, 0xa0, 0x0d, 0x21, 0x95, 0x5c, 0xd7, 0x02,
    0x60, 0xd1, 0x04, 0xd9, 0x8e, 0x83, 0x48, 0x33, 0x21, 0x3d, 0x8e, 0xf2, 0x92, 0x7a, 0xa5, 0xeb,
    0x5a, 0xe7, 0xbc, 0x0e, 0xd3, 0x25, 0xa8, 0x34, 0xe6, 0x8d, 0xd7, 0xe0, 0x92, 0x62, 0xb4, 0x76,
    0x1d, 0xe4, 0x76, 0x73, 0x89, 0x40, 0x98, 0x3a, 0xd4, 0x12, 0x33, 0x8d, 0x2c, 0xe2, 0xa3, 0xd7,
    0xdc, 0x38, 0x72, 0x3e, 0x86, 0x99, 0xff, 0x1c, 0x68, 0xed, 0xbf, 0xa5, 0x5d, 0xfd, 0x2c, 0x29,
    0x5e, 0xa6, 0x5a, 0x41, 0xab, 0xba, 0xb5, 0x52, 0x59, 0x96, 0xc1, 0x77, 0x8b, 0xef, 0x92, 0xe5,
    0x40, 0x8c, 0xa7, 0x96, 0xa2, 0x98, 0xa8, 0x40, 0x08, 0xce, 0xd2, 0x76, 0xf1, 0x2c, 0xd5, 0x6c,
    0x42, 0x9a, 0xdb, 0xde, 0x54, 0xd8, 0x6b, 0x59, 0x0c, 0xd4, 0x42, 0xc8, 0x4d, 0xd7, 0xb9, 0x91,
    0xf7, 0x81, 0xbc, 0x94, 0x99, 0x83, 0x4c, 0x21, 0x4b, 0x11, 0xbf, 0xf3, 0xcd, 0x21, 0xbe, 0x98,
    0x7e, 0x31, 0xfd, 0x62, 0xfa, 0xc5, 0xf4, 0x8b, 0xe9, 0xff, 0x63, 0xfa, 0x07,
};

/* The text of dynamic_block, made the same way. */
static void skewed_text(unsigned char *out, size_t size)
{
    static const char alphabet[] = "eeeeeeeetttttaaaoooiinnsshrdlu  \n.,";
    size_t i;
    for (i = 0; i < size; i++)
        out[i] = (unsigned char)alphabet[(i * i + 3 * i + i / 7) % 97 % (sizeof(alphabet) - 1)];
}

static void decodes_stored_fixed_and_dynamic_blocks(void **state)
{
    unsigned char out[4096], expected[2000];
    (void)state;
    assert_int_equal(inflate_raw(stored_block, sizeof(stored_block), out, sizeof(out)), (long)strlen(stored_text));
    assert_memory_equal(out, stored_text, strlen(stored_text));
    assert_int_equal(inflate_raw(fixed_block, sizeof(fixed_block), out, sizeof(out)), 36);
    assert_memory_equal(out, "abcabcabcabcabcabc hello hello hello", 36);
    skewed_text(expected, sizeof(expected));
    assert_int_equal(inflate_raw(dynamic_block, sizeof(dynamic_block), out, sizeof(out)), (long)sizeof(expected));
    assert_memory_equal(out, expected, sizeof(expected));
}

static void refuses_damaged_streams_and_small_outputs(void **state)
{
    unsigned char out[4096], copy[sizeof(dynamic_block)];
    size_t cut;
    int i;
    (void)state;
    /* Every stream cut short fails; none reads past what it was given (ASan). */
    for (cut = 0; cut < sizeof(dynamic_block); cut++) {
        unsigned char *piece = malloc(cut ? cut : 1);
        memcpy(piece, dynamic_block, cut);
        assert_int_equal(inflate_raw(piece, cut, out, sizeof(out)), -1);
        free(piece);
    }
    /* An output one byte too small. */
    assert_int_equal(inflate_raw(dynamic_block, sizeof(dynamic_block), out, 1999), -1);
    assert_int_equal(inflate_raw(fixed_block, sizeof(fixed_block), out, 35), -1);
    /* A stored block whose length and its complement disagree. */
    {
        unsigned char bad[sizeof(stored_block)];
        memcpy(bad, stored_block, sizeof(bad));
        bad[3] ^= 1;
        assert_int_equal(inflate_raw(bad, sizeof(bad), out, sizeof(out)), -1);
    }
    /* The reserved block type 3. */
    {
        static const unsigned char reserved[] = { 0x07, 0x00 };
        assert_int_equal(inflate_raw(reserved, sizeof(reserved), out, sizeof(out)), -1);
    }
    /* A distance before the start of the output: fixed code, length 3 at distance 1 first. */
    {
        static const unsigned char too_far[] = { 0x03, 0x02, 0x00 };
        assert_int_equal(inflate_raw(too_far, sizeof(too_far), out, sizeof(out)), -1);
    }
    /* Every single-bit change either decodes within bounds or fails cleanly (ASan). */
    for (i = 0; i < (int)sizeof(dynamic_block) * 8; i++) {
        long n;
        memcpy(copy, dynamic_block, sizeof(copy));
        copy[i / 8] ^= (unsigned char)(1u << (i % 8));
        n = inflate_raw(copy, sizeof(copy), out, sizeof(out));
        assert_true(n >= -1 && n <= (long)sizeof(out));
    }
}

static void expands_frequent_characters_and_refuses_damage(void **state)
{
    /* "あ" as the table's first character, "い" (U+3044) escaped, "é" (U+00E9) escaped. */
    static const unsigned short characters[MESSAGE_CHARACTER_COUNT] = { 0x3042 };
    static const unsigned char packed[] = { 'a', 0x81, 0x80, 0x30, 0x44, 0x80, 0x00, 0xe9, 'z' };
    static const char expanded[] = "a\xe3\x81\x82\xe3\x81\x84\xc3\xa9z";
    char out[32];
    (void)state;
    assert_int_equal(message_characters_expand(packed, sizeof(packed), characters, out, sizeof(out)),
                     (long)strlen(expanded));
    assert_memory_equal(out, expanded, strlen(expanded));
    /* Exactly enough room, and one byte less at each character's end. */
    assert_int_equal(message_characters_expand(packed, sizeof(packed), characters, out, strlen(expanded)),
                     (long)strlen(expanded));
    assert_int_equal(message_characters_expand(packed, 2, characters, out, 3), -1);
    assert_int_equal(message_characters_expand(packed, 5, characters, out, 6), -1);
    assert_int_equal(message_characters_expand(packed, 8, characters, out, 8), -1);
    assert_int_equal(message_characters_expand(packed, 1, characters, out, 0), -1);
    /* An escape cut short, one for an ASCII byte, and one for half of a surrogate pair. */
    assert_int_equal(message_characters_expand(packed, 4, characters, out, sizeof(out)), -1);
    {
        static const unsigned char ascii[] = { 0x80, 0x00, 0x41 };
        static const unsigned char surrogate[] = { 0x80, 0xd8, 0x3d };
        assert_int_equal(message_characters_expand(ascii, sizeof(ascii), characters, out, sizeof(out)), -1);
        assert_int_equal(message_characters_expand(surrogate, sizeof(surrogate), characters, out, sizeof(out)), -1);
    }
}

static void every_packed_text_is_the_tables(void **state)
{
    int id, language;
    (void)state;
    assert_int_equal(message_unpack(), 0);
    assert_true(message_packed_size < message_unpacked_size / 2);
    assert_true(message_unpacked_size < message_expanded_size);   /* the frequent characters took one byte */
    for (id = 0; id < MSG_COUNT; id++) {
        for (language = 0; language < LANGUAGE_COUNT; language++) {
            const char *table = message_table_entry((enum language)language, (enum message_id)id);
            const char *unpacked = message_unpacked((enum language)language, (enum message_id)id);
            if (!table) {
                assert_null(unpacked);
                continue;
            }
            assert_non_null(unpacked);
            assert_string_equal(unpacked, table);
        }
    }
    assert_null(message_unpacked(LANGUAGE_COUNT, MSG_HELP));
    assert_null(message_unpacked(LANGUAGE_EN, MSG_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_stored_fixed_and_dynamic_blocks),
        cmocka_unit_test(refuses_damaged_streams_and_small_outputs),
        cmocka_unit_test(expands_frequent_characters_and_refuses_damage),
        cmocka_unit_test(every_packed_text_is_the_tables),
    };
    return cmocka_run_group_tests_name("message_pack", tests, NULL, NULL);
}
