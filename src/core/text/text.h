/* Small text helpers shared by the core: ASCII case folding and a growable UTF-8 buffer.
 * Everything inside the program is UTF-8; conversion to UTF-16 happens only in src/win32. */
#ifndef TLSSWITCH_TEXT_H
#define TLSSWITCH_TEXT_H

#include <stdarg.h>
#include <stddef.h>

/* ASCII-only case-insensitive comparison: switch names, protocol names and registry
 * key names are ASCII, and a locale-dependent comparison would be wrong for them. */
int text_equal_nocase(const char *a, const char *b);
int text_equal_nocase_n(const char *a, const char *b, size_t n);
char text_ascii_lower(char c);

/* The value of a hex digit (either case), or -1. */
int text_hex_digit(char c);
/* A TCP port written in decimal, digits only: 1 to 65535, or 0 when it is not one. */
unsigned text_port(const char *text, size_t length);
/* strcmp without ASCII case: negative, 0 or positive. */
int text_compare_nocase(const char *a, const char *b);
/* A malloc'd copy, or NULL when out of memory. */
char *text_duplicate(const char *text);

/* printf for this program, the same on every C library: XP's msvcrt has no C99
 * vsnprintf (it returns -1 when the text does not fit and may leave it unterminated),
 * and MinGW's replacement for it costs about 27 KB. It knows what the program uses:
 * %d %i %u %x %X %c %s %%, the flags - and 0, a width and a precision (numbers or *),
 * and the length l. Anything else is copied as it stands. It writes at most size - 1
 * bytes, always terminates when size > 0, and returns the length the whole text needs. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int text_format(char *out, size_t size, const char *format, ...);
int text_vformat(char *out, size_t size, const char *format, va_list args);

/* Ends `text` before a UTF-8 character cut in two at its end (as text_format cuts at its
 * size, byte by byte, like the C library), so that it stays valid UTF-8. */
void text_utf8_drop_cut(char *text);

/* Registry DWORDs are 4 little-endian bytes. */
void le32_store(unsigned char bytes[4], unsigned long value);
unsigned long le32_load(const unsigned char bytes[4]);

/* A growable, always NUL-terminated buffer. On allocation failure `failed` is set and
 * further appends do nothing, so callers check once at the end. */
struct strbuf {
    char *data;
    size_t length;
    size_t capacity;
    int failed;
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_append(struct strbuf *sb, const char *text);
void strbuf_append_n(struct strbuf *sb, const char *text, size_t n);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void strbuf_printf(struct strbuf *sb, const char *format, ...);
void strbuf_vprintf(struct strbuf *sb, const char *format, va_list args);
/* Empties the buffer but keeps its memory. */
void strbuf_clear(struct strbuf *sb);

/* Appends `text` padded with spaces to `columns` display columns, counting a
 * character outside ASCII (Japanese) as two columns, as a console shows it. */
void strbuf_append_padded(struct strbuf *sb, const char *text, unsigned columns);
unsigned text_display_width(const char *utf8);


/* The code point of the UTF-8 character at text[*at], which *at then passes. Returns 0, or
 * -1 when the bytes there are not one: a bad or missing byte, an overlong form, a UTF-16
 * surrogate or a code point past Unicode. */
int text_utf8_next(const unsigned char *text, size_t length, size_t *at, unsigned long *code);

/* `code` (a code point, at most U+10FFFF) as UTF-8 in out: the bytes written, 1 to 4. */
size_t text_utf8_put(char out[4], unsigned long code);

/* UTF-16LE bytes (no BOM) to UTF-8, appended to out. Returns 0, or -1 on an unpaired
 * surrogate, an odd byte count or a NUL character. */
int text_utf16le_to_utf8(const unsigned char *bytes, size_t size, struct strbuf *out);

/* UTF-8 to UTF-16LE bytes, appended to out (which then holds binary data; use
 * out->length). Returns 0, or -1 on invalid UTF-8. */
int text_utf8_to_utf16le(const char *text, size_t length, struct strbuf *out);

#endif
