/* Formatting of /status as a table for people and as CSV for scripts. */
#include "report.h"
#include "../tls/compatibility.h"

#include <stdio.h>
#include <string.h>

static const char *const probe_words[] = { "offered", "refused", "failed" };

enum os_support report_support(const struct status_report *report, enum protocol_id id)
{
    switch (report->probe[id]) {
    case PROBE_OFFERED:
        return SUPPORT_YES;
    case PROBE_REFUSED:
        if (setting_effective_use(&report->settings.protocol[id]) == EFFECTIVE_OFF)
            return SUPPORT_REGISTRY_OFF;
        return SUPPORT_NO;
    case PROBE_FAILED:
        break;
    }
    return SUPPORT_UNKNOWN;
}

const char *os_support_csv(enum os_support support)
{
    switch (support) {
    case SUPPORT_YES: return "yes";
    case SUPPORT_NO: return "no";
    case SUPPORT_REGISTRY_OFF:
    case SUPPORT_UNKNOWN: break;
    }
    return "unknown";
}

enum message_id report_verdict(const struct status_report *report)
{
    enum effective_use use = setting_effective_use(&report->settings.protocol[PROTOCOL_TLS12]);
    enum os_support support = report_support(report, PROTOCOL_TLS12);

    if (use == EFFECTIVE_OFF)
        return MSG_VERDICT_TLS12_OFF;
    if (support == SUPPORT_NO) {
        if (os_is_xp(&report->os))
            return MSG_VERDICT_TLS12_UNSUPPORTED_XP;
        if (report->os.major == 6 && report->os.minor == 0)
            return MSG_VERDICT_TLS12_UNSUPPORTED_VISTA;
        return MSG_VERDICT_TLS12_UNSUPPORTED;
    }
    if (use == EFFECTIVE_DEFAULT || (use == EFFECTIVE_OSDEFAULT && os_uses_tls12_by_default(&report->os)))
        return MSG_VERDICT_TLS12_DEFAULT;
    return MSG_VERDICT_TLS12_NOT_DEFAULT;
}

void probe_results_write(const enum probe_result probe[PROTOCOL_COUNT], struct strbuf *out)
{
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++)
        strbuf_printf(out, "%s %s\n", protocol_get((enum protocol_id)id)->short_name, probe_words[probe[id]]);
}

void probe_results_read(const char *text, enum probe_result probe[PROTOCOL_COUNT])
{
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++)
        probe[id] = PROBE_FAILED;
    while (text && *text) {
        const char *end = strchr(text, '\n'), *space;
        size_t length = end ? (size_t)(end - text) : strlen(text);
        char name[16];
        space = memchr(text, ' ', length);
        if (space && (size_t)(space - text) < sizeof(name)) {
            size_t name_length = (size_t)(space - text), word_length = length - name_length - 1;
            unsigned word;
            memcpy(name, text, name_length);
            name[name_length] = '\0';
            id = protocol_find(name);
            if (word_length > 0 && space[word_length] == '\r')
                word_length--;   /* a CRLF line */
            for (word = 0; id >= 0 && word < sizeof(probe_words) / sizeof(probe_words[0]); word++)
                if (strlen(probe_words[word]) == word_length && memcmp(space + 1, probe_words[word], word_length) == 0)
                    probe[id] = (enum probe_result)word;
        }
        text = end ? end + 1 : text + length;
    }
}

static void format_raw_value(char *out, size_t size, const struct setting_value *value,
                             enum language language)
{
    switch (value->state) {
    case VALUE_ABSENT:
        text_format(out, size, "%s", message_text(language, MSG_VALUE_ABSENT));
        break;
    case VALUE_DWORD:
        if (value->dword > 255)
            text_format(out, size, "%lu (0x%08lx)", (unsigned long)value->dword, (unsigned long)value->dword);
        else
            text_format(out, size, "%lu", (unsigned long)value->dword);
        break;
    case VALUE_WRONG_TYPE:
        text_format(out, size, message_text(language, MSG_VALUE_WRONG_TYPE), regtype_name(value->type));
        break;
    }
}

