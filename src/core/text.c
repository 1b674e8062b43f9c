/* Text helpers: ASCII case folding, a growable buffer and display-width padding. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char text_ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

int text_equal_nocase_n(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (text_ascii_lower(a[i]) != text_ascii_lower(b[i]))
            return 0;
        if (a[i] == '\0')
            return 1;
    }
    return 1;
}

int text_equal_nocase(const char *a, const char *b)
{
    size_t la = strlen(a);
    return la == strlen(b) && text_equal_nocase_n(a, b, la);
}

void strbuf_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->length = 0;
    sb->capacity = 0;
    sb->failed = 0;
}

void strbuf_free(struct strbuf *sb)
{
    free(sb->data);
    strbuf_init(sb);
}

void strbuf_clear(struct strbuf *sb)
{
    sb->length = 0;
    if (sb->data)
        sb->data[0] = '\0';
}

static int strbuf_reserve(struct strbuf *sb, size_t extra)
{
    size_t needed, capacity;
    char *grown;
    if (sb->failed)
        return 0;
    if (extra > (size_t)-1 / 2 - sb->length) {
        sb->failed = 1;
        return 0;
    }
    needed = sb->length + extra + 1;
    if (needed <= sb->capacity)
        return 1;
    capacity = sb->capacity ? sb->capacity : 256;
    while (capacity < needed)
        capacity *= 2;
    grown = realloc(sb->data, capacity);
    if (!grown) {
        sb->failed = 1;
        return 0;
    }
    sb->data = grown;
    sb->capacity = capacity;
    return 1;
}

void strbuf_append_n(struct strbuf *sb, const char *text, size_t n)
{
    if (!strbuf_reserve(sb, n))
        return;
    memcpy(sb->data + sb->length, text, n);
    sb->length += n;
    sb->data[sb->length] = '\0';
}

void strbuf_append(struct strbuf *sb, const char *text)
{
    strbuf_append_n(sb, text, strlen(text));
}

void strbuf_vprintf(struct strbuf *sb, const char *format, va_list args)
{
    va_list copy;
    int n;
    va_copy(copy, args);
    n = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (n < 0) {
        sb->failed = 1;
        return;
    }
    if (!strbuf_reserve(sb, (size_t)n))
        return;
    vsnprintf(sb->data + sb->length, (size_t)n + 1, format, args);
    sb->length += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    strbuf_vprintf(sb, format, args);
    va_end(args);
}

unsigned text_display_width(const char *utf8)
{
    unsigned width = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    for (; *p; p++) {
        if (*p < 0x80)
            width += 1;
        else if ((*p & 0xC0) != 0x80)   /* lead byte of a multi-byte character */
            width += 2;
    }
    return width;
}

void strbuf_append_padded(struct strbuf *sb, const char *text, unsigned columns)
{
    unsigned width = text_display_width(text);
    strbuf_append(sb, text);
    while (width++ < columns)
        strbuf_append_n(sb, " ", 1);
}
