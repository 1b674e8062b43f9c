/* /test TARGET: the default handshake and the three probes each run in a new process of
 * tlsswitch (/handshake), in parallel, because Schannel reads its registry settings
 * once per process: a test right after /apply sees the new settings. This process
 * only reads the registry and the results, and writes the diagnosis. */
#include "commands.h"
#include "console.h"
#include "errors.h"
#include "osinfo_win32.h"
#include "platform.h"
#include "regstore_win32.h"
#include "tls_client.h"
#include "wide.h"
#include "../core/diagnosis.h"
#include "../core/exitcodes.h"
#include "../core/protocols.h"
#include "../core/regstore.h"
#include "../../res/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TIMEOUT_SECONDS 10u
#define CHILD_COUNT (1 + PROBE_COUNT)

static const char *const child_protocols[CHILD_COUNT] = { "default", "tls1.0", "tls1.1", "tls1.2" };

static int parse_timeout(const struct options *options, enum language language, unsigned *seconds)
{
    char *end = NULL;
    unsigned long value;
    *seconds = DEFAULT_TIMEOUT_SECONDS;
    if (!options->timeout_text)
        return 0;
    value = strtoul(options->timeout_text, &end, 10);
    if (!end || *end != '\0' || value < 1 || value > 300 || options->timeout_text[0] == '-') {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TIMEOUT, options->timeout_text);
        return -1;
    }
    *seconds = (unsigned)value;
    return 0;
}

/* The internal child: one handshake, the record on standard output as UTF-8. */
int command_handshake(const struct options *options, enum language language)
{
    struct target target;
    struct handshake_report report;
    struct strbuf out;
    unsigned long grbit = 0;
    unsigned timeout;
    DWORD written;
    int id = -1;

    if (target_parse(options->command_value, &target) != 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TARGET, options->command_value);
        return EXIT_USAGE;
    }
    if (parse_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    if (options->probe_protocol && strcmp(options->probe_protocol, "default") != 0) {
        id = protocol_find(options->probe_protocol);
        if (id < 0) {
            console_message(CONSOLE_ERR, language, MSG_ERR_UNEXPECTED_ARGUMENT, options->probe_protocol);
            return EXIT_USAGE;
        }
        grbit = protocol_get((enum protocol_id)id)->sp_prot_client;
    }
    tls_client_run(&target, grbit, timeout, &report);
    strbuf_init(&out);
    handshake_report_write(&report, &out);
    if (!out.failed)
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), out.data, (DWORD)out.length, &written, NULL);
    strbuf_free(&out);
    return report.outcome == OUTCOME_OK ? EXIT_DONE : EXIT_TEST_FAILED;
}

struct child {
    HANDLE process;
    HANDLE output;     /* our end of its standard output */
    struct strbuf text;
};

static int start_child(const char *target, const char *protocol, unsigned timeout, struct child *child)
{
    wchar_t self[MAX_PATH], *wide_target = wide_from_utf8(target), *command;
    SECURITY_ATTRIBUTES inherit = { sizeof(SECURITY_ATTRIBUTES), NULL, TRUE };
    STARTUPINFOW startup;
    PROCESS_INFORMATION process;
    HANDLE read_end, write_end, nul;
    size_t length;
    BOOL started;

    memset(child, 0, sizeof(*child));
    strbuf_init(&child->text);
    if (!wide_target || !GetModuleFileNameW(NULL, self, MAX_PATH)) {
        free(wide_target);
        return -1;
    }
    length = wcslen(self) + wcslen(wide_target) + 128;
    command = malloc(length * sizeof(wchar_t));
    if (!command || !CreatePipe(&read_end, &write_end, &inherit, 0)) {
        free(command);
        free(wide_target);
        return -1;
    }
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    _snwprintf(command, length - 1, L"\"%ls\" /handshake \"%ls\" /protocol %hs /timeout %u", self, wide_target,
               protocol, timeout);
    command[length - 1] = L'\0';
    nul = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_WRITE, &inherit, OPEN_EXISTING, 0, NULL);
    memset(&startup, 0, sizeof(startup));
    startup.cb = sizeof(startup);
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = nul;
    startup.hStdOutput = write_end;
    startup.hStdError = nul;
    started = CreateProcessW(self, command, NULL, NULL, TRUE, CREATE_NO_WINDOW, NULL, NULL, &startup, &process);
    CloseHandle(write_end);
    if (nul != INVALID_HANDLE_VALUE)
        CloseHandle(nul);
    free(command);
    free(wide_target);
    if (!started) {
        CloseHandle(read_end);
        return -1;
    }
    CloseHandle(process.hThread);
    child->process = process.hProcess;
    child->output = read_end;
    return 0;
}

static void collect_child(struct child *child, struct handshake_report *report)
{
    char buffer[1024];
    DWORD got;
    while (ReadFile(child->output, buffer, sizeof(buffer), &got, NULL) && got > 0)
        strbuf_append_n(&child->text, buffer, got);
    if (child->text.failed || !child->text.data || handshake_report_read(child->text.data, report) != 0) {
        handshake_report_init(report);
        report->outcome = OUTCOME_SYSTEM_ERROR;
        report->status = ERROR_PROCESS_ABORTED;
    }
}

int command_test(const struct options *options, enum language language)
{
    struct test_facts facts;
    struct child children[CHILD_COUNT];
    HANDLE processes[CHILD_COUNT];
    struct regstore store = regstore_win32();
    struct strbuf out;
    unsigned timeout;
    int i, ok, started = 0;
    DWORD wait;

    memset(&facts, 0, sizeof(facts));
    if (target_parse(options->test_target, &facts.target) != 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TARGET, options->test_target);
        return EXIT_USAGE;
    }
    if (parse_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    facts.timeout_seconds = timeout;
    regstore_read_settings(&store, &facts.settings);
    osinfo_read(&store, &facts.os);

    for (i = 0; i < CHILD_COUNT; i++) {
        if (start_child(options->test_target, child_protocols[i], timeout, &children[i]) != 0) {
            char reason[512];
            windows_error_text(GetLastError(), reason, sizeof(reason));
            console_message(CONSOLE_ERR, language, MSG_ERR_WINDOWS_CALL, "CreateProcess", reason);
            break;
        }
        processes[i] = children[i].process;
        started++;
    }
    if (started == CHILD_COUNT) {
        /* Each child ends within three time limits; allow for a slow start. */
        wait = WaitForMultipleObjects(CHILD_COUNT, processes, TRUE, 3u * timeout * 1000u + 15000u);
        if (wait == WAIT_TIMEOUT)
            for (i = 0; i < CHILD_COUNT; i++)
                TerminateProcess(processes[i], 1);
        collect_child(&children[0], &facts.verdict);
        for (i = 0; i < PROBE_COUNT; i++)
            collect_child(&children[1 + i], &facts.probe[i]);
    }
    for (i = 0; i < started; i++) {
        if (started != CHILD_COUNT)
            TerminateProcess(children[i].process, 1);
        CloseHandle(children[i].process);
        CloseHandle(children[i].output);
        strbuf_free(&children[i].text);
    }
    if (started != CHILD_COUNT)
        return EXIT_SYSTEM_ERROR;

    strbuf_init(&out);
    ok = diagnose(&facts, language, TLSSWITCH_VERSION_STRING, &out);
    if (!out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    return ok ? EXIT_DONE : EXIT_TEST_FAILED;
}
