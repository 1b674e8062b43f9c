/* A DLL loaded at first use that cannot be loaded: said, then the process ends (see
 * delay_load.h). */
#include "delay_load.h"
#include "console.h"
#include "errors.h"
#include "platform.h"
#include "wide.h"
#include "../core/exitcodes.h"
#include "../core/text/text.h"

#include <delayimp.h>
#include <stdlib.h>
#include <string.h>

typedef int(WINAPI *message_box_fn)(HWND, LPCWSTR, LPCWSTR, UINT);

static enum language failure_language = LANGUAGE_EN;

void delay_load_set_language(enum language language)
{
    failure_language = language;
}

/* A double-click's window has no console left (console_release): the words go in a
 * message box then, unless user32 itself is what failed. Found by name, not through a
 * delay-load import, which could fail again here. */
static void show_in_box(const char *dll, const char *text)
{
    HMODULE user32;
    message_box_fn message_box;
    wchar_t *wide;
    if (GetConsoleWindow() || lstrcmpiA(dll, "user32.dll") == 0 || lstrcmpiA(dll, "gdi32.dll") == 0)
        return;
    user32 = LoadLibraryW(L"user32.dll");
    message_box = user32 ? (message_box_fn)(void (*)(void))GetProcAddress(user32, "MessageBoxW") : NULL;
    wide = message_box ? wide_from_utf8(text) : NULL;
    if (wide)
        message_box(NULL, wide, L"TLS Switch", MB_OK | MB_ICONERROR);
    free(wide);
}

/* Called by MinGW's __delayLoadHelper2 instead of raising its exception. */
static FARPROC WINAPI delay_load_failed(unsigned notification, PDelayLoadInfo info)
{
    char call[160];
    struct windows_failure failure;
    struct strbuf said;

    if (notification == dliFailLoadLib)
        text_format(call, sizeof(call), "LoadLibrary %s", info->szDll);
    else if (info->dlp.fImportByName)
        text_format(call, sizeof(call), "GetProcAddress %s!%s", info->szDll, info->dlp.szProcName);
    else
        text_format(call, sizeof(call), "GetProcAddress %s!#%u", info->szDll, (unsigned)info->dlp.dwOrdinal);
    failure.call = call;
    failure.code = info->dwLastError ? info->dwLastError
                                     : (notification == dliFailLoadLib ? ERROR_MOD_NOT_FOUND : ERROR_PROC_NOT_FOUND);
    console_capture(NULL);   /* a report being captured is never written now: say it directly */
    strbuf_init(&said);
    windows_failure_describe(&failure, failure_language, &said);
    if (!said.failed) {
        console_write(CONSOLE_ERR, said.data);
        show_in_box(info->szDll, said.data);
    }
    ExitProcess(EXIT_SYSTEM_ERROR);
    return NULL;
}

/* Read by MinGW's __delayLoadHelper2, which link-time optimisation does not see: without
 * externally_visible, -fwhole-program would make this a variable of this file only and the
 * helper would take MinGW's own empty hook (and raise an exception the user never reads). */
__attribute__((externally_visible)) PfnDliHook __pfnDliFailureHook2 = delay_load_failed;
