/* What the window's dialogs share: texts from the message table, message boxes, the
 * details box with its font and Copy, the status, and changes made through a child
 * process. See gui.h. */
#include "../win32/child.h"
#include "../commands/services.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/files.h"
#include "../win32/late_bound.h"
#include "gui.h"
#include "../win32/osinfo_win32.h"
#include "../win32/regstore_win32.h"
#include "../win32/schannel_probe.h"
#include "../win32/wide.h"
#include "../core/exitcodes.h"

#include <shellapi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* UTF-8 as a Windows control shows it: UTF-16, with CRLF line ends. */
static wchar_t *control_text(const char *utf8)
{
    wchar_t *wide = wide_from_utf8(utf8), *crlf;
    if (!wide)
        return NULL;
    crlf = wide_with_crlf(wide);
    free(wide);
    return crlf;
}

void gui_set_utf8(HWND dialog, int control, const char *utf8)
{
    wchar_t *wide = control_text(utf8 ? utf8 : "");
    if (wide) {
        SetDlgItemTextW(dialog, control, wide);
        free(wide);
    }
}

void gui_set_title(HWND dialog, enum language language, enum message_id message)
{
    wchar_t *title = control_text(message_text(language, message));
    if (title) {
        SetWindowTextW(dialog, title);
        free(title);
    }
}

void gui_add_text_choice(HWND dialog, int combo, const char *utf8)
{
    wchar_t *entry = control_text(utf8);
    if (entry) {
        SendDlgItemMessageW(dialog, combo, CB_ADDSTRING, 0, (LPARAM)entry);
        free(entry);
    }
}

void gui_add_choice(HWND dialog, int combo, enum language language, enum message_id label)
{
    gui_add_text_choice(dialog, combo, message_text(language, label));
}

void gui_set_texts(HWND dialog, enum language language, const struct gui_text *texts, size_t count)
{
    size_t i;
    for (i = 0; i < count; i++)
        gui_set_utf8(dialog, texts[i].control, message_text(language, texts[i].message));
}

void gui_say(HWND dialog, int control, enum language language, enum message_id message, ...)
{
    struct strbuf text;
    va_list args;
    strbuf_init(&text);
    va_start(args, message);
    strbuf_vprintf(&text, message_text(language, message), args);
    va_end(args);
    gui_set_utf8(dialog, control, text.failed ? "" : text.data);
    strbuf_free(&text);
}

HFONT gui_details_font(HWND dialog, int control, enum language language)
{
    /* The details line up in columns: a fixed-pitch font for them. */
    HDC screen = GetDC(NULL);
    int height = -MulDiv(8, GetDeviceCaps(screen, LOGPIXELSY), 72);
    HFONT font;
    ReleaseDC(NULL, screen);
    font = CreateFontW(height, 0, 0, 0, FW_NORMAL, FALSE, FALSE, FALSE,
                       language == LANGUAGE_JA ? SHIFTJIS_CHARSET : DEFAULT_CHARSET, OUT_DEFAULT_PRECIS,
                       CLIP_DEFAULT_PRECIS, DEFAULT_QUALITY, FIXED_PITCH | FF_MODERN,
                       language == LANGUAGE_JA ? L"MS Gothic" : L"Courier New");
    if (font)
        SendDlgItemMessageW(dialog, control, WM_SETFONT, (WPARAM)font, FALSE);
    return font;
}

void gui_copy_text(HWND dialog, int control)
{
    HWND source = GetDlgItem(dialog, control);
    int length = GetWindowTextLengthW(source);
    HGLOBAL memory;
    if (length <= 0 || !OpenClipboard(dialog))
        return;
    EmptyClipboard();
    memory = GlobalAlloc(GMEM_MOVEABLE, ((size_t)length + 1) * sizeof(wchar_t));
    if (memory) {
        wchar_t *text = GlobalLock(memory);
        GetWindowTextW(source, text, length + 1);
        GlobalUnlock(memory);
        if (!SetClipboardData(CF_UNICODETEXT, memory))
            GlobalFree(memory);
    }
    CloseClipboard();
}

