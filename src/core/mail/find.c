/* The search of /test NAME /find (see find.h). */
#include "find.h"
#include "../tls/compatibility.h"
#include "../text/errnames.h"
#include "idna.h"
#include "../tls/tls_suites.h"

#include <string.h>

/* The SSL policy's answers that the report puts in words (winerror.h). */
#define CHAIN_EXPIRED 0x800B0101ul
#define CHAIN_UNTRUSTED_ROOT 0x800B0109ul
#define CHAIN_CHAINING 0x800B010Aul
#define CHAIN_NAME_MISMATCH 0x800B010Ful

static const struct mail_way_info ways[WAY_COUNT] = {
    [WAY_POP3S] = { "pop3s", "995", "POP3", 1, 1 },
    [WAY_IMAPS] = { "imaps", "993", "IMAP", 1, 1 },
    [WAY_POP3] = { "pop3", "110", "POP3", 0, 1 },
    [WAY_IMAP] = { "imap", "143", "IMAP", 0, 1 },
    [WAY_SMTPS] = { "smtps", "465", "SMTP", 1, 0 },
    [WAY_SMTP] = { "smtp", "587", "SMTP", 0, 0 },
};

const struct mail_way_info *mail_way_get(enum mail_way way)
{
    return (unsigned)way < WAY_COUNT ? &ways[way] : NULL;
}

/* A DNS name as mail servers have them: letters, digits, '-' and '_' in labels of 1 to
 * 63 characters, separated by single dots. */
