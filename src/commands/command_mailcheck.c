/* /test TARGET: the handshakes run in a new process of tlsswitch (/handshake), because
 * Schannel reads its registry settings once per process: a test right after /apply,
 * or from a window that has used Schannel before, sees the new settings. That child
 * runs the default handshake and the three probes in parallel threads and prints one
 * record each; this process only reads the registry and the records, and writes the
 * diagnosis. */
#include "../win32/child.h"
#include "commands.h"
#include "services.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/osinfo_win32.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/tls_client.h"
#include "../win32/wide.h"
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

/* The record named `name`; a missing one (the child died) counts as a failure. */
static void take_record(const struct strbuf *text, const char *name, struct handshake_report *report)
{
    if (text->failed || !text->data || handshake_report_read_section(text->data, name, report) != 0) {
        handshake_report_init(report);
        report->outcome = OUTCOME_SYSTEM_ERROR;
        report->status = ERROR_PROCESS_ABORTED;
    }
}

unsigned long test_gather(const char *target_text, unsigned timeout, HANDLE cancel, struct test_facts *facts)
{
    struct regstore store = regstore_win32();
    struct strbuf arguments, records;
    enum child_end end;
    DWORD exit_code;
    unsigned long error;
    int i;

    memset(facts, 0, sizeof(*facts));
    if (target_parse(target_text, &facts->target) != 0)
        return ERROR_INVALID_PARAMETER;
    facts->timeout_seconds = timeout;
    regstore_read_settings(&store, &facts->settings);
    osinfo_read(&store, &facts->os);

    strbuf_init(&arguments);
    strbuf_init(&records);
    strbuf_printf(&arguments, "/handshake \"%s\" /timeout %u", target_text, timeout);
    /* The child's handshakes end within three time limits; allow for a slow start. */
    error = arguments.failed ? ERROR_NOT_ENOUGH_MEMORY
                             : child_run(arguments.data, 3u * timeout * 1000u + 15000u, cancel, &records, &end,
                                         &exit_code);
    if (error == ERROR_SUCCESS && end == CHILD_CANCELLED)
        error = ERROR_CANCELLED;
    if (error == ERROR_SUCCESS) {
        take_record(&records, handshake_names[0], &facts->verdict);
        for (i = 0; i < PROBE_COUNT; i++)
            take_record(&records, handshake_names[1 + i], &facts->probe[i]);
    }
    strbuf_free(&arguments);
    strbuf_free(&records);
    return error;
}

int command_test(const struct options *options, enum language language)
{
    struct test_facts facts;
    struct target target;
    struct strbuf out;
    unsigned timeout;
    unsigned long error;
    int ok;

    if (target_parse(options->test_target, &target) != 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TARGET, options->test_target);
        return EXIT_USAGE;
    }
    if (parse_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    error = test_gather(options->test_target, timeout, NULL, &facts);
    if (error != ERROR_SUCCESS) {
        char reason[512];
        windows_error_text(error, reason, sizeof(reason));
        console_message(CONSOLE_ERR, language, MSG_ERR_WINDOWS_CALL, "CreateProcess", reason);
        return EXIT_SYSTEM_ERROR;
    }
    strbuf_init(&out);
    ok = diagnose(&facts, language, TLSSWITCH_VERSION_STRING, &out);
    if (!out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    return ok ? EXIT_DONE : EXIT_TEST_FAILED;
}