int gui_message_box(HWND owner, const char *utf8, UINT flags)
{
    wchar_t *wide = control_text(utf8 ? utf8 : "");
    int pressed = MessageBoxW(owner, wide ? wide : L"", L"TLS Switch", flags);
    free(wide);
    return pressed;
}

int gui_message(HWND owner, enum language language, UINT flags, enum message_id message, ...)
{
    struct strbuf text;
    va_list args;
    int pressed;
    strbuf_init(&text);
    va_start(args, message);
    strbuf_vprintf(&text, message_text(language, message), args);
    va_end(args);
    pressed = gui_message_box(owner, text.failed ? "" : text.data, flags);
    strbuf_free(&text);
    return pressed;
}

INT_PTR gui_dialog(HWND owner, int id, enum language language, DLGPROC procedure, LPARAM parameter)
{
    static const wchar_t shell_font[] = L"MS Shell Dlg", japanese_font[] = L"MS UI Gothic";
    HINSTANCE instance = GetModuleHandleW(NULL);
    HRSRC found = FindResourceW(instance, MAKEINTRESOURCEW(id), MAKEINTRESOURCEW(5) /* RT_DIALOG */);
    HGLOBAL loaded = found ? LoadResource(instance, found) : NULL;
    const unsigned char *template_bytes = loaded ? LockResource(loaded) : NULL;
    DWORD size = found ? SizeofResource(instance, found) : 0, offset, style;
    unsigned char *copy;
    INT_PTR result;

    if (!template_bytes || size < 26)
        return -1;
    if (language != LANGUAGE_JA)
        return DialogBoxIndirectParamW(instance, (LPCDLGTEMPLATEW)template_bytes, owner, procedure, parameter);
    copy = malloc(size);
    if (!copy)
        return -1;
    memcpy(copy, template_bytes, size);
    /* A DLGTEMPLATEEX: the style at byte 12; the font's point size, weight, italic and
     * character set come just before its face name. Both names are 12 characters, so
     * the new one fits where the old one was. */
    for (offset = 26; offset + sizeof(shell_font) <= size; offset += 2) {
        if (memcmp(copy + offset, shell_font, sizeof(shell_font)) == 0) {
            memcpy(copy + offset, japanese_font, sizeof(japanese_font));
            copy[offset - 6] = 9;                 /* point size, low byte */
            copy[offset - 6 + 1] = 0;
            copy[offset - 1] = SHIFTJIS_CHARSET;
            memcpy(&style, copy + 12, sizeof(style));
            style &= ~(DWORD)DS_FIXEDSYS;        /* DS_SHELLFONT would take MS Shell Dlg 2 */
            memcpy(copy + 12, &style, sizeof(style));
            break;
        }
    }
    result = DialogBoxIndirectParamW(instance, (LPCDLGTEMPLATEW)copy, owner, procedure, parameter);
    free(copy);
    return result;
}

long gui_read_status(struct status_report *report)
{
    struct regstore store = regstore_win32();
    struct strbuf probes;
    enum child_end end;
    DWORD exit_code;
    long rc;

    memset(report, 0, sizeof(*report));
    rc = regstore_read_settings(&store, &report->settings);
    osinfo_read(&store, &report->os);
    strbuf_init(&probes);
    if (child_run("/probes", 30000, NULL, &probes, &end, &exit_code, NULL) != ERROR_SUCCESS || end != CHILD_EXITED)
        strbuf_clear(&probes);   /* every protocol reads as "could not check" */
    probe_results_read(probes.failed ? NULL : probes.data, report->probe);
    strbuf_free(&probes);
    return rc;
}

