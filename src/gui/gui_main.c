/* The main window: one sentence on whether old mail programs can use TLS 1.2, the
 * "Fix it" button, "Test my mail" (the accounts the mail programs have), the way to the
 * mail server test and the advanced settings, and,
 * once relay.ini has ways, whether the relay runs, for which ways, and "Stop relaying". */
#include "../commands/services.h"
#include "gui.h"
#include "../win32/console.h"
#include "../win32/late_bound.h"
#include "../core/exitcodes.h"
#include "../core/relay/relay_advice.h"
#include "../core/registry/profiles.h"
#include "../core/registry/regstore.h"
#include "../../res/resource.h"

#include <commctrl.h>
#include <string.h>

#ifndef BCM_SETSHIELD
#define BCM_SETSHIELD 0x160C   /* Vista's shield on a button; XP ignores it */
#endif

struct main_window {
    enum language language;
    int relay_shown;   /* the relay's line and button take their room at the bottom */
};

static const struct gui_text main_texts[] = {
    { IDC_FIX, MSG_GUI_FIX },
    { IDC_TEST_ACCOUNTS, MSG_GUI_TEST_ACCOUNTS },
    { IDC_TEST, MSG_GUI_TEST },
    { IDC_ADVANCED, MSG_GUI_ADVANCED },
    { IDC_STOP_RELAY, MSG_GUI_STOP_RELAY },
    { IDCANCEL, MSG_GUI_CLOSE },
};

/* What the window says for each /status verdict, and whether "Fix it" can help. */
static const struct {
    enum message_id verdict;
    enum message_id sentence;
    LPCWSTR icon;
    int fix_helps;
} states[] = {
    { MSG_VERDICT_TLS12_DEFAULT, MSG_GUI_STATE_GOOD, IDI_INFORMATION, 0 },
    { MSG_VERDICT_TLS12_NOT_DEFAULT, MSG_GUI_STATE_NEEDS_FIX, IDI_WARNING, 1 },
    { MSG_VERDICT_TLS12_OFF, MSG_GUI_STATE_OFF, IDI_WARNING, 1 },
    { MSG_VERDICT_TLS12_UNSUPPORTED_XP, MSG_VERDICT_TLS12_UNSUPPORTED_XP, IDI_ERROR, 0 },
    { MSG_VERDICT_TLS12_UNSUPPORTED_VISTA, MSG_VERDICT_TLS12_UNSUPPORTED_VISTA, IDI_ERROR, 0 },
    { MSG_VERDICT_TLS12_UNSUPPORTED, MSG_VERDICT_TLS12_UNSUPPORTED, IDI_ERROR, 0 },
};

static void set_default_button(HWND dialog, int id)
{
    static const int buttons[] = { IDC_FIX, IDC_TEST_ACCOUNTS };
    size_t i;
    for (i = 0; i < sizeof(buttons) / sizeof(buttons[0]); i++)
        SendDlgItemMessageW(dialog, buttons[i], BM_SETSTYLE, buttons[i] == id ? BS_DEFPUSHBUTTON : BS_PUSHBUTTON,
                            TRUE);
    SendMessageW(dialog, DM_SETDEFID, (WPARAM)id, 0);
    SendMessageW(dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(dialog, id), TRUE);
}

static void show_status(HWND dialog, enum language language)
{
    struct status_report report;
    enum message_id verdict, sentence = MSG_GUI_STATE_UNKNOWN;
    LPCWSTR icon = IDI_ERROR;
    int fix_helps = 0, allowed = change_allowed();
    size_t i;

    if (gui_read_status(&report) == REGSTORE_OK) {
        verdict = report_verdict(&report);
        for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
            if (states[i].verdict == verdict) {
                sentence = states[i].sentence;
                icon = states[i].icon;
                fix_helps = states[i].fix_helps;
            }
    }
    {
        /* The /status verdicts end in a line break; the window's sentence does not. */
        char text[600];
        size_t length;
        strncpy(text, message_text(language, sentence), sizeof(text) - 1);
        text[sizeof(text) - 1] = '\0';
        length = strlen(text);
        while (length > 0 && text[length - 1] == '\n')
            text[--length] = '\0';
        gui_set_utf8(dialog, IDC_SENTENCE, text);
    }
    SendDlgItemMessageW(dialog, IDC_STATE_ICON, STM_SETICON, (WPARAM)LoadIconW(NULL, icon), 0);

    /* On XP a limited user cannot be raised to an administrator: say so now. */
    if (!allowed && report.os.major < 6) {
        gui_set_utf8(dialog, IDC_ADMIN_NOTE, message_text(language, MSG_GUI_NOT_ADMIN_XP));
        ShowWindow(GetDlgItem(dialog, IDC_ADMIN_NOTE), SW_SHOW);
        fix_helps = 0;
    } else {
        ShowWindow(GetDlgItem(dialog, IDC_ADMIN_NOTE), SW_HIDE);
    }
    SendDlgItemMessageW(dialog, IDC_FIX, BCM_SETSHIELD, 0, !allowed);
    EnableWindow(GetDlgItem(dialog, IDC_FIX), fix_helps);
    set_default_button(dialog, fix_helps ? IDC_FIX : IDC_TEST_ACCOUNTS);
}

