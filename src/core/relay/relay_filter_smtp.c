/* The filter's SMTP rules. The program's commands are queued to know each reply: EHLO's 250
 * reply is filtered (STARTTLS, CHUNKING, BINARYMIME removed; when the last line goes, the line
 * before becomes the last), DATA's 354 starts a body that passes untouched up to the lone dot,
 * and AUTH's 334 makes the program's next line an answer, not a command. */
#include "relay_filter_parts.h"
#include "relay_words.h"

#include <string.h>

/* --- the server's side ------------------------------------------------------------------ */

static int digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int server_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                         struct relay_sink *back, int final)
{
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length;
    int valid;
    (void)back;
    if (!filter->smtp_reply_open && length == 1) {
        relay_response_begin(filter, forward);
        filter->smtp_first_line = 1;
    }
    if (length < 4 && !final)
        return -1;
    valid = length >= 3 && digit(hold[0]) && digit(hold[1]) && digit(hold[2]);
    /* A line that is no reply line ends the reply, as its last line would. */
    filter->smtp_line_final = !(valid && length >= 4 && hold[3] == '-');
    if (filter->smtp_first_line) {
        filter->smtp_reply_code = valid ? (hold[0] - '0') * 100 + (hold[1] - '0') * 10 + (hold[2] - '0') : 0;
        filter->smtp_ehlo_reply =
            filter->server_kind == KIND_EHLO && filter->smtp_reply_code == 250 && !filter->smtp_line_final;
    }
    if (!filter->smtp_ehlo_reply)
        return relay_decide_pass(reader);
    /* An EHLO reply's lines are held whole: the next one may be a last line that goes. */
    filter->smtp_line_length = 0;
    filter->smtp_line_overflow = 0;
    reader->action = ACTION_STREAM;
    return 0;
}

static void server_stream(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                          const unsigned char *bytes, size_t count)
{
    if (count <= RELAY_FILTER_SMTP_LINE - filter->smtp_line_length) {
        memcpy(filter->smtp_line + filter->smtp_line_length, bytes, count);
        filter->smtp_line_length += count;
        return;
    }
    /* Longer than SMTP allows: passed as it comes, and this reply's lines before it with it;
     * a last line that would go after it then stays (a program refused a STARTTLS it tries
     * is told why by the relay). */
    if (filter->smtp_kept_valid)
        relay_sink_put(forward, filter->smtp_kept, filter->smtp_kept_length);
    filter->smtp_kept_valid = 0;
    relay_sink_put(forward, filter->smtp_line, filter->smtp_line_length);
    relay_sink_put(forward, bytes, count);
    filter->smtp_line_length = 0;
    filter->smtp_line_overflow = 1;
    reader->action = ACTION_PASS;
}

static void put_kept(struct relay_filter *filter, struct relay_sink *forward)
{
    if (filter->smtp_kept_valid)
        relay_sink_put(forward, filter->smtp_kept, filter->smtp_kept_length);
    filter->smtp_kept_valid = 0;
}

/* One whole line of an EHLO reply. The kept line before it is held until it is known
 * whether it is the last one kept. */
static void ehlo_line(struct relay_filter *filter, struct relay_sink *forward)
{
    const unsigned char *line = filter->smtp_line;
    size_t length = filter->smtp_line_length;
    /* The first line names the server; the keywords follow, one a line. */
    int hidden = !filter->smtp_first_line && length > 4 &&
                 relay_capability_hidden(MAIL_SMTP, line + 4, relay_word_end(line, 4, length) - 4);
    if (!hidden) {
        put_kept(filter, forward);
        if (filter->smtp_line_final) {
            relay_sink_put(forward, line, length);
        } else {
            memcpy(filter->smtp_kept, line, length);
            filter->smtp_kept_length = length;
            filter->smtp_kept_valid = 1;
        }
    } else if (filter->smtp_line_final) {
        if (filter->smtp_kept_valid) {
            filter->smtp_kept[3] = ' ';
            put_kept(filter, forward);
        } else {
            relay_sink_put(forward, line, length);
        }
    }
    filter->smtp_line_length = 0;
}

