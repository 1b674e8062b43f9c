/* Becky! Internet Mail 2 keeps one mailbox per account in its data folder (DataDir):
 * Folder.lst lists the mailbox folders, one name a line, and each mailbox's Mailbox.ini
 * holds the account in its [Account] section, both in Shift-JIS (Thunderbird's Becky!
 * importer, nsBeckyMail.cpp, nsBeckyUtils.cpp, nsBeckySettings.cpp; docs/platform.md). */
#ifndef TLSSWITCH_BECKY_H
#define TLSSWITCH_BECKY_H

#include <stddef.h>

#include "account_text.h"
#include "mail_account.h"

/* At most this many mailboxes are read from one Folder.lst; more make it damaged. */
#define BECKY_MAILBOXES_MAX 256

/* Appends the bytes of DataDir\<folder>\Mailbox.ini to `contents`; reading more than
 * ACCOUNT_FILE_MAX bytes is pointless (the reader refuses such a file). `folder` is UTF-8
 * and one plain name: becky_read passes no empty name, none with "\", "/" or ":", and
 * not "." or "..". Returns 1 when read, 0 when there is no such file, -1 when it could
 * not be read. */
typedef int (*becky_read_mailbox_fn)(void *context, const char *folder, struct strbuf *contents);

/* Reads Folder.lst (its bytes in `folder_list`), then the Mailbox.ini of each mailbox it
 * names through `read_mailbox`, each mailbox once however often it is named, and adds
 * each account to `out`. `decode` turns Shift-JIS (code page 932) into UTF-8. A listed
 * mailbox without Mailbox.ini is passed over. ACCOUNT_READ_DAMAGED when Folder.lst or a
 * Mailbox.ini is damaged (too large, a line too long, a name that would leave the data
 * folder, more than BECKY_MAILBOXES_MAX mailboxes, a setting not in Becky!'s format or
 * not Shift-JIS); the accounts of the sound mailboxes are still added. */
enum account_read_result becky_read(const unsigned char *folder_list, size_t size, account_decode_fn decode,
                                    void *decode_context, becky_read_mailbox_fn read_mailbox, void *read_context,
                                    struct account_list *out);

/* Reads one Mailbox.ini and adds its account to `out` (nothing when it names no server).
 * ACCOUNT_READ_DAMAGED, adding nothing, when a setting this reads is not valid Shift-JIS
 * or not in Becky!'s format. Keys containing "pass" (PassWd ...) are never decoded. */
enum account_read_result becky_mailbox_read(const unsigned char *bytes, size_t size, account_decode_fn decode,
                                            void *decode_context, struct account_list *out);

#endif
