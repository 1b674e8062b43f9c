/* One account's test and verdict (account_check.h). */
#include "account_check.h"
#include "../mail/diagnosis.h"

#include <string.h>

/* How each program names the settings a change touches, and whether it can receive with
 * STARTTLS (Outlook Express's Advanced tab has only the SSL box; for sending, the same
 * box means STARTTLS on a port other than 465, KB933612). A program the table does not
 * name gets general words. */
enum words_style { STYLE_GENERAL, STYLE_OUTLOOK_EXPRESS, STYLE_OUTLOOK, STYLE_THUNDERBIRD };

struct program_words {
    enum words_style style;
    int incoming_starttls;
};

static struct program_words words_of(enum account_program program)
{
    static const struct program_words table[PROGRAM_COUNT] = {
        [PROGRAM_OUTLOOK_EXPRESS] = { STYLE_OUTLOOK_EXPRESS, 0 },
        [PROGRAM_WINDOWS_MAIL] = { STYLE_OUTLOOK_EXPRESS, 0 },
        [PROGRAM_WINDOWS_LIVE_MAIL] = { STYLE_OUTLOOK_EXPRESS, 0 },
        [PROGRAM_OUTLOOK] = { STYLE_OUTLOOK, 1 },
        [PROGRAM_BECKY] = { STYLE_GENERAL, 1 },
        [PROGRAM_THUNDERBIRD] = { STYLE_THUNDERBIRD, 1 },
        [PROGRAM_SYLPHEED] = { STYLE_GENERAL, 1 },
    };
    struct program_words none = { STYLE_GENERAL, 1 };
    return program < PROGRAM_COUNT ? table[program] : none;
}

static const struct account_server *server_of(const struct account *account, enum account_side side)
{
    return side == SIDE_INCOMING ? &account->incoming : &account->outgoing;
}

static enum mail_way way_for(enum mail_protocol protocol, int implicit)
{
    switch (protocol) {
    case MAIL_POP3: return implicit ? WAY_POP3S : WAY_POP3;
    case MAIL_IMAP: return implicit ? WAY_IMAPS : WAY_IMAP;
    default: return implicit ? WAY_SMTPS : WAY_SMTP;
    }
}

static int add_row(struct account_check *c, unsigned name, enum mail_way way, unsigned port)
{
    struct find_row *row;
    if (c->search.row_count == FIND_MAX_ROWS)
        return -1;
    row = &c->search.rows[c->search.row_count];
    memset(row, 0, sizeof(*row));
    row->name = name;
    row->way = way;
    row->port = port;
    row->result = FIND_NOT_TRIED;
    return (int)c->search.row_count++;
}

void account_check_prepare(struct account_check *c, const struct account *account, unsigned port_base)
{
    int side;
    memset(c, 0, sizeof(*c));
    c->account = *account;
    c->port_base = port_base;
    c->search.name_count = SIDE_COUNT;
    for (side = 0; side < SIDE_COUNT; side++) {
        const struct account_server *server = server_of(account, (enum account_side)side);
        c->configured[side] = -1;
        if (!server->present)
            continue;
        memcpy(c->search.names[side], server->host, sizeof(c->search.names[side]));
        /* A server without TLS is tried with STARTTLS at its port: a mail answer there,
         * whatever follows, says the plain setting reaches a mail server. */
        c->configured[side] = add_row(c, (unsigned)side, way_for(server->protocol, server->security == SECURITY_SSL),
                                      account_server_port(server));
        c->alternatives_from[side] = c->alternatives_to[side] = c->search.row_count;
    }
}

/* A plain-text setting works when a mail server answered there without TLS. */
static int answers_plain(const struct find_row *row)
{
    switch (row->result) {
    case FIND_WORKS:
    case FIND_AFTER_FIX:
    case FIND_CANNOT:
        return 1;
    case FIND_NO_TLS:
        return row->now.outcome == OUTCOME_STARTTLS_REFUSED || row->now.outcome == OUTCOME_MAIL_FAILED ||
               row->now.outcome == OUTCOME_NOT_TLS || row->now.outcome == OUTCOME_BAD_TLS;
    default:
        return 0;
    }
}

