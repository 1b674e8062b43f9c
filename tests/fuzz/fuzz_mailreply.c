/* libFuzzer target: a mail server's answers, line by line, through the reader of each kind
 * (SMTP multi-line, POP3 line and list, IMAP greeting and tagged answer). The first byte
 * chooses the step; each line is cut at the reader's line size, as connection.c cuts it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mailtalk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum mail_protocol protocols[] = { MAIL_SMTP, MAIL_POP3, MAIL_IMAP };
    const struct mail_step *steps;
    struct reply_reader reader;
    enum reply_state state = REPLY_MORE;
    char line[4096];
    int count;
    size_t at = 0;
    if (size < 1)
        return 0;
    steps = mail_steps(protocols[data[0] % 3], data[0] & 4 ? TLS_STARTTLS : TLS_IMPLICIT, (data[0] >> 3) & 1,
                       &count);
    if (count == 0)
        return 0;
    reply_reader_start(&reader, &steps[(data[0] >> 4) % count]);
    data++;
    size--;
    while (at < size && state == REPLY_MORE) {
        const uint8_t *end = memchr(data + at, '\n', size - at);
        size_t length = end ? (size_t)(end - (data + at)) : size - at;
        size_t copy = length < sizeof(line) - 1 ? length : sizeof(line) - 1;
        memcpy(line, data + at, copy);
        line[copy] = '\0';
        state = reply_reader_line(&reader, line);
        at += length + 1;
    }
    if (state != REPLY_MORE && state != REPLY_GOOD && state != REPLY_BAD)
        abort();
    return 0;
}
