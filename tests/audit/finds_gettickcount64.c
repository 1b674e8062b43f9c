/* A deliberately XP-incompatible program that hides it from the import table: it finds
 * GetTickCount64 by name at run time. The audit test expects xp-audit.sh to reject it. */
#include <windows.h>

typedef ULONGLONG(WINAPI *tick_fn)(void);

int main(void)
{
    tick_fn tick = (tick_fn)(void (*)(void))GetProcAddress(GetModuleHandleA("kernel32.dll"), "GetTickCount64");
    return tick ? (int)(tick() & 1) : 0;
}