static void format_csv_value(char *out, size_t size, const struct setting_value *value)
{
    switch (value->state) {
    case VALUE_ABSENT: text_format(out, size, "absent"); break;
    case VALUE_DWORD: text_format(out, size, "%lu", (unsigned long)value->dword); break;
    case VALUE_WRONG_TYPE: text_format(out, size, "invalid"); break;
    }
}

static enum message_id use_message(enum effective_use use)
{
    switch (use) {
    case EFFECTIVE_DEFAULT: return MSG_USE_DEFAULT;
    case EFFECTIVE_OPTIN: return MSG_USE_OPTIN;
    case EFFECTIVE_OFF: return MSG_USE_OFF;
    case EFFECTIVE_OSDEFAULT: break;
    }
    return MSG_USE_OSDEFAULT;
}

static enum message_id support_message(enum os_support support)
{
    switch (support) {
    case SUPPORT_YES: return MSG_SUPPORT_YES;
    case SUPPORT_NO: return MSG_SUPPORT_NO;
    case SUPPORT_REGISTRY_OFF: return MSG_SUPPORT_REGISTRY_OFF;
    case SUPPORT_UNKNOWN: break;
    }
    return MSG_SUPPORT_UNKNOWN;
}

void report_table_heading(enum language language, char cells[REPORT_COLUMNS][REPORT_CELL])
{
    static const enum message_id headings[REPORT_COLUMNS] = {
        MSG_COLUMN_PROTOCOL, MSG_COLUMN_ENABLED, MSG_COLUMN_DISABLED_BY_DEFAULT, MSG_COLUMN_PROGRAMS,
        MSG_COLUMN_WINDOWS_SUPPORT
    };
    int column;
    for (column = 0; column < REPORT_COLUMNS; column++)
        text_format(cells[column], REPORT_CELL, "%s", message_text(language, headings[column]));
}

void report_table_row(const struct status_report *report, enum protocol_id id, enum language language,
                      char cells[REPORT_COLUMNS][REPORT_CELL])
{
    const struct protocol_setting *setting = &report->settings.protocol[id];
    text_format(cells[0], REPORT_CELL, "%s", protocol_get(id)->key_name);
    format_raw_value(cells[1], REPORT_CELL, &setting->enabled, language);
    format_raw_value(cells[2], REPORT_CELL, &setting->disabled_by_default, language);
    text_format(cells[3], REPORT_CELL, "%s", message_text(language, use_message(setting_effective_use(setting))));
    text_format(cells[4], REPORT_CELL, "%s", message_text(language, support_message(report_support(report, id))));
}

void report_settings_change(const struct schannel_settings *before, const struct schannel_settings *after,
                            enum language language, struct strbuf *out)
{
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++) {
        enum effective_use was = setting_effective_use(&before->protocol[id]);
        enum effective_use will = setting_effective_use(&after->protocol[id]);
        if (was != will)
            strbuf_printf(out, message_text(language, MSG_GUI_PROTOCOL_CHANGE), protocol_get((enum protocol_id)id)->key_name,
                          message_text(language, use_message(will)), message_text(language, use_message(was)));
    }
}

enum { COLUMNS = REPORT_COLUMNS, CELL = REPORT_CELL };

void report_status_text(struct strbuf *out, const struct status_report *report,
                        enum language language, const char *version)
{
    char cells[PROTOCOL_COUNT + 1][COLUMNS][CELL];
    unsigned widths[COLUMNS] = { 0 };
    char described[256];
    int row, column, any_wrong_type = 0;

    strbuf_printf(out, "TLS Switch %s\n", version);
    os_describe(&report->os, described, sizeof(described));
    strbuf_printf(out, message_text(language, MSG_STATUS_WINDOWS), described);
    if (report->os.posready == POSREADY_SET)
        strbuf_append(out, message_text(language, MSG_STATUS_POSREADY_SET));
    else if (report->os.posready == POSREADY_NOT_SET)
        strbuf_append(out, message_text(language, MSG_STATUS_POSREADY_NOT_SET));
    strbuf_append(out, "\n");

