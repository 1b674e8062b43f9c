/* "Test my mail": /test /accounts in the window. The accounts the mail programs of this
 * user have are tested with no typing, in a worker thread (the window stays responsive,
 * "Stop" ends it); then one line per account (program, name, verdict in a few words) and
 * the command's own report in the details, to copy. With no account found, the mail
 * server test opens instead (after the notes on damaged stores, if any); "Test another server..." opens it from here, and "Set up the
 * relay..." opens it testing the first server this Windows cannot use, whose result
 * offers the relay. */
#include "../commands/services.h"
#include "gui.h"
#include "../../res/resource.h"

#include <stdlib.h>

#define WM_ACCOUNTS_DONE (WM_APP + 1)
#define ACCOUNTS_TIMEOUT_SECONDS 10u

static const struct gui_text accounts_texts[] = {
    { IDC_DETAILS_LABEL, MSG_GUI_DETAILS_LABEL },
    { IDC_COPY, MSG_GUI_COPY },
    { IDC_TEST_OTHER, MSG_GUI_TEST_OTHER },
    { IDC_USE_RELAY, MSG_GUI_ACCOUNTS_RELAY },
    { IDC_STOP, MSG_GUI_STOP_TEST },
    { IDCANCEL, MSG_GUI_CLOSE },
};

struct accounts_window {
    enum language language;
    HWND dialog;
    HFONT details_font;
    HANDLE thread, cancel;
    struct accounts_test test;
    struct windows_failure failure;
    char relay_target[400];   /* the first server no setting helps, for the relay; "" when none */
};

static DWORD WINAPI accounts_thread(void *argument)
{
    struct accounts_window *window = argument;
    window->failure = accounts_gather(&window->test, -1, ACCOUNTS_TIMEOUT_SECONDS, window->cancel);
    PostMessageW(window->dialog, WM_ACCOUNTS_DONE, 0, 0);
    return 0;
}

static void set_running(struct accounts_window *window, int running)
{
    EnableWindow(GetDlgItem(window->dialog, IDC_STOP), running);
    EnableWindow(GetDlgItem(window->dialog, IDC_COPY), !running);
    SendMessageW(window->dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(window->dialog, running ? IDC_STOP : IDCANCEL),
                 TRUE);
}

/* One line per account in a few words, the notes on damaged stores first; the sum above
 * them; the command's report in the details. */
static void finish(struct accounts_window *window)
{
    static const enum message_id short_words[] = {
        [VERDICT_WORKS] = MSG_GUI_ACCOUNT_WORKS,
        [VERDICT_WORKS_PLAIN] = MSG_GUI_ACCOUNT_WORKS_PLAIN,
        [VERDICT_AFTER_FIX] = MSG_GUI_ACCOUNT_AFTER_FIX,
        [VERDICT_WRONG_SETTING] = MSG_GUI_ACCOUNT_WRONG_SETTING,
        [VERDICT_CANNOT] = MSG_GUI_ACCOUNT_CANNOT,
        [VERDICT_FAILS] = MSG_GUI_ACCOUNT_FAILS,
    };
    const struct accounts_test *test = &window->test;
    unsigned count = (unsigned)test->found.accounts.count, i;
    struct strbuf lines, details;

    WaitForSingleObject(window->thread, INFINITE);
    CloseHandle(window->thread);
    window->thread = NULL;
    set_running(window, 0);
    strbuf_init(&lines);
    strbuf_init(&details);
    if (window->failure.code == ERROR_CANCELLED) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_TEST_STOPPED);
    } else if (window->failure.code != ERROR_SUCCESS) {
        windows_failure_describe(&window->failure, window->language, &lines);
        gui_set_utf8(window->dialog, IDC_RESULT, lines.failed ? "" : lines.data);
        strbuf_clear(&lines);
    } else {
        gui_say(window->dialog, IDC_RESULT, window->language,
                test->works == count ? MSG_ACCOUNTS_ALL_WORK : MSG_ACCOUNTS_NOT_ALL_WORK,
                test->works == count ? count : count - test->works, count);
        accounts_notes(test, window->language, &lines);
        for (i = 0; i < count; i++) {
            const struct account_check *check = &test->checks[i];
            const struct find_row *better;
            int side;
            for (side = 0; side < SIDE_COUNT && !window->relay_target[0]; side++)
                if (account_check_side(check, (enum account_side)side, &better) == VERDICT_CANNOT)
                    find_row_target(&check->search, better, window->relay_target, sizeof(window->relay_target));
            strbuf_printf(&lines, message_text(window->language, MSG_GUI_ACCOUNT_LINE),
                          account_program_name(check->account.program), check->account.name,
                          message_text(window->language, short_words[account_check_verdict(check)]));
        }
        accounts_report(test, window->language, 0, &details);
    }
    ShowWindow(GetDlgItem(window->dialog, IDC_USE_RELAY), window->relay_target[0] ? SW_SHOW : SW_HIDE);
    gui_set_utf8(window->dialog, IDC_ACCOUNT_LINES, lines.failed ? "" : lines.data);
    gui_set_utf8(window->dialog, IDC_DETAILS, details.failed ? "" : details.data);
    strbuf_free(&lines);
    strbuf_free(&details);
}

