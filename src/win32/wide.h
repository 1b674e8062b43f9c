/* Conversion between the core's UTF-8 and the UTF-16 of the W APIs. */
#ifndef TLSSWITCH_WIDE_H
#define TLSSWITCH_WIDE_H

#include "platform.h"

/* Both return a malloc'd string, or NULL when out of memory or on invalid input. */
wchar_t *wide_from_utf8(const char *text);
char *utf8_from_wide(const wchar_t *text);

/* A copy with every lone LF made CRLF, as redirected output and edit controls need it. */
wchar_t *wide_with_crlf(const wchar_t *text);

#endif
