/* Windows error codes as text for messages: name, number and the system's own words; and
 * the one sentence that says which Windows call failed and why. */
#ifndef TLSSWITCH_ERRORS_H
#define TLSSWITCH_ERRORS_H

#include <stddef.h>

#include "../core/text/messages.h"
#include "../core/text/text.h"

/* Writes "ERROR_ACCESS_DENIED (5): Access is denied." (UTF-8) into out. */
void windows_error_text(unsigned long code, char *out, size_t out_size);

/* A step that failed and why, carried up to where it is said, so that the words name the
 * real cause rather than the last call the caller knows of. */
struct windows_failure {
    const char *call;       /* the Windows call or step that failed ("CreatePipe", "tlsswitch /probes") */
    unsigned long code;     /* ERROR_SUCCESS (0) when nothing failed */
};

/* The sentence for `failure`, ending in a line break: "Error: CreatePipe failed:
 * ERROR_... (n): text", or, when memory ran out, whichever call met it, that there is not
 * enough memory. */
void windows_failure_describe(const struct windows_failure *failure, enum language language, struct strbuf *out);

/* That sentence on the error stream. */
void windows_failure_say(const struct windows_failure *failure, enum language language);

#endif
