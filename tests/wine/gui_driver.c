/* Drives TLS Switch's window from outside, as a user would, for the GUI tests
 * (tests/gui/ .bats files) and the screenshots. Each run does one step and exits 0, or 1 with
 * what it expected and what it found.
 *
 *   gui_driver wait ROLE                  until ROLE is on screen and takes input
 *   gui_driver gone ROLE                  until no ROLE is on screen
 *   gui_driver text ROLE ID               prints a control's text
 *   gui_driver wait-text ROLE ID WORDS    until the control's text contains WORDS
 *   gui_driver box                        prints the text of the message box on screen
 *   gui_driver click ROLE ID              clicks a button (it must be visible and enabled)
 *   gui_driver enabled ROLE ID            prints 1 or 0
 *   gui_driver set ROLE ID TEXT           types TEXT into an edit control
 *   gui_driver select ROLE ID INDEX       picks an entry of a drop-down list
 *   gui_driver select-row ROLE ID INDEX   selects a row of a list view
 *   gui_driver keys ROLE                  checks access keys and the Tab order
 *   gui_driver fits ROLE FACE POINTS      checks every label, button and list entry fits,
 *                                         measured in the dialog's font FACE at POINTS
 *   gui_driver shot ROLE FILE.bmp         saves the window as a picture
 *
 * ROLE is main, test, advanced, accounts (the window's dialogs, found by a control only each has)
 * or box (a message box on top of them). ID is a control id from res/resource.h, or
 * 1, 2, 6, 7 for OK, Cancel, Yes, No. Waits re-check on every window event and at
 * least every 100 ms, up to TLSSWITCH_GUI_WAIT seconds (default 60). */
#include <windows.h>
#include <commctrl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../res/resource.h"

static const char *role_name;
static HWND found;

static int role_matches(HWND window)
{
    wchar_t class_name[32];
    int main_window, test_window, advanced_window, accounts_window;
    if (!IsWindowVisible(window) || !GetClassNameW(window, class_name, 32) || wcscmp(class_name, L"#32770") != 0)
        return 0;
    main_window = GetDlgItem(window, IDC_FIX) != NULL;
    test_window = GetDlgItem(window, IDC_SERVER) != NULL;
    advanced_window = GetDlgItem(window, IDC_PROTOCOLS) != NULL;
    accounts_window = GetDlgItem(window, IDC_ACCOUNT_LINES) != NULL;
    if (strcmp(role_name, "main") == 0)
        return main_window;
    if (strcmp(role_name, "test") == 0)
        return test_window;
    if (strcmp(role_name, "advanced") == 0)
        return advanced_window;
    if (strcmp(role_name, "accounts") == 0)
        return accounts_window;
    return strcmp(role_name, "box") == 0 && !main_window && !test_window && !advanced_window && !accounts_window;
}

static BOOL CALLBACK look(HWND window, LPARAM unused)
{
    (void)unused;
    if (role_matches(window)) {
        found = window;
        return FALSE;
    }
    return TRUE;
}

static HWND find_role(const char *role)
{
    role_name = role;
    found = NULL;
    EnumWindows(look, 0);
    return found;
}

static void CALLBACK on_event(HWINEVENTHOOK hook, DWORD event, HWND window, LONG object, LONG child, DWORD thread,
                              DWORD time)
{
    (void)hook, (void)event, (void)window, (void)object, (void)child, (void)thread, (void)time;
}

/* Waits until check(argument) is true; 0 when it came true, -1 at the time limit. */
static int wait_until(int (*check)(const void *), const void *argument)
{
    char *limit_text = getenv("TLSSWITCH_GUI_WAIT");
    DWORD limit = (limit_text ? (DWORD)atoi(limit_text) : 60) * 1000, start = GetTickCount();
    HWINEVENTHOOK hook = SetWinEventHook(EVENT_MIN, EVENT_MAX, NULL, on_event, 0, 0, WINEVENT_OUTOFCONTEXT);
    int result = -1;
    for (;;) {
        MSG message;
        if (check(argument)) {
            result = 0;
            break;
        }
        if (GetTickCount() - start >= limit)
            break;
        MsgWaitForMultipleObjects(0, NULL, FALSE, 100, QS_ALLINPUT);
        while (PeekMessageW(&message, NULL, 0, 0, PM_REMOVE))
            DispatchMessageW(&message);
    }
    if (hook)
        UnhookWinEvent(hook);
    return result;
}

