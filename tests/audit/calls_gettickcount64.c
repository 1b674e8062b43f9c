/* A deliberately XP-incompatible program: the audit test expects xp-audit.sh to reject it. */
#define _WIN32_WINNT 0x0600
#include <windows.h>

int main(void)
{
    return (int)(GetTickCount64() & 1);
}
