/* The upstream STARTTLS dialogue, line by line: POP3 greeting, STLS, +OK; IMAP greeting,
 * TS1 STARTTLS, TS1 OK; SMTP 220 greeting, EHLO, 250 with STARTTLS, STARTTLS, 220. */
#include "relay_starttls.h"
#include "relay_words.h"

#include <string.h>

enum phase { PHASE_GREETING, PHASE_EHLO, PHASE_ANSWER, PHASE_DONE };

static const char pop3_stls[] = "STLS\r\n";
static const char imap_starttls[] = RELAY_STARTTLS_IMAP_TAG " STARTTLS\r\n";
/* The relay's own name for itself: the provider sees the connection come from the PC's
 * address anyway, and an address literal needs no name the relay does not have. */
static const char smtp_ehlo[] = "EHLO [127.0.0.1]\r\n";
static const char smtp_starttls[] = "STARTTLS\r\n";

void relay_starttls_init(struct relay_starttls *dialogue, enum mail_protocol mail)
{
    memset(dialogue, 0, sizeof(*dialogue));
    dialogue->mail = mail;
    dialogue->phase = PHASE_GREETING;
    dialogue->step = RELAY_STARTTLS_NEED_MORE;
    if (mail != MAIL_SMTP && mail != MAIL_POP3 && mail != MAIL_IMAP) {
        dialogue->step = RELAY_STARTTLS_FAILED;
        dialogue->failure = RELAY_STARTTLS_NOT_MAIL;
    }
}

static enum relay_starttls_step fail(struct relay_starttls *dialogue, enum relay_starttls_failure failure,
                                     const unsigned char *bytes, size_t length)
{
    dialogue->failure = failure;
    dialogue->step = RELAY_STARTTLS_FAILED;
    dialogue->send = NULL;
    dialogue->send_length = 0;
    relay_printable_copy(dialogue->failure_line, sizeof(dialogue->failure_line), bytes, length);
    return RELAY_STARTTLS_FAILED;
}

static enum relay_starttls_step send_command(struct relay_starttls *dialogue, const char *command, size_t length,
                                             int next_phase)
{
    dialogue->send = command;
    dialogue->send_length = length;
    dialogue->phase = next_phase;
    dialogue->reply_lines = 0;
    return RELAY_STARTTLS_SEND;
}

static enum relay_starttls_step keep_greeting_line(struct relay_starttls *dialogue)
{
    if (dialogue->line_length > RELAY_GREETING_MAX - dialogue->greeting_length)
        return fail(dialogue, RELAY_STARTTLS_GREETING_TOO_LONG, dialogue->line, dialogue->line_length);
    memcpy(dialogue->greeting + dialogue->greeting_length, dialogue->line, dialogue->line_length);
    dialogue->greeting_length += dialogue->line_length;
    return RELAY_STARTTLS_NEED_MORE;
}

/* The line's text without its CR LF. */
static size_t text_length(const unsigned char *line, size_t length)
{
    if (length > 0 && line[length - 1] == '\n')
        length--;
    if (length > 0 && line[length - 1] == '\r')
        length--;
    return length;
}

static int starts_with(const unsigned char *text, size_t length, const char *start)
{
    size_t n = strlen(start);
    return length >= n && relay_word_is(text, n, start);
}

static enum relay_starttls_step pop3_line(struct relay_starttls *dialogue, size_t length)
{
    const unsigned char *text = dialogue->line;
    int positive = starts_with(text, length, "+OK"), negative = starts_with(text, length, "-ERR");
    if (dialogue->phase == PHASE_GREETING) {
        if (negative)
            return fail(dialogue, RELAY_STARTTLS_GREETING_REFUSED, text, length);
        if (!positive)
            return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
        if (keep_greeting_line(dialogue) == RELAY_STARTTLS_FAILED)
            return RELAY_STARTTLS_FAILED;
        return send_command(dialogue, pop3_stls, sizeof(pop3_stls) - 1, PHASE_ANSWER);
    }
    if (negative)
        return fail(dialogue, RELAY_STARTTLS_REFUSED, text, length);
    if (!positive)
        return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
    dialogue->phase = PHASE_DONE;
    return RELAY_STARTTLS_START_TLS;
}

