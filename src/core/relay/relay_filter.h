/* The relay's filters once its TLS with the provider is up, one per connection, both ways:
 * the server's bytes (decrypted) to the mail program, and the program's bytes to the server.
 * They remove STARTTLS, STLS and LOGINDISABLED (and what else relay_words.c names) from
 * every capability answer the program sees, answer a program's own STARTTLS/STLS themselves,
 * and leave everything else, above all message contents, byte for byte as it came. For this
 * they follow each protocol's commands and answers: POP3 multi-line answers, SMTP DATA
 * bodies, IMAP literals. Input comes in chunks of any size; the output does not depend on
 * where the chunks are cut. No allocation: the caller gives the output buffers. */
#ifndef TLSSWITCH_RELAY_FILTER_H
#define TLSSWITCH_RELAY_FILTER_H

#include <stddef.h>

#include "../mail/target.h"
#include "relay_reply.h"

/* Output room the caller gives: from_server writes at most its input size plus
 * RELAY_FILTER_OUTPUT_EXTRA bytes (bytes held back from earlier input, the relay's own
 * answers), from_program at most that many to the server and RELAY_FILTER_ANSWER_SIZE bytes
 * of answers to the program. Buffers of RELAY_FILTER_OUTPUT_SIZE(the largest read) and
 * RELAY_FILTER_ANSWER_SIZE, sized once, are always enough. */
#define RELAY_FILTER_OUTPUT_EXTRA 4096
#define RELAY_FILTER_OUTPUT_SIZE(input_size) ((input_size) + RELAY_FILTER_OUTPUT_EXTRA)
#define RELAY_FILTER_ANSWER_SIZE 1024

/* Internal bounds. The prefix of a line held to know what it is; the end of a line kept to
 * find an IMAP literal; one capability word; one SMTP EHLO line held whole (its limit in RFC
 * 5321, with CRLF); the commands awaiting an answer, as runs of one kind; the STARTTLS
 * commands the relay answers itself (more go to the server, which refuses them too). */
#define RELAY_FILTER_HOLD 128
#define RELAY_FILTER_TAIL 32
#define RELAY_FILTER_WORD 32
#define RELAY_FILTER_SMTP_LINE 1000
#define RELAY_FILTER_PENDING 32
#define RELAY_FILTER_REFUSALS 4

/* One direction's reading position: the start of a line (bytes held until the line is
 * known), the rest of a line (passed, dropped or filtered), or counted raw bytes. Internal. */
struct relay_line_reader {
    unsigned char state;
    unsigned char action;
    unsigned char line_kind;
    unsigned char fresh;    /* nothing read since the last line end */
    size_t hold_length;
    size_t tail_length;
    unsigned long long raw_left;
    unsigned char hold[RELAY_FILTER_HOLD];
    unsigned char tail[RELAY_FILTER_TAIL];
};

struct relay_pending_run {
    unsigned char kind;
    unsigned long count;
};

/* All fields are internal; the caller only allocates it (about 3.5 KB). */
struct relay_filter {
    enum mail_protocol mail;
    int passthrough;           /* the commands could no longer be followed: pass all as it is */
    int overflowed;            /* an output bound was wrong: a defect, reported as an error */
    unsigned refusals_left;
    struct relay_line_reader server;
    struct relay_line_reader program;

    /* The server's current response: begun (some of it read) and not ended. */
    int server_mid_response;
    unsigned char server_kind;    /* the command it answers, or none */

    /* POP3 and SMTP: the program's commands whose answers have not ended, oldest first. */
    struct relay_pending_run pending[RELAY_FILTER_PENDING];
    unsigned pending_first;
    unsigned pending_runs;
    int sasl_line_expected;    /* the server asked for the next AUTH line */

    int pop3_in_body;
    int pop3_body_is_capa;

    int smtp_reply_open;
    int smtp_first_line;
    int smtp_line_final;
    int smtp_ehlo_reply;
    int smtp_reply_code;
    int smtp_body;             /* the program sends a DATA body */
    int smtp_kept_valid;
    int smtp_line_overflow;
    unsigned long long smtp_bdat_size;
    size_t smtp_kept_length;
    size_t smtp_line_length;
    unsigned char smtp_kept[RELAY_FILTER_SMTP_LINE];
    unsigned char smtp_line[RELAY_FILTER_SMTP_LINE];

    int imap_words_until_bracket;
    int imap_word_state;
    size_t imap_word_length;
    unsigned char imap_word[RELAY_FILTER_WORD];
    int imap_literal_waiting;  /* the program's literal waits for the server's "+" */
    size_t imap_literal_tag_length;
    size_t imap_line_tag_length;
    unsigned imap_queued;
    unsigned char imap_literal_tag[RELAY_TAG_MAX];
    unsigned char imap_line_tag[RELAY_TAG_MAX];
    size_t imap_queued_tag_length[RELAY_FILTER_REFUSALS];
    unsigned char imap_queued_tag[RELAY_FILTER_REFUSALS][RELAY_TAG_MAX];
};

/* mode: TLS_IMPLICIT when the server's greeting comes through the filter (995, 993, 465);
 * TLS_STARTTLS when the relay gave the greeting itself (relay_starttls_greeting). */
void relay_filter_init(struct relay_filter *filter, enum mail_protocol mail, enum tls_mode mode);

/* The server's bytes (decrypted), to the mail program. Writes *written bytes to to_program.
 * Returns 0, or -1 when `capacity` is below RELAY_FILTER_OUTPUT_SIZE(size) (nothing is read,
 * nothing written) or, which would be a defect, a bound was broken (close the connection). */
int relay_filter_from_server(struct relay_filter *filter, const unsigned char *in, size_t size,
                             unsigned char *to_program, size_t capacity, size_t *written);

/* The mail program's bytes, to the server (*to_server_written bytes), and the relay's own
 * answers to the program (*to_program_written bytes, to be sent to the program before
 * anything from_server writes later). Returns 0, or -1 as from_server does (server_capacity
 * below RELAY_FILTER_OUTPUT_SIZE(size), program_capacity below RELAY_FILTER_ANSWER_SIZE). */
int relay_filter_from_program(struct relay_filter *filter, const unsigned char *in, size_t size,
                              unsigned char *to_server, size_t server_capacity, size_t *to_server_written,
                              unsigned char *to_program, size_t program_capacity, size_t *to_program_written);

#endif
