/* The growable buffer and display-width padding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "text/text.h"

static void buffer_grows_past_its_first_block(void **state)
{
    struct strbuf sb;
    int i;
    (void)state;
    strbuf_init(&sb);
    for (i = 0; i < 1000; i++)
        strbuf_printf(&sb, "%d,", i % 10);
    assert_false(sb.failed);
    assert_int_equal(sb.length, 2000);
    assert_int_equal(strlen(sb.data), 2000);
    assert_memory_equal(sb.data + 1990, "5,6,7,8,9,", 10);
    strbuf_clear(&sb);
    assert_int_equal(sb.length, 0);
    assert_string_equal(sb.data, "");
    strbuf_free(&sb);
}

static void padding_counts_japanese_as_two_columns(void **state)
{
    struct strbuf sb;
    (void)state;
    assert_int_equal(text_display_width("abc"), 3);
    assert_int_equal(text_display_width("なし"), 4);
    strbuf_init(&sb);
    strbuf_append_padded(&sb, "なし", 6);
    strbuf_append(&sb, "|");
    strbuf_append_padded(&sb, "toolongtext", 4);
    assert_string_equal(sb.data, "なし  |toolongtext");
    strbuf_free(&sb);
}

static void case_folding_is_ascii_only(void **state)
{
    (void)state;
    assert_true(text_equal_nocase("TLS 1.2", "tls 1.2"));
    assert_false(text_equal_nocase("tls1.2", "tls1.2x"));
    assert_false(text_equal_nocase("tls", "tl"));
    assert_true(text_equal_nocase_n("STATUS", "status:x", 6));
}

/* The program's own printf gives what the C library's gives, for every conversion the
 * program uses, at every buffer size (C99 truncation: terminated, full length returned). */
#define SAME_AS_C_LIBRARY(...)                                                           \
    do {                                                                                 \
        char ours[96], theirs[96];                                                       \
        size_t size_;                                                                    \
        int expected = snprintf(theirs, sizeof(theirs), __VA_ARGS__);                    \
        assert_int_equal(text_format(ours, sizeof(ours), __VA_ARGS__), expected);        \
        assert_string_equal(ours, theirs);                                               \
        for (size_ = 0; size_ <= (size_t)expected + 1; size_++) {                        \
            memset(ours, 'Z', sizeof(ours));                                             \
            memset(theirs, 'Z', sizeof(theirs));                                         \
            assert_int_equal(text_format(ours, size_, __VA_ARGS__), expected);           \
            snprintf(theirs, size_, __VA_ARGS__);                                        \
            assert_memory_equal(ours, theirs, size_ + 1);                                \
        }                                                                                \
    } while (0)

static void own_printf_matches_the_c_library(void **state)
{
    (void)state;
    SAME_AS_C_LIBRARY("plain text");
    SAME_AS_C_LIBRARY("%s and %s", "one", "");
    SAME_AS_C_LIBRARY("[%-8s|%8s|%.3s|%.*s]", "TLS 1.2", "ab", "abcdef", 2, "xyz");
    SAME_AS_C_LIBRARY("%d %d %d %i", 0, -1, 2147483647, -2147483647 - 1);
    SAME_AS_C_LIBRARY("%u %lu %lu", 4294967295u, 0ul, 4294967295ul);
    SAME_AS_C_LIBRARY("%ld %ld", -5l, 123456789l);
    SAME_AS_C_LIBRARY("%02u-%03u-%04u %02u", 7u, 5u, 2026u, 123u);
    SAME_AS_C_LIBRARY("0x%08lx %lx %02x %02X %x", 0x80090331ul, 0xfful, 0xau, 0xabu, 0u);
    SAME_AS_C_LIBRARY("%5d|%-5d|%05d|%5s", -42, 42, -42, "x");
    SAME_AS_C_LIBRARY("%c%c %*d %-*s|", 'O', 'K', 4, 9, 3, "a");
    SAME_AS_C_LIBRARY("100%% sure, %s", "日本語");
    SAME_AS_C_LIBRARY("%.0s%.1s", "gone", "kept");
}

static void own_printf_copies_what_it_does_not_know(void **state)
{
    char out[32];
    const char *odd = "%q and %";   /* not a literal, so the compiler lets it through */
    (void)state;
    assert_int_equal(text_format(out, sizeof(out), odd), 8);
    assert_string_equal(out, "%q and %");
    assert_int_equal(text_format(NULL, 0, "%s", "counted"), 7);
}

/* A file name cut by a size limit in the middle of a Japanese character: the cut bytes
 * go, so that the text (a backup's comment) stays valid UTF-8; whole characters stay. */
static void a_character_cut_in_two_is_dropped(void **state)
{
    char out[16];
    size_t size;
    (void)state;
    for (size = 1; size <= 12; size++) {
        text_format(out, size, "%s", "ab日本語");   /* 2 + 3 * 3 bytes */
        text_utf8_drop_cut(out);
        assert_int_equal(strlen(out), size - 1 < 2 ? size - 1 : 2 + (size - 1 - 2) / 3 * 3);
    }
    strcpy(out, "x\xF0\x9F\x98");   /* three bytes of a four-byte character */
    text_utf8_drop_cut(out);
    assert_string_equal(out, "x");
    strcpy(out, "x\xF0\x9F\x98\x80");
    text_utf8_drop_cut(out);
    assert_string_equal(out, "x\xF0\x9F\x98\x80");
    strcpy(out, "\x80\x80");   /* no lead byte: nothing to judge, left alone */
    text_utf8_drop_cut(out);
    assert_string_equal(out, "\x80\x80");
    out[0] = '\0';
    text_utf8_drop_cut(out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buffer_grows_past_its_first_block),
        cmocka_unit_test(padding_counts_japanese_as_two_columns),
        cmocka_unit_test(case_folding_is_ascii_only),
        cmocka_unit_test(own_printf_matches_the_c_library),
        cmocka_unit_test(own_printf_copies_what_it_does_not_know),
        cmocka_unit_test(a_character_cut_in_two_is_dropped),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
