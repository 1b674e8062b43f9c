/* FormatMessage for Windows and SSPI codes, with its trailing line break removed, and the
 * sentence for a failed call. */
#include "errors.h"
#include "console.h"
#include "platform.h"
#include "wide.h"
#include "../core/text/errnames.h"
#include "../core/text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void windows_error_text(unsigned long code, char *out, size_t out_size)
{
    wchar_t system_text[512];
    char *utf8 = NULL, code_text[96];
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

    windows_error_code(code, code_text, sizeof(code_text));
    text_format(out, out_size, "%s%s%s", code_text, utf8 ? ": " : "", utf8 ? utf8 : "");
    free(utf8);
}

void windows_failure_describe(const struct windows_failure *failure, enum language language, struct strbuf *out)
{
    char reason[512];
    windows_error_text(failure->code, reason, sizeof(reason));
    if (failure->code == ERROR_NOT_ENOUGH_MEMORY || failure->code == ERROR_OUTOFMEMORY)
        strbuf_printf(out, message_text(language, MSG_ERR_NO_MEMORY), reason);
    else
        strbuf_printf(out, message_text(language, MSG_ERR_WINDOWS_CALL), failure->call ? failure->call : "?", reason);
}

void windows_failure_say(const struct windows_failure *failure, enum language language)
{
    struct strbuf said;
    strbuf_init(&said);
    windows_failure_describe(failure, language, &said);
    if (!said.failed)
        console_write(CONSOLE_ERR, said.data);
    strbuf_free(&said);
}
