/* /status output: the CSV contract, the table, and the one-sentence verdict. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "registry/report.h"

/* The whole line of `text` that starts with `start`, copied into `line`, or "" when none. */
static const char *line_starting(const char *text, const char *start, char *line, size_t size)
{
    const char *p = text;
    line[0] = '\0';
    while (p && *p) {
        if (strncmp(p, start, strlen(start)) == 0) {
            size_t n = strcspn(p, "\n");
            if (n >= size)
                n = size - 1;
            memcpy(line, p, n);
            line[n] = '\0';
            break;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return line;
}

/* True when the words appear in `line` in this order, separated by at least two spaces. */
static int columns_are(const char *line, const char *const *words, size_t count)
{
    const char *p = line;
    size_t i;
    for (i = 0; i < count; i++) {
        const char *found = strstr(p, words[i]);
        if (!found || (i > 0 && (found - p < 2 || strncmp(found - 2, "  ", 2) != 0)))
            return 0;
        p = found + strlen(words[i]);
    }
    return *p == '\0';
}

/* Windows XP SP3 with the POSReady updates before any fix: TLS 1.1/1.2 disabled by default. */
static struct status_report xp_before_fix(void)
{
    struct status_report report;
    memset(&report, 0, sizeof(report));
    report.os.major = 5;
    report.os.minor = 1;
    report.os.build = 2600;
    strcpy(report.os.service_pack, "Service Pack 3");
    report.os.posready = POSREADY_SET;
    report.settings.protocol[PROTOCOL_SSL2].key_exists = 1;
    report.settings.protocol[PROTOCOL_SSL2].disabled_by_default.state = VALUE_DWORD;
    report.settings.protocol[PROTOCOL_SSL2].disabled_by_default.dword = 1;
    report.settings.protocol[PROTOCOL_TLS11] = report.settings.protocol[PROTOCOL_SSL2];
    report.settings.protocol[PROTOCOL_TLS12] = report.settings.protocol[PROTOCOL_SSL2];
    report.probe[PROTOCOL_SSL2] = PROBE_REFUSED;
    report.probe[PROTOCOL_SSL3] = PROBE_OFFERED;
    report.probe[PROTOCOL_TLS10] = PROBE_OFFERED;
    report.probe[PROTOCOL_TLS11] = PROBE_OFFERED;
    report.probe[PROTOCOL_TLS12] = PROBE_OFFERED;
    return report;
}

static void csv_is_the_documented_contract(void **state)
{
    struct status_report report = xp_before_fix();
    struct strbuf out;
    (void)state;
    report.settings.protocol[PROTOCOL_TLS10].key_exists = 1;
    report.settings.protocol[PROTOCOL_TLS10].enabled.state = VALUE_WRONG_TYPE;
    report.settings.protocol[PROTOCOL_TLS10].enabled.type = REGTYPE_SZ;
    report.probe[PROTOCOL_TLS10] = PROBE_REFUSED;
    report.probe[PROTOCOL_SSL3] = PROBE_FAILED;
    strbuf_init(&out);
    report_status_csv(&out, &report);
    assert_false(out.failed);
    assert_string_equal(out.data,
        "protocol,role,enabled,disabled_by_default,effective,os_support\n"
        "ssl2,client,absent,1,optin,no\n"
        "ssl3,client,absent,absent,osdefault,unknown\n"
        "tls1.0,client,invalid,absent,off,unknown\n"
        "tls1.1,client,absent,1,optin,yes\n"
        "tls1.2,client,absent,1,optin,yes\n");
    strbuf_free(&out);
}

static void csv_numbers_are_decimal(void **state)
{
    struct status_report report = xp_before_fix();
    struct strbuf out;
    (void)state;
    report.settings.protocol[PROTOCOL_TLS12].enabled.state = VALUE_DWORD;
    report.settings.protocol[PROTOCOL_TLS12].enabled.dword = 0xffffffffu;
    report.settings.protocol[PROTOCOL_TLS12].disabled_by_default.dword = 0;
    strbuf_init(&out);
    report_status_csv(&out, &report);
    assert_non_null(strstr(out.data, "tls1.2,client,4294967295,0,default,yes\n"));
    strbuf_free(&out);
}

static void verdicts(void **state)
{
    struct status_report report = xp_before_fix();
    struct protocol_setting *tls12 = &report.settings.protocol[PROTOCOL_TLS12];
    (void)state;
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_NOT_DEFAULT);

    tls12->disabled_by_default.dword = 0;
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_DEFAULT);

    tls12->enabled.state = VALUE_DWORD;
    tls12->enabled.dword = 0;
    report.probe[PROTOCOL_TLS12] = PROBE_REFUSED;
    assert_int_equal(report_support(&report, PROTOCOL_TLS12), SUPPORT_REGISTRY_OFF);
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_OFF);

    tls12->enabled.state = VALUE_ABSENT;
    assert_int_equal(report_support(&report, PROTOCOL_TLS12), SUPPORT_NO);
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_UNSUPPORTED_XP);
    report.os.major = 6;
    report.os.minor = 0;
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_UNSUPPORTED_VISTA);
    report.os.minor = 1;
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_UNSUPPORTED);

    /* Nothing in the registry: Windows 7 keeps TLS 1.2 out of the default set, Windows 8 uses it. */
    report.probe[PROTOCOL_TLS12] = PROBE_OFFERED;
    memset(tls12, 0, sizeof(*tls12));
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_NOT_DEFAULT);
    report.os.minor = 2;
    assert_int_equal(report_verdict(&report), MSG_VERDICT_TLS12_DEFAULT);
}

