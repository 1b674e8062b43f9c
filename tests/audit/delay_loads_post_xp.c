/* A deliberately XP-incompatible program that hides it from the import table loaded at
 * start: GetTickCount64 (kernel32) and inet_pton (ws2_32) come through delay-load imports,
 * found when first called. The audit test expects xp-audit.sh to reject it. */
#define _WIN32_WINNT 0x0600
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

int main(void)
{
    struct in_addr address;
    return (int)(GetTickCount64() & 1) + inet_pton(AF_INET, "127.0.0.1", &address);
}
