/* Internationalised host names: RFC 3492's Punycode with the sample strings of its
 * section 7.1, and the conversion of whole names (RFC 5891) that /test and /find use, so
 * that メール.例え.テスト is tested as xn--4dkua4c.xn--r8jz45g.xn--zckzah. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "mail/find.h"
#include "mail/idna.h"
#include "mail/target.h"
#include "text/text.h"

/* RFC 3492 7.1, (A) to (S): the code points and their Punycode. (I)'s "D" is the RFC's
 * mixed-case annotation of the first letter, which an encoder of code points alone does
 * not make: it is compared without case. */
static const struct {
    const char *name;
    const char *punycode;
    uint32_t points[64];   /* ends at the first 0 */
} samples[] = {
    { "(A) Arabic (Egyptian)", "egbpdaj6bu4bxfgehfvwxn", {
        0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
        0x0639, 0x0631, 0x0628, 0x064A, 0x061F
    } },
    { "(B) Chinese (simplified)", "ihqwcrb4cv8a8dqg056pqjye", {
        0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587
    } },
    { "(C) Chinese (traditional)", "ihqwctvzc91f659drss3x8bo0yb", {
        0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587
    } },
    { "(D) Czech", "Proprostnemluvesky-uyb24dma41a", {
        0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074, 0x011B, 0x006E, 0x0065,
        0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D, 0x0065, 0x0073, 0x006B, 0x0079
    } },
    { "(E) Hebrew", "4dbcagdahymbxekheh6e0a7fei0b", {
        0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8, 0x05DC, 0x05D0, 0x05DE,
        0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA
    } },
    { "(F) Hindi (Devanagari)", "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd", {
        0x092F, 0x0939, 0x0932, 0x094B, 0x0917, 0x0939, 0x093F, 0x0928, 0x094D, 0x0926, 0x0940, 0x0915,
        0x094D, 0x092F, 0x094B, 0x0902, 0x0928, 0x0939, 0x0940, 0x0902, 0x092C, 0x094B, 0x0932, 0x0938,
        0x0915, 0x0924, 0x0947, 0x0939, 0x0948, 0x0902
    } },
    { "(G) Japanese (kanji and hiragana)", "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa", {
        0x306A, 0x305C, 0x307F, 0x3093, 0x306A, 0x65E5, 0x672C, 0x8A9E, 0x3092, 0x8A71, 0x3057, 0x3066,
        0x304F, 0x308C, 0x306A, 0x3044, 0x306E, 0x304B
    } },
    { "(H) Korean (Hangul syllables)", "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c", {
        0xC138, 0xACC4, 0xC758, 0xBAA8, 0xB4E0, 0xC0AC, 0xB78C, 0xB4E4, 0xC774, 0xD55C, 0xAD6D, 0xC5B4,
        0xB97C, 0xC774, 0xD574, 0xD55C, 0xB2E4, 0xBA74, 0xC5BC, 0xB9C8, 0xB098, 0xC88B, 0xC744, 0xAE4C
    } },
    { "(I) Russian (Cyrillic)", "b1abfaaepdrnnbgefbaDotcwatmq2g4l", {
        0x043F, 0x043E, 0x0447, 0x0435, 0x043C, 0x0443, 0x0436, 0x0435, 0x043E, 0x043D, 0x0438, 0x043D,
        0x0435, 0x0433, 0x043E, 0x0432, 0x043E, 0x0440, 0x044F, 0x0442, 0x043F, 0x043E, 0x0440, 0x0443,
        0x0441, 0x0441, 0x043A, 0x0438
    } },
    { "(J) Spanish", "PorqunopuedensimplementehablarenEspaol-fmd56a", {
        0x0050, 0x006F, 0x0072, 0x0071, 0x0075, 0x00E9, 0x006E, 0x006F, 0x0070, 0x0075, 0x0065, 0x0064,
        0x0065, 0x006E, 0x0073, 0x0069, 0x006D, 0x0070, 0x006C, 0x0065, 0x006D, 0x0065, 0x006E, 0x0074,
        0x0065, 0x0068, 0x0061, 0x0062, 0x006C, 0x0061, 0x0072, 0x0065, 0x006E, 0x0045, 0x0073, 0x0070,
        0x0061, 0x00F1, 0x006F, 0x006C
    } },
    { "(K) Vietnamese", "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g", {
        0x0054, 0x1EA1, 0x0069, 0x0073, 0x0061, 0x006F, 0x0068, 0x1ECD, 0x006B, 0x0068, 0x00F4, 0x006E,
        0x0067, 0x0074, 0x0068, 0x1EC3, 0x0063, 0x0068, 0x1EC9, 0x006E, 0x00F3, 0x0069, 0x0074, 0x0069,
        0x1EBF, 0x006E, 0x0067, 0x0056, 0x0069, 0x1EC7, 0x0074
    } },
    { "(L) 3<nen>B<gumi><kinpachi><sensei>", "3B-ww4c5e180e575a65lsy2b", {
        0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F
    } },
    { "(M) <amuro><namie>-with-SUPER-MONKEYS", "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n", {
        0x5B89, 0x5BA4, 0x5948, 0x7F8E, 0x6075, 0x002D, 0x0077, 0x0069, 0x0074, 0x0068, 0x002D, 0x0053,
        0x0055, 0x0050, 0x0045, 0x0052, 0x002D, 0x004D, 0x004F, 0x004E, 0x004B, 0x0045, 0x0059, 0x0053
    } },
    { "(N) Hello-Another-Way-<sorezore><no><basho>", "Hello-Another-Way--fc4qua05auwb3674vfr0b", {
        0x0048, 0x0065, 0x006C, 0x006C, 0x006F, 0x002D, 0x0041, 0x006E, 0x006F, 0x0074, 0x0068, 0x0065,
        0x0072, 0x002D, 0x0057, 0x0061, 0x0079, 0x002D, 0x305D, 0x308C, 0x305E, 0x308C, 0x306E, 0x5834,
        0x6240
    } },
    { "(O) <hitotsu><yane><no><shita>2", "2-u9tlzr9756bt3uc0v", {
        0x3072, 0x3068, 0x3064, 0x5C4B, 0x6839, 0x306E, 0x4E0B, 0x0032
    } },
    { "(P) Maji<de>Koi<suru>5<byou><mae>", "MajiKoi5-783gue6qz075azm5e", {
        0x004D, 0x0061, 0x006A, 0x0069, 0x3067, 0x004B, 0x006F, 0x0069, 0x3059, 0x308B, 0x0035, 0x79D2,
        0x524D
    } },
    { "(Q) <pafii>de<runba>", "de-jg4avhby1noc0d", {
        0x30D1, 0x30D5, 0x30A3, 0x30FC, 0x0064, 0x0065, 0x30EB, 0x30F3, 0x30D0
    } },
    { "(R) <sono><supiido><de>", "d9juau41awczczp", {
        0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067
    } },
    { "(S) -> $1.00 <-", "-> $1.00 <--", {
        0x002D, 0x003E, 0x0020, 0x0024, 0x0031, 0x002E, 0x0030, 0x0030, 0x0020, 0x003C, 0x002D
    } },
};

