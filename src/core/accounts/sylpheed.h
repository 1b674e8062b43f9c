/* Sylpheed keeps its accounts in accountrc, one "[Account: N]" block of key=value lines
 * each, in UTF-8 (libsylph/prefs_account.c and prefs.c). A portable copy finds that file
 * through sylpheed.ini beside sylpheed.exe. Both readers are here; docs/platform.md has
 * the facts and their sources. */
#ifndef TLSSWITCH_SYLPHEED_H
#define TLSSWITCH_SYLPHEED_H

#include <stddef.h>

#include "account_text.h"
#include "mail_account.h"

/* At most this many accounts are read from one accountrc; more make it damaged. */
#define SYLPHEED_ACCOUNTS_MAX 256

/* Reads accountrc and adds each account with a POP3 or IMAP server, or an SMTP server,
 * to `out` (news and local-folder accounts have no mail server to test). A block repeated
 * under the same label counts once, as Sylpheed reads the first block of each label. A
 * block that is not in Sylpheed's format (a value not valid UTF-8, a port out of range, an
 * ssl_* value other than 0, 1 or 2) is left out and makes the result ACCOUNT_READ_DAMAGED;
 * the other blocks are still read. Keys containing "pass" (password, smtp_password,
 * proxy_pass) are never read. */
enum account_read_result sylpheed_read(const unsigned char *bytes, size_t size, struct account_list *out);

/* Reads sylpheed.ini (beside sylpheed.exe), which is in the system's ANSI code page, and
 * gives its [Sylpheed] configdir as UTF-8 in `out`: a path relative to the folder of
 * sylpheed.exe, or absolute, as written; the caller resolves it. Returns 1 when it names
 * one, 0 when it names none (Sylpheed then uses %APPDATA%\Sylpheed), -1 when the file is
 * damaged (too large, a line too long, bytes not valid in the code page, or a path that
 * does not fit in `size`). */
int sylpheed_ini_config_dir(const unsigned char *bytes, size_t size, account_decode_fn decode, void *decode_context,
                            char *out, size_t out_size);

#endif