/* The relay's line: running or not, and its ways from relay.ini; with no way (no
 * relay.ini) the line and its button are hidden and the window gives back their room. */
static void show_relay(HWND dialog, struct main_window *window)
{
    struct relay_config config;
    struct strbuf text;
    int shown, exit_code;
    size_t i;

    strbuf_init(&text);
    console_capture(&text);   /* a damaged relay.ini: its error is the line */
    exit_code = relay_ways_read(window->language, &config);
    console_capture(NULL);
    if (exit_code == EXIT_DONE && config.count > 0) {
        strbuf_append(&text, message_text(window->language, relay_running() ? MSG_GUI_RELAY_ON : MSG_GUI_RELAY_OFF));
        for (i = 0; i < config.count; i++)
            relay_way_describe_line(&config.ways[i], (unsigned)i + 1, window->language, &text);
    }
    shown = text.length > 0;
    gui_set_utf8(dialog, IDC_RELAY_STATE, text.failed ? "" : text.data);
    strbuf_free(&text);
    if (shown != window->relay_shown) {
        RECT room = { 0, 0, 0, 236 - 166 }, frame;   /* res/tlsswitch.rc: the dialog's height with and without */
        MapDialogRect(dialog, &room);
        GetWindowRect(dialog, &frame);
        SetWindowPos(dialog, NULL, 0, 0, frame.right - frame.left,
                     frame.bottom - frame.top + (shown ? room.bottom : -room.bottom), SWP_NOMOVE | SWP_NOZORDER);
        ShowWindow(GetDlgItem(dialog, IDC_RELAY_STATE), shown ? SW_SHOW : SW_HIDE);
        ShowWindow(GetDlgItem(dialog, IDC_STOP_RELAY), shown ? SW_SHOW : SW_HIDE);
        window->relay_shown = shown;
    }
}

/* "Stop relaying": /relay stop, which also removes the start entry. */
static void stop_relay(HWND dialog, struct main_window *window)
{
    struct strbuf said;
    int exit_code;
    strbuf_init(&said);
    console_capture(&said);
    exit_code = relay_stop(window->language);
    console_capture(NULL);
    if (exit_code != EXIT_DONE)
        gui_message_box(dialog, said.failed ? "" : said.data, MB_OK | MB_ICONERROR);
    strbuf_free(&said);
    show_relay(dialog, window);
}

static INT_PTR CALLBACK main_procedure(HWND dialog, UINT message, WPARAM wparam, LPARAM lparam)
{
    struct main_window *window = (struct main_window *)GetWindowLongPtrW(dialog, DWLP_USER);

    switch (message) {
    case WM_INITDIALOG: {
        HINSTANCE instance = GetModuleHandleW(NULL);
        window = (struct main_window *)lparam;
        SetWindowLongPtrW(dialog, DWLP_USER, (LONG_PTR)window);
        SendMessageW(dialog, WM_SETICON, ICON_BIG, (LPARAM)LoadIconW(instance, MAKEINTRESOURCEW(IDI_APP)));
        SendMessageW(dialog, WM_SETICON, ICON_SMALL,
                     (LPARAM)LoadImageW(instance, MAKEINTRESOURCEW(IDI_APP), IMAGE_ICON, GetSystemMetrics(SM_CXSMICON),
                                        GetSystemMetrics(SM_CYSMICON), 0));
        gui_set_texts(dialog, window->language, main_texts, sizeof(main_texts) / sizeof(main_texts[0]));
        window->relay_shown = 1;   /* as the template has it */
        show_relay(dialog, window);
        show_status(dialog, window->language);
        return FALSE;   /* the focus is set */
    }
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDC_FIX: {
            int test_now = 0;
            if (gui_change(dialog, window->language, COMMAND_APPLY, profile_at(PROFILE_RECOMMENDED)->name, 1, &test_now))
                show_status(dialog, window->language);
            if (test_now) {
                gui_mailcheck_dialog(dialog, window->language, NULL);
                show_relay(dialog, window);
            }
            return TRUE;
        }
        case IDC_TEST_ACCOUNTS:
            gui_accounts_dialog(dialog, window->language);
            show_relay(dialog, window);
            return TRUE;
        case IDC_TEST:
            gui_mailcheck_dialog(dialog, window->language, NULL);
            show_relay(dialog, window);   /* the test may have set the relay up */
            return TRUE;
        case IDC_STOP_RELAY:
            stop_relay(dialog, window);
            return TRUE;
        case IDC_ADVANCED:
            gui_advanced_dialog(dialog, window->language);
            show_status(dialog, window->language);
            return TRUE;
        case IDCANCEL:
            EndDialog(dialog, 0);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

int gui_run(enum language language)
{
    struct main_window window;
    window.language = language;
    late_init_common_controls();
    if (gui_dialog(NULL, IDD_MAIN, language, main_procedure, (LPARAM)&window) == -1)
        return EXIT_SYSTEM_ERROR;
    return EXIT_DONE;
}
