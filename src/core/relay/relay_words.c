/* Word comparison, the hidden capability words and printable copies for the relay. */
#include "relay_words.h"

#include "../text/text.h"

int relay_word_is(const unsigned char *word, size_t length, const char *name)
{
    size_t i;
    for (i = 0; i < length; i++)
        if (name[i] == '\0' || text_ascii_lower((char)word[i]) != text_ascii_lower(name[i]))
            return 0;
    return name[length] == '\0';
}

int relay_starts_with_word(const unsigned char *text, size_t length, const char *name)
{
    size_t i;
    for (i = 0; name[i] != '\0'; i++)
        if (i >= length || text_ascii_lower((char)text[i]) != text_ascii_lower(name[i]))
            return 0;
    return i == length || text[i] == ' ';
}

int relay_agrees_with(const unsigned char *text, size_t length, const char *start)
{
    size_t i;
    for (i = 0; i < length && start[i] != '\0'; i++)
        if (text_ascii_lower((char)text[i]) != text_ascii_lower(start[i]))
            return 0;
    return 1;
}

size_t relay_word_end(const unsigned char *text, size_t from, size_t length)
{
    while (from < length && text[from] != ' ' && text[from] != '\r' && text[from] != '\n')
        from++;
    return from;
}

/* STARTTLS, STLS and LOGINDISABLED describe the plain connection between the program and
 * the relay, where the relay offers no TLS and refuses no login: a program that saw them
 * would try a STARTTLS that cannot work, or refuse to log in.
 * COMPRESS=DEFLATE (IMAP): after it both directions are compressed, and the filters, which
 * read the plain protocol, could no longer find literals and capability answers in them.
 * CHUNKING and BINARYMIME (SMTP): with them a program may send a message with BDAT, as a
 * count of raw bytes after the command, instead of DATA's lines up to a lone dot. The filter
 * reads the program's side as commands (to refuse STARTTLS, to know which answer is EHLO's)
 * except inside a body it knows the end of; without these two keywords programs use DATA,
 * whose body the filter follows from the server's 354 to the dot. (A BDAT sent anyway is
 * still passed by its count, relay_filter_smtp.c, but that rests on the program's count.)
 */
static const char *const imap_pop3_hidden[] = { "STARTTLS", "STLS", "LOGINDISABLED", "COMPRESS=DEFLATE", NULL };
static const char *const smtp_hidden[] = { "STARTTLS", "CHUNKING", "BINARYMIME", NULL };

int relay_capability_hidden(enum mail_protocol mail, const unsigned char *word, size_t length)
{
    const char *const *names = mail == MAIL_SMTP ? smtp_hidden : imap_pop3_hidden;
    if (mail == MAIL_NONE)
        return 0;
    for (; *names; names++)
        if (relay_word_is(word, length, *names))
            return 1;
    return 0;
}

void relay_printable_copy(char *out, size_t size, const unsigned char *bytes, size_t length)
{
    size_t i, used = 0;
    if (size == 0)
        return;
    while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r'))
        length--;
    for (i = 0; i < length && used + 1 < size; i++)
        out[used++] = (bytes[i] >= 0x20 && bytes[i] <= 0x7e) ? (char)bytes[i] : '?';
    out[used] = '\0';
}
