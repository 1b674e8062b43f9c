/* The filter's common part: the line reader that drives each protocol's rules, the queue of
 * commands awaiting answers, the relay's own refusals in their place, and the public calls. */
#include "relay_filter_parts.h"
#include "relay_words.h"

#include <string.h>

void relay_sink_put(struct relay_sink *sink, const void *bytes, size_t count)
{
    if (count > sink->capacity - sink->length) {
        /* The bounds in relay_filter.h say this cannot happen; if it does, say so. */
        *sink->overflowed = 1;
        count = sink->capacity - sink->length;
    }
    if (count > 0)
        memcpy(sink->data + sink->length, bytes, count);
    sink->length += count;
}

void relay_stream_pass(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                       const unsigned char *bytes, size_t count)
{
    (void)filter;
    (void)reader;
    relay_sink_put(forward, bytes, count);
}

void relay_raw_end_new_line(struct relay_filter *filter, struct relay_line_reader *reader)
{
    (void)filter;
    reader->state = READER_HOLD;
}

void relay_raw_end_same_line(struct relay_filter *filter, struct relay_line_reader *reader)
{
    (void)filter;
    (void)reader;
}

int relay_decide_pass(struct relay_line_reader *reader)
{
    reader->action = ACTION_PASS;
    return 0;
}

int relay_dot_line(const unsigned char *hold, size_t length, int final)
{
    if (hold[0] != '.')
        return 0;
    if (length == 1)
        return final ? 0 : -1;
    if (hold[1] == '\n')
        return 1;
    if (hold[1] != '\r')
        return 0;
    if (length == 2)
        return final ? 0 : -1;
    return hold[2] == '\n';
}

int relay_tail_literal(const unsigned char *tail, size_t length, unsigned long long *size, int *non_synchronizing)
{
    size_t end = length, digits_end;
    unsigned long long value = 0;
    if (end > 0 && tail[end - 1] == '\n')
        end--;
    if (end > 0 && tail[end - 1] == '\r')
        end--;
    if (end == 0 || tail[end - 1] != '}')
        return 0;
    end--;
    *non_synchronizing = end > 0 && tail[end - 1] == '+';
    if (*non_synchronizing)
        end--;
    digits_end = end;
    while (end > 0 && tail[end - 1] >= '0' && tail[end - 1] <= '9')
        end--;
    /* Up to 19 digits fit in 64 bits; a longer count is no literal the filter can follow. */
    if (end == digits_end || digits_end - end > 19 || end == 0 || tail[end - 1] != '{')
        return 0;
    for (; end < digits_end; end++)
        value = value * 10 + (unsigned long long)(tail[end] - '0');
    *size = value;
    return 1;
}

int relay_pending_push(struct relay_filter *filter, unsigned char kind)
{
    struct relay_pending_run *run;
    if (filter->pending_runs > 0) {
        run = &filter->pending[(filter->pending_first + filter->pending_runs - 1) % RELAY_FILTER_PENDING];
        if (run->kind == kind && run->count < (unsigned long)-1) {
            run->count++;
            return 0;
        }
    }
    if (filter->pending_runs == RELAY_FILTER_PENDING) {
        /* A program that sends this many different commands without waiting is not
         * followed; passing everything as it is, unfiltered, is safe for its messages. */
        filter->passthrough = 1;
        return -1;
    }
    run = &filter->pending[(filter->pending_first + filter->pending_runs) % RELAY_FILTER_PENDING];
    run->kind = kind;
    run->count = 1;
    filter->pending_runs++;
    return 0;
}

unsigned char relay_pending_front(const struct relay_filter *filter)
{
    return filter->pending_runs > 0 ? filter->pending[filter->pending_first].kind : (unsigned char)KIND_NONE;
}

void relay_pending_pop(struct relay_filter *filter)
{
    struct relay_pending_run *run = &filter->pending[filter->pending_first];
    if (filter->pending_runs == 0)
        return;
    if (--run->count == 0) {
        filter->pending_first = (filter->pending_first + 1) % RELAY_FILTER_PENDING;
        filter->pending_runs--;
    }
}

static void put_refusal(struct relay_filter *filter, struct relay_sink *sink, const unsigned char *tag, size_t tag_length)
{
    unsigned char answer[RELAY_REFUSAL_MAX];
    size_t length = relay_local_refusal(filter->mail, tag, tag_length, answer, sizeof(answer));
    relay_sink_put(sink, answer, length);
}

