/* Test helper: reads or sets a registry key's security descriptor (owner, group and DACL)
 * as SDDL, the way an administrator would in regedit's Permissions dialog, so that the
 * tests can give a key permissions of its own and compare them after TLS Switch has put
 * the key back.
 *   key_security get KEY          prints the SDDL (KEY below HKEY_LOCAL_MACHINE, or
 *                                 below HKEY_CURRENT_USER when it starts with HKCU\)
 *   key_security set KEY SDDL     sets it */
#include <windows.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>

#define PARTS (OWNER_SECURITY_INFORMATION | GROUP_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION)

/* The root KEY names and the path below it. */
static HKEY root_of(const wchar_t **path)
{
    if (wcsncmp(*path, L"HKCU\\", 5) == 0) {
        *path += 5;
        return HKEY_CURRENT_USER;
    }
    return HKEY_LOCAL_MACHINE;
}

int wmain(int argc, wchar_t **argv)
{
    HKEY key, root;
    LONG rc;
    const wchar_t *path = argc >= 3 ? argv[2] : L"";
    root = root_of(&path);
    if (argc == 3 && wcscmp(argv[1], L"get") == 0) {
        unsigned char descriptor[4096];
        DWORD size = sizeof(descriptor);
        wchar_t *sddl = NULL;
        rc = RegOpenKeyExW(root, path, 0, READ_CONTROL, &key);
        if (rc == ERROR_SUCCESS) {
            rc = RegGetKeySecurity(key, PARTS, descriptor, &size);
            RegCloseKey(key);
        }
        if (rc != ERROR_SUCCESS) {
            fprintf(stderr, "key_security get: error %ld\n", rc);
            return 1;
        }
        if (!ConvertSecurityDescriptorToStringSecurityDescriptorW(descriptor, SDDL_REVISION_1, PARTS, &sddl, NULL)) {
            fprintf(stderr, "key_security get: SDDL error %lu\n", GetLastError());
            return 1;
        }
        printf("%ls\n", sddl);
        LocalFree(sddl);
        return 0;
    }
    if (argc == 4 && wcscmp(argv[1], L"set") == 0) {
        PSECURITY_DESCRIPTOR descriptor;
        if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(argv[3], SDDL_REVISION_1, &descriptor, NULL)) {
            fprintf(stderr, "key_security set: SDDL error %lu\n", GetLastError());
            return 1;
        }
        rc = RegOpenKeyExW(root, path, 0, WRITE_DAC | WRITE_OWNER, &key);
        if (rc == ERROR_SUCCESS) {
            rc = RegSetKeySecurity(key, PARTS, descriptor);
            RegCloseKey(key);
        }
        LocalFree(descriptor);
        if (rc != ERROR_SUCCESS) {
            fprintf(stderr, "key_security set: error %ld\n", rc);
            return 1;
        }
        return 0;
    }
    fprintf(stderr, "usage: key_security get KEY | key_security set KEY SDDL\n");
    return 2;
}
