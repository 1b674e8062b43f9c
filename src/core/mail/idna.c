/* Host names to their ASCII form (see idna.h). The Punycode is RFC 3492's algorithm
 * (section 6.3) with its parameters (section 5); the label rules are RFC 5891's. */
#include "idna.h"

#include <string.h>

enum {
    PUNY_BASE = 36, PUNY_TMIN = 1, PUNY_TMAX = 26, PUNY_SKEW = 38, PUNY_DAMP = 700,
    PUNY_INITIAL_BIAS = 72, PUNY_INITIAL_N = 0x80
};

#define MAX_CODE_POINT 0x10FFFFu
#define MAX_LABEL 63
#define MAX_LABEL_CODE_POINTS 63   /* a label of more cannot fit in 63 ASCII characters */

/* RFC 3492 6.1: the bias after each delta. */
static uint32_t adapt(uint32_t delta, uint32_t points, int first)
{
    uint32_t k = 0;
    delta = first ? delta / PUNY_DAMP : delta / 2;
    delta += delta / points;
    while (delta > ((PUNY_BASE - PUNY_TMIN) * PUNY_TMAX) / 2) {
        delta /= PUNY_BASE - PUNY_TMIN;
        k += PUNY_BASE;
    }
    return k + (PUNY_BASE - PUNY_TMIN + 1) * delta / (delta + PUNY_SKEW);
}

static char digit(uint32_t value)
{
    return (char)(value < 26 ? 'a' + value : '0' + (value - 26));
}

int punycode_encode(const uint32_t *code_points, size_t count, char *out, size_t size)
{
    uint32_t n = PUNY_INITIAL_N, delta = 0, bias = PUNY_INITIAL_BIAS, handled, basic;
    size_t length = 0, i;

#define EMIT(c)                     \
    do {                            \
        if (length + 1 >= size)     \
            return -1;              \
        out[length++] = (c);        \
    } while (0)

    if (size == 0 || count > 0xFFFFu)
        return -1;
    for (i = 0; i < count; i++) {
        if (code_points[i] > MAX_CODE_POINT)
            return -1;
        if (code_points[i] < 0x80)
            EMIT((char)code_points[i]);
    }
    handled = basic = (uint32_t)length;
    if (basic > 0)
        EMIT('-');
    while (handled < count) {
        uint32_t m = MAX_CODE_POINT + 1;
        for (i = 0; i < count; i++)
            if (code_points[i] >= n && code_points[i] < m)
                m = code_points[i];
        if (m - n > (0xFFFFFFFFu - delta) / (handled + 1))
            return -1;   /* the delta would overflow */
        delta += (m - n) * (handled + 1);
        n = m;
        for (i = 0; i < count; i++) {
            if (code_points[i] < n && ++delta == 0)
                return -1;
            if (code_points[i] == n) {
                uint32_t q = delta, k;
                for (k = PUNY_BASE;; k += PUNY_BASE) {
                    uint32_t t = k <= bias ? PUNY_TMIN : k >= bias + PUNY_TMAX ? PUNY_TMAX : k - bias;
                    if (q < t)
                        break;
                    EMIT(digit(t + (q - t) % (PUNY_BASE - t)));
                    q = (q - t) / (PUNY_BASE - t);
                }
                EMIT(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled++;
            }
        }
        delta++;
        n++;
    }
    out[length] = '\0';
    return (int)length;
#undef EMIT
}

int idna_has_non_ascii(const char *text, size_t length)
{
    size_t i;
    for (i = 0; i < length; i++)
        if ((unsigned char)text[i] >= 0x80)
            return 1;
    return 0;
}

/* The next code point of strict UTF-8 (no overlong forms, no surrogates); -1 when the
 * bytes are not UTF-8. */
static long next_code_point(const unsigned char *text, size_t length, size_t *at)
{
    unsigned char first = text[*at];
    size_t extra, i;
    uint32_t value, minimum;
    if (first < 0x80) {
        (*at)++;
        return first;
    }
    if (first >= 0xC2 && first <= 0xDF) {
        extra = 1;
        value = first & 0x1F;
        minimum = 0x80;
    } else if (first >= 0xE0 && first <= 0xEF) {
        extra = 2;
        value = first & 0x0F;
        minimum = 0x800;
    } else if (first >= 0xF0 && first <= 0xF4) {
        extra = 3;
        value = first & 0x07;
        minimum = 0x10000;
    } else {
        return -1;
    }
    if (length - *at <= extra)
        return -1;
    for (i = 1; i <= extra; i++) {
        if ((text[*at + i] & 0xC0) != 0x80)
            return -1;
        value = value << 6 | (text[*at + i] & 0x3F);
    }
    if (value < minimum || value > MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF))
        return -1;
    *at += extra + 1;
    return (long)value;
}

