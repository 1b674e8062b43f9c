/* Outlook 2003 to 2010 and 2013 on, their POP3 and IMAP accounts, from the MAPI profiles
 * in the registry of the current user: Software\Microsoft\Windows NT\CurrentVersion\Windows
 * Messaging Subsystem\Profiles\*, and Software\Microsoft\Office\<version>\Outlook\Profiles\*;
 * in each profile the accounts are the subkeys of 9375CFF0413111d3B88A00104B2A6676.
 * Exchange and other accounts without a POP3 or IMAP server are left out. */
#ifndef TLSSWITCH_OUTLOOK_H
#define TLSSWITCH_OUTLOOK_H

#include "../registry/regstore.h"
#include "mail_account.h"

int outlook_present(const struct regstore *user);

/* As outlook_express_read: a damaged value is left out and noted in the result. */
enum account_read_result outlook_read(const struct regstore *user, struct account_list *out);

#endif
