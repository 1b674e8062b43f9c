/* Whether this process has an administrator's rights: a change refused although it has
 * them is refused by a key's own permissions, which no other account would get past. */
#ifndef TLSSWITCH_ACCOUNT_H
#define TLSSWITCH_ACCOUNT_H

/* 1 when the process token holds the Administrators group, enabled (an elevated
 * administrator on Vista and 7, any administrator or SYSTEM on XP); else 0. */
int account_is_administrator(void);

#endif
