/* The filter's IMAP rules. From the server: "* CAPABILITY ..." lines and [CAPABILITY ...]
 * response codes (greeting, tagged OK after LOGIN or AUTHENTICATE) lose the hidden words;
 * literals ("{123}" at a line's end, then 123 raw bytes: messages) pass untouched. From the
 * program: "TAG STARTTLS" is answered by the relay; literals ("{123}" or "{123+}") pass
 * untouched. A synchronising literal waits for the server's "+"; when the server answers the
 * command instead, the program sends no literal, and the filter stops waiting for it. */
#include "relay_filter_parts.h"
#include "relay_words.h"

#include <string.h>

/* --- the server's side ------------------------------------------------------------------ */

/* The program's literal will not come: the server answered its command before a "+". */
static void cancel_program_literal(struct relay_filter *filter)
{
    struct relay_line_reader *program = &filter->program;
    program->state = READER_HOLD;
    program->hold_length = 0;
    program->tail_length = 0;
    program->raw_left = 0;
    filter->imap_literal_waiting = 0;
    filter->imap_line_tag_length = 0;
}

static int start_words(struct relay_filter *filter, struct relay_line_reader *reader, size_t keep, int until_bracket)
{
    filter->imap_words_until_bracket = until_bracket;
    filter->imap_word_state = WORD_NONE;
    filter->imap_word_length = 0;
    reader->action = ACTION_STREAM;
    return (int)keep;
}

static int status_word(const unsigned char *word, size_t length)
{
    return relay_word_is(word, length, "OK") || relay_word_is(word, length, "NO") ||
           relay_word_is(word, length, "BAD") || relay_word_is(word, length, "PREAUTH") ||
           relay_word_is(word, length, "BYE");
}

static int server_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                         struct relay_sink *back, int final)
{
    static const char code[] = "[CAPABILITY";
    const size_t code_length = sizeof(code) - 1;
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length, first, second_start, second, code_start;
    int untagged;
    (void)back;
    if (length == 1)
        relay_response_begin(filter, forward);
    first = relay_word_end(hold, 0, length);
    if (first == length)
        return (final || length > RELAY_TAG_MAX) ? relay_decide_pass(reader) : -1;
    if (first == 1 && hold[0] == '+') {
        filter->imap_literal_waiting = 0;    /* the program may send its literal now */
        return relay_decide_pass(reader);
    }
    if (hold[first] != ' ' || first == 0)
        return relay_decide_pass(reader);
    untagged = first == 1 && hold[0] == '*';
    if (!untagged && filter->imap_literal_waiting && filter->program.fresh &&
        first == filter->imap_literal_tag_length && memcmp(hold, filter->imap_literal_tag, first) == 0)
        cancel_program_literal(filter);
    second_start = first + 1;
    second = relay_word_end(hold, second_start, length);
    if (second == length)
        return (final || length - second_start > 10) ? relay_decide_pass(reader) : -1;
    if (untagged && relay_word_is(hold + second_start, second - second_start, "CAPABILITY"))
        return start_words(filter, reader, second, 0);
    if (!status_word(hold + second_start, second - second_start) || hold[second] != ' ')
        return relay_decide_pass(reader);
    /* "OK [CAPABILITY ...] text": the response code comes first after the status word. */
    code_start = second + 1;
    if (!relay_agrees_with(hold + code_start, length - code_start, code))
        return relay_decide_pass(reader);
    if (length - code_start <= code_length)
        return final ? relay_decide_pass(reader) : -1;
    if (hold[code_start + code_length] != ' ' && hold[code_start + code_length] != ']')
        return relay_decide_pass(reader);
    return start_words(filter, reader, code_start + code_length, 1);
}

static void put_byte(struct relay_sink *forward, unsigned char byte)
{
    relay_sink_put(forward, &byte, 1);
}

/* Capability words, each with the space before it held until it is known whole; a hidden
 * one goes with its space. A response code ends at its ']', the rest of the line passes. */