/* Waits for a process while the window keeps painting; input to it is off meanwhile. */
static void wait_with_messages(HWND owner, HANDLE process)
{
    HCURSOR previous = SetCursor(LoadCursor(NULL, IDC_WAIT));
    EnableWindow(owner, FALSE);
    while (MsgWaitForMultipleObjects(1, &process, FALSE, INFINITE, QS_ALLINPUT) == WAIT_OBJECT_0 + 1) {
        MSG message;
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&message);
            DispatchMessageW(&message);
        }
    }
    EnableWindow(owner, TRUE);
    SetCursor(previous);
}

/* Runs `arguments` in a new tlsswitch process, elevated when asked; its report comes
 * back through /output in a temporary file, since an elevated process has no pipe to
 * us. Returns 0 with *exit_code set, or a Windows error. */
static unsigned long run_change_process(HWND owner, const char *arguments, int elevate, struct strbuf *report,
                                        DWORD *exit_code)
{
    wchar_t self[MAX_PATH], temp_folder[MAX_PATH], temp_file[MAX_PATH], *parameters;
    SHELLEXECUTEINFOW run;
    struct strbuf line;
    char *temp_utf8;
    unsigned char *bytes = NULL;
    size_t size = 0;
    unsigned long error = ERROR_SUCCESS;

    if (!GetModuleFileNameW(NULL, self, MAX_PATH) || !GetTempPathW(MAX_PATH, temp_folder) ||
        !GetTempFileNameW(temp_folder, L"tls", 0, temp_file))
        return GetLastError();
    temp_utf8 = utf8_from_wide(temp_file);
    strbuf_init(&line);
    strbuf_printf(&line, "%s /output \"%s\"", arguments, temp_utf8 ? temp_utf8 : "");
    parameters = temp_utf8 && !line.failed ? wide_from_utf8(line.data) : NULL;
    if (!parameters) {
        error = ERROR_NOT_ENOUGH_MEMORY;
        goto done;
    }
    memset(&run, 0, sizeof(run));
    run.cbSize = sizeof(run);
    run.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_FLAG_NO_UI | SEE_MASK_FLAG_DDEWAIT;
    run.hwnd = owner;
    run.lpVerb = elevate ? L"runas" : NULL;
    run.lpFile = self;
    run.lpParameters = parameters;
    run.nShow = SW_HIDE;
    if (!late_shell_execute(&run)) {
        error = GetLastError();
        goto done;
    }
    if (!run.hProcess) {
        error = ERROR_INVALID_HANDLE;
        goto done;
    }
    wait_with_messages(owner, run.hProcess);
    GetExitCodeProcess(run.hProcess, exit_code);
    CloseHandle(run.hProcess);
    if (file_read_all(temp_utf8, 1u << 20, &bytes, &size) == ERROR_SUCCESS && size > 0)
        strbuf_append_n(report, (const char *)bytes, size);
    free(bytes);
done:
    DeleteFileW(temp_file);
    free(parameters);
    free(temp_utf8);
    strbuf_free(&line);
    return error;
}