static int role_ready(const void *role)
{
    HWND window = find_role(role);
    return window && IsWindowEnabled(window);
}

static int role_gone(const void *role)
{
    return find_role(role) == NULL;
}

static HWND need_role(const char *role)
{
    if (wait_until(role_ready, role) != 0) {
        fprintf(stderr, "gui_driver: no %s window on screen that takes input\n", role);
        exit(1);
    }
    return find_role(role);
}

static HWND need_control(HWND dialog, const char *role, int id)
{
    HWND control = GetDlgItem(dialog, id);
    if (!control) {
        fprintf(stderr, "gui_driver: the %s window has no control %d\n", role, id);
        exit(1);
    }
    return control;
}

/* The control's text as UTF-8 (the shell and bats read UTF-8). */
static char *control_text(HWND control)
{
    wchar_t wide[8192];
    static char utf8[32768];
    DWORD_PTR length = 0;
    wide[0] = L'\0';
    SendMessageTimeoutW(control, WM_GETTEXT, 8192, (LPARAM)wide, SMTO_ABORTIFHUNG, 5000, &length);
    wide[8191] = L'\0';
    WideCharToMultiByte(CP_UTF8, 0, wide, -1, utf8, sizeof(utf8), NULL, NULL);
    return utf8;
}

static void print_utf8(const char *text)
{
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), text, (DWORD)strlen(text), &written, NULL);
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "\n", 1, &written, NULL);
}

struct text_wait {
    const char *role;
    int id;
    const char *words;
};

static int text_contains(const void *argument)
{
    const struct text_wait *wait = argument;
    HWND dialog = find_role(wait->role), control;
    if (!dialog || !(control = GetDlgItem(dialog, wait->id)))
        return 0;
    return strstr(control_text(control), wait->words) != NULL;
}

static BOOL CALLBACK collect_static(HWND child, LPARAM into)
{
    wchar_t class_name[32];
    char *text;
    if (GetClassNameW(child, class_name, 32) && _wcsicmp(class_name, L"Static") == 0) {
        text = control_text(child);
        if (*text) {
            strncat((char *)into, text, 32767 - strlen((char *)into));
            strncat((char *)into, "\n", 32767 - strlen((char *)into));
        }
    }
    return TRUE;
}

/* Access keys and the Tab order: every button and every label before an input has one
 * '&' key, no two alike in a window; every enabled input and button is a Tab stop. */
static char key_seen[256];
static int key_failures;
static const char *key_role;

static BOOL CALLBACK check_keys(HWND child, LPARAM unused)
{
    wchar_t class_name[32], text[512], *amp;
    LONG style = GetWindowLongW(child, GWL_STYLE);
    int id = GetDlgCtrlID(child), is_button, is_label;
    (void)unused;
    if (GetParent(child) != GetAncestor(child, GA_ROOT) || !IsWindowVisible(child) ||
        !GetClassNameW(child, class_name, 32))
        return TRUE;
    is_button = _wcsicmp(class_name, L"Button") == 0;
    is_label = _wcsicmp(class_name, L"Static") == 0 && !(style & SS_NOPREFIX) && (style & SS_TYPEMASK) != SS_ICON;
    if (!is_button && _wcsicmp(class_name, L"Static") != 0 && !(style & WS_TABSTOP) && IsWindowEnabled(child)) {
        fprintf(stderr, "gui_driver: %s control %d (%ls) cannot be reached with Tab\n", key_role, id, class_name);
        key_failures++;
    }
    if (is_button && !(style & WS_TABSTOP)) {
        fprintf(stderr, "gui_driver: %s button %d cannot be reached with Tab\n", key_role, id);
        key_failures++;
    }
    if (!is_button && !is_label)
        return TRUE;
    GetWindowTextW(child, text, 512);
    if (!text[0])
        return TRUE;
    amp = wcschr(text, L'&');
    if (!amp || !amp[1] || amp[1] == L'&') {
        fprintf(stderr, "gui_driver: %s control %d \"%ls\" has no access key\n", key_role, id, text);
        key_failures++;
        return TRUE;
    }
    {
        unsigned key = (unsigned)towupper(amp[1]) & 0xFF;
        if (key_seen[key]) {
            fprintf(stderr, "gui_driver: %s access key '%lc' is used twice (control %d)\n", key_role, amp[1], id);
            key_failures++;
        }
        key_seen[key] = 1;
    }
    return TRUE;
}