/* The relay's refusals that are next in line go out now. */
static void put_due_refusals(struct relay_filter *filter, struct relay_sink *forward)
{
    unsigned i;
    if (filter->mail == MAIL_IMAP) {
        for (i = 0; i < filter->imap_queued; i++)
            put_refusal(filter, forward, filter->imap_queued_tag[i], filter->imap_queued_tag_length[i]);
        filter->imap_queued = 0;
        return;
    }
    while (relay_pending_front(filter) == KIND_LOCAL) {
        put_refusal(filter, forward, NULL, 0);
        relay_pending_pop(filter);
    }
}

void relay_response_begin(struct relay_filter *filter, struct relay_sink *forward)
{
    put_due_refusals(filter, forward);
    filter->server_mid_response = 1;
    filter->server_kind = relay_pending_front(filter);
}

void relay_response_end(struct relay_filter *filter, struct relay_sink *forward, int pop)
{
    if (pop && filter->server_kind != KIND_NONE)
        relay_pending_pop(filter);
    filter->server_kind = KIND_NONE;
    filter->server_mid_response = 0;
    put_due_refusals(filter, forward);
}

void relay_refuse(struct relay_filter *filter, struct relay_sink *back)
{
    if (filter->refusals_left > 0)
        filter->refusals_left--;
    if (filter->mail == MAIL_IMAP) {
        /* Tagged, so any order will do; but never inside a response the program is reading. */
        if (!filter->server_mid_response) {
            put_refusal(filter, back, filter->imap_line_tag, filter->imap_line_tag_length);
        } else if (filter->imap_queued < RELAY_FILTER_REFUSALS) {
            memcpy(filter->imap_queued_tag[filter->imap_queued], filter->imap_line_tag, filter->imap_line_tag_length);
            filter->imap_queued_tag_length[filter->imap_queued++] = filter->imap_line_tag_length;
        }
        return;
    }
    /* POP3 and SMTP answer in the order of the commands. */
    if ((filter->pending_runs == 0 && !filter->server_mid_response) || relay_pending_push(filter, KIND_LOCAL) < 0)
        put_refusal(filter, back, NULL, 0);
}

static void tail_add(struct relay_line_reader *reader, const unsigned char *bytes, size_t count)
{
    if (count >= RELAY_FILTER_TAIL) {
        memcpy(reader->tail, bytes + count - RELAY_FILTER_TAIL, RELAY_FILTER_TAIL);
        reader->tail_length = RELAY_FILTER_TAIL;
        return;
    }
    if (reader->tail_length + count > RELAY_FILTER_TAIL) {
        size_t drop = reader->tail_length + count - RELAY_FILTER_TAIL;
        memmove(reader->tail, reader->tail + drop, reader->tail_length - drop);
        reader->tail_length -= drop;
    }
    memcpy(reader->tail + reader->tail_length, bytes, count);
    reader->tail_length += count;
}

static void emit(struct relay_filter *filter, struct relay_line_reader *reader, const struct relay_rules *rules,
                 struct relay_sink *forward, const unsigned char *bytes, size_t count)
{
    if (count == 0)
        return;
    if (reader->action == ACTION_PASS)
        relay_sink_put(forward, bytes, count);
    else if (reader->action == ACTION_STREAM)
        rules->stream(filter, reader, forward, bytes, count);
}

static void end_line(struct relay_filter *filter, struct relay_line_reader *reader, const struct relay_rules *rules,
                     struct relay_sink *forward, struct relay_sink *back)
{
    reader->state = READER_HOLD;
    reader->hold_length = 0;
    rules->line_end(filter, reader, forward, back);
    reader->tail_length = 0;
    reader->fresh = 1;
}

/* Bytes held back from the program, in their order, when the filter gives up following. */
static void flush_held(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward)
{
    if (reader == &filter->server) {
        if (filter->smtp_kept_valid)
            relay_sink_put(forward, filter->smtp_kept, filter->smtp_kept_length);
        relay_sink_put(forward, filter->smtp_line, filter->smtp_line_length);
        if (filter->imap_word_state == WORD_HELD)
            relay_sink_put(forward, filter->imap_word, filter->imap_word_length);
        filter->smtp_kept_valid = 0;
        filter->smtp_line_length = 0;
        filter->imap_word_state = WORD_NONE;
    }
    relay_sink_put(forward, reader->hold, reader->hold_length);
    reader->hold_length = 0;
}