int gui_change(HWND owner, enum language language, enum command command, const char *value, int offer_test,
               int *test_now)
{
    struct options options;
    struct strbuf captured, arguments, report;
    struct change_preview preview;
    struct regstore store = regstore_win32();
    struct os_info os;
    int exit_code, elevate = 0, changed = 0;
    DWORD child_exit = 0;
    unsigned long error;

    if (test_now)
        *test_now = 0;
    memset(&options, 0, sizeof(options));
    options.command = command;
    options.command_value = value;
    strbuf_init(&captured);
    strbuf_init(&preview.plan);
    strbuf_init(&preview.meaning);
    strbuf_init(&preview.about);
    strbuf_init(&arguments);
    strbuf_init(&report);

    /* First the plan, in this process: what /whatif would print. */
    console_capture(&captured);
    exit_code = command_change_preview(&options, language, &preview);
    console_capture(NULL);
    if (exit_code != EXIT_DONE) {
        gui_message_box(owner, captured.failed ? "" : captured.data, MB_OK | MB_ICONERROR);
        goto done;
    }
    if (preview.count == 0) {
        gui_message(owner, language, MB_OK | MB_ICONINFORMATION, MSG_NOTHING_TO_CHANGE);
        goto done;
    }
    osinfo_read(&store, &os);
    if (!change_allowed()) {
        /* XP has no elevation: say so before anything else. Vista and later ask. */
        if (os.major < 6) {
            gui_message(owner, language, MB_OK | MB_ICONWARNING, MSG_GUI_NOT_ADMIN_XP);
            goto done;
        }
        elevate = 1;
    }
    /* In plain words when the change alters what programs use; the registry lines when
     * it only puts the same meaning into other values. */
    {
        const struct strbuf *shown = preview.meaning.length > 0 ? &preview.meaning : &preview.plan;
        struct strbuf words;
        int answer;
        /* For "Undo last change": first which change it undoes and when that was made. */
        strbuf_init(&words);
        if (preview.about.length > 0 && !preview.about.failed)
            strbuf_printf(&words, "%s\n", preview.about.data);
        if (!shown->failed && shown->data)
            strbuf_append(&words, shown->data);
        answer = gui_message(owner, language, MB_OKCANCEL | MB_ICONQUESTION | MB_DEFBUTTON1, MSG_GUI_CONFIRM_CHANGE,
                             words.failed || !words.data ? "" : words.data);
        strbuf_free(&words);
        if (answer != IDOK)
            goto done;
    }

    strbuf_printf(&arguments, "/%s", args_command_name(command));
    if (value)
        strbuf_printf(&arguments, " \"%s\"", value);
    strbuf_printf(&arguments, " /lang %s", language_code(language));
    /* Whatever comes of it, a test from this window now runs in a new process. */
    schannel_note_settings_changed();
    error = arguments.failed ? ERROR_NOT_ENOUGH_MEMORY
                             : run_change_process(owner, arguments.data, elevate, &report, &child_exit);
    if (error == ERROR_CANCELLED) {
        gui_message(owner, language, MB_OK | MB_ICONINFORMATION, MSG_GUI_ELEVATION_REFUSED);
    } else if (error != ERROR_SUCCESS) {
        char reason[512];
        windows_error_text(error, reason, sizeof(reason));
        gui_message(owner, language, MB_OK | MB_ICONERROR, MSG_ERR_WINDOWS_CALL, "ShellExecuteEx", reason);
    } else if (child_exit == EXIT_CHANGED) {
        struct strbuf done;
        changed = 1;
        strbuf_init(&done);
        strbuf_append(&done, message_text(language, MSG_GUI_CHANGE_DONE));
        if (offer_test)
            strbuf_append(&done, message_text(language, MSG_GUI_OFFER_TEST));
        if (gui_message_box(owner, done.failed ? "" : done.data,
                            offer_test ? MB_YESNO | MB_ICONINFORMATION : MB_OK | MB_ICONINFORMATION) == IDYES &&
            test_now)
            *test_now = 1;
        strbuf_free(&done);
    } else if (child_exit == EXIT_DONE) {
        gui_message(owner, language, MB_OK | MB_ICONINFORMATION, MSG_NOTHING_TO_CHANGE);
    } else {
        changed = child_exit == EXIT_HALF_CHANGED;   /* what the window shows is no longer so */
        gui_message(owner, language, MB_OK | MB_ICONERROR,
                    child_exit == EXIT_HALF_CHANGED ? MSG_GUI_CHANGE_HALF_DONE : MSG_GUI_CHANGE_FAILED, (int)child_exit,
                    report.failed || !report.data ? "" : report.data);
    }
done:
    strbuf_free(&captured);
    strbuf_free(&preview.plan);
    strbuf_free(&preview.meaning);
    strbuf_free(&preview.about);
    strbuf_free(&arguments);
    strbuf_free(&report);
    return changed;
}

void gui_end_with_worker(HWND dialog, HANDLE cancel, HANDLE *thread)
{
    if (*thread) {
        SetEvent(cancel);
        WaitForSingleObject(*thread, INFINITE);
        CloseHandle(*thread);
        *thread = NULL;
    }
    EndDialog(dialog, 0);
}
