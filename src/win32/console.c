/* Console and redirected output. See console.h for why there are two paths. */
#include "console.h"
#include "step_timing.h"
#include "wide.h"
#include "../core/text/text.h"

#include <stdarg.h>

#include <stdlib.h>
#include <string.h>

static struct strbuf *capture;

void console_capture(struct strbuf *into)
{
    capture = into;
}

static HANDLE stream_handle(enum console_stream stream)
{
    return GetStdHandle(stream == CONSOLE_ERR ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
}

/* Writes `wide` in the ANSI code page, turning each LF into CRLF. */
static void write_redirected(HANDLE handle, const wchar_t *wide)
{
    wchar_t *crlf = wide_with_crlf(wide);
    int bytes;
    char *ansi;
    DWORD written;

    if (!crlf)
        return;
    bytes = WideCharToMultiByte(CP_ACP, 0, crlf, -1, NULL, 0, NULL, NULL);
    ansi = bytes > 0 ? malloc((size_t)bytes) : NULL;
    if (ansi && WideCharToMultiByte(CP_ACP, 0, crlf, -1, ansi, bytes, NULL, NULL) > 0)
        WriteFile(handle, ansi, (DWORD)strlen(ansi), &written, NULL);
    free(ansi);
    free(crlf);
}

void console_write(enum console_stream stream, const char *utf8)
{
    HANDLE handle = stream_handle(stream);
    wchar_t *wide;
    DWORD mode, written;

    step_timing_moment("first-output");
    if (capture) {
        strbuf_append(capture, utf8);
        return;
    }
    if (handle == NULL || handle == INVALID_HANDLE_VALUE)
        return;
    wide = wide_from_utf8(utf8);
    if (!wide)
        return;
    if (GetConsoleMode(handle, &mode))
        WriteConsoleW(handle, wide, (DWORD)wcslen(wide), &written, NULL);
    else
        write_redirected(handle, wide);
    free(wide);
}

int console_is_own_window(void)
{
    DWORD processes[2];
    return GetConsoleProcessList(processes, 2) == 1;
}

void console_release(void)
{
    HWND window = GetConsoleWindow();
    if (window)
        ShowWindow(window, SW_HIDE);
    FreeConsole();
}

void console_message(enum console_stream stream, enum language language, enum message_id id, ...)
{
    struct strbuf text;
    va_list args;
    strbuf_init(&text);
    va_start(args, id);
    strbuf_vprintf(&text, message_text(language, id), args);
    va_end(args);
    if (!text.failed && text.data)
        console_write(stream, text.data);
    strbuf_free(&text);
}