static void text_table_shows_values_meanings_and_support(void **state)
{
    struct status_report report = xp_before_fix();
    struct strbuf out;
    (void)state;
    report.settings.protocol[PROTOCOL_TLS10].key_exists = 1;
    report.settings.protocol[PROTOCOL_TLS10].enabled.state = VALUE_WRONG_TYPE;
    report.settings.protocol[PROTOCOL_TLS10].enabled.type = REGTYPE_BINARY;
    report.probe[PROTOCOL_TLS10] = PROBE_REFUSED;
    strbuf_init(&out);
    report_status_text(&out, &report, LANGUAGE_EN, "9.9.9");
    assert_false(out.failed);
    assert_non_null(strstr(out.data, "TLS Switch 9.9.9\n"));
    assert_non_null(strstr(out.data, "Windows: Windows XP Service Pack 3 (5.1.2600)\n"));
    assert_non_null(strstr(out.data, "POSReady 2009 update flag: set"));
    {
        static const char *const tls12[] = { "TLS 1.2", "absent", "1", "only when a program asks", "supported" };
        static const char *const tls10[] = { "TLS 1.0", "wrong type (REG_BINARY)", "absent", "off",
                                             "turned off in the registry" };
        char line[256];
        assert_true(columns_are(line_starting(out.data, "TLS 1.2", line, sizeof(line)), tls12, 5));
        assert_true(columns_are(line_starting(out.data, "TLS 1.0", line, sizeof(line)), tls10, 5));
    }
    assert_non_null(strstr(out.data, "it is not used by default"));
    assert_non_null(strstr(out.data, "Note: a value of the wrong type"));
    strbuf_free(&out);
}

static void japanese_table_is_aligned_by_display_width(void **state)
{
    struct status_report report = xp_before_fix();
    struct strbuf out;
    const char *header, *row;
    (void)state;
    strbuf_init(&out);
    report_status_text(&out, &report, LANGUAGE_JA, "1.0.0");
    header = strstr(out.data, "プロトコル");
    row = strstr(out.data, "TLS 1.2 ");
    assert_non_null(header);
    assert_non_null(row);
    /* "プロトコル" is five characters but ten columns wide: "TLS 1.2" pads to the same. */
    assert_non_null(strstr(out.data, "プロトコル  Enabled"));
    assert_non_null(strstr(out.data, "TLS 1.2     なし"));
    assert_null(strstr(out.data, "Note:"));
    strbuf_free(&out);
}