static void server_line_end(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                            struct relay_sink *back)
{
    (void)reader;
    (void)back;
    if (filter->smtp_ehlo_reply && !filter->smtp_line_overflow)
        ehlo_line(filter, forward);
    filter->smtp_line_overflow = 0;
    filter->smtp_first_line = 0;
    if (!filter->smtp_line_final) {
        filter->smtp_reply_open = 1;
        return;
    }
    put_kept(filter, forward);
    filter->smtp_reply_open = 0;
    filter->smtp_ehlo_reply = 0;
    if (filter->server_kind == KIND_DATA && filter->smtp_reply_code == 354) {
        filter->smtp_body = 1;
    } else if (filter->server_kind == KIND_AUTH && filter->smtp_reply_code == 334) {
        filter->sasl_line_expected = 1;
        relay_response_end(filter, forward, 0);
        return;
    }
    relay_response_end(filter, forward, 1);
}

const struct relay_rules relay_smtp_server_rules = { server_decide, server_stream, server_line_end,
    relay_raw_end_new_line };

/* --- the program's side ----------------------------------------------------------------- */

/* "BDAT 1000 LAST": the count, or -1 when the line is not one the filter can follow. */
static int bdat_size(const unsigned char *hold, size_t length, unsigned long long *size)
{
    size_t at = 4, digits = 0;
    unsigned long long value = 0;
    if (length == 0 || hold[length - 1] != '\n')
        return -1;
    while (at < length && hold[at] == ' ')
        at++;
    for (; at < length && digit(hold[at]); at++, digits++) {
        if (digits == 19)
            return -1;
        value = value * 10 + (unsigned long long)(hold[at] - '0');
    }
    if (digits == 0)
        return -1;
    *size = value;
    return 0;
}

static int program_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                          struct relay_sink *back, int final)
{
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length, word;
    unsigned char kind = KIND_SINGLE;
    (void)forward;
    (void)back;
    reader->line_kind = LINE_NORMAL;
    if (filter->smtp_body) {
        int dot = relay_dot_line(hold, length, final);
        if (dot < 0)
            return -1;
        if (dot)
            reader->line_kind = LINE_TERMINATOR;
        return relay_decide_pass(reader);
    }
    if (filter->sasl_line_expected) {
        reader->line_kind = LINE_SASL;
        return relay_decide_pass(reader);
    }
    word = relay_word_end(hold, 0, length);
    if (word == length && !final && length <= 8)
        return -1;
    if (relay_word_is(hold, word, "STARTTLS") && filter->refusals_left > 0) {
        reader->line_kind = LINE_REFUSE;
        reader->action = ACTION_DROP;
        return 0;
    }
    if (relay_word_is(hold, word, "BDAT")) {
        if (!final)
            return -1;    /* the whole line, to read the count */
        if (bdat_size(hold, length, &filter->smtp_bdat_size) == 0)
            reader->line_kind = LINE_BDAT;
    } else if (relay_word_is(hold, word, "EHLO")) {
        kind = KIND_EHLO;
    } else if (relay_word_is(hold, word, "DATA")) {
        kind = KIND_DATA;
    } else if (relay_word_is(hold, word, "AUTH")) {
        kind = KIND_AUTH;
    }
    relay_pending_push(filter, kind);
    return relay_decide_pass(reader);
}

static void program_line_end(struct relay_filter *filter, struct relay_line_reader *reader,
                             struct relay_sink *forward, struct relay_sink *back)
{
    (void)forward;
    switch (reader->line_kind) {
    case LINE_TERMINATOR:
        filter->smtp_body = 0;
        relay_pending_push(filter, KIND_SINGLE);    /* the body's own reply */
        break;
    case LINE_SASL:
        filter->sasl_line_expected = 0;
        break;
    case LINE_REFUSE:
        relay_refuse(filter, back);
        break;
    case LINE_BDAT:
        if (filter->smtp_bdat_size > 0) {
            reader->state = READER_RAW;
            reader->raw_left = filter->smtp_bdat_size;
        }
        break;
    default:
        break;
    }
}

const struct relay_rules relay_smtp_program_rules = { program_decide, relay_stream_pass, program_line_end,
    relay_raw_end_new_line };