static void run(struct relay_filter *filter, struct relay_line_reader *reader, const struct relay_rules *rules,
                const unsigned char *in, size_t size, struct relay_sink *forward, struct relay_sink *back)
{
    size_t at = 0;
    while (at < size) {
        /* Giving up waits for a line's start, so that no line is cut in the middle. */
        if (filter->passthrough && reader->state == READER_HOLD && reader->hold_length == 0) {
            flush_held(filter, reader, forward);
            relay_sink_put(forward, in + at, size - at);
            return;
        }
        reader->fresh = 0;
        if (reader->state == READER_RAW) {
            size_t count = size - at;
            if (reader->raw_left < count)
                count = (size_t)reader->raw_left;
            relay_sink_put(forward, in + at, count);
            at += count;
            reader->raw_left -= count;
            if (reader->raw_left == 0) {
                reader->state = READER_STREAM;
                reader->action = ACTION_PASS;
                reader->line_kind = LINE_NORMAL;
                reader->tail_length = 0;
                rules->raw_end(filter, reader);
            }
        } else if (reader->state == READER_HOLD) {
            unsigned char byte = in[at++];
            int final, keep;
            size_t held;
            reader->hold[reader->hold_length++] = byte;
            final = byte == '\n' || reader->hold_length == RELAY_FILTER_HOLD;
            keep = rules->decide(filter, reader, forward, back, final);
            if (keep < 0) {
                if (!final)
                    continue;
                keep = relay_decide_pass(reader);
            }
            held = reader->hold_length;
            if ((size_t)keep > held)
                keep = (int)held;
            reader->hold_length = 0;
            reader->state = READER_STREAM;
            tail_add(reader, reader->hold, held);
            relay_sink_put(forward, reader->hold, (size_t)keep);
            emit(filter, reader, rules, forward, reader->hold + keep, held - (size_t)keep);
            if (byte == '\n')
                end_line(filter, reader, rules, forward, back);
        } else {
            const unsigned char *newline = memchr(in + at, '\n', size - at);
            size_t count = newline ? (size_t)(newline - (in + at)) + 1 : size - at;
            tail_add(reader, in + at, count);
            emit(filter, reader, rules, forward, in + at, count);
            at += count;
            if (newline)
                end_line(filter, reader, rules, forward, back);
        }
    }
}

static const struct relay_rules *rules_for(enum mail_protocol mail, int from_server)
{
    switch (mail) {
    case MAIL_POP3:
        return from_server ? &relay_pop3_server_rules : &relay_pop3_program_rules;
    case MAIL_SMTP:
        return from_server ? &relay_smtp_server_rules : &relay_smtp_program_rules;
    case MAIL_IMAP:
        return from_server ? &relay_imap_server_rules : &relay_imap_program_rules;
    case MAIL_NONE:
        break;
    }
    return NULL;
}

void relay_filter_init(struct relay_filter *filter, enum mail_protocol mail, enum tls_mode mode)
{
    memset(filter, 0, sizeof(*filter));
    filter->mail = mail;
    filter->refusals_left = RELAY_FILTER_REFUSALS;
    filter->server.state = READER_HOLD;
    filter->program.state = READER_HOLD;
    filter->server.fresh = 1;
    filter->program.fresh = 1;
    if (!rules_for(mail, 1))
        filter->passthrough = 1;
    /* Through TLS from the start, the first thing the server says is its greeting, an answer
     * to no command. */
    else if (mode == TLS_IMPLICIT && mail != MAIL_IMAP)
        relay_pending_push(filter, KIND_SINGLE);
}

int relay_filter_from_server(struct relay_filter *filter, const unsigned char *in, size_t size,
                             unsigned char *to_program, size_t capacity, size_t *written)
{
    struct relay_sink out;
    *written = 0;
    if (size > (size_t)-1 - RELAY_FILTER_OUTPUT_EXTRA || capacity < RELAY_FILTER_OUTPUT_SIZE(size))
        return -1;
    out.data = to_program;
    out.length = 0;
    out.capacity = capacity;
    out.overflowed = &filter->overflowed;
    run(filter, &filter->server, rules_for(filter->mail, 1), in, size, &out, &out);
    *written = out.length;
    return filter->overflowed ? -1 : 0;
}

int relay_filter_from_program(struct relay_filter *filter, const unsigned char *in, size_t size,
                              unsigned char *to_server, size_t server_capacity, size_t *to_server_written,
                              unsigned char *to_program, size_t program_capacity, size_t *to_program_written)
{
    struct relay_sink forward, back;
    *to_server_written = 0;
    *to_program_written = 0;
    if (size > (size_t)-1 - RELAY_FILTER_OUTPUT_EXTRA || server_capacity < RELAY_FILTER_OUTPUT_SIZE(size) ||
        program_capacity < RELAY_FILTER_ANSWER_SIZE)
        return -1;
    forward.data = to_server;
    forward.length = 0;
    forward.capacity = server_capacity;
    forward.overflowed = &filter->overflowed;
    back.data = to_program;
    back.length = 0;
    back.capacity = program_capacity;
    back.overflowed = &filter->overflowed;
    run(filter, &filter->program, rules_for(filter->mail, 0), in, size, &forward, &back);
    *to_server_written = forward.length;
    *to_program_written = back.length;
    return filter->overflowed ? -1 : 0;
}