/* `unsent`: the relay's STARTTLS is not on its way yet (these bytes came with the greeting). */
static enum relay_starttls_step imap_line(struct relay_starttls *dialogue, size_t length, int unsent)
{
    const unsigned char *text = dialogue->line;
    static const char tag[] = RELAY_STARTTLS_IMAP_TAG " ";
    if (dialogue->phase == PHASE_GREETING) {
        if (starts_with(text, length, "* ") && relay_starts_with_word(text + 2, length - 2, "OK")) {
            if (keep_greeting_line(dialogue) == RELAY_STARTTLS_FAILED)
                return RELAY_STARTTLS_FAILED;
            return send_command(dialogue, imap_starttls, sizeof(imap_starttls) - 1, PHASE_ANSWER);
        }
        if (starts_with(text, length, "* ") && relay_starts_with_word(text + 2, length - 2, "PREAUTH"))
            return fail(dialogue, RELAY_STARTTLS_PREAUTH, text, length);
        if (starts_with(text, length, "* ") && relay_starts_with_word(text + 2, length - 2, "BYE"))
            return fail(dialogue, RELAY_STARTTLS_GREETING_REFUSED, text, length);
        return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
    }
    if (starts_with(text, length, "* ")) {
        if (relay_starts_with_word(text + 2, length - 2, "BYE"))
            return fail(dialogue, RELAY_STARTTLS_REFUSED, text, length);
        return RELAY_STARTTLS_NEED_MORE;    /* untagged data before the answer */
    }
    if (!starts_with(text, length, tag))
        return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
    if (unsent)
        return fail(dialogue, RELAY_STARTTLS_OUT_OF_TURN, text, length);
    text += sizeof(tag) - 1;
    length -= sizeof(tag) - 1;
    if (relay_starts_with_word(text, length, "OK")) {
        dialogue->phase = PHASE_DONE;
        return RELAY_STARTTLS_START_TLS;
    }
    if (relay_starts_with_word(text, length, "NO") || relay_starts_with_word(text, length, "BAD"))
        return fail(dialogue, RELAY_STARTTLS_REFUSED, dialogue->line, length + sizeof(tag) - 1);
    return fail(dialogue, RELAY_STARTTLS_MALFORMED, dialogue->line, length + sizeof(tag) - 1);
}

static int digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static enum relay_starttls_step smtp_line(struct relay_starttls *dialogue, size_t length)
{
    const unsigned char *text = dialogue->line;
    int code, final;
    if (length < 3 || !digit(text[0]) || !digit(text[1]) || !digit(text[2]) ||
        (length > 3 && text[3] != ' ' && text[3] != '-'))
        return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
    code = (text[0] - '0') * 100 + (text[1] - '0') * 10 + (text[2] - '0');
    final = length == 3 || text[3] == ' ';
    if (dialogue->reply_lines++ == 0)
        dialogue->reply_code = code;
    else if (code != dialogue->reply_code)
        return fail(dialogue, RELAY_STARTTLS_MALFORMED, text, length);
    switch (dialogue->phase) {
    case PHASE_GREETING:
        if (code != 220)
            return fail(dialogue, RELAY_STARTTLS_GREETING_REFUSED, text, length);
        if (keep_greeting_line(dialogue) == RELAY_STARTTLS_FAILED)
            return RELAY_STARTTLS_FAILED;
        if (!final)
            return RELAY_STARTTLS_NEED_MORE;
        return send_command(dialogue, smtp_ehlo, sizeof(smtp_ehlo) - 1, PHASE_EHLO);
    case PHASE_EHLO:
        if (code != 250)
            return fail(dialogue, RELAY_STARTTLS_EHLO_REFUSED, text, length);
        /* The first line names the server; keywords follow, one a line. */
        if (dialogue->reply_lines > 1 && length > 4 &&
            relay_word_is(text + 4, relay_word_end(text, 4, length) - 4, "STARTTLS"))
            dialogue->starttls_offered = 1;
        if (!final)
            return RELAY_STARTTLS_NEED_MORE;
        if (!dialogue->starttls_offered)
            return fail(dialogue, RELAY_STARTTLS_NOT_OFFERED, text, length);
        return send_command(dialogue, smtp_starttls, sizeof(smtp_starttls) - 1, PHASE_ANSWER);
    default:
        if (code != 220)
            return fail(dialogue, RELAY_STARTTLS_REFUSED, text, length);
        if (!final)
            return RELAY_STARTTLS_NEED_MORE;
        dialogue->phase = PHASE_DONE;
        return RELAY_STARTTLS_START_TLS;
    }
}

static enum relay_starttls_step handle_line(struct relay_starttls *dialogue, int unsent)
{
    size_t length = text_length(dialogue->line, dialogue->line_length);
    switch (dialogue->mail) {
    case MAIL_POP3:
        return pop3_line(dialogue, length);
    case MAIL_IMAP:
        return imap_line(dialogue, length, unsent);
    case MAIL_SMTP:
        return smtp_line(dialogue, length);
    case MAIL_NONE:
        break;
    }
    return fail(dialogue, RELAY_STARTTLS_NOT_MAIL, NULL, 0);
}

