/* What the filter's common part (relay_filter.c) and its three protocols (relay_filter_pop3.c,
 * relay_filter_smtp.c, relay_filter_imap.c) share. Not for the filter's callers.
 *
 * Each direction is read line by line by one reader (relay_filter.c). At a line's start its
 * bytes are held and the protocol's `decide` is asked after each one what the line is; once
 * it knows (at the latest at the line's end or when the hold is full) it chooses what happens
 * to the rest: pass, drop, or the protocol's own `stream` (capability words). `line_end`
 * comes after each line's LF, `raw_end` after counted raw bytes (IMAP literals, BDAT). Since
 * a decision depends only on the bytes before it, the output does not depend on how the input
 * was cut into chunks. */
#ifndef TLSSWITCH_RELAY_FILTER_PARTS_H
#define TLSSWITCH_RELAY_FILTER_PARTS_H

#include "relay_filter.h"

enum { READER_HOLD, READER_STREAM, READER_RAW };
enum { ACTION_PASS, ACTION_DROP, ACTION_STREAM };

/* An IMAP capability word being read (relay_filter_imap.c). */
enum { WORD_NONE, WORD_HELD, WORD_LONG };

/* What a line is, as `decide` found it, for `line_end`. */
enum {
    LINE_NORMAL,
    LINE_REFUSE,          /* a STARTTLS the relay answers itself */
    LINE_SASL,            /* a line of an AUTH exchange, no command */
    LINE_TERMINATOR,      /* the lone dot ending a POP3 answer or an SMTP body */
    LINE_BDAT,            /* SMTP BDAT: counted raw bytes follow */
    LINE_POSITIVE,        /* POP3 +OK */
    LINE_CONTINUATION     /* POP3 "+ " */
};

/* The commands awaiting an answer (POP3, SMTP). */
enum {
    KIND_NONE,
    KIND_SINGLE,          /* a one-line (POP3) or ordinary (SMTP) answer */
    KIND_MULTI,           /* POP3: multi-line after +OK */
    KIND_CAPA,            /* POP3 CAPA: multi-line, filtered */
    KIND_AUTH,            /* AUTH with a mechanism: "+ " / 334 asks for one more line */
    KIND_EHLO,            /* SMTP EHLO: the answer is filtered */
    KIND_DATA,            /* SMTP DATA: 354 starts the body */
    KIND_LOCAL            /* the relay's own STARTTLS refusal, in its place in the order */
};

struct relay_sink {
    unsigned char *data;
    size_t length;
    size_t capacity;
    int *overflowed;
};

void relay_sink_put(struct relay_sink *sink, const void *bytes, size_t count);

struct relay_rules {
    /* -1: hold one more byte (only when !final); otherwise reader->action is set and the
     * return value is how many held bytes go out as they are before the rest meets the
     * action. `final`: the last held byte is the LF, or the hold is full. `back` is where the
     * relay's own answers to the program go (the same sink as `forward` from the server). */
    int (*decide)(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                  struct relay_sink *back, int final);
    void (*stream)(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                   const unsigned char *bytes, size_t count);
    /* The reader is set for a new line (READER_HOLD) before, and may be set otherwise. */
    void (*line_end)(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                     struct relay_sink *back);
    /* The reader is set to stream the rest of the line (ACTION_PASS) before. */
    void (*raw_end)(struct relay_filter *filter, struct relay_line_reader *reader);
};

extern const struct relay_rules relay_pop3_server_rules, relay_pop3_program_rules;
extern const struct relay_rules relay_smtp_server_rules, relay_smtp_program_rules;
extern const struct relay_rules relay_imap_server_rules, relay_imap_program_rules;

/* `stream` for a line whose rest passes as it came. */
void relay_stream_pass(struct relay_filter *filter, struct relay_line_reader *reader, struct relay_sink *forward,
                       const unsigned char *bytes, size_t count);

/* `raw_end`s: after counted raw bytes a new line starts (SMTP BDAT; POP3 has no raw bytes),
 * or the line they were announced in goes on (IMAP literals). */
void relay_raw_end_new_line(struct relay_filter *filter, struct relay_line_reader *reader);
void relay_raw_end_same_line(struct relay_filter *filter, struct relay_line_reader *reader);

/* decide's usual answer: the whole line passes. */
int relay_decide_pass(struct relay_line_reader *reader);

/* 1 when the held line is a lone dot (".\r\n" or ".\n"), 0 when it is not, -1 when more
 * bytes are needed to tell. */
int relay_dot_line(const unsigned char *hold, size_t length, int final);

/* The end of an IMAP literal announcement ("{123}" or "{123+}") at the end of a line's tail. */
int relay_tail_literal(const unsigned char *tail, size_t length, unsigned long long *size, int *non_synchronizing);

/* Commands awaiting answers (POP3, SMTP). pending_push returns -1 when there is no room; the
 * filter then passes everything as it is. */
int relay_pending_push(struct relay_filter *filter, unsigned char kind);
unsigned char relay_pending_front(const struct relay_filter *filter);
void relay_pending_pop(struct relay_filter *filter);

/* POP3 and SMTP: the server's next response starts (bound to the oldest command) or ends
 * (pop: that command is answered); the relay's own refusals that are next in line go out. */
void relay_response_begin(struct relay_filter *filter, struct relay_sink *forward);
void relay_response_end(struct relay_filter *filter, struct relay_sink *forward, int pop);

/* The program sent a STARTTLS (STLS) that the relay answers: now, or queued after the
 * answers the program is still waiting for. */
void relay_refuse(struct relay_filter *filter, struct relay_sink *back);

#endif
