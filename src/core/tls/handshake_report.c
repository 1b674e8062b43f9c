/* The handshake record: writing and reading it, and naming what Schannel reports. */
#include "handshake_report.h"
#include "../text/errnames.h"
#include "../text/text.h"
#include "../registry/protocols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const outcome_words[OUTCOME_COUNT] = {
    "ok", "host-not-found", "refused", "connect-timeout", "timeout", "closed", "plaintext", "not-tls",
    "oversized", "alert", "nothing-to-offer", "handshake-error", "starttls-refused", "mail-failed",
    "system-error", "bad-tls", "silent",
};

void handshake_report_init(struct handshake_report *report)
{
    memset(report, 0, sizeof(*report));
    report->outcome = OUTCOME_SYSTEM_ERROR;
    report->alert = -1;
}

/* Values are one line each: line ends and '=' signs cannot break the record. */
static void write_text(struct strbuf *out, const char *key, const char *value)
{
    strbuf_printf(out, "%s=", key);
    for (; *value; value++)
        strbuf_append_n(out, (*value == '\r' || *value == '\n') ? " " : value, 1);
    strbuf_append(out, "\n");
}

void handshake_report_write(const struct handshake_report *report, struct strbuf *out)
{
    strbuf_printf(out, "outcome=%s\n", outcome_words[report->outcome]);
    strbuf_printf(out, "status=%lu\nalert=%d\nprotocol=%lu\n", report->status, report->alert, report->protocol);
    if (report->step[0])
        write_text(out, "step", report->step);
    strbuf_printf(out, "cipher=%lu\ncipher_bits=%lu\nhash=%lu\nhash_bits=%lu\nexchange=%lu\nexchange_bits=%lu\n",
                  report->cipher, report->cipher_bits, report->hash, report->hash_bits, report->exchange,
                  report->exchange_bits);
    if (report->have_certificate) {
        write_text(out, "subject", report->subject);
        write_text(out, "issuer", report->issuer);
        write_text(out, "not_before", report->not_before);
        write_text(out, "not_after", report->not_after);
        write_text(out, "thumbprint", report->thumbprint);
        strbuf_printf(out, "chain_error=%lu\n", report->chain_error);
        write_text(out, "names", report->names);
    }
    write_text(out, "reply", report->reply);
    strbuf_printf(out, "smtp_auth=%d\n", (int)report->smtp_auth);
}

static void copy_field(char *field, size_t size, const char *value, size_t length)
{
    if (length >= size)
        length = size - 1;
    memcpy(field, value, length);
    field[length] = '\0';
}

int handshake_report_read(const char *text, struct handshake_report *report)
{
    int have_outcome = 0;
    handshake_report_init(report);
    while (*text) {
        const char *end = strchr(text, '\n'), *equals;
        size_t line_length = end ? (size_t)(end - text) : strlen(text);
        char value[256];
        size_t key_length, value_length;
        int i;

        if (line_length > 0 && text[line_length - 1] == '\r')
            line_length--;
        if (text[0] == '[')
            break;
        equals = memchr(text, '=', line_length);
        if (equals) {
            key_length = (size_t)(equals - text);
            value_length = line_length - key_length - 1;
            copy_field(value, sizeof(value), equals + 1, value_length);
#define KEY(name) (key_length == strlen(name) && memcmp(text, name, key_length) == 0)
            if (KEY("outcome")) {
                for (i = 0; i < OUTCOME_COUNT; i++)
                    if (strcmp(value, outcome_words[i]) == 0) {
                        report->outcome = (enum outcome)i;
                        have_outcome = 1;
                    }
            } else if (KEY("status")) report->status = strtoul(value, NULL, 10);
            else if (KEY("step")) copy_field(report->step, sizeof(report->step), value, strlen(value));
            else if (KEY("alert")) report->alert = atoi(value);
            else if (KEY("protocol")) report->protocol = strtoul(value, NULL, 10);
            else if (KEY("cipher")) report->cipher = strtoul(value, NULL, 10);
            else if (KEY("cipher_bits")) report->cipher_bits = strtoul(value, NULL, 10);
            else if (KEY("hash")) report->hash = strtoul(value, NULL, 10);
            else if (KEY("hash_bits")) report->hash_bits = strtoul(value, NULL, 10);
            else if (KEY("exchange")) report->exchange = strtoul(value, NULL, 10);
            else if (KEY("exchange_bits")) report->exchange_bits = strtoul(value, NULL, 10);
            else if (KEY("subject")) { copy_field(report->subject, sizeof(report->subject), value, strlen(value)); report->have_certificate = 1; }
            else if (KEY("issuer")) copy_field(report->issuer, sizeof(report->issuer), value, strlen(value));
            else if (KEY("not_before")) copy_field(report->not_before, sizeof(report->not_before), value, strlen(value));
            else if (KEY("not_after")) copy_field(report->not_after, sizeof(report->not_after), value, strlen(value));
            else if (KEY("thumbprint")) copy_field(report->thumbprint, sizeof(report->thumbprint), value, strlen(value));
            else if (KEY("chain_error")) report->chain_error = strtoul(value, NULL, 10);
            else if (KEY("names")) copy_field(report->names, sizeof(report->names), value, strlen(value));
            else if (KEY("reply")) copy_field(report->reply, sizeof(report->reply), value, strlen(value));
            else if (KEY("smtp_auth")) {
                int auth = atoi(value);
                report->smtp_auth = auth == SMTP_AUTH_OFFERED || auth == SMTP_AUTH_NOT_OFFERED ? (enum smtp_auth)auth
                                                                                               : SMTP_AUTH_UNKNOWN;
            }
#undef KEY
        }
        if (!end)
            break;
        text = end + 1;
    }
    return have_outcome ? 0 : -1;
}