/* The window reads the probe results from a child process: what it writes reads back the
 * same, and anything it cannot read counts as unknown, never as supported. */
static void probe_results_round_trip(void **state)
{
    struct status_report report = xp_before_fix();
    enum probe_result back[PROTOCOL_COUNT];
    struct strbuf text;
    int id;
    (void)state;
    report.probe[PROTOCOL_SSL3] = PROBE_FAILED;
    strbuf_init(&text);
    probe_results_write(report.probe, &text);
    assert_string_equal(text.data, "ssl2 refused\nssl3 failed\ntls1.0 offered\ntls1.1 offered\ntls1.2 offered\n");
    probe_results_read(text.data, back);
    for (id = 0; id < PROTOCOL_COUNT; id++)
        assert_int_equal(back[id], report.probe[id]);
    strbuf_free(&text);

    probe_results_read("TLS1.2 refused\r\ntls1.0 offeredX\ntls1.1\nbogus offered\n\nssl2 offered", back);
    assert_int_equal(back[PROTOCOL_TLS12], PROBE_REFUSED);
    assert_int_equal(back[PROTOCOL_TLS10], PROBE_FAILED);
    assert_int_equal(back[PROTOCOL_TLS11], PROBE_FAILED);
    assert_int_equal(back[PROTOCOL_SSL3], PROBE_FAILED);
    assert_int_equal(back[PROTOCOL_SSL2], PROBE_OFFERED);
    probe_results_read(NULL, back);
    assert_int_equal(back[PROTOCOL_TLS12], PROBE_FAILED);
}

/* The window's confirmation says what a change means for programs, not registry paths. */
static void settings_change_in_plain_words(void **state)
{
    struct status_report before = xp_before_fix(), after = xp_before_fix();
    struct strbuf text;
    (void)state;
    after.settings.protocol[PROTOCOL_TLS12].disabled_by_default.dword = 0;
    after.settings.protocol[PROTOCOL_TLS12].enabled.state = VALUE_DWORD;
    after.settings.protocol[PROTOCOL_TLS12].enabled.dword = 1;
    after.settings.protocol[PROTOCOL_SSL3].enabled.state = VALUE_DWORD;   /* Enabled=0: off */
    /* The same meaning in another form is no line of its own. */
    after.settings.protocol[PROTOCOL_TLS10].enabled.state = VALUE_DWORD;
    after.settings.protocol[PROTOCOL_TLS10].enabled.dword = 1;
    after.settings.protocol[PROTOCOL_TLS10].disabled_by_default = after.settings.protocol[PROTOCOL_TLS12].disabled_by_default;
    before.settings.protocol[PROTOCOL_TLS10] = after.settings.protocol[PROTOCOL_TLS10];
    before.settings.protocol[PROTOCOL_TLS10].enabled.dword = 5;
    strbuf_init(&text);
    report_settings_change(&before.settings, &after.settings, LANGUAGE_EN, &text);
    assert_string_equal(text.data, "  SSL 3.0: off (now: left to Windows' default)\n"
                                   "  TLS 1.2: used by default (now: only when a program asks)\n");
    strbuf_clear(&text);
    report_settings_change(&before.settings, &before.settings, LANGUAGE_JA, &text);
    assert_int_equal(text.length, 0);
    strbuf_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_is_the_documented_contract),
        cmocka_unit_test(csv_numbers_are_decimal),
        cmocka_unit_test(verdicts),
        cmocka_unit_test(text_table_shows_values_meanings_and_support),
        cmocka_unit_test(japanese_table_is_aligned_by_display_width),
        cmocka_unit_test(probe_results_round_trip),
        cmocka_unit_test(settings_change_in_plain_words),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
