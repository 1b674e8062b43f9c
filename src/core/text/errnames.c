/* One table of Windows error and SSPI status names, by number. */
#include "errnames.h"
#include "text.h"

#include <stddef.h>

struct error_name {
    unsigned long code;
    const char *name;
};

static const struct error_name names[] = {
    { 0x00000002ul, "ERROR_FILE_NOT_FOUND" },
    { 0x00000003ul, "ERROR_PATH_NOT_FOUND" },
    { 0x00000005ul, "ERROR_ACCESS_DENIED" },
    { 0x00000008ul, "ERROR_NOT_ENOUGH_MEMORY" },
    { 0x00000020ul, "ERROR_SHARING_VIOLATION" },
    { 0x00000057ul, "ERROR_INVALID_PARAMETER" },
    { 0x00000070ul, "ERROR_DISK_FULL" },
    { 0x0000007Eul, "ERROR_MOD_NOT_FOUND" },
    { 0x0000007Ful, "ERROR_PROC_NOT_FOUND" },
    { 0x000003F2ul, "ERROR_BADKEY" },
    { 0x000003F8ul, "ERROR_REGISTRY_IO_FAILED" },
    { 0x000003FAul, "ERROR_KEY_DELETED" },
    { 0x80090300ul, "SEC_E_INSUFFICIENT_MEMORY" },
    { 0x80090301ul, "SEC_E_INVALID_HANDLE" },
    { 0x80090302ul, "SEC_E_UNSUPPORTED_FUNCTION" },
    { 0x80090304ul, "SEC_E_INTERNAL_ERROR" },
    { 0x80090305ul, "SEC_E_SECPKG_NOT_FOUND" },
    { 0x80090308ul, "SEC_E_INVALID_TOKEN" },
    { 0x80090311ul, "SEC_E_NO_AUTHENTICATING_AUTHORITY" },
    { 0x80090318ul, "SEC_E_INCOMPLETE_MESSAGE" },
    { 0x80090322ul, "SEC_E_WRONG_PRINCIPAL" },
    { 0x80090325ul, "SEC_E_UNTRUSTED_ROOT" },
    { 0x80090326ul, "SEC_E_ILLEGAL_MESSAGE" },
    { 0x80090327ul, "SEC_E_CERT_UNKNOWN" },
    { 0x80090328ul, "SEC_E_CERT_EXPIRED" },
    { 0x80090331ul, "SEC_E_ALGORITHM_MISMATCH" },
    { 0x800B0101ul, "CERT_E_EXPIRED" },
    { 0x800B0109ul, "CERT_E_UNTRUSTEDROOT" },
    { 0x800B010Aul, "CERT_E_CHAINING" },
    { 0x800B010Ful, "CERT_E_CN_NO_MATCH" },
    { 0x800B0110ul, "CERT_E_WRONG_USAGE" },
    { 0x800B010Cul, "CERT_E_REVOKED" },
    { 0x80092010ul, "CRYPT_E_REVOKED" },
    { 0x80096004ul, "TRUST_E_CERT_SIGNATURE" },
    { 0x800B0111ul, "TRUST_E_EXPLICIT_DISTRUST" },
    { 0x00002AF9ul, "WSAHOST_NOT_FOUND" },
    { 0x0000274Dul, "WSAECONNREFUSED" },
    { 0x0000274Cul, "WSAETIMEDOUT" },
    /* The steps of a connection that can fail in this process rather than at the server. */
    { 0x00002728ul, "WSAEMFILE" },
    { 0x00002736ul, "WSAENOTSOCK" },
    { 0x00002747ul, "WSAENOBUFS" },
    { 0x0000276Dul, "WSANOTINITIALISED" },
    { 0x00090312ul, "SEC_I_CONTINUE_NEEDED" },
    { 0x00090320ul, "SEC_I_INCOMPLETE_CREDENTIALS" },
};

const char *windows_error_name(unsigned long code)
{
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (names[i].code == code)
            return names[i].name;
    return NULL;
}

void windows_error_code(unsigned long code, char *out, size_t out_size)
{
    const char *name = windows_error_name(code);
    char number[16];
    if (code < 0x10000ul)
        text_format(number, sizeof(number), "%lu", code);
    else
        text_format(number, sizeof(number), "0x%08lx", code);
    if (name)
        text_format(out, out_size, "%s (%s)", name, number);
    else
        text_format(out, out_size, "%s", number);
}
