/* Windows error codes as text for messages: name, number and the system's own words. */
#ifndef TLSSWITCH_ERRORS_H
#define TLSSWITCH_ERRORS_H

#include <stddef.h>

/* Writes "ERROR_ACCESS_DENIED (5): Access is denied." (UTF-8) into out. */
void windows_error_text(unsigned long code, char *out, size_t out_size);

#endif
