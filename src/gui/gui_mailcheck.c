/* "Test my mail server": the /test of the command line, for a server name and the
 * connection type a mail program offers, as this PC connects or as another Windows would
 * (/as). The handshakes run in a child process from a worker thread, so the window stays
 * responsive and "Stop" can end them. */
#include "../commands/services.h"
#include "../win32/errors.h"
#include "gui.h"
#include "../win32/wide.h"
#include "../../res/resource.h"
#include "../../res/version.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WM_TEST_DONE (WM_APP + 1)
#define TEST_TIMEOUT_SECONDS 10u

/* The connection types, in the words mail programs use, and what /test calls them. */
static const struct {
    enum message_id label;
    const char *scheme;
    unsigned port;
} kinds[] = {
    { MSG_GUI_KIND_SMTPS, "smtps", 465 },
    { MSG_GUI_KIND_SMTP_STARTTLS, "smtp", 587 },
    { MSG_GUI_KIND_POP3S, "pop3s", 995 },
    { MSG_GUI_KIND_POP3_STARTTLS, "pop3", 110 },
    { MSG_GUI_KIND_IMAPS, "imaps", 993 },
    { MSG_GUI_KIND_IMAP_STARTTLS, "imap", 143 },
};
#define KIND_COUNT (sizeof(kinds) / sizeof(kinds[0]))

static const struct gui_text test_texts[] = {
    { IDC_SERVER_LABEL, MSG_GUI_SERVER_LABEL },
    { IDC_KIND_LABEL, MSG_GUI_KIND_LABEL },
    { IDC_PORT_LABEL, MSG_GUI_PORT_LABEL },
    { IDC_AS_LABEL, MSG_GUI_AS_LABEL },
    { IDC_START, MSG_GUI_START_TEST },
    { IDC_STOP, MSG_GUI_STOP_TEST },
    { IDC_RESULT_LABEL, MSG_GUI_RESULT_LABEL },
    { IDC_DETAILS_LABEL, MSG_GUI_DETAILS_LABEL },
    { IDC_COPY, MSG_GUI_COPY },
    { IDCANCEL, MSG_GUI_CLOSE },
};

/* What the user typed last, offered again the next time the dialog opens. */
static wchar_t last_server[256];
static int last_kind, last_as;

/* The "Test as" choices: this PC first, then every Windows of the table. */
#define AS_THIS_PC 0

struct test_window {
    enum language language;
    HWND dialog;
    HFONT details_font;
    HANDLE thread;
    HANDLE cancel;
    char target[400];
    int as_windows;                /* -1: as this PC; else an enum windows_client_id */
    struct test_facts facts;
    struct as_facts as;
    unsigned long error;
};

static DWORD WINAPI test_thread(void *argument)
{
    struct test_window *window = argument;
    window->error = window->as_windows < 0
                        ? test_gather(window->target, TEST_TIMEOUT_SECONDS, window->cancel, &window->facts)
                        : test_gather_as(window->target, window->as_windows, TEST_TIMEOUT_SECONDS, window->cancel,
                                         &window->as);
    PostMessageW(window->dialog, WM_TEST_DONE, 0, 0);
    return 0;
}

static void set_running(struct test_window *window, int running)
{
    static const int inputs[] = { IDC_SERVER, IDC_KIND, IDC_PORT, IDC_AS, IDC_START };
    size_t i;
    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        EnableWindow(GetDlgItem(window->dialog, inputs[i]), !running);
    EnableWindow(GetDlgItem(window->dialog, IDC_STOP), running);
    SendMessageW(window->dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(window->dialog, running ? IDC_STOP : IDC_START),
                 TRUE);
}

static void say(struct test_window *window, enum message_id message, ...)
{
    struct strbuf text;
    va_list args;
    strbuf_init(&text);
    va_start(args, message);
    strbuf_vprintf(&text, message_text(window->language, message), args);
    va_end(args);
    gui_set_utf8(window->dialog, IDC_RESULT, text.failed ? "" : text.data);
    strbuf_free(&text);
}

