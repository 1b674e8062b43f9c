/* Outlook Express 6's accounts, from the registry of the current user (HKEY_CURRENT_USER):
 * every identity's Identities\{id}\Software\Microsoft\Internet Account Manager\Accounts,
 * or, when no identity has one, Software\Microsoft\Internet Account Manager\Accounts. */
#ifndef TLSSWITCH_OUTLOOK_EXPRESS_H
#define TLSSWITCH_OUTLOOK_EXPRESS_H

#include "../registry/regstore.h"
#include "mail_account.h"

/* Whether the store exists for this user (some Accounts key is there). */
int outlook_express_present(const struct regstore *user);

/* Adds every mail account (one with a POP3, IMAP or SMTP server) to `out`. A value of the
 * wrong type leaves that value out and makes the result ACCOUNT_READ_DAMAGED; the other
 * values and accounts are still read. */
enum account_read_result outlook_express_read(const struct regstore *user, struct account_list *out);

#endif
