/* Every message exists in English and Japanese, and both take the same printf arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "text/messages.h"

/* Collects the conversion letters of a printf format ("%s ... %lu" -> "s" "lu"), skipping %%. */
static void conversions(const char *format, char *out, size_t size)
{
    size_t n = 0;
    const char *p;
    for (p = format; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && strchr("-+ #0123456789.", *p))
            p++;
        while (*p && strchr("hlzjt", *p) && n + 1 < size)
            out[n++] = *p++;
        if (*p && n + 1 < size)
            out[n++] = *p;
        if (n + 1 < size)
            out[n++] = ',';
        if (!*p)
            break;
    }
    out[n] = '\0';
}

static void every_message_has_both_languages(void **state)
{
    int id, language;
    (void)state;
    for (id = 0; id < MSG_COUNT; id++) {
        for (language = 0; language < LANGUAGE_COUNT; language++) {
            const char *text = message_raw((enum language)language, (enum message_id)id);
            if (!text || !*text)
                fail_msg("message %d has no text in language %d", id, language);
        }
    }
}

static void translations_take_the_same_arguments(void **state)
{
    int id;
    (void)state;
    for (id = 0; id < MSG_COUNT; id++) {
        char english[64], japanese[64];
        conversions(message_raw(LANGUAGE_EN, (enum message_id)id), english, sizeof(english));
        conversions(message_raw(LANGUAGE_JA, (enum message_id)id), japanese, sizeof(japanese));
        if (strcmp(english, japanese) != 0)
            fail_msg("message %d: English takes \"%s\", Japanese \"%s\"", id, english, japanese);
    }
}

/* Every message is formatted by the program's own printf (text_format), which knows only
 * these conversions: a message that used another would print it as it stands. */
static void messages_use_only_what_text_format_knows(void **state)
{
    static const char *const known[] = { "s", "d", "i", "u", "x", "X", "c", "lu", "ld", "lx", "lX", "li" };
    int id, language;
    (void)state;
    for (id = 0; id < MSG_COUNT; id++) {
        for (language = 0; language < LANGUAGE_COUNT; language++) {
            char list[64], *item, *rest;
            conversions(message_raw((enum language)language, (enum message_id)id), list, sizeof(list));
            for (item = list; *item; item = rest) {
                size_t i, found = 0;
                rest = strchr(item, ',');
                *rest++ = '\0';
                for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
                    found |= strcmp(item, known[i]) == 0;
                if (!found)
                    fail_msg("message %d (language %d) uses %%%s, which text_format does not know", id, language,
                             item);
            }
        }
    }
}

static void japanese_text_is_japanese(void **state)
{
    (void)state;
    /* The sentence users see first must really be translated, not a copy of the English. */
    assert_string_not_equal(message_raw(LANGUAGE_EN, MSG_VERDICT_TLS12_NOT_DEFAULT),
                            message_raw(LANGUAGE_JA, MSG_VERDICT_TLS12_NOT_DEFAULT));
    assert_non_null(strstr(message_text(LANGUAGE_JA, MSG_HELP), "使い方"));
}

static void language_codes(void **state)
{
    enum language language = LANGUAGE_EN;
    (void)state;
    assert_int_equal(language_from_code("ja", &language), 0);
    assert_int_equal(language, LANGUAGE_JA);
    assert_int_equal(language_from_code("EN", &language), 0);
    assert_int_equal(language, LANGUAGE_EN);
    assert_int_equal(language_from_code("de", &language), -1);
    assert_int_equal(language_from_code("", &language), -1);
    /* The window passes its language on to the processes it starts. */
    assert_string_equal(language_code(LANGUAGE_JA), "ja");
    assert_string_equal(language_code(LANGUAGE_EN), "en");
}

static void out_of_range_ids_fall_back_visibly(void **state)
{
    (void)state;
    assert_null(message_raw(LANGUAGE_EN, MSG_COUNT));
    assert_string_equal(message_text(LANGUAGE_JA, MSG_COUNT), "[missing message]");
}

/* A missing translation shows the English text with a mark, as messages.h promises. */
static void a_missing_translation_is_english_with_a_mark(void **state)
{
    const char *marked = NULL, *first;
    (void)state;
    first = message_pick(NULL, "Done: %u changes written.\n", &marked);
    assert_string_equal(first, "[en] Done: %u changes written.\n");
    assert_ptr_equal(message_pick(NULL, "Done: %u changes written.\n", &marked), first);   /* made once */
    assert_string_equal(message_pick("完了", "Done", &marked), "完了");
    assert_string_equal(message_pick(NULL, NULL, &marked), "[missing message]");
    free((void *)marked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_message_has_both_languages),
        cmocka_unit_test(translations_take_the_same_arguments),
        cmocka_unit_test(messages_use_only_what_text_format_knows),
        cmocka_unit_test(japanese_text_is_japanese),
        cmocka_unit_test(language_codes),
        cmocka_unit_test(out_of_range_ids_fall_back_visibly),
        cmocka_unit_test(a_missing_translation_is_english_with_a_mark),
    };
    return cmocka_run_group_tests_name("messages", tests, NULL, NULL);
}
