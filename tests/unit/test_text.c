/* The growable buffer and display-width padding. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buffer_grows_past_its_first_block),
        cmocka_unit_test(padding_counts_japanese_as_two_columns),
        cmocka_unit_test(case_folding_is_ascii_only),
    };
    return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