static int valid_name(const char *name, size_t length)
{
    size_t i, label = 0;
    if (length == 0 || length > 250)
        return 0;
    for (i = 0; i < length; i++) {
        char c = name[i];
        if (c == '.') {
            if (label == 0)
                return 0;
            label = 0;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
        if (label == 0 && c == '-')
            return 0;
        if (++label > 63)
            return 0;
    }
    return label > 0;
}

static void add_row(struct find_search *s, unsigned name, enum mail_way way)
{
    struct find_row *row = &s->rows[s->row_count++];
    memset(row, 0, sizeof(*row));
    row->name = name;
    row->way = way;
    row->result = FIND_NOT_TRIED;
}

static unsigned add_name(struct find_search *s, const char *prefix, const char *domain)
{
    text_format(s->names[s->name_count], sizeof(s->names[0]), "%s%s", prefix, domain);
    return s->name_count++;
}

int find_prepare(const char *input, struct find_search *out)
{
    const char *at = strchr(input, '@');
    const char *typed = at ? at + 1 : input;
    char domain[256];
    size_t i, length = strlen(input);
    int way, domain_length;

    memset(out, 0, sizeof(*out));
    /* An internationalised domain in the form DNS uses; the input is shown as typed. */
    domain_length = idna_to_ascii(typed, strlen(typed), domain, sizeof(domain));
    if (length == 0 || length >= sizeof(out->input) || domain_length <= 0 ||
        !valid_name(domain, (size_t)domain_length))
        return -1;
    if (at) {
        /* The part before the @ is not used; it only has to look like one. */
        if (at == input || strchr(domain, '@') || !strchr(domain, '.'))
            return -1;
        for (i = 0; input + i < at; i++)
            if ((unsigned char)input[i] <= ' ' || input[i] == 0x7f)
                return -1;
    }
    memcpy(out->input, input, length + 1);
    out->from_address = at != NULL;
    if (!at) {
        add_name(out, "", domain);
        for (way = 0; way < WAY_COUNT; way++)
            add_row(out, 0, (enum mail_way)way);
        return 0;
    }
    {
        unsigned pop = add_name(out, "pop.", domain), imap = add_name(out, "imap.", domain);
        unsigned smtp = add_name(out, "smtp.", domain), mail = add_name(out, "mail.", domain);
        unsigned bare = add_name(out, "", domain);
        add_row(out, pop, WAY_POP3S);
        add_row(out, pop, WAY_POP3);
        add_row(out, imap, WAY_IMAPS);
        add_row(out, imap, WAY_IMAP);
        add_row(out, smtp, WAY_SMTPS);
        add_row(out, smtp, WAY_SMTP);
        for (way = 0; way < WAY_COUNT; way++)
            add_row(out, mail, (enum mail_way)way);
        for (way = 0; way < WAY_COUNT; way++)
            add_row(out, bare, (enum mail_way)way);
    }
    return 0;
}

void find_set_hellos(struct find_search *s, enum windows_client_id windows, const struct cipher_policy *policy,
                     uint16_t default_version)
{
    s->windows = windows;
    s->certificates = windows_client_get(windows)->certificates;
    compatibility_this_hello(windows, policy, &s->hello_after);
    s->hello_now = s->hello_after;
    s->offers_now = default_version != 0;
    if (!s->offers_now)
        return;   /* the first handshake already offers what /apply recommended would */
    if (s->hello_now.client_version > default_version)
        s->hello_now.client_version = default_version;
    if (default_version < 0x0304)
        s->hello_now.offers_tls13 = 0;
    s->after_differs = s->hello_now.client_version < s->hello_after.client_version ||
                       s->hello_now.offers_tls13 != s->hello_after.offers_tls13;
}

void find_row_target(const struct find_search *s, const struct find_row *row, char *out, size_t size)
{
    const struct mail_way_info *way = &ways[row->way];
    if (row->port)
        text_format(out, size, "%s://%s:%u", way->scheme, s->names[row->name], row->port);
    else
        text_format(out, size, "%s://%s:%s", way->scheme, s->names[row->name], way->port);
}

/* What a handshake's ending says about the way, when it was not usable. */
static enum find_result ending(const struct simulation *sim)
{
    switch (sim->outcome) {
    case OUTCOME_HOST_NOT_FOUND:
        return FIND_NO_NAME;
    case OUTCOME_REFUSED:
        return FIND_CLOSED;
    case OUTCOME_CONNECT_TIMEOUT:
    case OUTCOME_TIMEOUT:
    case OUTCOME_SILENT:
        return FIND_NO_ANSWER;
    case OUTCOME_PLAINTEXT:
    case OUTCOME_NOT_TLS:
    case OUTCOME_OVERSIZED:
    case OUTCOME_BAD_TLS:
    case OUTCOME_STARTTLS_REFUSED:
    case OUTCOME_MAIL_FAILED:
        return FIND_NO_TLS;
    default:
        return FIND_CANNOT;   /* a TLS answer that refused, or nothing this PC may offer */
    }
}

int find_wants_after(const struct find_search *s, const struct find_row *row)
{
    return s->after_differs && row->tried && row->now.verdict != SIM_USABLE && ending(&row->now) == FIND_CANNOT;
}

int find_wants_everything(const struct find_search *s, const struct find_row *row)
{
    (void)s;
    return row->result == FIND_CANNOT && compatibility_wants_everything(row->tried_after ? &row->after : &row->now);
}

void find_judge(struct find_search *s)
{
    unsigned i;
    for (i = 0; i < s->row_count; i++) {
        struct find_row *row = &s->rows[i];
        if (!s->name_found[row->name])
            row->result = FIND_NO_NAME;
        else if (!row->tried)
            row->result = FIND_NOT_TRIED;
        else if (row->now.verdict == SIM_USABLE)
            row->result = s->offers_now ? FIND_WORKS : FIND_AFTER_FIX;
        else if (!find_wants_after(s, row))
            row->result = ending(&row->now);
        else if (!row->tried_after)
            row->result = FIND_NOT_TRIED;
        else if (row->after.verdict == SIM_USABLE)
            row->result = FIND_AFTER_FIX;
        else
            row->result = ending(&row->after);
    }
}

/* The handshake that decided a row. */
static const struct simulation *deciding(const struct find_row *row)
{
    return row->tried_after ? &row->after : &row->now;
}

/* 2: its certificate was checked and is fine; 1: it could not be checked; 0: a problem. */
static int certificate_rank(const struct find_row *row)
{
    if (!row->certificate_checked)
        return 1;
    return row->certificate_error == 0 ? 2 : 0;
}

const struct find_row *find_recommend(const struct find_search *s, int incoming)
{
    static const enum find_result wanted[2] = { FIND_WORKS, FIND_AFTER_FIX };
    int pass, clean, way;
    unsigned i;
    for (pass = 0; pass < 2; pass++)
        for (clean = 2; clean >= 0; clean--)
            for (way = 0; way < WAY_COUNT; way++)
                for (i = 0; i < s->row_count; i++) {
                    const struct find_row *row = &s->rows[i];
                    if ((int)row->way == way && ways[way].incoming == incoming && row->result == wanted[pass] &&
                        certificate_rank(row) >= clean)
                        return row;
                }
    return NULL;
}

static void certificate_words(const struct find_row *row, enum language language, struct strbuf *out)
{
    char name[64];
    if (!row->certificate_checked) {
        /* Under TLS 1.3 the certificate travels encrypted, and a chain can be too long. */
        strbuf_append(out, message_text(language, MSG_FIND_CERT_UNCHECKED));
        return;
    }
    if (row->certificate_error == 0)
        return;
    switch (row->certificate_error) {
    case CHAIN_NAME_MISMATCH:
        strbuf_append(out, message_text(language, MSG_FIND_CERT_NAME));
        return;
    case CHAIN_UNTRUSTED_ROOT:
    case CHAIN_CHAINING:
        strbuf_append(out, message_text(language, MSG_FIND_CERT_UNTRUSTED));
        return;
    case CHAIN_EXPIRED:
        strbuf_append(out, message_text(language, MSG_FIND_CERT_EXPIRED));
        return;
    default:
        windows_error_code(row->certificate_error, name, sizeof(name));
        strbuf_printf(out, message_text(language, MSG_FIND_CERT_OTHER), name);
    }
}

void find_row_words(const struct find_search *s, const struct find_row *row, enum language language,
                    struct strbuf *out)
{
    const struct simulation *sim = deciding(row);
    char spare[8];
    struct strbuf phrase;
    strbuf_init(&phrase);
    switch (row->result) {
    case FIND_WORKS:
    case FIND_AFTER_FIX:
        sim = row->now.verdict == SIM_USABLE ? &row->now : &row->after;
        strbuf_printf(out, message_text(language, row->result == FIND_WORKS ? MSG_FIND_WORKS : MSG_FIND_AFTER_FIX),
                      tls_version_name(sim->version), cipher_suite_name(sim->suite, spare));
        certificate_words(row, language, out);
        break;
    case FIND_CANNOT:
        if (row->tried_everything && compatibility_needs(&row->everything, windows_client_get(s->windows), language,
                                                         &phrase)) {
            struct strbuf needs = phrase;
            strbuf_init(&phrase);
            strbuf_printf(&phrase, message_text(language, MSG_FIND_SERVER_NEEDS), needs.failed ? "" : needs.data);
            strbuf_free(&needs);
        } else {
            compatibility_describe(sim, language, &phrase);
        }
        strbuf_printf(out, message_text(language, MSG_FIND_CANNOT), windows_client_get(s->windows)->name,
                      phrase.failed ? "" : phrase.data);
        break;
    case FIND_NO_TLS:
        strbuf_append(&phrase, message_text(language, compatibility_outcome_phrase(sim->outcome)));
        strbuf_printf(out, message_text(language, MSG_FIND_NO_TLS), phrase.failed ? "" : phrase.data);
        break;
    case FIND_CLOSED:
        strbuf_append(out, message_text(language, MSG_FIND_CLOSED));
        break;
    case FIND_NO_ANSWER:
        strbuf_append(out, message_text(language, MSG_FIND_NO_ANSWER));
        break;
    case FIND_NO_NAME:
        strbuf_append(out, message_text(language, MSG_FIND_NO_NAME));
        break;
    case FIND_NOT_TRIED:
        strbuf_printf(out, message_text(language, MSG_FIND_NOT_TRIED), FIND_MAX_CONNECTIONS);
        break;
    }
    strbuf_free(&phrase);
}

/* "Incoming mail: POP3, server pop.example.jp, port 995, SSL/TLS on". */
static void setting_line(const struct find_search *s, const struct find_row *row, int incoming, enum language language,
                         struct strbuf *out)
{
    const struct mail_way_info *way;
    if (!row) {
        strbuf_append(out, message_text(language, incoming ? MSG_FIND_NO_INCOMING : MSG_FIND_NO_OUTGOING));
        return;
    }
    way = &ways[row->way];
    /* "Requires authentication" only where the server's EHLO said AUTH. */
    strbuf_printf(out,
                  message_text(language, incoming                                     ? MSG_FIND_INCOMING
                                         : s->outgoing_auth == SMTP_AUTH_OFFERED ? MSG_FIND_OUTGOING
                                                                                      : MSG_FIND_OUTGOING_NO_AUTH),
                  way->protocol, s->names[row->name], way->port,
                  message_text(language, way->implicit ? MSG_FIND_SSL_ON : MSG_FIND_STARTTLS));
    if (row->result == FIND_AFTER_FIX)
        strbuf_append(out, message_text(language, MSG_FIND_AFTER_FIX_NOTE));
    certificate_words(row, language, out);
    strbuf_append(out, "\n");
}

void find_settings(const struct find_search *s, enum language language, struct strbuf *out)
{
    setting_line(s, find_recommend(s, 1), 1, language, out);
    setting_line(s, find_recommend(s, 0), 0, language, out);
}

int find_report(const struct find_search *s, enum language language, struct strbuf *out)
{
    const char *windows = windows_client_get(s->windows)->name;
    const struct find_row *incoming = find_recommend(s, 1), *outgoing = find_recommend(s, 0);
    size_t width = 0;
    unsigned i, name;
    int cannot = 0, ok, suggested_incoming = 0, suggested_outgoing = 0;

    for (name = 0; name < s->name_count; name++)
        if (strlen(s->names[name]) > width)
            width = strlen(s->names[name]);
    if (s->from_address)
        strbuf_printf(out, message_text(language, MSG_FIND_HEADING_ADDRESS), s->input, windows);
    else
        strbuf_printf(out, message_text(language, MSG_FIND_HEADING_NAME), s->input, windows);
    for (name = 0; name < s->name_count; name++) {
        if (!s->name_found[name]) {
            strbuf_printf(out, "  %-*s  %s\n", (int)width, s->names[name], message_text(language, MSG_FIND_NO_NAME));
            continue;
        }
        for (i = 0; i < s->row_count; i++) {
            const struct find_row *row = &s->rows[i];
            const struct mail_way_info *way = &ways[row->way];
            if (row->name != name)
                continue;
            strbuf_printf(out, "  %-*s  %-4s %-3s %-8s  ", (int)width, s->names[name], way->protocol, way->port,
                          way->implicit ? "SSL/TLS" : "STARTTLS");
            find_row_words(s, row, language, out);
            strbuf_append(out, "\n");
            if (row->result == FIND_CANNOT)
                cannot = 1;
        }
    }
    strbuf_append(out, message_text(language, MSG_FIND_SETTINGS));
    find_settings(s, language, out);
    if (incoming || outgoing)
        strbuf_append(out, message_text(language, MSG_FIND_CHECK_WITH_TEST));
    if ((!incoming || !outgoing) && cannot) {
        strbuf_printf(out, message_text(language, MSG_DIAG_INSTEAD), windows);
        /* The relay for each kind of mail that has no way, by a way this Windows cannot use. */
        for (i = 0; i < s->row_count; i++) {
            const struct find_row *row = &s->rows[i];
            int is_outgoing = !ways[row->way].incoming;
            char text[400];
            struct target target;
            if (row->result != FIND_CANNOT || (is_outgoing ? outgoing != NULL : incoming != NULL) ||
                (is_outgoing ? suggested_outgoing : suggested_incoming))
                continue;
            find_row_target(s, row, text, sizeof(text));
            if (target_parse(text, &target) == 0) {
                strbuf_printf(out, message_text(language, MSG_RELAY_SUGGEST), text);
                if (is_outgoing)
                    suggested_outgoing = 1;
                else
                    suggested_incoming = 1;
            }
        }
    }
    ok = incoming && outgoing && incoming->result == FIND_WORKS && outgoing->result == FIND_WORKS;
    strbuf_append(out, ok ? "\nOK\n" : "\nFAILED\n");
    return ok;
}
