/* What the account readers of the core may use of Windows (struct account_system): the
 * current user's registry and the machine's, read only, the Application Data folders, whole files within a
 * size limit, a bounded listing of one folder and the expansion of a REG_EXPAND_SZ. */
#ifndef TLSSWITCH_ACCOUNT_SYSTEM_H
#define TLSSWITCH_ACCOUNT_SYSTEM_H

#include "../core/accounts/account_sources.h"

/* `user` must live as long as the system is used. */
void account_system_win32(struct account_system *system, struct regstore *user);

#endif
