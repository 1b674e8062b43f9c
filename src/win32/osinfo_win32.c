/* The running Windows: version, service pack, 32/64-bit, and on XP the POSReady 2009
 * flag (HKLM\SYSTEM\WPA\POSReady, Installed=1) that makes Windows Update offer
 * the POSReady updates, among them KB4019276 (TLS 1.1 and 1.2 for Schannel). */
#include "osinfo_win32.h"
#include "platform.h"
#include "wide.h"

#include <stdlib.h>
#include <string.h>

typedef BOOL (WINAPI *is_wow64_process_fn)(HANDLE, PBOOL);

static int running_64bit(void)
{
#ifdef _WIN64
    return 1;
#else
    /* IsWow64Process is missing before XP SP2: look it up rather than import it. */
    BOOL wow64 = FALSE;
    HMODULE kernel = GetModuleHandleW(L"kernel32.dll");
    is_wow64_process_fn is_wow64 =
        kernel ? (is_wow64_process_fn)(void (*)(void))GetProcAddress(kernel, "IsWow64Process") : NULL;
    return is_wow64 && is_wow64(GetCurrentProcess(), &wow64) && wow64;
#endif
}

void osinfo_read(const struct regstore *store, struct os_info *os)
{
    OSVERSIONINFOEXW version;
    struct setting_value installed;

    memset(os, 0, sizeof(*os));
    memset(&version, 0, sizeof(version));
    version.dwOSVersionInfoSize = sizeof(version);
    if (GetVersionExW((OSVERSIONINFOW *)&version)) {
        char *service_pack = utf8_from_wide(version.szCSDVersion);
        os->major = version.dwMajorVersion;
        os->minor = version.dwMinorVersion;
        os->build = version.dwBuildNumber;
        os->is_server = version.wProductType != VER_NT_WORKSTATION;
        if (service_pack) {
            strncpy(os->service_pack, service_pack, sizeof(os->service_pack) - 1);
            free(service_pack);
        }
    }
    os->is_64bit = running_64bit();

    os->posready = POSREADY_NOT_APPLICABLE;
    if (os_is_xp(os)) {
        os->posready = POSREADY_NOT_SET;
        if (regstore_read_setting(store, "SYSTEM\\WPA\\POSReady", "Installed", &installed) == REGSTORE_OK &&
            installed.state == VALUE_DWORD && installed.dword == 1)
            os->posready = POSREADY_SET;
    }
}