static void start(struct accounts_window *window)
{
    HWND dialog = window->dialog;
    gui_set_title(dialog, window->language, MSG_GUI_ACCOUNTS_TITLE);
    gui_set_texts(dialog, window->language, accounts_texts, sizeof(accounts_texts) / sizeof(accounts_texts[0]));
    window->details_font = gui_details_font(dialog, IDC_DETAILS, window->language);
    /* Two rounds (the settings, then the other ways), each as now and as after the fix. */
    gui_say(dialog, IDC_RESULT, window->language, MSG_GUI_ACCOUNTS_RUNNING, (unsigned)window->test.found.accounts.count,
            4u * ACCOUNTS_TIMEOUT_SECONDS);
    set_running(window, 1);
    window->thread = CreateThread(NULL, 0, accounts_thread, window, 0, NULL);
    if (!window->thread) {
        window->failure.call = "CreateThread";
        window->failure.code = GetLastError();
        PostMessageW(dialog, WM_ACCOUNTS_DONE, 0, 0);
    }
}

static INT_PTR CALLBACK accounts_procedure(HWND dialog, UINT message, WPARAM wparam, LPARAM lparam)
{
    struct accounts_window *window = (struct accounts_window *)GetWindowLongPtrW(dialog, DWLP_USER);
    switch (message) {
    case WM_INITDIALOG:
        window = (struct accounts_window *)lparam;
        window->dialog = dialog;
        SetWindowLongPtrW(dialog, DWLP_USER, (LONG_PTR)window);
        start(window);
        return FALSE;   /* the focus is set */
    case WM_ACCOUNTS_DONE:
        finish(window);
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDC_STOP:
            if (window->thread)
                SetEvent(window->cancel);
            return TRUE;
        case IDC_COPY:
            gui_copy_text(dialog, IDC_DETAILS);
            return TRUE;
        case IDC_TEST_OTHER:
            gui_mailcheck_dialog(dialog, window->language, NULL);
            return TRUE;
        case IDC_USE_RELAY:
            /* The relay's way as the mail server test has it: that server tested, then its button. */
            gui_mailcheck_dialog(dialog, window->language, window->relay_target);
            return TRUE;
        case IDCANCEL:
            gui_end_with_worker(dialog, window->cancel, &window->thread);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

void gui_accounts_dialog(HWND owner, enum language language)
{
    struct accounts_window *window = calloc(1, sizeof(*window));
    if (!window)
        return;
    window->language = language;
    accounts_find(&window->test);
    if (window->test.found.accounts.count == 0 && !window->test.found.no_memory) {
        /* Nothing to test: the form for a server typed in by hand; first, when a mail
         * program's store is there but damaged, its note, which the form would not show. */
        int program;
        for (program = 0; program < PROGRAM_COUNT; program++)
            if (window->test.found.store[program] == STORE_DAMAGED)
                break;
        if (program < PROGRAM_COUNT) {
            struct strbuf notes;
            strbuf_init(&notes);
            accounts_notes(&window->test, language, &notes);
            if (!notes.failed)
                gui_message_box(owner, notes.data, MB_OK | MB_ICONWARNING);
            strbuf_free(&notes);
        }
        gui_mailcheck_dialog(owner, language, NULL);
    } else {
        window->cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (window->cancel) {
            gui_dialog(owner, IDD_ACCOUNTS, language, accounts_procedure, (LPARAM)window);
            CloseHandle(window->cancel);
        }
        if (window->details_font)
            DeleteObject(window->details_font);
    }
    accounts_test_free(&window->test);
    free(window);
}
