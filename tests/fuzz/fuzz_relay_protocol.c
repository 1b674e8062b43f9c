/* libFuzzer target: the relay's protocol logic (src/core/relay) with a hostile server and a
 * hostile mail program. The input is a header and a list of events:
 *   byte 0: bits 0-1 the protocol (SMTP, POP3, IMAP, none), bit 2 STARTTLS (else implicit TLS);
 *   byte 1: how the events are cut into chunks;
 *   then events: a byte F (bit 7: from the program, else from the server; bits 0-6 the length,
 *   127 meaning a 16-bit big-endian length follows), then that many bytes.
 * The server's events drive the upstream STARTTLS dialogue (each one read, the relay's command
 * sent in between); all events drive the filters, whole and again cut into chunks: both runs
 * must give the same bytes to each side, each call must stay within the output bound the
 * header states, and nothing may be written past a buffer (ASan). Each event is also an error
 * reply's reason, which must come out as one line of printable ASCII. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relay/relay_filter.h"
#include "relay/relay_reply.h"
#include "relay/relay_starttls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct event {
    int from_program;
    const uint8_t *bytes;
    size_t length;
};

#define EVENTS_MAX 4096
#define STREAM_MAX (1u << 20)

static size_t read_events(const uint8_t *data, size_t size, struct event *events)
{
    size_t count = 0, at = 0;
    while (at < size && count < EVENTS_MAX) {
        uint8_t flags = data[at++];
        size_t length = flags & 0x7f;
        if (length == 0x7f) {
            if (size - at < 2)
                break;
            length = ((size_t)data[at] << 8) | data[at + 1];
            at += 2;
        }
        if (length > size - at)
            length = size - at;
        events[count].from_program = flags >> 7;
        events[count].bytes = data + at;
        events[count].length = length;
        count++;
        at += length;
    }
    return count;
}

static void check_printable(const char *text, size_t limit)
{
    size_t length = strlen(text);
    if (length > limit)
        abort();
    for (; *text; text++)
        if (*text < 0x20 || *text > 0x7e)
            abort();
}

static void fuzz_dialogue(enum mail_protocol mail, const struct event *events, size_t count)
{
    static struct relay_starttls dialogue;
    enum relay_starttls_step step = RELAY_STARTTLS_NEED_MORE;
    unsigned char *greeting;
    size_t e, length;
    relay_starttls_init(&dialogue, mail);
    for (e = 0; e < count && step != RELAY_STARTTLS_FAILED && step != RELAY_STARTTLS_START_TLS; e++) {
        if (events[e].from_program)
            continue;
        step = relay_starttls_feed(&dialogue, events[e].bytes, events[e].length);
        switch (step) {
        case RELAY_STARTTLS_SEND:
            if (!dialogue.send || dialogue.send_length < 3 || dialogue.send_length > 32 ||
                memcmp(dialogue.send + dialogue.send_length - 2, "\r\n", 2) != 0)
                abort();
            break;
        case RELAY_STARTTLS_NEED_MORE:
        case RELAY_STARTTLS_START_TLS:
            if (dialogue.send)
                abort();
            break;
        case RELAY_STARTTLS_FAILED:
            if (dialogue.failure == RELAY_STARTTLS_NO_FAILURE)
                abort();
            break;
        default:
            abort();
        }
    }
    check_printable(dialogue.failure_line, RELAY_FAILURE_LINE_MAX);
    check_printable(relay_starttls_failure_text(dialogue.failure), 200);
    if (dialogue.greeting_length > RELAY_GREETING_MAX)
        abort();
    /* Exactly the room the header asks for, so that ASan sees a byte more. */
    greeting = malloc(RELAY_GREETING_MAX);
    if (!greeting)
        return;
    length = relay_starttls_greeting(&dialogue, greeting);
    if (length > RELAY_GREETING_MAX || (mail != MAIL_IMAP && length != dialogue.greeting_length))
        abort();
    free(greeting);
    if (step == RELAY_STARTTLS_START_TLS &&
        (relay_starttls_feed(&dialogue, (const unsigned char *)"x", 1) != RELAY_STARTTLS_FAILED ||
         dialogue.failure != RELAY_STARTTLS_INJECTION))
        abort();
}

struct streams {
    unsigned char *program;
    size_t program_length;
    unsigned char *server;
    size_t server_length;
};

static void append(unsigned char *stream, size_t *stream_length, const unsigned char *bytes, size_t length)
{
    if (length > STREAM_MAX - *stream_length)
        abort();    /* far more out than in: a bound is wrong */
    memcpy(stream + *stream_length, bytes, length);
    *stream_length += length;
}

/* exact: buffers of exactly the room promised, so that ASan sees any byte beyond (slower);
 * otherwise the filter's own check of its room must catch it. */
