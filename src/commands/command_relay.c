/* /relay: the ways the relay serves (relay.ini in the user's application data), and the
 * relay itself: in this console until Ctrl+C, or in the background, started at logon
 * through the user's Run key. One relay per user session: a named mutex says whether
 * one runs, a named event asks it to stop. Nothing here needs administrator rights.
 * The window sets the relay up through the same functions (services.h). */
#include "commands.h"
#include "services.h"
#include "../win32/platform.h"
#include "../win32/connection.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/files.h"
#include "../win32/late_bound.h"
#include "../win32/relay_server.h"
#include "../win32/wide.h"
#include "../core/exitcodes.h"
#include "../core/text/message_table.h"
#include "../core/relay/relay_advice.h"
#include "../core/relay/relay_config.h"
#include "../core/text/text.h"

#include <shlobj.h>
#include <stdlib.h>
#include <string.h>

#define RELAY_MUTEX L"Local\\TLS Switch relay"
#define RELAY_STOP_EVENT L"Local\\TLS Switch relay stop"
#define RELAY_READY_EVENT L"Local\\TLS Switch relay ready"
#define RUN_KEY L"Software\\Microsoft\\Windows\\CurrentVersion\\Run"
#define RUN_VALUE L"TLS Switch relay"
#define RELAY_INI_MAX 65536
#define RELAY_LOG_MAX (1024 * 1024)
/* Every wait before TLS is up; IMAP's IDLE is renewed every 29 minutes, so a session
 * stays open an hour without a byte. */
#define RELAY_TIMEOUT_SECONDS 30
#define RELAY_IDLE_SECONDS 3600