/* Every text fits its control, in the dialog's font: buttons and list entries on one
 * line, labels wrapped within their width and height. */
static int fit_failures;
static const char *fit_role;

static void strip_prefix(wchar_t *text)
{
    wchar_t *from = text, *to = text;
    for (; *from; from++) {
        if (*from == L'&') {
            from++;
            if (!*from)
                break;
        }
        *to++ = *from;
    }
    *to = L'\0';
}

static void check_one_line(HDC dc, int id, const wchar_t *text, int room)
{
    SIZE size;
    GetTextExtentPoint32W(dc, text, (int)wcslen(text), &size);
    if (size.cx > room) {
        fprintf(stderr, "gui_driver: %s control %d: \"%ls\" needs %ld pixels, has %d\n", fit_role, id, text,
                (long)size.cx, room);
        fit_failures++;
    }
}

static BOOL CALLBACK check_fit(HWND child, LPARAM dc_parameter)
{
    HDC dc = (HDC)dc_parameter;
    wchar_t class_name[32], text[2048];
    LONG style = GetWindowLongW(child, GWL_STYLE);
    int id = GetDlgCtrlID(child);
    RECT client;
    DWORD_PTR ignored;

    if (GetParent(child) != GetAncestor(child, GA_ROOT) || !IsWindowVisible(child) ||
        !GetClassNameW(child, class_name, 32))
        return TRUE;
    GetClientRect(child, &client);
    if (_wcsicmp(class_name, L"ComboBox") == 0) {
        LRESULT count = 0, i;
        SendMessageTimeoutW(child, CB_GETCOUNT, 0, 0, SMTO_ABORTIFHUNG, 5000, (DWORD_PTR *)&count);
        for (i = 0; i < count; i++) {
            text[0] = L'\0';
            SendMessageTimeoutW(child, CB_GETLBTEXT, (WPARAM)i, (LPARAM)text, SMTO_ABORTIFHUNG, 5000, &ignored);
            check_one_line(dc, id, text, client.right - GetSystemMetrics(SM_CXVSCROLL) - 6);
        }
        return TRUE;
    }
    text[0] = L'\0';
    SendMessageTimeoutW(child, WM_GETTEXT, 2048, (LPARAM)text, SMTO_ABORTIFHUNG, 5000, &ignored);
    if (!text[0])
        return TRUE;
    if (_wcsicmp(class_name, L"Button") == 0) {
        strip_prefix(text);
        check_one_line(dc, id, text, client.right - 2 * GetSystemMetrics(SM_CXEDGE) - 4);
    } else if (_wcsicmp(class_name, L"Static") == 0 && (style & SS_TYPEMASK) != SS_ICON) {
        RECT needed = { 0, 0, client.right, 0 };
        if (!(style & SS_NOPREFIX))
            strip_prefix(text);
        DrawTextW(dc, text, -1, &needed, DT_CALCRECT | DT_WORDBREAK | DT_NOPREFIX);
        if (needed.right > client.right || needed.bottom > client.bottom) {
            fprintf(stderr, "gui_driver: %s label %d: \"%ls\" needs %ldx%ld pixels, has %ldx%ld\n", fit_role, id, text,
                    (long)needed.right, (long)needed.bottom, (long)client.right, (long)client.bottom);
            fit_failures++;
        }
    }
    return TRUE;
}

