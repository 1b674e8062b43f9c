/* The Administrators check, with CheckTokenMembership (Windows 2000 and later). */
#include "account.h"
#include "platform.h"

int account_is_administrator(void)
{
    SID_IDENTIFIER_AUTHORITY nt_authority = { SECURITY_NT_AUTHORITY };
    PSID administrators;
    BOOL member = FALSE;
    if (!AllocateAndInitializeSid(&nt_authority, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0, 0, 0, 0,
                                  0, 0, &administrators))
        return 0;
    /* A filtered token of UAC holds the group for deny only: not a member here. */
    if (!CheckTokenMembership(NULL, administrators, &member))
        member = FALSE;
    FreeSid(administrators);
    return member != FALSE;
}
