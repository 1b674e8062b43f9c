/* Thunderbird's accounts: profiles.ini names the profiles, each profile's prefs.js holds
 * the incoming servers (mail.server.serverN.*, socketType 0 none, 1 STARTTLS if offered,
 * 2 STARTTLS, 3 SSL) and the outgoing ones (mail.smtpserver.smtpN.*, try_ssl the same);
 * an absent port is the default. Both readers take the file's bytes as they are, of any
 * size and content, and never read a preference whose name may hold a password. */
#ifndef TLSSWITCH_THUNDERBIRD_H
#define TLSSWITCH_THUNDERBIRD_H

#include "mail_account.h"

#include <stddef.h>

#define THUNDERBIRD_MAX_PROFILES 16

struct thunderbird_profile {
    char path[260];      /* as profiles.ini has it, '/' or '\\' */
    int relative;        /* IsRelative=1: below the folder of profiles.ini */
};

/* The profiles profiles.ini lists, at most THUNDERBIRD_MAX_PROFILES, into `out`; returns
 * how many, or -1 when the text is not a profiles.ini (no [Profile...] section with a
 * Path). */
int thunderbird_profiles(const char *text, size_t length, struct thunderbird_profile *out);

/* Adds the POP3 and IMAP accounts of one prefs.js, each with its outgoing server.
 * ACCOUNT_READ_DAMAGED when the file is not what Thunderbird writes (the accounts read
 * so far are kept). */
enum account_read_result thunderbird_read_prefs(const char *text, size_t length, struct account_list *out);

#endif
