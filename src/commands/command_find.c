/* /test NAME /find: the search of src/core/mail/find.h over the network. Every way is a
 * simulated handshake in a thread of its own, all at once: first with this PC's hello as
 * its settings are now; then, for the ways that refused it, with TLS 1.2 offered as after
 * /apply recommended; then, where no setting helps, with every suite offered to say why;
 * within FIND_MAX_CONNECTIONS connections in all. A name that does not resolve costs no
 * connection. */
#include "commands.h"
#include "services.h"
#include "../win32/child.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/osinfo_win32.h"
#include "../win32/parallel.h"
#include "../win32/schannel_probe.h"
#include "../win32/simulated_client.h"
#include "../win32/tls_client.h"
#include "../core/exitcodes.h"
#include "../core/mail/find.h"
#include "../core/registry/protocols.h"

#include <stdlib.h>
#include <string.h>

/* One simulated handshake of the search. */
struct way_job {
    struct target target;
    const struct hello_spec *hello;
    unsigned certificates;
    unsigned timeout;
    HANDLE cancel;
    struct simulation *result;
};

static void way_work(void *context, size_t index)
{
    struct way_job *job = (struct way_job *)context + index;
    simulated_client_run_checked(&job->target, job->hello, job->certificates, job->timeout, job->cancel, job->result);
}

static void prepare_job(struct find_search *s, struct find_row *row, const struct hello_spec *hello, unsigned timeout,
                        HANDLE cancel, struct simulation *result, struct way_job *job)
{
    char text[400];
    find_row_target(s, row, text, sizeof(text));
    target_parse(text, &job->target);
    job->hello = hello;
    job->certificates = s->certificates;
    job->timeout = timeout;
    job->cancel = cancel;
    job->result = result;
}

/* Whether the outgoing server recommended offers AUTH in its answer to EHLO over TLS, as
 * the mail program sees it: a simulated handshake ends before TLS, so this one session is
 * Schannel's, offering what this Windows has (TLS 1.0 to 1.2), without the certificate. */
static enum smtp_auth outgoing_auth(const struct find_search *s, const struct find_row *row, unsigned timeout,
                                    HANDLE cancel)
{
    unsigned long grbit = protocol_get(PROTOCOL_TLS10)->sp_prot_client | protocol_get(PROTOCOL_TLS11)->sp_prot_client |
                          protocol_get(PROTOCOL_TLS12)->sp_prot_client;
    struct handshake_report *report = malloc(sizeof(*report));
    struct target target;
    char text[400];
    enum smtp_auth auth = SMTP_AUTH_UNKNOWN;
    if (!report)
        return auth;
    find_row_target(s, row, text, sizeof(text));
    if (target_parse(text, &target) == 0) {
        tls_client_startup();
        tls_client_run(&target, grbit, timeout, CLIENT_MAIL_ONLY, cancel, report);
        if (report->outcome == OUTCOME_OK)
            auth = report->smtp_auth;
    }
    free(report);
    return auth;
}

struct windows_failure find_default_version(uint16_t *version)
{
    struct strbuf probes;
    enum child_end end;
    DWORD exit_code;
    const char *line = NULL;
    struct windows_failure failure = { NULL, ERROR_SUCCESS };
    *version = 0;
    if (schannel_sees_current_settings()) {
        *version = schannel_default_version();
        return failure;
    }
    /* This process's Schannel may hold old settings: a new process says (/probes). A
     * process that says nothing is no "offers nothing", which would judge every way. */
    strbuf_init(&probes);
    failure.code = child_run("/probes", 30000, NULL, &probes, &end, &exit_code, &failure.call);
    if (failure.code == ERROR_SUCCESS && end != CHILD_EXITED) {
        failure.call = "tlsswitch /probes";
        failure.code = ERROR_TIMEOUT;
    }
    if (failure.code == ERROR_SUCCESS && (probes.failed || !probes.data || !(line = strstr(probes.data, "default ")))) {
        failure.call = "tlsswitch /probes";
        failure.code = ERROR_INVALID_DATA;
    }
    if (failure.code == ERROR_SUCCESS)
        *version = (uint16_t)strtoul(line + 8, NULL, 16);
    strbuf_free(&probes);
    return failure;
}