/* The verdict on the server as set, before any other way is looked at. */
static enum account_verdict as_set(const struct account_check *c, enum account_side side)
{
    const struct account_server *server = server_of(&c->account, side);
    const struct find_row *row = &c->search.rows[c->configured[side]];
    if (server->security == SECURITY_NONE || server->security == SECURITY_AUTO) {
        /* Auto is STARTTLS where the server offers it, else plain. */
        if (server->security == SECURITY_AUTO && row->result == FIND_WORKS)
            return VERDICT_WORKS;
        if (server->security == SECURITY_AUTO && row->result == FIND_AFTER_FIX)
            return VERDICT_AFTER_FIX;
        if (server->security == SECURITY_NONE || row->result == FIND_NO_TLS)
            return answers_plain(row) ? VERDICT_WORKS_PLAIN : VERDICT_FAILS;
        return row->result == FIND_CANNOT ? VERDICT_CANNOT : VERDICT_FAILS;
    }
    switch (row->result) {
    case FIND_WORKS: return VERDICT_WORKS;
    case FIND_AFTER_FIX: return VERDICT_AFTER_FIX;
    case FIND_CANNOT: return VERDICT_CANNOT;
    default: return VERDICT_FAILS;
    }
}

int account_check_wants_alternatives(const struct account_check *c, enum account_side side)
{
    enum account_verdict verdict;
    const struct find_row *row;
    if (c->configured[side] < 0 || c->alternatives_to[side] > c->alternatives_from[side])
        return 0;
    row = &c->search.rows[c->configured[side]];
    if (row->result == FIND_NO_NAME || row->result == FIND_NOT_TRIED)
        return 0;
    verdict = as_set(c, side);
    return verdict == VERDICT_CANNOT || verdict == VERDICT_FAILS;
}

static unsigned moved(const struct account_check *c, unsigned port)
{
    return c->port_base ? c->port_base + port % 100 : port;
}

void account_check_add_alternatives(struct account_check *c, enum account_side side)
{
    const struct account_server *server = server_of(&c->account, side);
    const struct find_row *configured;
    /* The ways of the protocol in the order /find recommends them; SMTP also on 25. */
    struct {
        int implicit;
        unsigned port;
    } ways[3];
    size_t count = 0, i;
    if (c->configured[side] < 0)
        return;
    configured = &c->search.rows[c->configured[side]];
    ways[count].implicit = 1;
    ways[count++].port = server->protocol == MAIL_POP3 ? 995 : server->protocol == MAIL_IMAP ? 993 : 465;
    if (server->protocol == MAIL_SMTP) {
        ways[count].implicit = 0;
        ways[count++].port = 587;
        ways[count].implicit = 0;
        ways[count++].port = 25;
    } else if (words_of(c->account.program).incoming_starttls) {
        ways[count].implicit = 0;
        ways[count++].port = server->protocol == MAIL_POP3 ? 110 : 143;
    }
    c->alternatives_from[side] = c->search.row_count;
    for (i = 0; i < count; i++) {
        enum mail_way way = way_for(server->protocol, ways[i].implicit);
        unsigned port = moved(c, ways[i].port);
        if (way == configured->way && port == configured->port)
            continue;   /* the setting itself */
        if (add_row(c, (unsigned)side, way, port) < 0)
            break;
    }
    c->alternatives_to[side] = c->search.row_count;
}

enum account_verdict account_check_side(const struct account_check *c, enum account_side side,
                                        const struct find_row **better)
{
    static const enum find_result wanted[2] = { FIND_WORKS, FIND_AFTER_FIX };
    enum account_verdict verdict;
    const struct find_row *cannot = NULL;
    unsigned i;
    int pass;
    if (better)
        *better = NULL;
    if (c->configured[side] < 0)
        return VERDICT_WORKS;
    verdict = as_set(c, side);
    if (verdict == VERDICT_CANNOT)
        cannot = &c->search.rows[c->configured[side]];
    if (verdict != VERDICT_CANNOT && verdict != VERDICT_FAILS)
        return verdict;
    for (pass = 0; pass < 2; pass++)
        for (i = c->alternatives_from[side]; i < c->alternatives_to[side]; i++)
            if (c->search.rows[i].result == wanted[pass]) {
                if (better)
                    *better = &c->search.rows[i];
                return VERDICT_WRONG_SETTING;
            }
    for (i = c->alternatives_from[side]; i < c->alternatives_to[side] && !cannot; i++)
        if (c->search.rows[i].result == FIND_CANNOT)
            cannot = &c->search.rows[i];
    if (cannot) {
        if (better)
            *better = cannot;
        return VERDICT_CANNOT;
    }
    return VERDICT_FAILS;
}