static void start_test(struct test_window *window)
{
    wchar_t server[256];
    char *host;
    BOOL port_ok;
    UINT port = GetDlgItemInt(window->dialog, IDC_PORT, &port_ok, FALSE);
    LRESULT kind = SendDlgItemMessageW(window->dialog, IDC_KIND, CB_GETCURSEL, 0, 0);
    LRESULT as = SendDlgItemMessageW(window->dialog, IDC_AS, CB_GETCURSEL, 0, 0);
    struct target parsed;
    wchar_t *start, *end;

    GetDlgItemTextW(window->dialog, IDC_SERVER, server, 256);
    for (start = server; *start == L' ' || *start == L'\t'; start++)
        ;
    for (end = start + wcslen(start); end > start && (end[-1] == L' ' || end[-1] == L'\t'); end--)
        ;
    *end = L'\0';
    if (!*start) {
        say(window, MSG_GUI_NEED_SERVER);
        SetFocus(GetDlgItem(window->dialog, IDC_SERVER));
        return;
    }
    if (!port_ok || port < 1 || port > 65535) {
        say(window, MSG_GUI_BAD_PORT);
        SetFocus(GetDlgItem(window->dialog, IDC_PORT));
        return;
    }
    if (kind < 0 || (size_t)kind >= KIND_COUNT)
        kind = 0;
    host = utf8_from_wide(start);
    if (!host)
        return;
    text_format(window->target, sizeof(window->target), "%s://%s:%u", kinds[kind].scheme, host, port);
    if (strlen(host) > 255 || target_parse(window->target, &parsed) != 0) {
        say(window, MSG_GUI_BAD_SERVER, host);
        free(host);
        SetFocus(GetDlgItem(window->dialog, IDC_SERVER));
        return;
    }
    wcscpy(last_server, start);
    last_kind = (int)kind;
    last_as = as > AS_THIS_PC && as <= WINDOWS_CLIENT_COUNT ? (int)as : AS_THIS_PC;
    window->as_windows = last_as - 1;
    gui_set_utf8(window->dialog, IDC_DETAILS, "");
    say(window, MSG_GUI_TEST_RUNNING, window->target, 3u * TEST_TIMEOUT_SECONDS);
    free(host);
    ResetEvent(window->cancel);
    set_running(window, 1);
    window->thread = CreateThread(NULL, 0, test_thread, window, 0, NULL);
    if (!window->thread) {
        char reason[512];
        windows_error_text(GetLastError(), reason, sizeof(reason));
        say(window, MSG_ERR_WINDOWS_CALL, "CreateThread", reason);
        set_running(window, 0);
    }
}

static void finish_test(struct test_window *window)
{
    struct strbuf details, words;
    WaitForSingleObject(window->thread, INFINITE);
    CloseHandle(window->thread);
    window->thread = NULL;
    set_running(window, 0);
    if (window->error == ERROR_CANCELLED) {
        say(window, MSG_GUI_TEST_STOPPED);
        return;
    }
    if (window->error != ERROR_SUCCESS) {
        char reason[512];
        windows_error_text(window->error, reason, sizeof(reason));
        say(window, MSG_ERR_WINDOWS_CALL, "CreateProcess", reason);
        return;
    }
    strbuf_init(&details);
    strbuf_init(&words);
    if (window->as_windows < 0) {
        diagnose(&window->facts, window->language, TLSSWITCH_VERSION_STRING, &details);
        diagnose_conclusion(&window->facts, window->language, AUDIENCE_WINDOW, &words);
    } else {
        diagnose_as(&window->as, window->language, TLSSWITCH_VERSION_STRING, &details);
        diagnose_as_conclusion(&window->as, window->language, &words);
    }
    gui_set_utf8(window->dialog, IDC_RESULT, words.failed ? "" : words.data);
    gui_set_utf8(window->dialog, IDC_DETAILS, details.failed ? "" : details.data);
    strbuf_free(&details);
    strbuf_free(&words);
}

static void copy_details(HWND dialog)
{
    HWND details = GetDlgItem(dialog, IDC_DETAILS);
    int length = GetWindowTextLengthW(details);
    HGLOBAL memory;
    if (length <= 0 || !OpenClipboard(dialog))
        return;
    EmptyClipboard();
    memory = GlobalAlloc(GMEM_MOVEABLE, ((size_t)length + 1) * sizeof(wchar_t));
    if (memory) {
        wchar_t *text = GlobalLock(memory);
        GetWindowTextW(details, text, length + 1);
        GlobalUnlock(memory);
        if (!SetClipboardData(CF_UNICODETEXT, memory))
            GlobalFree(memory);
    }
    CloseClipboard();
}

