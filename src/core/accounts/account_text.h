/* What the readers of account files share: their size limits, a bounded line reader, the
 * checks a value passes before it goes into a record, and the callback that turns a
 * program's legacy code page (Shift-JIS for Becky!) into UTF-8. The core has no code-page
 * tables: the Win32 layer decodes with MultiByteToWideChar, the tests with iconv. */
#ifndef TLSSWITCH_ACCOUNT_TEXT_H
#define TLSSWITCH_ACCOUNT_TEXT_H

#include <stddef.h>

#include "../text/text.h"

/* A settings file larger than this is not one a mail program wrote: it is refused whole. */
#define ACCOUNT_FILE_MAX (1024u * 1024u)
/* A longer line is refused (the store is noted as damaged); nothing a reader needs is longer. */
#define ACCOUNT_LINE_MAX (64u * 1024u)

/* Appends the UTF-8 form of `bytes` (in the program's code page) to `utf8`. Returns 0, or
 * -1 when they are not valid in that code page. */
typedef int (*account_decode_fn)(void *context, const unsigned char *bytes, size_t size, struct strbuf *utf8);

struct account_line_reader {
    const unsigned char *bytes;
    size_t size;
    size_t offset;
};

void account_line_reader_init(struct account_line_reader *reader, const unsigned char *bytes, size_t size);

/* The next line without its end (LF, CR LF or a lone CR). 1: a line; 0: no more lines;
 * -1: a line longer than ACCOUNT_LINE_MAX (the reader then stays at the end). */
int account_next_line(struct account_line_reader *reader, const unsigned char **line, size_t *length);

/* Whether `text` is valid UTF-8 (shortest forms, no surrogates) without control
 * characters: what may go into a record's name or host. */
int account_text_is_clean(const unsigned char *text, size_t length);

/* Copies a value into a record field of `size` bytes. A name may be cut (at a whole
 * character); a host may not, since a cut host is another host. Returns 0, or -1 when the
 * value is not clean text or is a host too long. */
int account_copy_name(char *out, size_t size, const unsigned char *text, size_t length);
int account_copy_host(char *out, size_t size, const unsigned char *text, size_t length);


/* `text` without the spaces and tabs at either end. */
void account_trim(const unsigned char **text, size_t *length);

#endif
