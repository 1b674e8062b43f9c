/* Names of the Windows error and SSPI status codes TLS Switch can meet, so messages
 * show "ERROR_ACCESS_DENIED (5)" rather than a bare number. */
#ifndef TLSSWITCH_ERRNAMES_H
#define TLSSWITCH_ERRNAMES_H

#include <stddef.h>

/* The symbolic name of `code`, or NULL when it is not in the table. */
const char *windows_error_name(unsigned long code);

/* "ERROR_ACCESS_DENIED (5)", "SEC_E_ILLEGAL_MESSAGE (0x80090326)", or the number alone
 * when the name is unknown: Win32 errors are known by decimal numbers, SSPI and COM codes
 * by hexadecimal ones. The one way every message shows a Windows code. */
void windows_error_code(unsigned long code, char *out, size_t out_size);

#endif