static void show_kind_port(HWND dialog)
{
    LRESULT kind = SendDlgItemMessageW(dialog, IDC_KIND, CB_GETCURSEL, 0, 0);
    if (kind >= 0 && (size_t)kind < KIND_COUNT)
        SetDlgItemInt(dialog, IDC_PORT, kinds[kind].port, FALSE);
}

static void initialise(struct test_window *window)
{
    HWND dialog = window->dialog;
    HDC screen = GetDC(NULL);
    int height = -MulDiv(8, GetDeviceCaps(screen, LOGPIXELSY), 72);
    size_t i;

    ReleaseDC(NULL, screen);
    gui_set_title(dialog, window->language, MSG_GUI_TEST_TITLE);
    gui_set_texts(dialog, window->language, test_texts, sizeof(test_texts) / sizeof(test_texts[0]));
    for (i = 0; i < KIND_COUNT; i++)
        gui_add_choice(dialog, IDC_KIND, window->language, kinds[i].label);
    SendDlgItemMessageW(dialog, IDC_KIND, CB_SETCURSEL, (WPARAM)last_kind, 0);
    gui_add_choice(dialog, IDC_AS, window->language, MSG_GUI_AS_THIS_PC);
    for (i = 0; i < WINDOWS_CLIENT_COUNT; i++)
        gui_add_text_choice(dialog, IDC_AS, windows_client_get((enum windows_client_id)i)->name);
    SendDlgItemMessageW(dialog, IDC_AS, CB_SETCURSEL, (WPARAM)last_as, 0);
    show_kind_port(dialog);
    SendDlgItemMessageW(dialog, IDC_SERVER, EM_LIMITTEXT, 255, 0);
    SendDlgItemMessageW(dialog, IDC_PORT, EM_LIMITTEXT, 5, 0);
    SetDlgItemTextW(dialog, IDC_SERVER, last_server);
    /* The details line up in columns: a fixed-pitch font for them. */
    window->details_font = CreateFontW(height, 0, 0, 0, FW_NORMAL, FALSE, FALSE, FALSE,
                                       window->language == LANGUAGE_JA ? SHIFTJIS_CHARSET : DEFAULT_CHARSET,
                                       OUT_DEFAULT_PRECIS, CLIP_DEFAULT_PRECIS, DEFAULT_QUALITY,
                                       FIXED_PITCH | FF_MODERN,
                                       window->language == LANGUAGE_JA ? L"MS Gothic" : L"Courier New");
    if (window->details_font)
        SendDlgItemMessageW(dialog, IDC_DETAILS, WM_SETFONT, (WPARAM)window->details_font, FALSE);
    SendMessageW(dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(dialog, IDC_SERVER), TRUE);
}

static INT_PTR CALLBACK test_procedure(HWND dialog, UINT message, WPARAM wparam, LPARAM lparam)
{
    struct test_window *window = (struct test_window *)GetWindowLongPtrW(dialog, DWLP_USER);
    switch (message) {
    case WM_INITDIALOG:
        window = (struct test_window *)lparam;
        window->dialog = dialog;
        SetWindowLongPtrW(dialog, DWLP_USER, (LONG_PTR)window);
        initialise(window);
        return FALSE;
    case WM_TEST_DONE:
        finish_test(window);
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDC_KIND:
            if (HIWORD(wparam) == CBN_SELCHANGE)
                show_kind_port(dialog);
            return TRUE;
        case IDC_START:
            if (!window->thread)
                start_test(window);
            return TRUE;
        case IDC_STOP:
            if (window->thread)
                SetEvent(window->cancel);
            return TRUE;
        case IDC_COPY:
            copy_details(dialog);
            return TRUE;
        case IDCANCEL:
            if (window->thread) {
                /* Stop the child, then let the thread end before the window goes. */
                SetEvent(window->cancel);
                WaitForSingleObject(window->thread, INFINITE);
                CloseHandle(window->thread);
                window->thread = NULL;
            }
            EndDialog(dialog, 0);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

void gui_mailcheck_dialog(HWND owner, enum language language)
{
    struct test_window *window = calloc(1, sizeof(*window));
    if (!window)
        return;
    window->language = language;
    window->cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (window->cancel)
        gui_dialog(owner, IDD_TEST, language, test_procedure, (LPARAM)window);
    if (window->cancel)
        CloseHandle(window->cancel);
    if (window->details_font)
        DeleteObject(window->details_font);
    free(window);
}