unsigned long find_gather(const char *input, unsigned timeout, HANDLE cancel, uint16_t default_version,
                          struct find_search *s)
{
    struct regstore store = regstore_win32();
    struct cipher_policy policy;
    struct hello_spec everything;
    struct os_info os;
    struct way_job *jobs = calloc(FIND_MAX_ROWS, sizeof(*jobs));
    unsigned i, count = 0, connections = 0;

    if (!jobs)
        return ERROR_NOT_ENOUGH_MEMORY;
    if (find_prepare(input, s) != 0) {
        free(jobs);
        return ERROR_INVALID_PARAMETER;
    }
    osinfo_read(&store, &os);
    cipher_policy_read(&store, &policy);
    find_set_hellos(s, windows_client_for_os(&os), &policy, default_version);
    hello_offering_everything(&everything);

    /* Every way as this PC is now. */
    for (i = 0; i < s->row_count; i++) {
        s->rows[i].tried = 1;
        prepare_job(s, &s->rows[i], &s->hello_now, timeout, cancel, &s->rows[i].now, &jobs[i]);
    }
    parallel_run(s->row_count, way_work, jobs);
    for (i = 0; i < s->row_count; i++) {
        struct find_row *row = &s->rows[i];
        if (row->now.outcome != OUTCOME_HOST_NOT_FOUND) {
            s->name_found[row->name] = 1;
            connections++;
        }
    }
    /* Then, within the limit, the ways that refused it, as after /apply recommended. */
    for (i = 0; i < s->row_count && connections < FIND_MAX_CONNECTIONS; i++) {
        struct find_row *row = &s->rows[i];
        if (!find_wants_after(s, row))
            continue;
        row->tried_after = 1;
        prepare_job(s, row, &s->hello_after, timeout, cancel, &row->after, &jobs[count]);
        count++;
        connections++;
    }
    parallel_run(count, way_work, jobs);
    /* And where no setting helps, within the limit: every suite offered, to say why. */
    find_judge(s);
    for (i = 0, count = 0; i < s->row_count && connections < FIND_MAX_CONNECTIONS; i++) {
        struct find_row *row = &s->rows[i];
        if (!find_wants_everything(s, row))
            continue;
        row->tried_everything = 1;
        prepare_job(s, row, &everything, timeout, cancel, &row->everything, &jobs[count]);
        jobs[count].certificates = CERT_RSA | CERT_DSA | CERT_ECDSA | CERT_RSA_PSS;
        count++;
        connections++;
    }
    parallel_run(count, way_work, jobs);
    for (i = 0; i < s->row_count; i++) {
        struct find_row *row = &s->rows[i];
        const struct simulation *usable = row->now.verdict == SIM_USABLE ? &row->now : &row->after;
        row->certificate_checked = usable->chain_checked;
        row->certificate_error = usable->chain_checked ? usable->chain_error : 0;
    }
    find_judge(s);
    free(jobs);
    if (find_recommend(s, 0))
        s->outgoing_auth = outgoing_auth(s, find_recommend(s, 0), timeout, cancel);
    if (cancel && WaitForSingleObject(cancel, 0) == WAIT_OBJECT_0)
        return ERROR_CANCELLED;
    return ERROR_SUCCESS;
}

int command_find(const struct options *options, enum language language)
{
    struct find_search *search = calloc(1, sizeof(*search));
    struct strbuf out;
    unsigned timeout;
    struct windows_failure failure;
    uint16_t default_version;
    int ok;

    if (!search)
        return EXIT_SYSTEM_ERROR;
    if (command_timeout(options, language, &timeout) != 0) {
        free(search);
        return EXIT_USAGE;
    }
    failure = find_default_version(&default_version);
    if (failure.code == ERROR_SUCCESS) {
        failure.call = "/find";
        failure.code = find_gather(options->test_target, timeout, NULL, default_version, search);
    }
    if (failure.code == ERROR_INVALID_PARAMETER && failure.call && strcmp(failure.call, "/find") == 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_FIND_NAME, options->test_target);
        free(search);
        return EXIT_USAGE;
    }
    if (failure.code != ERROR_SUCCESS) {
        windows_failure_say(&failure, language);
        free(search);
        return EXIT_SYSTEM_ERROR;
    }
    strbuf_init(&out);
    ok = find_report(search, language, &out);
    if (!out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    free(search);
    return ok ? EXIT_DONE : EXIT_TEST_FAILED;
}