int handshake_report_read_section(const char *text, const char *name, struct handshake_report *report)
{
    size_t length = strlen(name);
    const char *line = text;
    while (line && *line) {
        if (line[0] == '[' && strncmp(line + 1, name, length) == 0 && line[1 + length] == ']') {
            const char *body = strchr(line, '\n');
            return body ? handshake_report_read(body + 1, report) : -1;
        }
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    handshake_report_init(report);
    return -1;
}

size_t handshake_report_read_hello(const char *text, unsigned char *out, size_t size)
{
    const char *bytes = strstr(text, "[hello]\nbytes=");
    size_t length = 0;
    if (!bytes)
        return 0;
    bytes += strlen("[hello]\nbytes=");
    while (length < size && text_hex_digit(bytes[0]) >= 0 && text_hex_digit(bytes[1]) >= 0) {
        out[length++] = (unsigned char)(text_hex_digit(bytes[0]) * 16 + text_hex_digit(bytes[1]));
        bytes += 2;
    }
    return length;
}

const char *algorithm_name(unsigned long alg_id)
{
    static const struct { unsigned long id; const char *name; } names[] = {
        { 0x6801, "RC4" }, { 0x6601, "DES" }, { 0x6603, "3DES" }, { 0x6610, "AES-256" }, { 0x660e, "AES-128" },
        { 0x660f, "AES-192" }, { 0x6611, "AES" }, { 0x8003, "MD5" }, { 0x8004, "SHA-1" }, { 0x800c, "SHA-256" },
        { 0x800d, "SHA-384" }, { 0x800e, "SHA-512" }, { 0xa400, "RSA" }, { 0xaa01, "DH" }, { 0xaa02, "DHE" },
        { 0xaa05, "ECDH" }, { 0xae06, "ECDHE" }, { 0x2203, "ECDSA" },
    };
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].id == alg_id)
            return names[i].name;
    return NULL;
}

const char *protocol_name_for_flag(unsigned long sp_prot)
{
    int id;
    for (id = 0; id < PROTOCOL_COUNT; id++)
        if (protocol_get((enum protocol_id)id)->sp_prot_client == sp_prot)
            return protocol_get((enum protocol_id)id)->key_name;
    if (sp_prot == 0x2000)
        return "TLS 1.3";
    return NULL;
}

/* How each outcome is put in a few words. */
static const enum message_id outcome_messages[OUTCOME_COUNT] = {
    [OUTCOME_OK] = MSG_OUTCOME_OK,
    [OUTCOME_HOST_NOT_FOUND] = MSG_OUTCOME_HOST_NOT_FOUND,
    [OUTCOME_REFUSED] = MSG_OUTCOME_REFUSED,
    [OUTCOME_CONNECT_TIMEOUT] = MSG_OUTCOME_CONNECT_TIMEOUT,
    [OUTCOME_TIMEOUT] = MSG_OUTCOME_TIMEOUT,
    [OUTCOME_CLOSED] = MSG_OUTCOME_CLOSED,
    [OUTCOME_PLAINTEXT] = MSG_OUTCOME_PLAINTEXT,
    [OUTCOME_NOT_TLS] = MSG_OUTCOME_NOT_TLS,
    [OUTCOME_OVERSIZED] = MSG_OUTCOME_OVERSIZED,
    [OUTCOME_ALERT] = MSG_OUTCOME_ALERT,
    [OUTCOME_NOTHING_TO_OFFER] = MSG_OUTCOME_NOTHING_TO_OFFER,
    [OUTCOME_HANDSHAKE_ERROR] = MSG_OUTCOME_HANDSHAKE_ERROR,
    [OUTCOME_STARTTLS_REFUSED] = MSG_OUTCOME_STARTTLS_REFUSED,
    [OUTCOME_MAIL_FAILED] = MSG_OUTCOME_MAIL_FAILED,
    [OUTCOME_SYSTEM_ERROR] = MSG_OUTCOME_SYSTEM_ERROR,
    [OUTCOME_BAD_TLS] = MSG_OUTCOME_BAD_TLS,
    [OUTCOME_SILENT] = MSG_OUTCOME_SILENT,
};

enum message_id outcome_message(enum outcome outcome)
{
    return (unsigned)outcome < OUTCOME_COUNT ? outcome_messages[outcome] : MSG_OUTCOME_SYSTEM_ERROR;
}

void outcome_describe(enum outcome outcome, const char *step, unsigned long status, int alert,
                      enum language language, struct strbuf *out)
{
    char code[160];
    code[0] = '\0';
    if (status)
        windows_error_code(status, code, sizeof(code));
    switch (outcome) {
    case OUTCOME_ALERT:
        strbuf_printf(out, message_text(language, MSG_OUTCOME_ALERT), alert);
        return;
    case OUTCOME_SYSTEM_ERROR:
        if (step && step[0])
            strbuf_printf(out, message_text(language, status ? MSG_OUTCOME_STEP_FAILED : MSG_OUTCOME_STEP_FAILED_NO_CODE),
                          step, code);
        else if (status)
            strbuf_printf(out, message_text(language, MSG_OUTCOME_SYSTEM_ERROR), code);
        else
            strbuf_append(out, message_text(language, MSG_OUTCOME_NO_RESULT));
        return;
    case OUTCOME_HANDSHAKE_ERROR:
        if (!status) {
            strbuf_append(out, message_text(language, MSG_OUTCOME_BAD_TLS));
            return;
        }
        break;
    default:
        break;
    }
    /* Only the error outcomes take the code; the others have no placeholder. */
    strbuf_printf(out, message_text(language, outcome_message(outcome)), code);
}
