/* "Test my mail server": the /test of the command line for the incoming and the outgoing
 * server (one of them at least) with the connection types a mail program offers, as this
 * PC connects or as another Windows would (/as); and /find, which looks for the settings
 * from a mail address or a server name and fills them in. Where no setting of this
 * Windows can help, "Use TLS Switch as a relay" sets the relay up (as /relay add and
 * /relay start), says what to type into the mail program, and tests through the relay.
 * The work runs in a worker thread, so the window stays responsive and "Stop" can end it.
 * "Test my mail" opens it with a server to test at once, for the relay. */
#include "../commands/services.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "gui.h"
#include "../win32/wide.h"
#include "../core/exitcodes.h"
#include "../core/relay/relay_advice.h"
#include "../../res/resource.h"
#include "../../res/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WM_TEST_DONE (WM_APP + 1)
#define WM_FIND_DONE (WM_APP + 2)
#define WM_RELAY_DONE (WM_APP + 3)
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
    { IDC_FIND_LABEL, MSG_GUI_FIND_LABEL },
    { IDC_FIND, MSG_GUI_FIND_BUTTON },
    { IDC_SERVER_LABEL, MSG_GUI_SERVER_LABEL },
    { IDC_OUT_LABEL, MSG_GUI_OUT_LABEL },
    { IDC_KIND_LABEL, MSG_GUI_KIND_LABEL },
    { IDC_PORT_LABEL, MSG_GUI_PORT_LABEL },
    { IDC_AS_LABEL, MSG_GUI_AS_LABEL },
    { IDC_START, MSG_GUI_START_TEST },
    { IDC_STOP, MSG_GUI_STOP_TEST },
    { IDC_RESULT_LABEL, MSG_GUI_RESULT_LABEL },
    { IDC_DETAILS_LABEL, MSG_GUI_DETAILS_LABEL },
    { IDC_COPY, MSG_GUI_COPY },
    { IDC_USE_RELAY, MSG_GUI_USE_RELAY },
    { IDCANCEL, MSG_GUI_CLOSE },
};

/* The two servers of the window: incoming first. */
#define SERVER_COUNT 2
static const struct {
    int server, kind, port;
    enum message_id result_label;
    size_t default_kind;
} rows[SERVER_COUNT] = {
    { IDC_SERVER, IDC_KIND, IDC_PORT, MSG_GUI_RESULT_INCOMING, 2 },       /* POP3 with SSL */
    { IDC_OUT_SERVER, IDC_OUT_KIND, IDC_OUT_PORT, MSG_GUI_RESULT_OUTGOING, 0 },   /* SMTP with SSL */
};

/* What the user typed last, offered again the next time the dialog opens (a row's kind
 * is kept with its server; before one, the row's default_kind). */
static wchar_t last_server[SERVER_COUNT][256], last_find[256];
static int last_kind[SERVER_COUNT], last_as;

/* The "Test as" choices: this PC first, then every Windows of the table. */
#define AS_THIS_PC 0

struct test_window {
    enum language language;
    HWND dialog;
    const char *start_with;        /* a server to fill in and test at once, or NULL */
    HFONT details_font;
    HANDLE thread;
    HANDLE cancel;
    int target_count;
    int target_row[SERVER_COUNT];  /* which row each target came from */
    char targets[SERVER_COUNT][400];
    int as_windows;                /* -1: as this PC; else an enum windows_client_id */
    struct test_facts facts[SERVER_COUNT];
    struct as_facts as[SERVER_COUNT];
    struct windows_failure errors[SERVER_COUNT];
    struct windows_failure error;   /* what kept the whole test or search from running */
    char find_input[256];
    struct find_search search;
    /* "Use TLS Switch as a relay": the providers (the targets of the last test that no
     * setting helps), what setting them up said and ended in, the ways, and the tests
     * through them. */
    int relay_count;
    char relay_targets[SERVER_COUNT][400];
    struct strbuf relay_said;
    int relay_exit;
    struct relay_way relay_ways[SERVER_COUNT];
    struct handshake_report relay_checks[SERVER_COUNT];
};