static size_t point_count(const uint32_t *points)
{
    size_t n = 0;
    while (points[n])
        n++;
    return n;
}

static void rfc3492_samples(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
        char out[128];
        int length = punycode_encode(samples[i].points, point_count(samples[i].points), out, sizeof(out));
        if (length != (int)strlen(samples[i].punycode) || !text_equal_nocase(out, samples[i].punycode))
            fail_msg("%s: expected %s, got %s", samples[i].name, samples[i].punycode, length < 0 ? "-1" : out);
        if (strcmp(out, samples[i].punycode) != 0 && samples[i].name[1] != 'I')
            fail_msg("%s: case differs: expected %s, got %s", samples[i].name, samples[i].punycode, out);
    }
}

static void punycode_limits(void **state)
{
    static const uint32_t japanese[] = { 0x30E1, 0x30FC, 0x30EB };   /* メール */
    static const uint32_t not_unicode[] = { 0x61, 0x110000 };
    char out[16];
    (void)state;
    assert_int_equal(punycode_encode(japanese, 3, out, sizeof(out)), 7);
    assert_string_equal(out, "4dkua4c");
    /* It does not fit: nothing but -1. */
    assert_int_equal(punycode_encode(japanese, 3, out, 7), -1);
    assert_int_equal(punycode_encode(not_unicode, 2, out, sizeof(out)), -1);
    assert_int_equal(punycode_encode(japanese, 0, out, sizeof(out)), 0);
    assert_string_equal(out, "");
}

static void expect_ascii(const char *name, const char *ascii)
{
    char out[256];
    int length = idna_to_ascii(name, strlen(name), out, sizeof(out));
    if (length < 0 || strcmp(out, ascii) != 0)
        fail_msg("%s: expected %s, got %s", name, ascii, length < 0 ? "-1" : out);
    assert_int_equal(length, (int)strlen(ascii));
}

static void expect_refused(const char *name)
{
    char out[256];
    if (idna_to_ascii(name, strlen(name), out, sizeof(out)) != -1)
        fail_msg("%s: expected a refusal, got %s", name, out);
}