    report_table_heading(language, cells[0]);
    for (row = 0; row < PROTOCOL_COUNT; row++) {
        const struct protocol_setting *setting = &report->settings.protocol[row];
        report_table_row(report, (enum protocol_id)row, language, cells[row + 1]);
        if (setting->enabled.state == VALUE_WRONG_TYPE || setting->disabled_by_default.state == VALUE_WRONG_TYPE)
            any_wrong_type = 1;
    }
    for (row = 0; row <= PROTOCOL_COUNT; row++)
        for (column = 0; column < COLUMNS; column++) {
            unsigned width = text_display_width(cells[row][column]);
            if (width > widths[column])
                widths[column] = width;
        }
    for (row = 0; row <= PROTOCOL_COUNT; row++) {
        for (column = 0; column < COLUMNS - 1; column++)
            strbuf_append_padded(out, cells[row][column], widths[column] + 2);
        strbuf_append(out, cells[row][COLUMNS - 1]);
        strbuf_append(out, "\n");
    }

    if (report->have_ciphers)
        report_cipher_settings(report, language, out);
    strbuf_append(out, "\n");
    strbuf_append(out, message_text(language, report_verdict(report)));
    if (any_wrong_type)
        strbuf_append(out, message_text(language, MSG_NOTE_WRONG_TYPE));
    strbuf_append(out, message_text(language, MSG_NOTE_RESTART));
}

void report_cipher_settings(const struct status_report *report, enum language language, struct strbuf *out)
{
    enum windows_client_id id = windows_client_for_os(&report->os);
    const struct windows_client *windows = windows_client_get(id);
    const struct cipher_policy *policy = &report->ciphers;
    struct hello_spec left;
    size_t i, k;

    strbuf_append(out, message_text(language, MSG_STATUS_CIPHERS_TITLE));
    if (policy->off_count == 0 && !policy->has_order) {
        strbuf_printf(out, message_text(language, MSG_STATUS_CIPHERS_NONE), windows->name, (unsigned)windows->suite_count);
        return;
    }
    for (i = 0; i < policy->off_count; i++) {
        unsigned removes = 0;
        for (k = 0; k < windows->suite_count; k++) {
            const struct cipher_suite *suite = cipher_suite_find(windows->suites[k]);
            if (suite && policy_off_removes(&policy->off[i], suite))
                removes++;
        }
        strbuf_printf(out, message_text(language, MSG_STATUS_CIPHER_OFF), policy_kind_key(policy->off[i].kind),
                      policy->off[i].name, removes, windows->name);
    }
    if (policy->has_order)
        strbuf_printf(out, message_text(language, id >= WINDOWS_VISTA ? MSG_STATUS_CIPHER_ORDER
                                                                      : MSG_STATUS_CIPHER_ORDER_IGNORED),
                      CIPHER_ORDER_KEY_PATH, (unsigned)policy->order_count, windows->name);
    compatibility_this_hello(id, policy, &left);
    strbuf_printf(out, message_text(language, MSG_STATUS_CIPHERS_LEFT), windows->name, (unsigned)left.suite_count,
                  (unsigned)windows->suite_count);
}

void report_status_csv(struct strbuf *out, const struct status_report *report)
{
    int id;
    strbuf_append(out, "protocol,role,enabled,disabled_by_default,effective,os_support\n");
    for (id = 0; id < PROTOCOL_COUNT; id++) {
        const struct protocol_setting *setting = &report->settings.protocol[id];
        char enabled[16], by_default[16];
        format_csv_value(enabled, sizeof(enabled), &setting->enabled);
        format_csv_value(by_default, sizeof(by_default), &setting->disabled_by_default);
        strbuf_printf(out, "%s,client,%s,%s,%s,%s\n", protocol_get((enum protocol_id)id)->short_name,
                      enabled, by_default, effective_use_csv(setting_effective_use(setting)),
                      os_support_csv(report_support(report, (enum protocol_id)id)));
    }
}