static int save_picture(HWND window, const char *path)
{
    RECT box;
    HDC screen, memory;
    HBITMAP bitmap;
    BITMAPINFOHEADER header;
    BITMAPFILEHEADER file_header;
    int width, height, row_bytes;
    unsigned char *pixels;
    FILE *file;
    DWORD_PTR ignored;

    /* Two round trips through its message queue: what it had to paint is painted. */
    SendMessageTimeoutW(window, WM_NULL, 0, 0, SMTO_ABORTIFHUNG, 5000, &ignored);
    RedrawWindow(window, NULL, NULL, RDW_INVALIDATE | RDW_UPDATENOW | RDW_ALLCHILDREN | RDW_FRAME);
    SendMessageTimeoutW(window, WM_NULL, 0, 0, SMTO_ABORTIFHUNG, 5000, &ignored);
    GetWindowRect(window, &box);
    width = box.right - box.left;
    height = box.bottom - box.top;
    screen = GetDC(NULL);
    memory = CreateCompatibleDC(screen);
    bitmap = CreateCompatibleBitmap(screen, width, height);
    SelectObject(memory, bitmap);
    BitBlt(memory, 0, 0, width, height, screen, box.left, box.top, SRCCOPY);
    memset(&header, 0, sizeof(header));
    header.biSize = sizeof(header);
    header.biWidth = width;
    header.biHeight = height;
    header.biPlanes = 1;
    header.biBitCount = 24;
    header.biCompression = BI_RGB;
    row_bytes = (width * 3 + 3) & ~3;
    pixels = malloc((size_t)row_bytes * height);
    if (!pixels)
        return -1;
    GetDIBits(memory, bitmap, 0, (UINT)height, pixels, (BITMAPINFO *)&header, DIB_RGB_COLORS);
    memset(&file_header, 0, sizeof(file_header));
    file_header.bfType = 0x4D42;
    file_header.bfOffBits = sizeof(file_header) + sizeof(header);
    file_header.bfSize = file_header.bfOffBits + (DWORD)row_bytes * height;
    file = fopen(path, "wb");
    if (!file)
        return -1;
    fwrite(&file_header, sizeof(file_header), 1, file);
    fwrite(&header, sizeof(header), 1, file);
    fwrite(pixels, (size_t)row_bytes, (size_t)height, file);
    fclose(file);
    free(pixels);
    DeleteObject(bitmap);
    DeleteDC(memory);
    ReleaseDC(NULL, screen);
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: gui_driver wait|gone|text|wait-text|box|click|enabled|set|select|select-row|keys|shot ...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *command = argc > 1 ? argv[1] : "";
    const char *role = argc > 2 ? argv[2] : "";
    int id = argc > 3 ? atoi(argv[3]) : 0;
    HWND dialog, control;

    if (strcmp(command, "gone") == 0 && argc == 3) {
        if (wait_until(role_gone, role) != 0) {
            fprintf(stderr, "gui_driver: the %s window is still on screen\n", role);
            return 1;
        }
        return 0;
    }
    if (strcmp(command, "box") == 0 && argc == 2) {
        static char text[32768];
        dialog = need_role("box");
        EnumChildWindows(dialog, collect_static, (LPARAM)text);
        print_utf8(text);
        return 0;
    }
    if (argc < 3)
        usage();
    dialog = need_role(role);
    if (strcmp(command, "wait") == 0)
        return 0;
    if (strcmp(command, "keys") == 0) {
        key_role = role;
        EnumChildWindows(dialog, check_keys, 0);
        return key_failures ? 1 : 0;
    }
    if (strcmp(command, "fits") == 0 && argc == 5) {
        wchar_t face[64];
        HDC dc = CreateCompatibleDC(NULL);
        HFONT font;
        MultiByteToWideChar(CP_UTF8, 0, argv[3], -1, face, 64);
        face[63] = L'\0';
        font = CreateFontW(-MulDiv(atoi(argv[4]), GetDeviceCaps(dc, LOGPIXELSY), 72), 0, 0, 0, FW_NORMAL, FALSE, FALSE,
                           FALSE, DEFAULT_CHARSET, OUT_DEFAULT_PRECIS, CLIP_DEFAULT_PRECIS, DEFAULT_QUALITY,
                           DEFAULT_PITCH, face);
        SelectObject(dc, font);
        fit_role = role;
        EnumChildWindows(dialog, check_fit, (LPARAM)dc);
        DeleteDC(dc);
        DeleteObject(font);
        return fit_failures ? 1 : 0;
    }
    if (strcmp(command, "shot") == 0 && argc == 4) {
        if (save_picture(dialog, argv[3]) != 0) {
            fprintf(stderr, "gui_driver: could not save %s\n", argv[3]);
            return 1;
        }
        return 0;
    }
    if (argc < 4)
        usage();
    if (strcmp(command, "wait-text") == 0 && argc == 5) {
        struct text_wait wait = { role, id, argv[4] };
        need_control(dialog, role, id);
        if (wait_until(text_contains, &wait) != 0) {
            fprintf(stderr, "gui_driver: %s control %d never said \"%s\"; it says:\n", role, id, argv[4]);
            dialog = find_role(role);
            if (dialog && GetDlgItem(dialog, id))
                fprintf(stderr, "%s\n", control_text(GetDlgItem(dialog, id)));
            return 1;
        }
        return 0;
    }
    control = need_control(dialog, role, id);
    if (strcmp(command, "text") == 0) {
        print_utf8(control_text(control));
        return 0;
    }
    if (strcmp(command, "enabled") == 0) {
        print_utf8(IsWindowEnabled(control) ? "1" : "0");
        return 0;
    }
    if (strcmp(command, "click") == 0) {
        if (!IsWindowVisible(control) || !IsWindowEnabled(control)) {
            fprintf(stderr, "gui_driver: %s button %d is not there to click (%s)\n", role, id,
                    IsWindowVisible(control) ? "disabled" : "hidden");
            return 1;
        }
        PostMessageW(control, BM_CLICK, 0, 0);
        return 0;
    }
    if (strcmp(command, "set") == 0 && argc == 5) {
        wchar_t wide[1024];
        DWORD_PTR ignored;
        MultiByteToWideChar(CP_UTF8, 0, argv[4], -1, wide, 1024);
        wide[1023] = L'\0';
        SendMessageTimeoutW(control, WM_SETTEXT, 0, (LPARAM)wide, SMTO_ABORTIFHUNG, 5000, &ignored);
        return 0;
    }
    if (strcmp(command, "select") == 0 && argc == 5) {
        DWORD_PTR ignored;
        SendMessageTimeoutW(control, CB_SETCURSEL, (WPARAM)atoi(argv[4]), 0, SMTO_ABORTIFHUNG, 5000, &ignored);
        /* As a user's choice would, tell the dialog. */
        PostMessageW(dialog, WM_COMMAND, MAKEWPARAM(id, CBN_SELCHANGE), (LPARAM)control);
        return 0;
    }
    if (strcmp(command, "select-row") == 0 && argc == 5) {
        /* LVM_SETITEMSTATE takes a pointer: the item goes into the window's process. */
        DWORD process_id;
        HANDLE process;
        LVITEMW item;
        void *remote;
        DWORD_PTR ignored;
        GetWindowThreadProcessId(control, &process_id);
        process = OpenProcess(PROCESS_VM_OPERATION | PROCESS_VM_WRITE, FALSE, process_id);
        memset(&item, 0, sizeof(item));
        item.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
        item.state = LVIS_SELECTED | LVIS_FOCUSED;
        remote = process ? VirtualAllocEx(process, NULL, sizeof(item), MEM_COMMIT, PAGE_READWRITE) : NULL;
        if (!remote || !WriteProcessMemory(process, remote, &item, sizeof(item), NULL)) {
            fprintf(stderr, "gui_driver: could not reach the %s window's process\n", role);
            return 1;
        }
        SendMessageTimeoutW(control, LVM_SETITEMSTATE, (WPARAM)atoi(argv[4]), (LPARAM)remote, SMTO_ABORTIFHUNG, 5000,
                            &ignored);
        VirtualFreeEx(process, remote, 0, MEM_RELEASE);
        CloseHandle(process);
        return 0;
    }
    usage();
    return 2;
}
