/* UTF-8 <-> UTF-16 at the boundary between the core and the Windows APIs. */
#include "wide.h"

#include <stdlib.h>
#include <wchar.h>

wchar_t *wide_from_utf8(const char *text)
{
    int length = MultiByteToWideChar(CP_UTF8, 0, text, -1, NULL, 0);
    wchar_t *wide;
    if (length <= 0)
        return NULL;
    wide = malloc((size_t)length * sizeof(wchar_t));
    if (wide && MultiByteToWideChar(CP_UTF8, 0, text, -1, wide, length) <= 0) {
        free(wide);
        wide = NULL;
    }
    return wide;
}

char *utf8_from_wide(const wchar_t *text)
{
    int length = WideCharToMultiByte(CP_UTF8, 0, text, -1, NULL, 0, NULL, NULL);
    char *utf8;
    if (length <= 0)
        return NULL;
    utf8 = malloc((size_t)length);
    if (utf8 && WideCharToMultiByte(CP_UTF8, 0, text, -1, utf8, length, NULL, NULL) <= 0) {
        free(utf8);
        utf8 = NULL;
    }
    return utf8;
}

wchar_t *wide_with_crlf(const wchar_t *text)
{
    size_t length = wcslen(text), lines = 0, i, j;
    wchar_t *out;
    for (i = 0; i < length; i++)
        if (text[i] == L'\n')
            lines++;
    out = malloc((length + lines + 1) * sizeof(wchar_t));
    if (!out)
        return NULL;
    for (i = 0, j = 0; i < length; i++) {
        if (text[i] == L'\n' && (i == 0 || text[i - 1] != L'\r'))
            out[j++] = L'\r';
        out[j++] = text[i];
    }
    out[j] = L'\0';
    return out;
}