static DWORD WINAPI test_thread(void *argument)
{
    struct test_window *window = argument;
    const char *targets[SERVER_COUNT];
    int i;
    for (i = 0; i < window->target_count; i++)
        targets[i] = window->targets[i];
    window->error.call = "malloc";
    window->error.code = test_gather_all(targets, window->target_count, window->as_windows, TEST_TIMEOUT_SECONDS,
                                         window->cancel, window->facts, window->as, window->errors);
    for (i = 0; i < window->target_count && window->error.code == ERROR_SUCCESS; i++)
        if (window->errors[i].code == ERROR_CANCELLED)
            window->error.code = ERROR_CANCELLED;   /* Stop: said once, for all */
    PostMessageW(window->dialog, WM_TEST_DONE, 0, 0);
    return 0;
}

static DWORD WINAPI find_thread(void *argument)
{
    struct test_window *window = argument;
    uint16_t default_version;
    window->error = find_default_version(&default_version);
    if (window->error.code == ERROR_SUCCESS) {
        window->error.call = "/find";
        window->error.code = find_gather(window->find_input, TEST_TIMEOUT_SECONDS, window->cancel, default_version,
                                         &window->search);
    }
    PostMessageW(window->dialog, WM_FIND_DONE, 0, 0);
    return 0;
}

/* The way to each provider: the one relay.ini has, or a new one (as /relay add); then
 * the relay (re)started as /relay start does, and the test through each way. What the
 * two verbs say on failure is captured for the window. */
static DWORD WINAPI relay_thread(void *argument)
{
    struct test_window *window = argument;
    struct relay_config config;
    struct relay_config_error ignored;
    struct target provider;
    const struct relay_way *existing;
    wchar_t port_text[8];
    unsigned port = 0;
    int i;

    /* The tests choose the local port, clear of other tests' ports. */
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_RELAY_PORT", port_text, 8) > 0)
        port = (unsigned)_wtoi(port_text);
    console_capture(&window->relay_said);
    for (i = 0, window->relay_exit = EXIT_DONE; i < window->relay_count && window->relay_exit == EXIT_DONE; i++) {
        window->relay_exit = relay_ways_read(window->language, &config);
        if (window->relay_exit != EXIT_DONE)
            break;
        existing = relay_provider_parse(window->relay_targets[i], &provider, &ignored) == 0
                       ? relay_config_find(&config, &provider)
                       : NULL;
        if (existing)
            window->relay_ways[i] = *existing;
        else
            window->relay_exit = relay_way_add(window->language, window->relay_targets[i], port ? port + (unsigned)i : 0,
                                               &window->relay_ways[i]);
    }
    if (window->relay_exit == EXIT_DONE)
        window->relay_exit = relay_start(window->language, 1);
    console_capture(NULL);
    for (i = 0; i < window->relay_count && window->relay_exit == EXIT_DONE; i++)
        relay_check(&window->relay_ways[i], TEST_TIMEOUT_SECONDS, window->cancel, &window->relay_checks[i]);
    window->error.code = WaitForSingleObject(window->cancel, 0) == WAIT_OBJECT_0 ? ERROR_CANCELLED : ERROR_SUCCESS;
    PostMessageW(window->dialog, WM_RELAY_DONE, 0, 0);
    return 0;
}

static void set_running(struct test_window *window, int running)
{
    static const int inputs[] = { IDC_FIND_INPUT, IDC_FIND, IDC_SERVER, IDC_KIND, IDC_PORT, IDC_OUT_SERVER,
                                  IDC_OUT_KIND, IDC_OUT_PORT, IDC_AS, IDC_START, IDC_USE_RELAY };
    size_t i;
    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        EnableWindow(GetDlgItem(window->dialog, inputs[i]), !running);
    EnableWindow(GetDlgItem(window->dialog, IDC_STOP), running);
    SendMessageW(window->dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(window->dialog, running ? IDC_STOP : IDC_START),
                 TRUE);
}

/* The text of an edit field without the blanks around it, in `out` (256 characters). */
static void field_text(HWND dialog, int id, wchar_t *out)
{
    wchar_t *start, *end;
    GetDlgItemTextW(dialog, id, out, 256);
    for (start = out; *start == L' ' || *start == L'\t'; start++)
        ;
    for (end = start + wcslen(start); end > start && (end[-1] == L' ' || end[-1] == L'\t'); end--)
        ;
    *end = L'\0';
    memmove(out, start, (wcslen(start) + 1) * sizeof(wchar_t));
}

