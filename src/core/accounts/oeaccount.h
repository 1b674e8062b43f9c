/* Windows Mail (Vista) and Windows Live Mail 2009-2012 keep each account in its own
 * .oeaccount file under the Store Root: a small flat XML document, <MessageAccount> with one
 * element per setting that differs from its default (Microsoft, "Handling for Account
 * Data"; docs/platform.md has the facts and their sources). This reads one such file. */
#ifndef TLSSWITCH_OEACCOUNT_H
#define TLSSWITCH_OEACCOUNT_H

#include <stddef.h>

#include "mail_account.h"

/* Reads one .oeaccount file (UTF-16LE or UTF-8, with or without a byte order mark) and
 * adds its mail account to `out`, marked as `program` (PROGRAM_WINDOWS_MAIL or
 * PROGRAM_WINDOWS_LIVE_MAIL: the Store Root it came from says which). A news or directory
 * account (no POP3, IMAP or SMTP server) adds nothing and is ACCOUNT_READ_OK. A file that
 * is larger than ACCOUNT_FILE_MAX, truncated, not this XML, or holds a value out of range
 * adds nothing and gives ACCOUNT_READ_DAMAGED. No element whose name contains "pass" is
 * ever decoded. */
enum account_read_result oeaccount_read(const unsigned char *bytes, size_t size, enum account_program program,
                                        struct account_list *out);

#endif
