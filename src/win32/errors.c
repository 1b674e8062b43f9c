/* FormatMessage for Windows and SSPI codes, with its trailing line break removed. */
#include "errors.h"
#include "platform.h"
#include "wide.h"
#include "../core/errnames.h"
#include "../core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void windows_error_text(unsigned long code, char *out, size_t out_size)
{
    wchar_t system_text[512];
    char *utf8 = NULL, number[16];
    const char *name = windows_error_name(code);
    DWORD length;

    if (out_size == 0)
        return;
    length = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                            (DWORD)code, 0, system_text,
                            sizeof(system_text) / sizeof(system_text[0]), NULL);
    while (length > 0 && (system_text[length - 1] == L'\n' || system_text[length - 1] == L'\r' ||
                          system_text[length - 1] == L' '))
        system_text[--length] = L'\0';
    if (length > 0)
        utf8 = utf8_from_wide(system_text);

    /* Win32 errors are known by decimal numbers, SSPI and COM codes by hexadecimal ones. */
    if (code < 0x10000ul)
        text_format(number, sizeof(number), "%lu", code);
    else
        text_format(number, sizeof(number), "0x%08lx", code);
    text_format(out, out_size, "%s%s%s%s%s%s", name ? name : "", name ? " (" : "", number, name ? ")" : "",
             utf8 ? ": " : "", utf8 ? utf8 : "");
    free(utf8);
}