/* Reads one server row into the next target; 1 when it was used, 0 when empty, -1 when
 * it is wrong (said, and the field focused). */
static int read_row(struct test_window *window, int row)
{
    HWND dialog = window->dialog;
    wchar_t server[256];
    BOOL port_ok;
    UINT port = GetDlgItemInt(dialog, rows[row].port, &port_ok, FALSE);
    LRESULT kind = SendDlgItemMessageW(dialog, rows[row].kind, CB_GETCURSEL, 0, 0);
    char *host, *target = window->targets[window->target_count];
    struct target parsed;

    field_text(dialog, rows[row].server, server);
    if (!*server)
        return 0;
    if (!port_ok || port < 1 || port > 65535) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_BAD_PORT);
        SetFocus(GetDlgItem(dialog, rows[row].port));
        return -1;
    }
    if (kind < 0 || (size_t)kind >= KIND_COUNT)
        kind = 0;
    host = utf8_from_wide(server);
    if (!host)
        return -1;
    text_format(target, sizeof(window->targets[0]), "%s://%s:%u", kinds[kind].scheme, host, port);
    if (strlen(host) > 255 || target_parse(target, &parsed) != 0) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_BAD_SERVER, host);
        free(host);
        SetFocus(GetDlgItem(dialog, rows[row].server));
        return -1;
    }
    free(host);
    wcscpy(last_server[row], server);
    last_kind[row] = (int)kind;
    window->target_row[window->target_count++] = row;
    return 1;
}

static void start_worker(struct test_window *window, LPTHREAD_START_ROUTINE routine)
{
    ResetEvent(window->cancel);
    set_running(window, 1);
    window->thread = CreateThread(NULL, 0, routine, window, 0, NULL);
    if (!window->thread) {
        char reason[512];
        windows_error_text(GetLastError(), reason, sizeof(reason));
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_ERR_WINDOWS_CALL, "CreateThread", reason);
        set_running(window, 0);
    }
}

static void start_test(struct test_window *window)
{
    LRESULT as = SendDlgItemMessageW(window->dialog, IDC_AS, CB_GETCURSEL, 0, 0);
    struct strbuf running;
    int row;

    window->target_count = 0;
    for (row = 0; row < SERVER_COUNT; row++) {
        /* An emptied field is forgotten too. */
        wchar_t server[256];
        field_text(window->dialog, rows[row].server, server);
        if (!*server)
            last_server[row][0] = L'\0';
        if (read_row(window, row) < 0)
            return;
    }
    if (window->target_count == 0) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_NEED_SERVER);
        SetFocus(GetDlgItem(window->dialog, IDC_SERVER));
        return;
    }
    ShowWindow(GetDlgItem(window->dialog, IDC_USE_RELAY), SW_HIDE);
    last_as = as > AS_THIS_PC && as <= WINDOWS_CLIENT_COUNT ? (int)as : AS_THIS_PC;
    window->as_windows = last_as - 1;
    gui_set_utf8(window->dialog, IDC_DETAILS, "");
    strbuf_init(&running);
    for (row = 0; row < window->target_count; row++)
        strbuf_printf(&running, "%s%s", row ? ", " : "", window->targets[row]);
    gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_TEST_RUNNING, running.failed ? "" : running.data,
            3u * TEST_TIMEOUT_SECONDS);
    strbuf_free(&running);
    start_worker(window, test_thread);
}

static void start_relay(struct test_window *window)
{
    strbuf_clear(&window->relay_said);
    gui_set_utf8(window->dialog, IDC_DETAILS, "");
    /* Starting the relay waits up to 15 s; the test through it three time limits. */
    gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_RELAY_RUNNING, window->relay_targets[0],
            15u + 3u * SERVER_COUNT * TEST_TIMEOUT_SECONDS);
    start_worker(window, relay_thread);
}

