/* Internationalised domain names (メール.例え.テスト) in the ASCII form DNS, certificates
 * and SNI use (xn--4dkua4c.xn--r8jz45g.xn--zckzah): RFC 5891's conversion of each label
 * with RFC 3492's Punycode. XP has no IdnToAscii (it came with Vista, or the "Microsoft
 * Internationalized Domain Names Mitigation APIs" download), so the core does it. */
#ifndef TLSSWITCH_IDNA_H
#define TLSSWITCH_IDNA_H

#include <stddef.h>
#include <stdint.h>

/* RFC 3492 6.3: the Punycode of `count` code points (basic ones copied as they are, then
 * the deltas). Writes at most `size` - 1 characters and a NUL. Returns the length, or -1
 * when it does not fit, a code point is not one, or the numbers overflow. */
int punycode_encode(const uint32_t *code_points, size_t count, char *out, size_t size);

/* A host name typed by a user (UTF-8, `length` bytes) in its ASCII form: each label that
 * is not ASCII becomes "xn--" and its Punycode. The label separators of RFC 3490 3.1 are
 * read as dots (。．｡), full-width ASCII as ASCII, and ASCII letters as lower case (the
 * width and case mapping of RFC 5895). A label is refused, as RFC 5891 4.2 says, when it
 * starts with a combining mark, starts or ends with a hyphen, has "--" in its third and
 * fourth places, holds a control, a space, a private-use or non-character code point, or
 * ASCII other than letters, digits and hyphens, or is longer than 63 in its ASCII form. Unicode normalisation (NFC) and the full tables of RFC 5892 are not applied:
 * names typed with an input method are already in that form. A name that is ASCII already
 * is copied as it is. Returns the length written (with a NUL), or -1. */
int idna_to_ascii(const char *name, size_t length, char *out, size_t size);

/* Whether `text` holds a byte outside ASCII. */
int idna_has_non_ascii(const char *text, size_t length);

#endif
