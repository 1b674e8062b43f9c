/* Names of the Windows error and SSPI status codes TLS Switch can meet, so messages
 * show "ERROR_ACCESS_DENIED (5)" rather than a bare number. */
#ifndef TLSSWITCH_ERRNAMES_H
#define TLSSWITCH_ERRNAMES_H

/* The symbolic name of `code`, or NULL when it is not in the table. */
const char *windows_error_name(unsigned long code);

#endif
