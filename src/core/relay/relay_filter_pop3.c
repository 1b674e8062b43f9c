/* The filter's POP3 rules. The program's commands are queued to know each answer: +OK is
 * followed by lines up to a lone dot only for CAPA, RETR, TOP, LIST and UIDL without an
 * argument, and AUTH without one; of those, only CAPA's lines are read (STLS removed); the
 * others, messages among them, pass untouched, dot-stuffing and all. */
#include "relay_filter_parts.h"
#include "relay_words.h"

/* --- the server's side ------------------------------------------------------------------ */

static int server_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                         struct relay_sink *back, int final)
{
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length, word;
    int dot;
    (void)back;
    if (filter->pop3_in_body) {
        dot = relay_dot_line(hold, length, final);
        if (dot < 0)
            return -1;
        reader->line_kind = dot ? LINE_TERMINATOR : LINE_NORMAL;
        if (dot || !filter->pop3_body_is_capa)
            return relay_decide_pass(reader);
        word = relay_word_end(hold, 0, length);
        if (word == length && !final && length <= RELAY_HIDDEN_WORD_MAX)
            return -1;
        if (word < length && relay_capability_hidden(MAIL_POP3, hold, word)) {
            reader->action = ACTION_DROP;
            return 0;
        }
        return relay_decide_pass(reader);
    }
    if (length == 1)
        relay_response_begin(filter, forward);
    reader->line_kind = LINE_NORMAL;
    if (hold[0] != '+')
        return relay_decide_pass(reader);
    if (length < 2)
        return final ? relay_decide_pass(reader) : -1;
    if (hold[1] == ' ' || hold[1] == '\r' || hold[1] == '\n') {
        reader->line_kind = LINE_CONTINUATION;
        return relay_decide_pass(reader);
    }
    if (length < 3)
        return final ? relay_decide_pass(reader) : -1;
    if (relay_word_is(hold + 1, 2, "OK"))
        reader->line_kind = LINE_POSITIVE;
    return relay_decide_pass(reader);
}

static void server_line_end(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                            struct relay_sink *back)
{
    unsigned char kind = filter->server_kind;
    (void)back;
    if (filter->pop3_in_body) {
        if (reader->line_kind == LINE_TERMINATOR) {
            filter->pop3_in_body = 0;
            relay_response_end(filter, forward, 1);
        }
        return;
    }
    if (reader->line_kind == LINE_POSITIVE && (kind == KIND_MULTI || kind == KIND_CAPA)) {
        filter->pop3_in_body = 1;
        filter->pop3_body_is_capa = kind == KIND_CAPA;
        return;
    }
    if (reader->line_kind == LINE_CONTINUATION && kind == KIND_AUTH) {
        /* The AUTH goes on: its next line from the program is an answer, not a command. */
        filter->sasl_line_expected = 1;
        relay_response_end(filter, forward, 0);
        return;
    }
    relay_response_end(filter, forward, 1);
}

const struct relay_rules relay_pop3_server_rules = { server_decide, relay_stream_pass, server_line_end,
    relay_raw_end_new_line };

/* --- the program's side ----------------------------------------------------------------- */

/* 1 when something other than spaces follows the command word before the line's end, 0 when
 * nothing does, -1 when more must be read to tell. */
static int has_argument(const unsigned char *hold, size_t length, size_t word, int final)
{
    while (word < length && hold[word] == ' ')
        word++;
    if (word == length)
        return final ? 1 : -1;
    return hold[word] != '\r' && hold[word] != '\n';
}

static int program_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                          struct relay_sink *back, int final)
{
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length, word;
    unsigned char kind = KIND_SINGLE;
    int argument;
    (void)forward;
    (void)back;
    reader->line_kind = LINE_NORMAL;
    if (filter->sasl_line_expected) {
        reader->line_kind = LINE_SASL;
        return relay_decide_pass(reader);
    }
    word = relay_word_end(hold, 0, length);
    if (word == length && !final && length <= 8)
        return -1;
    if (relay_word_is(hold, word, "STLS") && filter->refusals_left > 0) {
        reader->line_kind = LINE_REFUSE;
        reader->action = ACTION_DROP;
        return 0;
    }
    if (relay_word_is(hold, word, "CAPA"))
        kind = KIND_CAPA;
    else if (relay_word_is(hold, word, "RETR") || relay_word_is(hold, word, "TOP"))
        kind = KIND_MULTI;
    else if (relay_word_is(hold, word, "LIST") || relay_word_is(hold, word, "UIDL") ||
             relay_word_is(hold, word, "AUTH")) {
        argument = has_argument(hold, length, word, final);
        if (argument < 0)
            return -1;
        /* AUTH alone lists the mechanisms, multi-line (RFC 1734 has no such form, but
         * Outlook sends it and servers such as dovecot answer it). */
        if (relay_word_is(hold, word, "AUTH"))
            kind = argument ? KIND_AUTH : KIND_MULTI;
        else
            kind = argument ? KIND_SINGLE : KIND_MULTI;
    }
    relay_pending_push(filter, kind);
    return relay_decide_pass(reader);
}

static void program_line_end(struct relay_filter *filter, struct relay_line_reader *reader,
                             struct relay_sink *forward, struct relay_sink *back)
{
    (void)forward;
    if (reader->line_kind == LINE_SASL)
        filter->sasl_line_expected = 0;
    else if (reader->line_kind == LINE_REFUSE)
        relay_refuse(filter, back);
}

const struct relay_rules relay_pop3_program_rules = { program_decide, relay_stream_pass, program_line_end,
    relay_raw_end_new_line };