static void start_find(struct test_window *window)
{
    wchar_t input[256];
    char *utf8;
    struct find_search check;

    field_text(window->dialog, IDC_FIND_INPUT, input);
    if (!*input) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_NEED_FIND);
        SetFocus(GetDlgItem(window->dialog, IDC_FIND_INPUT));
        return;
    }
    utf8 = utf8_from_wide(input);
    if (!utf8)
        return;
    if (strlen(utf8) >= sizeof(window->find_input) || find_prepare(utf8, &check) != 0) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_FIND_BAD, utf8);
        free(utf8);
        SetFocus(GetDlgItem(window->dialog, IDC_FIND_INPUT));
        return;
    }
    wcscpy(last_find, input);
    text_format(window->find_input, sizeof(window->find_input), "%s", utf8);
    free(utf8);
    gui_set_utf8(window->dialog, IDC_DETAILS, "");
    /* A search makes two rounds of connections, and a third where no setting helps. */
    gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_FIND_RUNNING, window->find_input,
            9u * TEST_TIMEOUT_SECONDS);
    start_worker(window, find_thread);
}

/* Ends the worker; 0 when its work can be shown, else says why not. */
static int end_worker(struct test_window *window)
{
    WaitForSingleObject(window->thread, INFINITE);
    CloseHandle(window->thread);
    window->thread = NULL;
    set_running(window, 0);
    if (window->error.code == ERROR_CANCELLED) {
        gui_say(window->dialog, IDC_RESULT, window->language, MSG_GUI_TEST_STOPPED);
        return -1;
    }
    if (window->error.code != ERROR_SUCCESS) {
        struct strbuf words;
        strbuf_init(&words);
        windows_failure_describe(&window->error, window->language, &words);
        gui_set_utf8(window->dialog, IDC_RESULT, words.failed ? "" : words.data);
        strbuf_free(&words);
        return -1;
    }
    return 0;
}

static void finish_test(struct test_window *window)
{
    struct strbuf details, words;
    int i, relay_helps;
    if (end_worker(window) != 0)
        return;
    window->relay_count = 0;
    strbuf_init(&details);
    strbuf_init(&words);
    for (i = 0; i < window->target_count; i++) {
        if (i > 0) {
            strbuf_append(&details, "\n");
            strbuf_append(&words, "\n");
        }
        /* With both servers, each sentence says which it is about. */
        if (window->target_count > 1)
            strbuf_printf(&words, message_text(window->language, rows[window->target_row[i]].result_label),
                          window->targets[i]);
        relay_helps = 0;
        if (window->errors[i].code != ERROR_SUCCESS) {
            windows_failure_describe(&window->errors[i], window->language, &words);
        } else if (window->as_windows < 0) {
            diagnose(&window->facts[i], window->language, TLSSWITCH_VERSION_STRING, &details);
            diagnose_conclusion(&window->facts[i], window->language, AUDIENCE_WINDOW, &words, &relay_helps);
        } else {
            diagnose_as(&window->as[i], window->language, TLSSWITCH_VERSION_STRING, &details);
            diagnose_as_conclusion(&window->as[i], window->language, AUDIENCE_WINDOW, &words, &relay_helps);
        }
        /* The button serves every server the relay can help. */
        if (relay_helps)
            text_format(window->relay_targets[window->relay_count++], sizeof(window->relay_targets[0]), "%s",
                        window->targets[i]);
    }
    ShowWindow(GetDlgItem(window->dialog, IDC_USE_RELAY), window->relay_count > 0 ? SW_SHOW : SW_HIDE);
    gui_set_utf8(window->dialog, IDC_RESULT, words.failed ? "" : words.data);
    gui_set_utf8(window->dialog, IDC_DETAILS, details.failed ? "" : details.data);
    strbuf_free(&details);
    strbuf_free(&words);
}

/* What came of "Use TLS Switch as a relay", way by way: it works, with what to type in
 * the details; or why not, in words. */