static void server_stream(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                          const unsigned char *bytes, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++) {
        unsigned char byte = bytes[i];
        int delimiter = byte == ' ' || byte == '\r' || byte == '\n' || (filter->imap_words_until_bracket && byte == ']');
        if (filter->imap_word_state == WORD_HELD) {
            if (!delimiter) {
                if (filter->imap_word_length < RELAY_FILTER_WORD) {
                    filter->imap_word[filter->imap_word_length++] = byte;
                } else {
                    relay_sink_put(forward, filter->imap_word, filter->imap_word_length);
                    put_byte(forward, byte);
                    filter->imap_word_state = WORD_LONG;
                }
                continue;
            }
            if (!relay_capability_hidden(MAIL_IMAP, filter->imap_word + 1, filter->imap_word_length - 1))
                relay_sink_put(forward, filter->imap_word, filter->imap_word_length);
            filter->imap_word_state = WORD_NONE;
        } else if (filter->imap_word_state == WORD_LONG) {
            if (!delimiter) {
                put_byte(forward, byte);
                continue;
            }
            filter->imap_word_state = WORD_NONE;
        }
        if (byte == ' ') {
            filter->imap_word[0] = byte;
            filter->imap_word_length = 1;
            filter->imap_word_state = WORD_HELD;
            continue;
        }
        put_byte(forward, byte);
        if (filter->imap_words_until_bracket && byte == ']') {
            reader->action = ACTION_PASS;
            relay_sink_put(forward, bytes + i + 1, count - i - 1);
            return;
        }
    }
}

static void server_line_end(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                            struct relay_sink *back)
{
    unsigned long long size;
    int non_synchronizing;
    (void)back;
    filter->imap_word_state = WORD_NONE;
    if (relay_tail_literal(reader->tail, reader->tail_length, &size, &non_synchronizing)) {
        /* The response goes on after the literal's bytes. */
        if (size > 0) {
            reader->state = READER_RAW;
            reader->raw_left = size;
        } else {
            reader->state = READER_STREAM;
            reader->action = ACTION_PASS;
        }
        return;
    }
    relay_response_end(filter, forward, 0);
}

const struct relay_rules relay_imap_server_rules = { server_decide, server_stream, server_line_end,
    relay_raw_end_same_line };

/* --- the program's side ----------------------------------------------------------------- */

static int program_decide(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                          struct relay_sink *back, int final)
{
    const unsigned char *hold = reader->hold;
    size_t length = reader->hold_length, tag, rest;
    (void)forward;
    (void)back;
    reader->line_kind = LINE_NORMAL;
    filter->imap_line_tag_length = 0;
    filter->imap_literal_waiting = 0;    /* a new command: no literal is awaited */
    tag = relay_word_end(hold, 0, length);
    if (tag == length)
        return (final || length > RELAY_TAG_MAX) ? relay_decide_pass(reader) : -1;
    if (hold[tag] != ' ' || tag == 0 || tag > RELAY_TAG_MAX)
        return relay_decide_pass(reader);
    /* The tag, for a refusal or for a literal the server may refuse before its "+". */
    memcpy(filter->imap_line_tag, hold, tag);
    filter->imap_line_tag_length = tag;
    rest = tag + 1;
    if (relay_agrees_with(hold + rest, length - rest, "STARTTLS\r\n") ||
        relay_agrees_with(hold + rest, length - rest, "STARTTLS\n")) {
        if (hold[length - 1] != '\n')
            return final ? relay_decide_pass(reader) : -1;
        if (filter->refusals_left > 0) {
            reader->line_kind = LINE_REFUSE;
            reader->action = ACTION_DROP;
            return 0;
        }
    }
    return relay_decide_pass(reader);
}

static void program_line_end(struct relay_filter *filter, struct relay_line_reader *reader,
                             struct relay_sink *forward, struct relay_sink *back)
{
    unsigned long long size;
    int non_synchronizing;
    (void)forward;
    if (reader->line_kind == LINE_REFUSE) {
        relay_refuse(filter, back);
        filter->imap_line_tag_length = 0;
        return;
    }
    if (!relay_tail_literal(reader->tail, reader->tail_length, &size, &non_synchronizing)) {
        filter->imap_line_tag_length = 0;    /* the command is complete */
        return;
    }
    /* The command goes on after the literal's bytes. */
    filter->imap_literal_waiting = !non_synchronizing && filter->imap_line_tag_length > 0;
    memcpy(filter->imap_literal_tag, filter->imap_line_tag, filter->imap_line_tag_length);
    filter->imap_literal_tag_length = filter->imap_line_tag_length;
    if (size > 0) {
        reader->state = READER_RAW;
        reader->raw_left = size;
    } else {
        reader->state = READER_STREAM;
        reader->action = ACTION_PASS;
    }
}

const struct relay_rules relay_imap_program_rules = { program_decide, relay_stream_pass, program_line_end,
    relay_raw_end_same_line };
