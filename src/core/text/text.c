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

int text_compare_nocase(const char *a, const char *b)
{
    for (;; a++, b++) {
        char ca = text_ascii_lower(*a), cb = text_ascii_lower(*b);
        if (ca != cb)
            return (unsigned char)ca < (unsigned char)cb ? -1 : 1;
        if (!ca)
            return 0;
    }
}

char *text_duplicate(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (copy)
        memcpy(copy, text, n);
    return copy;
}

void le32_store(unsigned char bytes[4], unsigned long value)
{
    bytes[0] = (unsigned char)(value & 0xff);
    bytes[1] = (unsigned char)((value >> 8) & 0xff);
    bytes[2] = (unsigned char)((value >> 16) & 0xff);
    bytes[3] = (unsigned char)((value >> 24) & 0xff);
}

unsigned long le32_load(const unsigned char bytes[4])
{
    return (unsigned long)bytes[0] | ((unsigned long)bytes[1] << 8) | ((unsigned long)bytes[2] << 16) |
           ((unsigned long)bytes[3] << 24);
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

/* Output into a bounded buffer that counts what it could not take. */
struct format_sink {
    char *out;
    size_t size;
    size_t length;   /* what the whole text needs */
};

static void sink_put(struct format_sink *sink, char c)
{
    if (sink->length + 1 < sink->size)
        sink->out[sink->length] = c;
    sink->length++;
}

static void sink_repeat(struct format_sink *sink, char c, size_t count)
{
    while (count-- > 0)
        sink_put(sink, c);
}

/* One converted field: `body` (length), padded to `width` on the left or the right. */
static void sink_field(struct format_sink *sink, const char *sign_text, const char *body, size_t length,
                       size_t zeros, size_t width, int left)
{
    size_t sign = sign_text ? strlen(sign_text) : 0;
    size_t total = sign + zeros + length;
    if (!left && total < width)
        sink_repeat(sink, ' ', width - total);
    while (sign-- > 0)
        sink_put(sink, *sign_text++);
    sink_repeat(sink, '0', zeros);
    while (length-- > 0)
        sink_put(sink, *body++);
    if (left && total < width)
        sink_repeat(sink, ' ', width - total);
}

int text_vformat(char *out, size_t size, const char *format, va_list args)
{
    struct format_sink sink = { out, size, 0 };
    const char *p = format;

    while (*p) {
        const char *start = p;
        int left = 0, zero = 0, is_long = 0, have_precision = 0;
        size_t width = 0, precision = 0;
        if (*p != '%') {
            sink_put(&sink, *p++);
            continue;
        }
        p++;
        for (;; p++) {
            if (*p == '-')
                left = 1;
            else if (*p == '0')
                zero = 1;
            else
                break;
        }
        if (*p == '*') {
            int value = va_arg(args, int);
            if (value < 0) {
                left = 1;
                value = -value;
            }
            width = (size_t)value;
            p++;
        } else {
            while (*p >= '0' && *p <= '9')
                width = width * 10 + (size_t)(*p++ - '0');
        }
        if (*p == '.') {
            have_precision = 1;
            p++;
            if (*p == '*') {
                int value = va_arg(args, int);
                have_precision = value >= 0;
                precision = value >= 0 ? (size_t)value : 0;
                p++;
            } else {
                while (*p >= '0' && *p <= '9')
                    precision = precision * 10 + (size_t)(*p++ - '0');
            }
        }
        if (*p == 'l') {
            is_long = 1;
            p++;
        }
        switch (*p) {
        case 's': {
            const char *text = va_arg(args, const char *);
            size_t length = 0;
            if (!text)
                text = "(null)";
            while (text[length] && (!have_precision || length < precision))
                length++;
            sink_field(&sink, NULL, text, length, 0, width, left);
            break;
        }
        case 'c': {
            char c = (char)va_arg(args, int);
            sink_field(&sink, NULL, &c, 1, 0, width, left);
            break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X': {
            char digits[24];
            const char *set = *p == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            unsigned base = (*p == 'x' || *p == 'X') ? 16u : 10u;
            unsigned long magnitude;
            const char *sign = NULL;
            size_t count = 0, zeros = 0, i;
            if (*p == 'd' || *p == 'i') {
                long value = is_long ? va_arg(args, long) : (long)va_arg(args, int);
                magnitude = value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
                if (value < 0)
                    sign = "-";
            } else {
                magnitude = is_long ? va_arg(args, unsigned long) : (unsigned long)va_arg(args, unsigned int);
            }
            do {
                digits[count++] = set[magnitude % base];
                magnitude /= base;
            } while (magnitude > 0);
            for (i = 0; i < count / 2; i++) {   /* most significant first */
                char t = digits[i];
                digits[i] = digits[count - 1 - i];
                digits[count - 1 - i] = t;
            }
            if (have_precision && precision > count)
                zeros = precision - count;
            else if (zero && !left && !have_precision && width > count + (sign ? 1 : 0))
                zeros = width - count - (sign ? 1 : 0);
            sink_field(&sink, sign, digits, count, zeros, width, left);
            break;
        }
        case '%':
            sink_put(&sink, '%');
            break;
        default:
            /* Not ours: copy it as it stands (and stop at the end of the format). */
            while (start < p)
                sink_put(&sink, *start++);
            if (*p)
                sink_put(&sink, *p);
            else
                p--;
            break;
        }
        p++;
    }
    if (size > 0)
        out[sink.length < size ? sink.length : size - 1] = '\0';
    return (int)sink.length;
}

void text_utf8_drop_cut(char *text)
{
    size_t length = strlen(text), lead = length, need;
    unsigned char first;
    while (lead > 0 && length - lead < 4 && ((unsigned char)text[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return;
    first = (unsigned char)text[lead - 1];
    if (first < 0xC0)
        return;   /* ASCII, or continuation bytes without a lead: not a cut */
    need = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    if (length - (lead - 1) < need)
        text[lead - 1] = '\0';
}

int text_format(char *out, size_t size, const char *format, ...)
{
    va_list args;
    int length;
    va_start(args, format);
    length = text_vformat(out, size, format, args);
    va_end(args);
    return length;
}

void strbuf_vprintf(struct strbuf *sb, const char *format, va_list args)
{
    va_list copy;
    int n;
    va_copy(copy, args);
    n = text_vformat(NULL, 0, format, copy);
    va_end(copy);
    if (n < 0) {
        sb->failed = 1;
        return;
    }
    if (!strbuf_reserve(sb, (size_t)n))
        return;
    text_vformat(sb->data + sb->length, (size_t)n + 1, format, args);
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

size_t text_utf8_put(char out[4], unsigned long code)
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    if (code < 0x10000) {
        out[0] = (char)(0xE0 | (code >> 12));
        out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        out[2] = (char)(0x80 | (code & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (code >> 18));
    out[1] = (char)(0x80 | ((code >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[3] = (char)(0x80 | (code & 0x3F));
    return 4;
}

static void append_utf8(struct strbuf *out, unsigned long code)
{
    char bytes[4];
    strbuf_append_n(out, bytes, text_utf8_put(bytes, code));
}

int text_utf16le_to_utf8(const unsigned char *bytes, size_t size, struct strbuf *out)
{
    size_t i;
    if (size % 2)
        return -1;
    for (i = 0; i < size; i += 2) {
        unsigned long unit = (unsigned long)bytes[i] | ((unsigned long)bytes[i + 1] << 8);
        if (unit == 0)
            return -1;
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            unsigned long low;
            if (i + 3 >= size)
                return -1;
            low = (unsigned long)bytes[i + 2] | ((unsigned long)bytes[i + 3] << 8);
            if (low < 0xDC00 || low > 0xDFFF)
                return -1;
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            i += 2;
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            return -1;
        }
        append_utf8(out, unit);
    }
    return 0;
}

static void append_utf16_unit(struct strbuf *out, unsigned long unit)
{
    char bytes[2];
    bytes[0] = (char)(unit & 0xFF);
    bytes[1] = (char)((unit >> 8) & 0xFF);
    strbuf_append_n(out, bytes, 2);
}

int text_utf8_next(const unsigned char *text, size_t length, size_t *at, unsigned long *code)
{
    size_t i = *at, extra, k;
    unsigned char lead = text[i];
    unsigned long value, smallest;
    if (lead < 0x80) {
        *code = lead;
        *at = i + 1;
        return 0;
    }
    if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        value = lead & 0x1Fu;
        smallest = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        value = lead & 0x0Fu;
        smallest = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        value = lead & 0x07u;
        smallest = 0x10000;
    } else {
        return -1;
    }
    if (length - i <= extra)
        return -1;
    for (k = 1; k <= extra; k++) {
        if ((text[i + k] & 0xC0) != 0x80)
            return -1;
        value = (value << 6) | (text[i + k] & 0x3Fu);
    }
    if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return -1;
    *code = value;
    *at = i + extra + 1;
    return 0;
}

int text_utf8_to_utf16le(const char *text, size_t length, struct strbuf *out)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t at = 0;
    while (at < length) {
        unsigned long code;
        if (text_utf8_next(bytes, length, &at, &code) != 0)
            return -1;
        if (code >= 0x10000) {
            code -= 0x10000;
            append_utf16_unit(out, 0xD800 + (code >> 10));
            append_utf16_unit(out, 0xDC00 + (code & 0x3FF));
        } else {
            append_utf16_unit(out, code);
        }
    }
    return 0;
}

unsigned text_port(const char *text, size_t length)
{
    unsigned long value = 0;
    size_t i;
    if (length == 0 || length > 5)
        return 0;
    for (i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
        value = value * 10 + (unsigned long)(text[i] - '0');
    }
    return value <= 65535 ? (unsigned)value : 0;
}

int text_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