enum account_verdict account_check_verdict(const struct account_check *c)
{
    enum account_verdict in = account_check_side(c, SIDE_INCOMING, NULL);
    enum account_verdict out = account_check_side(c, SIDE_OUTGOING, NULL);
    return in > out ? in : out;
}

static enum message_id security_words(enum account_security security)
{
    switch (security) {
    case SECURITY_SSL: return MSG_ACCOUNTS_SECURITY_SSL;
    case SECURITY_STARTTLS: return MSG_ACCOUNTS_SECURITY_STARTTLS;
    case SECURITY_AUTO: return MSG_ACCOUNTS_SECURITY_AUTO;
    default: return MSG_ACCOUNTS_SECURITY_NONE;
    }
}

static void side_label(const struct account_check *c, enum account_side side, enum language language,
                       char *out, size_t size)
{
    const struct account_server *server = server_of(&c->account, side);
    const char *protocol = server->protocol == MAIL_POP3 ? "POP3" : server->protocol == MAIL_IMAP ? "IMAP" : "SMTP";
    text_format(out, size, message_text(language, side == SIDE_INCOMING ? MSG_ACCOUNTS_LABEL_IN : MSG_ACCOUNTS_LABEL_OUT),
                protocol);
}

/* The change that makes the program use `row`, in its own words. */
static void change_words(const struct account_check *c, const struct find_row *row, enum language language,
                         struct strbuf *out)
{
    int implicit = mail_way_get(row->way)->implicit;
    switch (words_of(c->account.program).style) {
    case STYLE_OUTLOOK_EXPRESS:
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_CHANGE_OUTLOOK_EXPRESS), row->port);
        break;
    case STYLE_OUTLOOK:
        /* Outlook 2007 and 2010 name STARTTLS "TLS"; 2013 on, "STARTTLS" beside "SSL/TLS". */
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_CHANGE_OUTLOOK), implicit ? "SSL" : "TLS", row->port);
        break;
    case STYLE_THUNDERBIRD:
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_CHANGE_THUNDERBIRD), implicit ? "SSL/TLS" : "STARTTLS",
                      row->port);
        break;
    default:
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_CHANGE_GENERAL), implicit ? "SSL/TLS" : "STARTTLS",
                      row->port);
        break;
    }
}

static void server_line(const struct account_check *c, enum account_side side, enum language language,
                        struct strbuf *out)
{
    const struct account_server *server = server_of(&c->account, side);
    const struct find_row *row = &c->search.rows[c->configured[side]];
    char label[64];
    struct strbuf result;
    strbuf_init(&result);
    if (server->security != SECURITY_SSL && server->security != SECURITY_STARTTLS && as_set(c, side) == VERDICT_WORKS_PLAIN)
        strbuf_append(&result, message_text(language, MSG_ACCOUNTS_PLAIN_ANSWERS));
    else
        find_row_words(&c->search, row, language, &result);
    side_label(c, side, language, label, sizeof(label));
    strbuf_printf(out, message_text(language, MSG_ACCOUNTS_SERVER), label, server->host, row->port,
                  message_text(language, security_words(server->security)), result.failed ? "" : result.data);
    strbuf_free(&result);
}

static void side_advice(const struct account_check *c, enum account_side side, enum language language,
                        struct strbuf *out)
{
    const struct account_server *server = server_of(&c->account, side);
    const struct find_row *better;
    enum account_verdict verdict = account_check_side(c, side, &better);
    char label[64], url[400];
    struct target target;
    side_label(c, side, language, label, sizeof(label));
    if (verdict == VERDICT_WRONG_SETTING) {
        struct strbuf change;
        strbuf_init(&change);
        change_words(c, better, language, &change);
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_CHANGE), label, c->search.rows[c->configured[side]].port,
                      message_text(language, security_words(server->security)), better->port,
                      message_text(language, mail_way_get(better->way)->implicit ? MSG_ACCOUNTS_SECURITY_SSL
                                                                                 : MSG_ACCOUNTS_SECURITY_STARTTLS),
                      change.failed ? "" : change.data);
        strbuf_free(&change);
    } else if (verdict == VERDICT_CANNOT) {
        struct strbuf why;
        strbuf_init(&why);
        find_row_words(&c->search, better, language, &why);
        strbuf_printf(out, "  %s: %s\n", label, why.failed ? "" : why.data);
        strbuf_free(&why);
        find_row_target(&c->search, better, url, sizeof(url));
        if (target_parse(url, &target) == 0) {
            strbuf_append(out, "  ");
            diagnose_relay_suggestion(&target, language, AUDIENCE_COMMAND_LINE, out);
        }
    }
}