static void feed(struct relay_filter *filter, const struct event *event, size_t from, size_t length, int exact,
                 struct streams *streams)
{
    static unsigned char shared_out[RELAY_FILTER_OUTPUT_SIZE(1u << 16)], shared_answer[RELAY_FILTER_ANSWER_SIZE];
    size_t capacity = RELAY_FILTER_OUTPUT_SIZE(length), written, answered;
    unsigned char *out = exact ? malloc(capacity) : shared_out;
    unsigned char *answer = exact ? malloc(RELAY_FILTER_ANSWER_SIZE) : shared_answer;
    if (!out || !answer || capacity > sizeof(shared_out))
        abort();
    if (event->from_program) {
        if (relay_filter_from_program(filter, event->bytes + from, length, out, capacity, &written, answer,
                                      RELAY_FILTER_ANSWER_SIZE, &answered) != 0 ||
            written > capacity || answered > RELAY_FILTER_ANSWER_SIZE)
            abort();
        append(streams->server, &streams->server_length, out, written);
        append(streams->program, &streams->program_length, answer, answered);
    } else {
        if (relay_filter_from_server(filter, event->bytes + from, length, out, capacity, &written) != 0 ||
            written > capacity)
            abort();
        append(streams->program, &streams->program_length, out, written);
    }
    if (exact) {
        free(out);
        free(answer);
    }
}

/* cut_seed 0: each event whole; otherwise cut into chunks of pseudo-random sizes. */
static void play(enum mail_protocol mail, enum tls_mode mode, const struct event *events, size_t count,
                 unsigned cut_seed, struct streams *streams)
{
    static struct relay_filter filter;
    unsigned state = cut_seed * 2654435761u + 1;
    size_t e, at;
    relay_filter_init(&filter, mail, mode);
    streams->program_length = 0;
    streams->server_length = 0;
    for (e = 0; e < count; e++) {
        for (at = 0; at < events[e].length || (at == 0 && events[e].length == 0);) {
            size_t chunk = events[e].length - at;
            if (cut_seed) {
                state = state * 1103515245u + 12345u;
                /* Mostly small pieces, single bytes among them, now and then a large one. */
                size_t piece = (state >> 16) % 8 == 0 ? 1 + (state >> 8) % 512 : 1 + (state >> 20) % 5;
                if (piece < chunk)
                    chunk = piece;
            }
            feed(&filter, &events[e], at, chunk, cut_seed == 0, streams);
            at += chunk;
            if (chunk == 0)
                break;
        }
    }
}

static void fuzz_filters(enum mail_protocol mail, enum tls_mode mode, const struct event *events, size_t count,
                         unsigned cut_seed)
{
    static unsigned char *buffers[4];
    struct streams whole, cut;
    int i;
    for (i = 0; i < 4; i++)
        if (!buffers[i] && !(buffers[i] = malloc(STREAM_MAX)))
            abort();
    whole.program = buffers[0];
    whole.server = buffers[1];
    cut.program = buffers[2];
    cut.server = buffers[3];
    play(mail, mode, events, count, 0, &whole);
    play(mail, mode, events, count, cut_seed | 1, &cut);
    if (whole.program_length != cut.program_length || whole.server_length != cut.server_length ||
        memcmp(whole.program, cut.program, whole.program_length) != 0 ||
        memcmp(whole.server, cut.server, whole.server_length) != 0)
        abort();
}

static void fuzz_error_reply(enum mail_protocol mail, const struct event *event)
{
    char reason[512], reply[RELAY_ERROR_REPLY_MAX];
    size_t length = event->length < sizeof(reason) - 1 ? event->length : sizeof(reason) - 1, written, i;
    memcpy(reason, event->bytes, length);
    reason[length] = '\0';
    written = relay_error_reply(mail, reason, reply, sizeof(reply));
    if (mail == MAIL_NONE) {
        if (written != 0)
            abort();
        return;
    }
    if (written < 4 || written != strlen(reply) || memcmp(reply + written - 2, "\r\n", 2) != 0)
        abort();
    for (i = 0; i + 2 < written; i++)
        if (reply[i] < 0x20 || reply[i] > 0x7e)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum mail_protocol protocols[] = { MAIL_SMTP, MAIL_POP3, MAIL_IMAP, MAIL_NONE };
    static struct event events[EVENTS_MAX];
    enum mail_protocol mail;
    enum tls_mode mode;
    size_t count;
    if (size < 2)
        return 0;
    mail = protocols[data[0] & 3];
    mode = data[0] & 4 ? TLS_STARTTLS : TLS_IMPLICIT;
    count = read_events(data + 2, size - 2, events);
    fuzz_dialogue(mail, events, count);
    fuzz_filters(mail, mode, events, count, data[1]);
    if (count > 0)
        fuzz_error_reply(mail, &events[0]);
    return 0;
}