static void names_to_their_ascii_form(void **state)
{
    (void)state;
    expect_ascii("\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab.\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88",
                 "xn--4dkua4c.xn--r8jz45g.xn--zckzah");                 /* メール.例え.テスト */
    /* The ideographic full stop, and full-width letters, as a Japanese keyboard types them. */
    expect_ascii("\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab\xe3\x80\x82\xe4\xbe\x8b\xe3\x81\x88\xef\xbc\x8e\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88",
                 "xn--4dkua4c.xn--r8jz45g.xn--zckzah");                 /* メール。例え．テスト */
    expect_ascii("\xef\xbd\x8d\xef\xbd\x81\xef\xbd\x89\xef\xbd\x8c.\xe4\xbe\x8b\xe3\x81\x88.jp",
                 "mail.xn--r8jz45g.jp");                                 /* ｍａｉｌ.例え.jp */
    expect_ascii("SMTP.\xe4\xbe\x8b\xe3\x81\x88.JP", "smtp.xn--r8jz45g.jp");
    expect_ascii("\xe4\xbe\x8b\xe3\x81\x88.jp.", "xn--r8jz45g.jp.");   /* the root's dot */
    /* ASCII names stay exactly as typed. */
    expect_ascii("Mail.Example.JP", "Mail.Example.JP");
    expect_ascii("xn--r8jz45g.jp", "xn--r8jz45g.jp");
}

static void labels_rfc5891_refuses(void **state)
{
    char label[64 * 3 + 8];
    size_t i;
    (void)state;
    expect_refused("-\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88.jp");       /* a leading hyphen */
    expect_refused("\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88-.jp");       /* a trailing one */
    expect_refused("ab--\xe3\x83\x86.jp");                                  /* "--" in 3 and 4 */
    expect_refused("\xe3\x82\x99\xe3\x83\x86.jp");                        /* a combining mark first */
    expect_refused("\xe4\xbe\x8b \xe3\x81\x88.jp");                       /* a space */
    expect_refused("\xe4\xbe\x8b\xe3\x80\x80\xe3\x81\x88.jp");         /* an ideographic space */
    expect_refused("\xe4\xbe\x8b\xe3\x81\x88..jp");                       /* an empty label */
    expect_refused(".\xe4\xbe\x8b\xe3\x81\x88.jp");
    expect_refused("\xe4\xbe\x8b\xc0\xaf.jp");                             /* overlong UTF-8 */
    expect_refused("\xe4\xbe\x8b\xed\xa0\x80.jp");                        /* a surrogate */
    expect_refused("\xe4\xbe\x8b\xe3\x81");                                /* cut in the middle */
    expect_refused("\xe4\xbe\x8b/\xe3\x81\x88.jp");                       /* ASCII other than LDH */
    expect_refused("\xee\x80\x80.jp");                                       /* private use */
    /* 30 different kanji need more than 63 characters of Punycode. */
    for (i = 0; i < 30; i++) {
        unsigned point = 0x4E00 + 97 * (unsigned)i;
        label[3 * i] = (char)(0xE0 | point >> 12);
        label[3 * i + 1] = (char)(0x80 | (point >> 6 & 0x3F));
        label[3 * i + 2] = (char)(0x80 | (point & 0x3F));
    }
    strcpy(label + 90, ".jp");
    expect_refused(label);
    /* Ten of them fit. */
    strcpy(label + 30, ".jp");
    assert_true(idna_to_ascii(label, strlen(label), (char[256]){ 0 }, 256) > 0);
}

static void targets_and_find_take_them(void **state)
{
    struct target target;
    struct find_search *search = test_malloc(sizeof(*search));
    (void)state;
    assert_int_equal(target_parse("smtp://\xe3\x83\xa1\xe3\x83\xbc\xe3\x83\xab.\xe4\xbe\x8b\xe3\x81\x88."
                                  "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88:587", &target), 0);
    assert_string_equal(target.host, "xn--4dkua4c.xn--r8jz45g.xn--zckzah");
    assert_string_equal(target.port, "587");
    assert_int_equal(target.mode, TLS_STARTTLS);
    assert_int_equal(target_parse("pop3s://\xe4\xbe\x8b\xe3\x81\x88.jp", &target), 0);
    assert_string_equal(target.host, "xn--r8jz45g.jp");
    assert_string_equal(target.port, "995");
    assert_int_equal(target_parse("pop3s://-\xe4\xbe\x8b.jp", &target), -1);
    assert_int_equal(target_parse("pop3s://\xe4\xbe\x8b\xef\xbc\x81.jp", &target), -1);   /* ！ is "!" */
    assert_int_equal(find_prepare("taro@\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88", search), 0);
    assert_string_equal(search->names[0], "pop.xn--r8jz45g.xn--zckzah");
    assert_string_equal(search->input, "taro@\xe4\xbe\x8b\xe3\x81\x88.\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88");
    assert_int_equal(find_prepare("taro@\xe4\xbe\x8b\xe3\x81\x88..jp", search), -1);
    test_free(search);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rfc3492_samples),
        cmocka_unit_test(punycode_limits),
        cmocka_unit_test(names_to_their_ascii_form),
        cmocka_unit_test(labels_rfc5891_refuses),
        cmocka_unit_test(targets_and_find_take_them),
    };
    return cmocka_run_group_tests_name("idna", tests, NULL, NULL);
}