int account_check_report(const struct account_check *c, enum language language, struct strbuf *out)
{
    static const enum message_id verdict_words[] = {
        [VERDICT_WORKS] = MSG_ACCOUNTS_VERDICT_WORKS,
        [VERDICT_WORKS_PLAIN] = MSG_ACCOUNTS_VERDICT_WORKS_PLAIN,
        [VERDICT_AFTER_FIX] = MSG_ACCOUNTS_VERDICT_AFTER_FIX,
        [VERDICT_WRONG_SETTING] = MSG_ACCOUNTS_VERDICT_WRONG_SETTING,
        [VERDICT_CANNOT] = MSG_ACCOUNTS_VERDICT_CANNOT,
        [VERDICT_FAILS] = MSG_ACCOUNTS_VERDICT_FAILS,
    };
    enum account_verdict verdict = account_check_verdict(c);
    int side;
    strbuf_printf(out, message_text(language, MSG_ACCOUNTS_HEADING), account_program_name(c->account.program),
                  c->account.name);
    for (side = 0; side < SIDE_COUNT; side++)
        if (c->configured[side] >= 0)
            server_line(c, (enum account_side)side, language, out);
    strbuf_printf(out, message_text(language, verdict_words[verdict]), windows_client_get(c->search.windows)->name);
    for (side = 0; side < SIDE_COUNT; side++)
        if (c->configured[side] >= 0)
            side_advice(c, (enum account_side)side, language, out);
    return verdict == VERDICT_WORKS || verdict == VERDICT_WORKS_PLAIN;
}

/* A CSV field, quoted when it needs to be (RFC 4180). */
static void csv_field(struct strbuf *out, const char *text, int last)
{
    if (strpbrk(text, ",\"\r\n")) {
        const char *p;
        strbuf_append(out, "\"");
        for (p = text; *p; p++)
            strbuf_append(out, *p == '"' ? "\"\"" : (char[2]){ *p, '\0' });
        strbuf_append(out, "\"");
    } else {
        strbuf_append(out, text);
    }
    strbuf_append(out, last ? "\r\n" : ",");
}

void account_check_csv_header(struct strbuf *out)
{
    strbuf_append(out, "program,account,server,protocol,host,port,security,result,verdict,works_port,works_security\r\n");
}

void account_check_csv(const struct account_check *c, struct strbuf *out)
{
    static const char *const verdicts[] = { "works", "works-plain", "after-fix", "wrong-setting", "cannot", "fails" };
    static const char *const securities[] = { "none", "ssl", "starttls", "auto" };
    static const char *const results[] = { "works", "after-fix", "cannot", "no-tls", "closed", "no-answer", "no-name",
                                           "not-tried" };
    int side;
    for (side = 0; side < SIDE_COUNT; side++) {
        const struct account_server *server = server_of(&c->account, (enum account_side)side);
        const struct find_row *row, *better;
        enum account_verdict verdict;
        char number[16];
        if (c->configured[side] < 0)
            continue;
        row = &c->search.rows[c->configured[side]];
        verdict = account_check_side(c, (enum account_side)side, &better);
        csv_field(out, account_program_name(c->account.program), 0);
        csv_field(out, c->account.name, 0);
        csv_field(out, side == SIDE_INCOMING ? "incoming" : "outgoing", 0);
        csv_field(out, mail_way_get(row->way)->protocol, 0);
        csv_field(out, server->host, 0);
        text_format(number, sizeof(number), "%u", row->port);
        csv_field(out, number, 0);
        csv_field(out, securities[server->security], 0);
        csv_field(out, verdict == VERDICT_WORKS_PLAIN ? "plain" : results[row->result], 0);
        csv_field(out, verdicts[verdict], 0);
        text_format(number, sizeof(number), "%u", verdict == VERDICT_WRONG_SETTING ? better->port : 0u);
        csv_field(out, verdict == VERDICT_WRONG_SETTING ? number : "", 0);
        csv_field(out, verdict != VERDICT_WRONG_SETTING ? "" : mail_way_get(better->way)->implicit ? "ssl" : "starttls", 1);
    }
}