static void finish_relay(struct test_window *window)
{
    struct strbuf words, advice;
    char provider[300], last[600];
    int i, working = 0;
    if (end_worker(window) != 0)
        return;
    strbuf_init(&words);
    strbuf_init(&advice);
    if (window->relay_exit != EXIT_DONE)
        strbuf_printf(&words, message_text(window->language, MSG_GUI_RELAY_SETUP_FAILED),
                      window->relay_said.failed || !window->relay_said.data ? "" : window->relay_said.data);
    for (i = 0; i < window->relay_count && window->relay_exit == EXIT_DONE; i++) {
        const struct handshake_report *check = &window->relay_checks[i];
        relay_advice_describe(&window->relay_ways[i], window->language, &advice);
        target_describe(&window->relay_ways[i].provider, provider, sizeof(provider));
        if (check->outcome == OUTCOME_OK) {
            working++;
            strbuf_printf(&words, message_text(window->language, MSG_GUI_RELAY_WORKS), provider);
            strbuf_printf(&advice, message_text(window->language, MSG_GUI_RELAY_GREETING), check->reply);
        } else {
            /* The relay's own error reply carries its reason; without one, its log does. */
            struct strbuf reason;
            strbuf_init(&reason);
            if (check->reply[0])
                strbuf_append(&reason, check->reply);
            else
                outcome_describe(check->outcome, check->step, check->status, check->alert, window->language, &reason);
            strbuf_printf(&words, message_text(window->language, MSG_GUI_RELAY_CHECK_FAILED), provider,
                          reason.failed ? "" : reason.data);
            strbuf_free(&reason);
            relay_log_last_line(last, sizeof(last));
            if (!check->reply[0] && last[0])
                strbuf_printf(&words, message_text(window->language, MSG_GUI_RELAY_LOG_SAYS), last);
        }
        strbuf_append(&advice, "\n");
    }
    if (working)
        strbuf_append(&words, message_text(window->language, MSG_GUI_RELAY_TYPE_THIS));
    if (window->relay_exit == EXIT_DONE && working == window->relay_count)
        ShowWindow(GetDlgItem(window->dialog, IDC_USE_RELAY), SW_HIDE);
    /* The details last: what waits for them (the tests) then finds the result there too. */
    gui_set_utf8(window->dialog, IDC_RESULT, words.failed ? "" : words.data);
    gui_set_utf8(window->dialog, IDC_DETAILS, advice.failed ? "" : advice.data);
    strbuf_free(&words);
    strbuf_free(&advice);
}

/* Puts a recommended way into a server row. */
static void fill_row(struct test_window *window, int row, const struct find_row *found)
{
    const struct mail_way_info *way;
    wchar_t *name;
    size_t kind;
    if (!found)
        return;
    way = mail_way_get(found->way);
    for (kind = 0; kind < KIND_COUNT; kind++)
        if (strcmp(kinds[kind].scheme, way->scheme) == 0)
            SendDlgItemMessageW(window->dialog, rows[row].kind, CB_SETCURSEL, kind, 0);
    SetDlgItemInt(window->dialog, rows[row].port, (UINT)strtoul(way->port, NULL, 10), FALSE);
    name = wide_from_utf8(window->search.names[found->name]);
    if (name)
        SetDlgItemTextW(window->dialog, rows[row].server, name);
    free(name);
}

static void finish_find(struct test_window *window)
{
    struct strbuf details, words;
    const struct find_row *incoming, *outgoing;
    if (end_worker(window) != 0)
        return;
    incoming = find_recommend(&window->search, 1);
    outgoing = find_recommend(&window->search, 0);
    strbuf_init(&details);
    strbuf_init(&words);
    find_report(&window->search, window->language, &details);
    find_settings(&window->search, window->language, &words);
    strbuf_append(&words, message_text(window->language, incoming || outgoing ? MSG_GUI_FIND_FILLED : MSG_GUI_FIND_NONE));
    fill_row(window, 0, incoming);
    fill_row(window, 1, outgoing);
    gui_set_utf8(window->dialog, IDC_RESULT, words.failed ? "" : words.data);
    gui_set_utf8(window->dialog, IDC_DETAILS, details.failed ? "" : details.data);
    strbuf_free(&details);
    strbuf_free(&words);
}

static void show_kind_port(HWND dialog, int row)
{
    LRESULT kind = SendDlgItemMessageW(dialog, rows[row].kind, CB_GETCURSEL, 0, 0);
    if (kind >= 0 && (size_t)kind < KIND_COUNT)
        SetDlgItemInt(dialog, rows[row].port, kinds[kind].port, FALSE);
}

/* "Test my mail" hands over a server no setting of this Windows helps: it is filled in
 * (its row, type and port; the other row emptied) and tested, so that the result offers
 * the relay as for a server typed in. */
