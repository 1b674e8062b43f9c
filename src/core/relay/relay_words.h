/* Small byte-level helpers the relay's protocol code shares: words compared without ASCII
 * case (mail keywords are case-insensitive), the capability words the mail program must
 * not see, and a server's line made safe to show in a log or a reply. */
#ifndef TLSSWITCH_RELAY_WORDS_H
#define TLSSWITCH_RELAY_WORDS_H

#include <stddef.h>

#include "../mail/target.h"

/* 1 when the `length` bytes at `word` are `name`, without ASCII case. */
int relay_word_is(const unsigned char *word, size_t length, const char *name);

/* 1 when `text` (length bytes) starts with `name` without ASCII case, followed by a space or
 * by the end of `text`. */
int relay_starts_with_word(const unsigned char *text, size_t length, const char *name);

/* 1 when text and `start` agree, without ASCII case, as far as the shorter of them goes:
 * `text` is, or may still become, a text that starts with `start`. */
int relay_agrees_with(const unsigned char *text, size_t length, const char *start);

/* The index of the first space, CR or LF in text[from..length), or length. */
size_t relay_word_end(const unsigned char *text, size_t from, size_t length);

/* The longest word relay_capability_hidden can hide. */
#define RELAY_HIDDEN_WORD_MAX 16

/* 1 when a capability word (an IMAP capability, a POP3 CAPA keyword, an SMTP EHLO keyword)
 * must be removed before the mail program sees it. */
int relay_capability_hidden(enum mail_protocol mail, const unsigned char *word, size_t length);

/* Copies `length` bytes to `out` (size bytes, always terminated) as printable ASCII: the line
 * end is left off, any other byte outside 0x20..0x7E becomes '?', and the text is cut at
 * size - 1. For a server's line in a log or in words to the user. */
void relay_printable_copy(char *out, size_t size, const unsigned char *bytes, size_t length);

#endif