/* "%APPDATA%\TLS Switch\NAME" (UTF-8), the folder created when missing; 0 or an error. */
static unsigned long relay_file_path(const wchar_t *name, char *out, size_t size)
{
    wchar_t path[MAX_PATH + 64];
    char *utf8;
    HRESULT hr = late_folder_path(CSIDL_APPDATA | CSIDL_FLAG_CREATE, path);
    text_format(out, size, "TLS Switch\\%s", wcscmp(name, L"relay.ini") == 0 ? "relay.ini" : "relay.log");
    if (FAILED(hr))
        return (unsigned long)hr;
    wcscat(path, L"\\TLS Switch");
    if (!CreateDirectoryW(path, NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
        return GetLastError();
    wcscat(path, L"\\");
    wcscat(path, name);
    utf8 = utf8_from_wide(path);
    if (!utf8)
        return ERROR_NOT_ENOUGH_MEMORY;
    text_format(out, size, "%s", utf8);
    free(utf8);
    return 0;
}

static void say_windows_error(enum language language, const char *what, unsigned long code)
{
    char reason[512];
    windows_error_text(code, reason, sizeof(reason));
    console_message(CONSOLE_ERR, language, MSG_ERR_WINDOWS_CALL, what, reason);
}

static void say_config_error(enum language language, const struct relay_config_error *error, const char *path)
{
    struct strbuf words;
    strbuf_init(&words);
    relay_config_error_describe(error, path, language, &words);
    if (!words.failed)
        console_write(CONSOLE_ERR, words.data);
    strbuf_free(&words);
}

/* Reads relay.ini; a missing file is no way yet. A damaged one is refused and left as
 * it is: EXIT_FILE_ERROR, after saying where. */
static int load_config(enum language language, char *path, size_t path_size, struct relay_config *config)
{
    unsigned char *bytes = NULL;
    size_t size = 0;
    struct relay_config_error error;
    unsigned long rc = relay_file_path(L"relay.ini", path, path_size);
    memset(config, 0, sizeof(*config));
    if (rc != 0) {
        char reason[512];
        windows_error_text(rc, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_FILE_READ, path, reason);
        return EXIT_FILE_ERROR;
    }
    rc = file_read_all(path, RELAY_INI_MAX, &bytes, &size);
    if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND)
        return EXIT_DONE;
    if (rc != 0) {
        char reason[512];
        windows_error_text(rc, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_FILE_READ, path, reason);
        return EXIT_FILE_ERROR;
    }
    if (relay_config_parse((const char *)bytes, size, config, &error) != 0) {
        say_config_error(language, &error, path);
        free(bytes);
        return EXIT_FILE_ERROR;
    }
    free(bytes);
    return EXIT_DONE;
}

static int save_config(enum language language, const char *path, const struct relay_config *config)
{
    struct strbuf text;
    unsigned long rc;
    strbuf_init(&text);
    relay_config_format(config, &text);
    if (text.failed) {
        strbuf_free(&text);
        say_windows_error(language, "relay.ini", ERROR_NOT_ENOUGH_MEMORY);
        return EXIT_SYSTEM_ERROR;
    }
    rc = file_replace(path, text.data, text.length);
    strbuf_free(&text);
    if (rc != 0) {
        char reason[512];
        windows_error_text(rc, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_FILE_WRITE, path, reason);
        return EXIT_FILE_ERROR;
    }
    return EXIT_DONE;
}

int relay_running(void)
{
    HANDLE mutex = OpenMutexW(SYNCHRONIZE, FALSE, RELAY_MUTEX);
    if (!mutex)
        return 0;
    CloseHandle(mutex);
    return 1;
}

/* The start entry: the Run value that starts the relay at this user's logon. */
static int run_entry_present(void)
{
    HKEY key;
    LONG rc = RegOpenKeyExW(HKEY_CURRENT_USER, RUN_KEY, 0, KEY_QUERY_VALUE, &key);
    if (rc != ERROR_SUCCESS)
        return 0;
    rc = RegQueryValueExW(key, RUN_VALUE, NULL, NULL, NULL, NULL);
    RegCloseKey(key);
    return rc == ERROR_SUCCESS;
}

static unsigned long run_entry_write(const wchar_t *command_line)
{
    HKEY key;
    LONG rc = RegCreateKeyExW(HKEY_CURRENT_USER, RUN_KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL);
    if (rc != ERROR_SUCCESS)
        return (unsigned long)rc;
    rc = RegSetValueExW(key, RUN_VALUE, 0, REG_SZ, (const BYTE *)command_line,
                        (DWORD)((wcslen(command_line) + 1) * sizeof(wchar_t)));
    RegCloseKey(key);
    return (unsigned long)rc;
}

static unsigned long run_entry_remove(void)
{
    HKEY key;
    LONG rc = RegOpenKeyExW(HKEY_CURRENT_USER, RUN_KEY, 0, KEY_SET_VALUE, &key);
    if (rc == ERROR_FILE_NOT_FOUND)
        return 0;
    if (rc != ERROR_SUCCESS)
        return (unsigned long)rc;
    rc = RegDeleteValueW(key, RUN_VALUE);
    RegCloseKey(key);
    return rc == ERROR_FILE_NOT_FOUND ? 0 : (unsigned long)rc;
}

/* --- the relay running in this process ------------------------------------------------ */

struct relay_log {
    enum language language;
    int to_console;
    char path[MAX_PATH * 3];
    const struct relay_config *config;
    CRITICAL_SECTION lock;
};

/* "pop3s://pop.example.jp:995 <- 127.0.0.1:110": a way in a log line. */
static void way_text(const struct relay_config *config, size_t index, char *out, size_t size)
{
    char provider[300];
    if (index >= config->count) {
        text_format(out, size, "?");
        return;
    }
    target_describe(&config->ways[index].provider, provider, sizeof(provider));
    text_format(out, size, "%s <- %s:%u", provider, RELAY_LOCAL_ADDRESS, config->ways[index].local_port);
}

static void local_time_text(char *out, size_t size)
{
    SYSTEMTIME now;
    GetLocalTime(&now);
    text_format(out, size, "%04u-%02u-%02u %02u:%02u:%02u", now.wYear, now.wMonth, now.wDay, now.wHour,
                now.wMinute, now.wSecond);
}

/* One line per connection: time, way, TLS version and suite, result. Never a byte of
 * what the program and the provider say (user names, passwords, mail). */
static void log_line(struct relay_log *log, const char *line)
{
    EnterCriticalSection(&log->lock);
    if (log->to_console)
        console_write(CONSOLE_OUT, line);
    if (log->path[0]) {
        wchar_t *wide = wide_from_utf8(log->path);
        WIN32_FILE_ATTRIBUTE_DATA facts;
        /* Kept small: past 1 MB the log starts anew, the old one kept beside it. */
        if (wide && GetFileAttributesExW(wide, GetFileExInfoStandard, &facts) && facts.nFileSizeLow > RELAY_LOG_MAX) {
            size_t length = wcslen(wide);
            wchar_t *old = malloc((length + 5) * sizeof(wchar_t));
            if (old) {
                wcscpy(old, wide);
                wcscat(old, L".old");
                MoveFileExW(wide, old, MOVEFILE_REPLACE_EXISTING);
                free(old);
            }
        }
        free(wide);
        file_append(log->path, line, strlen(line));
    }
    LeaveCriticalSection(&log->lock);
}

static void log_event(void *context, const struct relay_event *event)
{
    struct relay_log *log = context;
    char time[32], way[320], line[1200];
    local_time_text(time, sizeof(time));
    way_text(log->config, event->way, way, sizeof(way));
    if (event->ok)
        text_format(line, sizeof(line), message_text(log->language, MSG_RELAY_LOG_OK), time, way,
                    event->version ? event->version : "?", event->suite ? event->suite : "?", event->bytes_in,
                    event->bytes_out);
    else
        text_format(line, sizeof(line), message_text(log->language, MSG_RELAY_LOG_REFUSED), time, way,
                    event->reason ? event->reason : "?");
    log_line(log, line);
}

static HANDLE stop_for_console;
static BOOL WINAPI console_stop(DWORD type)
{
    (void)type;
    SetEvent(stop_for_console);
    return TRUE;
}

/* Serves the ways of relay.ini until asked to stop: by Ctrl+C (in a console), by
 * /relay stop (the named event), or at logoff. */
static int relay_serve(enum language language, int to_console)
{
    /* Static, and the stop event left open: a session still busy when relay_server_run
     * gives up waiting for it reads them until the process ends. */
    static struct relay_config config;
    static struct relay_server_settings settings;
    static struct relay_log log;
    char path[MAX_PATH * 3], time[32], line[512];
    HANDLE mutex, stop, ready;
    size_t failed_way = 0;
    unsigned long rc;
    int exit_code = load_config(language, path, sizeof(path), &config);
    if (exit_code != EXIT_DONE)
        return exit_code;
    if (config.count == 0) {
        console_message(CONSOLE_ERR, language, MSG_RELAY_NO_WAYS);
        return EXIT_USAGE;
    }
    mutex = CreateMutexW(NULL, TRUE, RELAY_MUTEX);
    if (!mutex || GetLastError() == ERROR_ALREADY_EXISTS) {
        console_message(CONSOLE_ERR, language, MSG_RELAY_ALREADY_RUNNING);
        if (mutex)
            CloseHandle(mutex);
        return EXIT_BUSY;
    }
    stop = CreateEventW(NULL, TRUE, FALSE, RELAY_STOP_EVENT);
    ready = OpenEventW(EVENT_MODIFY_STATE, FALSE, RELAY_READY_EVENT);
    if (!stop) {
        say_windows_error(language, "CreateEvent", GetLastError());
        CloseHandle(mutex);
        return EXIT_SYSTEM_ERROR;
    }
    ResetEvent(stop);
    memset(&log, 0, sizeof(log));
    log.language = language;
    log.to_console = to_console;
    log.config = &config;
    InitializeCriticalSection(&log.lock);
    if (relay_file_path(L"relay.log", log.path, sizeof(log.path)) != 0)
        log.path[0] = '\0';
    if (to_console) {
        stop_for_console = stop;
        SetConsoleCtrlHandler(console_stop, TRUE);
    }
    local_time_text(time, sizeof(time));
    text_format(line, sizeof(line), message_text(language, MSG_RELAY_LOG_STARTED), time, (unsigned)config.count);
    log_line(&log, line);

    memset(&settings, 0, sizeof(settings));
    settings.config = &config;
    settings.timeout_seconds = RELAY_TIMEOUT_SECONDS;
    {
        /* The tests' hostile servers are met with a shorter limit. */
        wchar_t value[8];
        if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_RELAY_TIMEOUT", value, 8) > 0 && _wtoi(value) > 0)
            settings.timeout_seconds = (unsigned)_wtoi(value);
    }
    settings.idle_seconds = RELAY_IDLE_SECONDS;
    settings.language = language;
    settings.stop = stop;
    settings.ready = ready;
    settings.log = log_event;
    settings.log_context = &log;
    rc = relay_server_run(&settings, &failed_way);
    if (rc != 0) {
        char reason[512], way[320];
        windows_error_text(rc, reason, sizeof(reason));
        way_text(&config, failed_way, way, sizeof(way));
        text_format(line, sizeof(line), message_text(language, MSG_RELAY_CANNOT_LISTEN), way, reason);
        log_line(&log, line);
        if (!to_console)   /* the console saw it in the log line */
            console_write(CONSOLE_ERR, line);
        exit_code = EXIT_SYSTEM_ERROR;
    } else {
        local_time_text(time, sizeof(time));
        text_format(line, sizeof(line), message_text(language, MSG_RELAY_LOG_STOPPED), time);
        log_line(&log, line);
    }
    if (ready)
        CloseHandle(ready);
    ReleaseMutex(mutex);
    CloseHandle(mutex);
    return exit_code;
}

/* --- the relay in the background ---------------------------------------------------- */

/* Asks a running relay to stop and waits for it (at most 15 s: the relay itself waits up
 * to 10 s for its sessions). */
static int stop_running_relay(void)
{
    HANDLE stop = OpenEventW(EVENT_MODIFY_STATE, FALSE, RELAY_STOP_EVENT);
    int waited;
    if (!stop)
        return !relay_running();
    SetEvent(stop);
    CloseHandle(stop);
    for (waited = 0; waited < 150 && relay_running(); waited++)
        Sleep(100);
    return !relay_running();
}

/* `"C:\...\tlsswitch.exe" /relay run`: the background process, and the start entry when no
 * starter lies beside this program. */
static int relay_command_line(wchar_t *out, size_t size)
{
    wchar_t self[MAX_PATH];
    DWORD length = GetModuleFileNameW(NULL, self, MAX_PATH);
    if (length == 0 || length >= MAX_PATH || wcslen(self) + 20 > size)
        return -1;
    wcscpy(out, L"\"");
    wcscat(out, self);
    wcscat(out, L"\" /relay run");
    return 0;
}

/* The start entry's command line: the window-less starter beside this program when it is
 * there (src/relay_starter.c: `"C:\...\tlsswitch-relay.exe"`, which starts the relay with
 * no console window at logon), else this program itself, whose console window then shows
 * for a moment at logon. */
static int start_entry_command_line(wchar_t *out, size_t size)
{
    static const wchar_t suffix[] = L"-relay.exe";
    wchar_t starter[MAX_PATH + 16];
    DWORD length = GetModuleFileNameW(NULL, starter, MAX_PATH), attributes;
    if (length > 4 && length < MAX_PATH && lstrcmpiW(starter + length - 4, L".exe") == 0) {
        wcscpy(starter + length - 4, suffix);
        attributes = GetFileAttributesW(starter);
        if (attributes != INVALID_FILE_ATTRIBUTES && !(attributes & FILE_ATTRIBUTE_DIRECTORY) &&
            wcslen(starter) + 3 <= size) {
            wcscpy(out, L"\"");
            wcscat(out, starter);
            wcscat(out, L"\"");
            return 0;
        }
    }
    return relay_command_line(out, size);
}

/* Starts `tlsswitch /relay run` with no console and waits until its listeners are
 * open or it has ended: then its exit code says why. */
static int start_background(enum language language)
{
    wchar_t command_line[MAX_PATH + 32];
    STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    HANDLE ready, waits[2];
    DWORD waited, exit_code = EXIT_SYSTEM_ERROR;
    if (relay_command_line(command_line, sizeof(command_line) / sizeof(command_line[0])) != 0) {
        say_windows_error(language, "GetModuleFileName", ERROR_FILENAME_EXCED_RANGE);
        return EXIT_SYSTEM_ERROR;
    }
    ready = CreateEventW(NULL, TRUE, FALSE, RELAY_READY_EVENT);
    if (!ready) {
        say_windows_error(language, "CreateEvent", GetLastError());
        return EXIT_SYSTEM_ERROR;
    }
    ResetEvent(ready);
    memset(&startup, 0, sizeof(startup));
    startup.cb = sizeof(startup);
    if (!CreateProcessW(NULL, command_line, NULL, NULL, FALSE, DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP, NULL,
                        NULL, &startup, &process)) {
        say_windows_error(language, "CreateProcess", GetLastError());
        CloseHandle(ready);
        return EXIT_SYSTEM_ERROR;
    }
    CloseHandle(process.hThread);
    waits[0] = ready;
    waits[1] = process.hProcess;
    waited = WaitForMultipleObjects(2, waits, FALSE, 15000);
    CloseHandle(ready);
    if (waited == WAIT_OBJECT_0) {
        CloseHandle(process.hProcess);
        return EXIT_DONE;
    }
    if (waited == WAIT_OBJECT_0 + 1)
        GetExitCodeProcess(process.hProcess, &exit_code);
    CloseHandle(process.hProcess);
    if (waited != WAIT_OBJECT_0 + 1)
        say_windows_error(language, "/relay run", WAIT_TIMEOUT);
    else
        console_message(CONSOLE_ERR, language, MSG_RELAY_START_FAILED, (unsigned)exit_code);
    return exit_code == EXIT_DONE ? EXIT_SYSTEM_ERROR : (int)exit_code;
}

int relay_start(enum language language, int quiet)
{
    wchar_t command_line[MAX_PATH + 32];
    unsigned long rc;
    int exit_code;
    if (relay_running() && !stop_running_relay()) {
        console_message(CONSOLE_ERR, language, MSG_RELAY_WILL_NOT_STOP);
        return EXIT_BUSY;
    }
    exit_code = start_background(language);
    if (exit_code != EXIT_DONE)
        return exit_code;
    /* A relay without its start entry would be gone after the next logon while the user
     * believes it set up: stop it again, so that what is running and what is written agree. */
    if (start_entry_command_line(command_line, sizeof(command_line) / sizeof(command_line[0])) != 0)
        rc = ERROR_FILENAME_EXCED_RANGE;
    else
        rc = run_entry_write(command_line);
    if (rc != 0) {
        say_windows_error(language, "RegSetValueEx (Run)", rc);
        if (stop_running_relay())
            console_message(CONSOLE_ERR, language, MSG_RELAY_NO_START_ENTRY);
        else
            console_message(CONSOLE_ERR, language, MSG_RELAY_WILL_NOT_STOP);
        return EXIT_SYSTEM_ERROR;
    }
    if (!quiet)
        console_message(CONSOLE_OUT, language, MSG_RELAY_STARTED);
    return EXIT_DONE;
}

int relay_stop(enum language language)
{
    int was_running = relay_running();
    unsigned long rc;
    if (!stop_running_relay()) {
        console_message(CONSOLE_ERR, language, MSG_RELAY_WILL_NOT_STOP);
        return EXIT_BUSY;
    }
    rc = run_entry_remove();
    if (rc != 0) {
        say_windows_error(language, "RegDeleteValue (Run)", rc);
        return EXIT_SYSTEM_ERROR;
    }
    console_message(CONSOLE_OUT, language, was_running ? MSG_RELAY_STOPPED : MSG_RELAY_WAS_NOT_RUNNING);
    return EXIT_DONE;
}

/* --- the subcommands ---------------------------------------------------------------- */

static void print_ways(enum language language, const struct relay_config *config)
{
    size_t i;
    if (config->count == 0) {
        console_message(CONSOLE_OUT, language, MSG_RELAY_NO_WAYS);
        return;
    }
    console_message(CONSOLE_OUT, language, MSG_RELAY_WAYS_HEADING);
    for (i = 0; i < config->count; i++) {
        struct strbuf line;
        strbuf_init(&line);
        relay_way_describe_line(&config->ways[i], (unsigned)i + 1, language, &line);
        if (!line.failed)
            console_write(CONSOLE_OUT, line.data);
        strbuf_free(&line);
    }
}

int relay_ways_read(enum language language, struct relay_config *config)
{
    char path[MAX_PATH * 3];
    return load_config(language, path, sizeof(path), config);
}

int relay_way_add(enum language language, const char *url, unsigned port, struct relay_way *added)
{
    struct relay_config config;
    struct relay_config_error error;
    char path[MAX_PATH * 3];
    int exit_code = load_config(language, path, sizeof(path), &config);
    if (exit_code != EXIT_DONE)
        return exit_code;
    memset(&error, 0, sizeof(error));
    if (relay_config_add(&config, url, port, relay_port_is_free, NULL, &error) != 0) {
        say_config_error(language, &error, NULL);
        return EXIT_USAGE;
    }
    exit_code = save_config(language, path, &config);
    if (exit_code == EXIT_DONE)
        *added = config.ways[config.count - 1];
    return exit_code;
}

static int relay_add(enum language language, const char *url, const char *port_text)
{
    struct relay_way added;
    unsigned long port = 0;
    struct strbuf advice;
    int exit_code;
    if (port_text) {
        char *end;
        port = strtoul(port_text, &end, 10);
        if (*end || *port_text < '0' || *port_text > '9' || port == 0 || port > 65535) {
            struct relay_config_error error;
            memset(&error, 0, sizeof(error));
            error.reason = MSG_RELAY_BAD_PORT;
            text_format(error.detail, sizeof(error.detail), "%s", port_text);
            say_config_error(language, &error, NULL);
            return EXIT_USAGE;
        }
    }
    exit_code = relay_way_add(language, url, (unsigned)port, &added);
    if (exit_code != EXIT_DONE)
        return exit_code;
    strbuf_init(&advice);
    relay_advice_describe(&added, language, &advice);
    if (!advice.failed)
        console_write(CONSOLE_OUT, advice.data);
    strbuf_free(&advice);
    /* A running relay serves the new way from now on. */
    if (relay_running())
        return relay_start(language, 1);
    console_message(CONSOLE_OUT, language, MSG_RELAY_START_HINT);
    return EXIT_DONE;
}

enum outcome relay_check(const struct relay_way *way, unsigned timeout_seconds, HANDLE cancel,
                         struct handshake_report *report)
{
    struct connection *c = calloc(1, sizeof(*c));
    struct target local = way->provider;
    enum outcome outcome;
    handshake_report_init(report);
    if (!c) {
        report->outcome = OUTCOME_SYSTEM_ERROR;
        report->status = ERROR_NOT_ENOUGH_MEMORY;
        text_format(report->step, sizeof(report->step), "malloc");
        return report->outcome;
    }
    text_format(local.host, sizeof(local.host), "%s", RELAY_LOCAL_ADDRESS);
    text_format(local.port, sizeof(local.port), "%u", way->local_port);
    c->cancel = cancel;
    outcome = connection_open(c, &local, timeout_seconds, report);
    if (outcome == OUTCOME_OK)
        outcome = connection_talk_plain(c, &local, report);
    if (outcome == OUTCOME_SYSTEM_ERROR)
        connection_failure(c, report);
    connection_close(c);
    free(c);
    report->outcome = outcome;
    return outcome;
}

void relay_log_last_line(char *out, size_t size)
{
    char path[MAX_PATH * 3];
    unsigned char *bytes = NULL;
    size_t length = 0, start;
    out[0] = '\0';
    if (relay_file_path(L"relay.log", path, sizeof(path)) != 0 ||
        file_read_all(path, RELAY_LOG_MAX + 65536, &bytes, &length) != 0)
        return;
    while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r'))
        length--;
    for (start = length; start > 0 && bytes[start - 1] != '\n'; start--)
        ;
    text_format(out, size, "%.*s", (int)(length - start), (const char *)bytes + start);
    free(bytes);
}

static int relay_remove(enum language language, const char *number_text)
{
    struct relay_config config;
    struct relay_config_error error;
    char path[MAX_PATH * 3], *end;
    unsigned long number = strtoul(number_text, &end, 10);
    int exit_code = load_config(language, path, sizeof(path), &config);
    if (exit_code != EXIT_DONE)
        return exit_code;
    memset(&error, 0, sizeof(error));
    if (*end || *number_text < '0' || *number_text > '9' || number > RELAY_MAX_WAYS) {
        error.reason = MSG_RELAY_UNKNOWN_WAY;
        text_format(error.detail, sizeof(error.detail), "%s", number_text);
        say_config_error(language, &error, NULL);
        return EXIT_USAGE;
    }
    if (relay_config_remove(&config, (unsigned)number, &error) != 0) {
        say_config_error(language, &error, NULL);
        return EXIT_USAGE;
    }
    exit_code = save_config(language, path, &config);
    if (exit_code != EXIT_DONE)
        return exit_code;
    console_message(CONSOLE_OUT, language, MSG_RELAY_REMOVED, (unsigned)number);
    if (relay_running()) {
        if (config.count == 0)
            return relay_stop(language);
        return relay_start(language, 1);
    }
    return EXIT_DONE;
}

static int relay_status(enum language language)
{
    struct relay_config config;
    char path[MAX_PATH * 3], log_path[MAX_PATH * 3];
    int running = relay_running();
    int exit_code = load_config(language, path, sizeof(path), &config);
    if (exit_code != EXIT_DONE)
        return exit_code;
    console_message(CONSOLE_OUT, language, running ? MSG_RELAY_STATUS_RUNNING : MSG_RELAY_STATUS_NOT_RUNNING);
    console_message(CONSOLE_OUT, language, run_entry_present() ? MSG_RELAY_STATUS_AT_LOGON : MSG_RELAY_STATUS_NOT_AT_LOGON);
    print_ways(language, &config);
    console_message(CONSOLE_OUT, language, MSG_RELAY_STATUS_FILES, path,
                    relay_file_path(L"relay.log", log_path, sizeof(log_path)) == 0 ? log_path : "relay.log");
    /* 0 when it runs; 3 when it does not, for scripts that check. */
    return running ? EXIT_DONE : EXIT_TEST_FAILED;
}

int command_relay(const struct options *options, enum language language)
{
    const char *verb = options->relay_word_count > 0 ? options->relay_words[0] : NULL;
    int count = options->relay_word_count;
    if (!verb)
        return relay_serve(language, 1);
    if (text_equal_nocase(verb, "add") && (count == 2 || count == 3))
        return relay_add(language, options->relay_words[1], count == 3 ? options->relay_words[2] : NULL);
    if (text_equal_nocase(verb, "remove") && count == 2)
        return relay_remove(language, options->relay_words[1]);
    if (count == 1) {
        struct relay_config config;
        char path[MAX_PATH * 3];
        int exit_code;
        if (text_equal_nocase(verb, "list")) {
            exit_code = load_config(language, path, sizeof(path), &config);
            if (exit_code == EXIT_DONE)
                print_ways(language, &config);
            return exit_code;
        }
        if (text_equal_nocase(verb, "start")) {
            exit_code = load_config(language, path, sizeof(path), &config);
            if (exit_code != EXIT_DONE)
                return exit_code;
            if (config.count == 0) {
                console_message(CONSOLE_ERR, language, MSG_RELAY_NO_WAYS);
                return EXIT_USAGE;
            }
            return relay_start(language, 0);
        }
        if (text_equal_nocase(verb, "stop"))
            return relay_stop(language);
        if (text_equal_nocase(verb, "status"))
            return relay_status(language);
        if (text_equal_nocase(verb, "run"))
            return relay_serve(language, 0);
    }
    console_message(CONSOLE_ERR, language, MSG_RELAY_USAGE);
    return EXIT_USAGE;
}
