/* /test TARGET: the handshakes run in a new process of tlsswitch (/handshake), because
 * Schannel reads its registry settings once per process: a test right after /apply,
 * or from a window that has used Schannel before, sees the new settings. That child
 * runs the default handshake and the three probes in parallel threads and prints one
 * record each; this process only reads the registry and the records, and writes the
 * diagnosis. */
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

/* The handshakes of a test, by the name the child's output gives each record. */
static const char *const handshake_names[1 + PROBE_COUNT] = { "default", "tls1.0", "tls1.1", "tls1.2" };

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

struct handshake_job {
    const struct target *target;
    unsigned long grbit;
    unsigned timeout;
    struct handshake_report report;
};

static DWORD WINAPI handshake_thread(void *argument)
{
    struct handshake_job *job = argument;
    /* The default handshake is the verdict: certificate and mail commands too. A probe
     * needs only to know whether its protocol works; checking a certificate chain costs
     * more than a handshake. */
    tls_client_run(job->target, job->grbit, job->timeout, job->grbit == 0 ? CLIENT_WITH_MAIL : CLIENT_HANDSHAKE_ONLY,
                   &job->report);
    return 0;
}

/* The internal child: the default handshake and the probes in parallel threads (or only
 * the one /protocol names), each record after a "[name]" line, as UTF-8 on stdout. */
int command_handshake(const struct options *options, enum language language)
{
    struct handshake_job jobs[1 + PROBE_COUNT];
    HANDLE threads[1 + PROBE_COUNT];
    struct target target;
    struct strbuf out;
    unsigned timeout;
    DWORD written;
    int i, count = 0, all_ok = 1;

    if (target_parse(options->command_value, &target) != 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TARGET, options->command_value);
        return EXIT_USAGE;
    }
    if (parse_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    tls_client_startup();
    for (i = 0; i < 1 + PROBE_COUNT; i++) {
        const char *name = handshake_names[i];
        int id = i == 0 ? -1 : protocol_find(name);
        if (options->probe_protocol && strcmp(options->probe_protocol, name) != 0)
            continue;
        jobs[count].target = &target;
        jobs[count].grbit = id < 0 ? 0 : protocol_get((enum protocol_id)id)->sp_prot_client;
        jobs[count].timeout = timeout;
        threads[count] = CreateThread(NULL, 0, handshake_thread, &jobs[count], 0, NULL);
        if (!threads[count])
            handshake_thread(&jobs[count]);   /* no thread to be had: run it here */
        count++;
    }
    if (count == 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_UNEXPECTED_ARGUMENT, options->probe_protocol);
        return EXIT_USAGE;
    }
    strbuf_init(&out);
    for (i = 0, count = 0; i < 1 + PROBE_COUNT; i++) {
        if (options->probe_protocol && strcmp(options->probe_protocol, handshake_names[i]) != 0)
            continue;
        if (threads[count]) {
            WaitForSingleObject(threads[count], INFINITE);
            CloseHandle(threads[count]);
        }
        strbuf_printf(&out, "[%s]\n", handshake_names[i]);
        handshake_report_write(&jobs[count].report, &out);
        if (jobs[count].report.outcome != OUTCOME_OK)
            all_ok = 0;
        count++;
    }
    if (!out.failed)
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), out.data, (DWORD)out.length, &written, NULL);
    strbuf_free(&out);
    return all_ok ? EXIT_DONE : EXIT_TEST_FAILED;
}

struct child {
    HANDLE process;
    HANDLE output;     /* our end of its standard output */
    struct strbuf text;
};

static int start_child(const char *target, unsigned timeout, struct child *child)
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
    _snwprintf(command, length - 1, L"\"%ls\" /handshake \"%ls\" /timeout %u", self, wide_target, timeout);
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

static void read_child_output(struct child *child)
{
    char buffer[1024];
    DWORD got;
    while (ReadFile(child->output, buffer, sizeof(buffer), &got, NULL) && got > 0)
        strbuf_append_n(&child->text, buffer, got);
}

/* The record named `name`; a missing one (the child died) counts as a failure. */
static void take_record(const struct child *child, const char *name, struct handshake_report *report)
{
    if (child->text.failed || !child->text.data ||
        handshake_report_read_section(child->text.data, name, report) != 0) {
        handshake_report_init(report);
        report->outcome = OUTCOME_SYSTEM_ERROR;
        report->status = ERROR_PROCESS_ABORTED;
    }
}

int command_test(const struct options *options, enum language language)
{
    struct test_facts facts;
    struct child child;
    struct regstore store = regstore_win32();
    struct strbuf out;
    unsigned timeout;
    int i, ok;

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

    if (start_child(options->test_target, timeout, &child) != 0) {
        char reason[512];
        windows_error_text(GetLastError(), reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_WINDOWS_CALL, "CreateProcess", reason);
        strbuf_free(&child.text);
        return EXIT_SYSTEM_ERROR;
    }
    /* The child's handshakes end within three time limits; allow for a slow start. Read
     * while waiting, so a full pipe can never stop the child. */
    {
        DWORD deadline = GetTickCount() + 3u * timeout * 1000u + 15000u;
        for (;;) {
            DWORD available = 0;
            if (PeekNamedPipe(child.output, NULL, 0, NULL, &available, NULL) && available > 0) {
                char buffer[1024];
                DWORD got;
                if (ReadFile(child.output, buffer, sizeof(buffer), &got, NULL) && got > 0)
                    strbuf_append_n(&child.text, buffer, got);
                continue;
            }
            if (WaitForSingleObject(child.process, 50) != WAIT_TIMEOUT)
                break;
            if ((long)(GetTickCount() - deadline) >= 0) {
                TerminateProcess(child.process, 1);
                break;
            }
        }
    }
    read_child_output(&child);
    take_record(&child, handshake_names[0], &facts.verdict);
    for (i = 0; i < PROBE_COUNT; i++)
        take_record(&child, handshake_names[1 + i], &facts.probe[i]);
    CloseHandle(child.process);
    CloseHandle(child.output);
    strbuf_free(&child.text);

    strbuf_init(&out);
    ok = diagnose(&facts, language, TLSSWITCH_VERSION_STRING, &out);
    if (!out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    return ok ? EXIT_DONE : EXIT_TEST_FAILED;
}