/* RFC 5895's width and case mapping, the part a Japanese keyboard needs: full-width ASCII
 * (U+FF01 to U+FF5E) as ASCII, and ASCII letters in lower case. */
static uint32_t mapped(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFF01 - 0x21;
    if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    return c;
}

/* The full stop and the dots RFC 3490 3.1 reads as one: 。 ． ｡ */
static int is_dot(uint32_t c)
{
    return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61;
}

/* Code points no host name label can hold (RFC 5892's DISALLOWED, the part that needs no
 * table): controls, spaces, private use, non-characters, and ASCII other than LDH. */
static int disallowed(uint32_t c)
{
    if (c < 0x80)
        return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    return (c >= 0x80 && c <= 0xA0) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || (c >= 0xE000 && c <= 0xF8FF) ||
           (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE || c >= 0xF0000;
}

/* Combining marks a label must not start with (RFC 5891 4.2.3.2), the common blocks:
 * combining diacritics, and the combining kana voiced sound marks. */
static int combining(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x3099 || c == 0x309A;
}

/* One label of code points, appended to out in its ASCII form. Returns the new length,
 * or -1. */
static int append_label(const uint32_t *label, size_t count, char *out, size_t used, size_t size)
{
    size_t i;
    int ascii = 1, written;
    if (count == 0)
        return -1;
    for (i = 0; i < count; i++)
        if (label[i] >= 0x80)
            ascii = 0;
    if (ascii) {
        if (used + count + 1 > size)
            return -1;
        for (i = 0; i < count; i++)
            out[used + i] = (char)label[i];
        out[used + count] = '\0';
        return (int)(used + count);
    }
    for (i = 0; i < count; i++)
        if (disallowed(label[i]))
            return -1;
    if (label[0] == '-' || label[count - 1] == '-' || (count >= 4 && label[2] == '-' && label[3] == '-') ||
        combining(label[0]))
        return -1;
    if (used + 4 + 1 > size)
        return -1;
    memcpy(out + used, "xn--", 4);
    written = punycode_encode(label, count, out + used + 4, size - used - 4);
    if (written < 0 || 4 + (size_t)written > MAX_LABEL)
        return -1;
    return (int)(used + 4 + (size_t)written);
}

int idna_to_ascii(const char *name, size_t length, char *out, size_t size)
{
    const unsigned char *text = (const unsigned char *)name;
    uint32_t label[MAX_LABEL_CODE_POINTS];
    size_t at = 0, count = 0, used = 0;

    if (size == 0)
        return -1;
    out[0] = '\0';
    if (!idna_has_non_ascii(name, length)) {
        if (length + 1 > size)
            return -1;
        memcpy(out, name, length);
        out[length] = '\0';
        return (int)length;
    }
    for (;;) {
        int at_end = at >= length;
        long c = at_end ? '.' : next_code_point(text, length, &at);
        if (c < 0)
            return -1;
        if (at_end || is_dot((uint32_t)c)) {
            int written;
            if (count == 0) {
                /* A trailing dot (the root) stays as it was typed; an empty label is no name. */
                if (at_end && used > 0 && out[used - 1] == '.')
                    break;
                return -1;
            }
            written = append_label(label, count, out, used, size);
            if (written < 0)
                return -1;
            used = (size_t)written;
            count = 0;
            if (at_end)
                break;
            if (used + 2 > size)
                return -1;
            out[used++] = '.';
            out[used] = '\0';
            continue;
        }
        if (count == MAX_LABEL_CODE_POINTS)
            return -1;
        label[count++] = mapped((uint32_t)c);
    }
    if (used > 253)
        return -1;
    return (int)used;
}