enum relay_starttls_step relay_starttls_feed(struct relay_starttls *dialogue, const unsigned char *data, size_t size)
{
    enum relay_starttls_step result = RELAY_STARTTLS_NEED_MORE;
    size_t limit = dialogue->mail == MAIL_SMTP ? RELAY_STARTTLS_SMTP_LINE_MAX : RELAY_STARTTLS_LINE_MAX;
    int unsent = 0;
    size_t at;
    if (dialogue->step == RELAY_STARTTLS_FAILED)
        return RELAY_STARTTLS_FAILED;
    if (dialogue->step == RELAY_STARTTLS_START_TLS)
        return size == 0 ? RELAY_STARTTLS_START_TLS : fail(dialogue, RELAY_STARTTLS_INJECTION, data, size);
    dialogue->send = NULL;
    dialogue->send_length = 0;
    for (at = 0; at < size; at++) {
        enum relay_starttls_step step;
        /* Bytes after the STARTTLS answer would be read as the first bytes of TLS, or, once
         * TLS is up, as if they had come over it (CVE-2011-0411 and its kin). */
        if (dialogue->phase == PHASE_DONE)
            return fail(dialogue, RELAY_STARTTLS_INJECTION, data + at, size - at);
        /* A POP3 or SMTP server says nothing until asked; IMAP may add untagged lines. */
        if (unsent && dialogue->mail != MAIL_IMAP)
            return fail(dialogue, RELAY_STARTTLS_OUT_OF_TURN, data + at, size - at);
        if (data[at] == 0)
            return fail(dialogue, RELAY_STARTTLS_NUL_BYTE, dialogue->line, dialogue->line_length);
        if (dialogue->line_length == limit)
            return fail(dialogue, RELAY_STARTTLS_LINE_TOO_LONG, dialogue->line, dialogue->line_length);
        dialogue->line[dialogue->line_length++] = data[at];
        if (data[at] != '\n')
            continue;
        if (++dialogue->lines > RELAY_STARTTLS_LINES_MAX)
            return fail(dialogue, RELAY_STARTTLS_TOO_MANY_LINES, dialogue->line, dialogue->line_length);
        step = handle_line(dialogue, unsent);
        dialogue->line_length = 0;
        if (step == RELAY_STARTTLS_FAILED)
            return RELAY_STARTTLS_FAILED;
        if (step == RELAY_STARTTLS_SEND)
            unsent = 1;
        if (step != RELAY_STARTTLS_NEED_MORE)
            result = step;
    }
    dialogue->step = result;
    return result;
}

size_t relay_starttls_greeting(const struct relay_starttls *dialogue, unsigned char *out)
{
    const unsigned char *greeting = dialogue->greeting;
    size_t length = dialogue->greeting_length, text, code, close, rest, used;
    static const char ready[] = "ready";
    if (dialogue->mail != MAIL_IMAP || length < 5) {
        memcpy(out, greeting, length);
        return length;
    }
    /* "* OK [CAPABILITY ...] text": the response code comes first after "* OK ". */
    text = text_length(greeting, length);
    code = 5;
    if (!(greeting[4] == ' ' && text >= code + 12 && relay_word_is(greeting + code, 11, "[CAPABILITY") &&
          (greeting[code + 11] == ' ' || greeting[code + 11] == ']'))) {
        memcpy(out, greeting, length);
        return length;
    }
    for (close = code; close < text && greeting[close] != ']'; close++)
        ;
    rest = close < text ? close + 1 : text;
    if (rest < text && greeting[rest] == ' ')
        rest++;
    memcpy(out, greeting, code);
    used = code;
    if (rest < text) {
        memcpy(out + used, greeting + rest, text - rest);
        used += text - rest;
    } else {
        /* resp-text needs some text after the code. */
        memcpy(out + used, ready, sizeof(ready) - 1);
        used += sizeof(ready) - 1;
    }
    memcpy(out + used, greeting + text, length - text);
    return used + length - text;
}

const char *relay_starttls_failure_text(enum relay_starttls_failure failure)
{
    switch (failure) {
    case RELAY_STARTTLS_NO_FAILURE:
        return "no failure";
    case RELAY_STARTTLS_GREETING_REFUSED:
        return "the server refused the connection in its greeting";
    case RELAY_STARTTLS_PREAUTH:
        return "the IMAP server logged in before TLS (PREAUTH), so STARTTLS cannot follow";
    case RELAY_STARTTLS_EHLO_REFUSED:
        return "the server refused EHLO";
    case RELAY_STARTTLS_NOT_OFFERED:
        return "the server does not offer STARTTLS";
    case RELAY_STARTTLS_REFUSED:
        return "the server refused STARTTLS";
    case RELAY_STARTTLS_INJECTION:
        return "the server sent data after its answer to STARTTLS, before TLS (an injection)";
    case RELAY_STARTTLS_OUT_OF_TURN:
        return "the server sent data out of turn";
    case RELAY_STARTTLS_LINE_TOO_LONG:
        return "the server sent a line that is too long";
    case RELAY_STARTTLS_TOO_MANY_LINES:
        return "the server sent too many lines";
    case RELAY_STARTTLS_GREETING_TOO_LONG:
        return "the server's greeting is too long";
    case RELAY_STARTTLS_NUL_BYTE:
        return "the server sent a NUL byte";
    case RELAY_STARTTLS_MALFORMED:
        return "the server's answer is not one of this mail protocol";
    case RELAY_STARTTLS_NOT_MAIL:
        return "not a mail protocol";
    }
    return "unknown failure";
}
