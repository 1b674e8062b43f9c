/* The limits, line reader and value checks shared by the account file readers. */
#include "account_text.h"

#include <string.h>

void account_line_reader_init(struct account_line_reader *reader, const unsigned char *bytes, size_t size)
{
    reader->bytes = bytes;
    reader->size = size;
    reader->offset = 0;
}

int account_next_line(struct account_line_reader *reader, const unsigned char **line, size_t *length)
{
    size_t start = reader->offset, end = start;
    if (start >= reader->size)
        return 0;
    while (end < reader->size && reader->bytes[end] != '\n' && reader->bytes[end] != '\r') {
        if (end - start >= ACCOUNT_LINE_MAX) {
            reader->offset = reader->size;
            return -1;
        }
        end++;
    }
    *line = reader->bytes + start;
    *length = end - start;
    if (end < reader->size) {
        if (reader->bytes[end] == '\r' && end + 1 < reader->size && reader->bytes[end + 1] == '\n')
            end += 2;
        else
            end += 1;
    }
    reader->offset = end;
    return 1;
}

int account_text_is_clean(const unsigned char *text, size_t length)
{
    size_t at = 0;
    while (at < length) {
        unsigned long code;
        if (text_utf8_next(text, length, &at, &code) != 0 || code < 0x20 || (code >= 0x7F && code <= 0x9F))
            return 0;
    }
    return 1;
}

int account_copy_name(char *out, size_t size, const unsigned char *text, size_t length)
{
    if (!account_text_is_clean(text, length))
        return -1;
    if (length >= size)
        length = size - 1;
    memcpy(out, text, length);
    out[length] = '\0';
    text_utf8_drop_cut(out);
    return 0;
}

int account_copy_host(char *out, size_t size, const unsigned char *text, size_t length)
{
    if (length >= size || !account_text_is_clean(text, length))
        return -1;
    memcpy(out, text, length);
    out[length] = '\0';
    return 0;
}

void account_trim(const unsigned char **text, size_t *length)
{
    while (*length > 0 && (**text == ' ' || **text == '\t')) {
        (*text)++;
        (*length)--;
    }
    while (*length > 0 && ((*text)[*length - 1] == ' ' || (*text)[*length - 1] == '\t'))
        (*length)--;
}
