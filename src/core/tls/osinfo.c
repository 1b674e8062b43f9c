/* Names and TLS facts for Windows versions, from Microsoft's version table. */
#include "osinfo.h"
#include "../text/text.h"

#include <stdio.h>

int os_is_xp(const struct os_info *os)
{
    return os->major == 5 && (os->minor == 1 || (os->minor == 2 && !os->is_server));
}

const char *os_product_name(const struct os_info *os)
{
    if (os->major == 5 && os->minor == 0)
        return "Windows 2000";
    if (os->major == 5 && os->minor == 1)
        return "Windows XP";
    if (os->major == 5 && os->minor == 2)
        return os->is_server ? "Windows Server 2003" : "Windows XP Professional x64 Edition";
    if (os->major == 6 && os->minor == 0)
        return os->is_server ? "Windows Server 2008" : "Windows Vista";
    if (os->major == 6 && os->minor == 1)
        return os->is_server ? "Windows Server 2008 R2" : "Windows 7";
    if (os->major == 6 && os->minor == 2)
        return os->is_server ? "Windows Server 2012" : "Windows 8";
    if (os->major == 6 && os->minor == 3)
        return os->is_server ? "Windows Server 2012 R2" : "Windows 8.1";
    if (os->major >= 10)
        return os->is_server ? "Windows Server 2016 or later" : "Windows 10 or later";
    return "Windows";
}

void os_describe(const struct os_info *os, char *out, unsigned out_size)
{
    if (out_size == 0)
        return;
    text_format(out, out_size, "%s%s%s (%u.%u.%u%s)", os_product_name(os),
             os->service_pack[0] ? " " : "", os->service_pack,
             os->major, os->minor, os->build, os->is_64bit ? ", 64-bit" : "");
}

int os_uses_tls12_by_default(const struct os_info *os)
{
    return os->major > 6 || (os->major == 6 && os->minor >= 2);
}