static void start_with(struct test_window *window, const char *text)
{
    struct target target;
    size_t kind;
    int row;
    wchar_t *host;
    if (target_parse(text, &target) != 0 || !(host = wide_from_utf8(target.host)))
        return;
    row = target.mail == MAIL_SMTP ? 1 : 0;
    for (kind = 0; kind < KIND_COUNT; kind++)
        if (strcmp(kinds[kind].scheme, target.scheme) == 0)
            SendDlgItemMessageW(window->dialog, rows[row].kind, CB_SETCURSEL, kind, 0);
    SetDlgItemTextW(window->dialog, rows[row].server, host);
    SetDlgItemTextW(window->dialog, rows[1 - row].server, L"");
    SetDlgItemInt(window->dialog, rows[row].port, (UINT)strtoul(target.port, NULL, 10), FALSE);
    free(host);
    start_test(window);
}

static void initialise(struct test_window *window)
{
    HWND dialog = window->dialog;
    size_t i;
    int row;

    gui_set_title(dialog, window->language, MSG_GUI_TEST_TITLE);
    gui_set_texts(dialog, window->language, test_texts, sizeof(test_texts) / sizeof(test_texts[0]));
    for (row = 0; row < SERVER_COUNT; row++) {
        for (i = 0; i < KIND_COUNT; i++)
            gui_add_choice(dialog, rows[row].kind, window->language, kinds[i].label);
        SendDlgItemMessageW(dialog, rows[row].kind, CB_SETCURSEL,
                            last_server[row][0] ? (WPARAM)last_kind[row] : (WPARAM)rows[row].default_kind, 0);
        show_kind_port(dialog, row);
        SendDlgItemMessageW(dialog, rows[row].server, EM_LIMITTEXT, 255, 0);
        SendDlgItemMessageW(dialog, rows[row].port, EM_LIMITTEXT, 5, 0);
        SetDlgItemTextW(dialog, rows[row].server, last_server[row]);
    }
    SendDlgItemMessageW(dialog, IDC_FIND_INPUT, EM_LIMITTEXT, 255, 0);
    SetDlgItemTextW(dialog, IDC_FIND_INPUT, last_find);
    gui_add_choice(dialog, IDC_AS, window->language, MSG_GUI_AS_THIS_PC);
    for (i = 0; i < WINDOWS_CLIENT_COUNT; i++)
        gui_add_text_choice(dialog, IDC_AS, windows_client_get((enum windows_client_id)i)->name);
    SendDlgItemMessageW(dialog, IDC_AS, CB_SETCURSEL, (WPARAM)last_as, 0);
    window->details_font = gui_details_font(dialog, IDC_DETAILS, window->language);
    SendMessageW(dialog, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(dialog, IDC_SERVER), TRUE);
    if (window->start_with)
        start_with(window, window->start_with);
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
    case WM_FIND_DONE:
        finish_find(window);
        return TRUE;
    case WM_RELAY_DONE:
        finish_relay(window);
        return TRUE;
    case WM_COMMAND:
        switch (LOWORD(wparam)) {
        case IDC_KIND:
        case IDC_OUT_KIND:
            if (HIWORD(wparam) == CBN_SELCHANGE)
                show_kind_port(dialog, LOWORD(wparam) == IDC_KIND ? 0 : 1);
            return TRUE;
        case IDC_START:
            if (!window->thread)
                start_test(window);
            return TRUE;
        case IDC_FIND:
            if (!window->thread)
                start_find(window);
            return TRUE;
        case IDC_USE_RELAY:
            if (!window->thread)
                start_relay(window);
            return TRUE;
        case IDC_STOP:
            if (window->thread)
                SetEvent(window->cancel);
            return TRUE;
        case IDC_COPY:
            gui_copy_text(dialog, IDC_DETAILS);
            return TRUE;
        case IDCANCEL:
            gui_end_with_worker(dialog, window->cancel, &window->thread);
            return TRUE;
        }
        break;
    }
    return FALSE;
}

void gui_mailcheck_dialog(HWND owner, enum language language, const char *start_with)
{
    struct test_window *window = calloc(1, sizeof(*window));
    if (!window)
        return;
    window->language = language;
    window->start_with = start_with;
    strbuf_init(&window->relay_said);
    window->cancel = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (window->cancel)
        gui_dialog(owner, IDD_TEST, language, test_procedure, (LPARAM)window);
    if (window->cancel)
        CloseHandle(window->cancel);
    if (window->details_font)
        DeleteObject(window->details_font);
    strbuf_free(&window->relay_said);
    free(window);
}
