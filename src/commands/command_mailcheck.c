/* /test TARGET: the default handshake and the three probes in parallel threads, beside
 * the simulated handshakes of other Windows. Schannel reads its registry settings once
 * per process, at its first use: a /test that runs alone runs its handshakes in this
 * process, but one after a change in the same run (/apply ... /test), or from a window
 * that has used Schannel or changed the settings, runs them in a new process of
 * tlsswitch (/handshake), which prints one record each for this one to read. */
#include "../win32/child.h"
#include "commands.h"
#include "services.h"
#include "../win32/certificate_check.h"
#include "../win32/console.h"
#include "../win32/errors.h"
#include "../win32/osinfo_win32.h"
#include "../win32/parallel.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/schannel_probe.h"
#include "../win32/simulated_client.h"
#include "../core/tls/clienthello.h"
#include "../win32/step_timing.h"
#include "../win32/tls_client.h"
#include "../win32/wide.h"
#include "../core/registry/cipher_policy.h"
#include "../core/mail/diagnosis.h"
#include "../core/exitcodes.h"
#include "../core/mail/idna.h"
#include "../core/registry/protocols.h"
#include "../core/registry/regstore.h"
#include "../../res/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHILD_COUNT (1 + PROBE_COUNT)

/* The handshakes of a test, by the name the child's output gives each record. */
static const char *const handshake_names[1 + PROBE_COUNT] = { "default", "tls1.0", "tls1.1", "tls1.2" };

/* The handshakes of one test, run by handshakes_run in this process. */
struct handshake_set {
    unsigned char hello[4096];   /* the ClientHello Schannel sends by default */
    size_t hello_length;
    int ran[CHILD_COUNT];        /* by handshake_names */
    /* The probes whose ClientHello is the default one's but for the random: the server
     * answers both alike, so the default handshake answers for them when it got their
     * protocol (handshakes_start). */
    int same_as_default[CHILD_COUNT];
    struct handshake_report report[CHILD_COUNT];
};

/* The handshakes to run: the default one and the probes, or the one named. */
struct handshake_jobs {
    const struct target *target;
    unsigned timeout;
    HANDLE cancel;
    size_t count;
    int which[CHILD_COUNT];        /* by handshake_names */
    struct handshake_set *set;
};

/* SP_PROT_*_CLIENT of handshake i (by handshake_names), 0 for the default one. */
static unsigned long handshake_grbit(int i)
{
    int id = i == 0 ? -1 : protocol_find(handshake_names[i]);
    return id < 0 ? 0 : protocol_get((enum protocol_id)id)->sp_prot_client;
}

static void run_handshake(const struct handshake_jobs *jobs, int i)
{
    unsigned long grbit = handshake_grbit(i);
    /* The default handshake is the verdict: certificate and mail commands too. A probe
     * needs only to know whether its protocol works; checking a certificate chain costs
     * more than a handshake. */
    tls_client_run(jobs->target, grbit, jobs->timeout, grbit == 0 ? CLIENT_WITH_MAIL : CLIENT_HANDSHAKE_ONLY,
                   jobs->cancel, &jobs->set->report[i]);
}

static void handshake_work(void *context, size_t index)
{
    struct handshake_jobs *jobs = context;
    run_handshake(jobs, jobs->which[index]);
}

/* Notes the probes whose ClientHello Schannel builds exactly as its default one (all
 * but the random): the probe of the highest version the default offers, when it offers
 * no TLS 1.3 (whose offer names its versions apart). */
static void find_probes_like_default(struct handshake_set *set)
{
    struct hello_spec spec;
    unsigned char hello[4096];
    int i;
    if (set->hello_length == 0 || clienthello_parse(set->hello, set->hello_length, &spec) != 0 || spec.offers_tls13)
        return;
    for (i = 1; i < CHILD_COUNT; i++) {
        int id = protocol_find(handshake_names[i]);
        size_t length;
        if (id < 0 || protocol_get((enum protocol_id)id)->wire_version != spec.client_version)
            continue;
        length = schannel_hello(handshake_grbit(i), hello, sizeof(hello));
        set->same_as_default[i] = clienthello_same_offer(set->hello, set->hello_length, hello, length);
    }
}

/* A probe the default handshake answered for: its protocol and cipher, nothing more
 * (a probe has no certificate check and no mail command). */
static void probe_from_default(const struct handshake_report *from, struct handshake_report *probe)
{
    handshake_report_init(probe);
    probe->outcome = OUTCOME_OK;
    probe->protocol = from->protocol;
    probe->cipher = from->cipher;
    probe->cipher_bits = from->cipher_bits;
    probe->hash = from->hash;
    probe->hash_bits = from->hash_bits;
    probe->exchange = from->exchange;
    probe->exchange_bits = from->exchange_bits;
}

/* Starts Schannel in this process (which must not have used it yet, for the results to
 * show the registry's settings) and captures the ClientHello it sends by default. */
static void handshakes_start(struct handshake_set *set)
{
    int step = step_timing_begin("schannel-start-and-default-hello");
    memset(set, 0, sizeof(*set));
    tls_client_startup();
    set->hello_length = schannel_default_hello(set->hello, sizeof(set->hello));
    /* Here, before any thread uses Schannel: Wine's is not safe from several at once. */
    find_probes_like_default(set);
    /* The trusted roots load while the connections are made; only now, so that nothing
     * else runs while Schannel builds those hellos. */
    certificate_check_prepare();
    step_timing_end(step);
}

/* The default handshake and the probes in parallel threads of this process, or only the
 * one named `only`, after handshakes_start. A probe whose hello is the default one's is
 * answered by the default handshake when that got its protocol, and run after it
 * otherwise. Returns the number of handshakes run (0: `only` names none). */
static int handshakes_run(const struct target *target, unsigned timeout, const char *only, HANDLE cancel,
                          struct handshake_set *set)
{
    struct handshake_jobs jobs;
    int i, count = 0;

    jobs.target = target;
    jobs.timeout = timeout;
    jobs.cancel = cancel;
    jobs.count = 0;
    jobs.set = set;
    for (i = 0; i < CHILD_COUNT; i++) {
        if (only && strcmp(only, handshake_names[i]) != 0)
            continue;
        set->ran[i] = 1;
        if (!only && set->same_as_default[i])
            continue;
        jobs.which[jobs.count++] = i;
    }
    parallel_run(jobs.count, handshake_work, &jobs);
    for (i = 1; i < CHILD_COUNT; i++) {
        if (!set->ran[i] || only || !set->same_as_default[i])
            continue;
        if (set->report[0].protocol == handshake_grbit(i))
            probe_from_default(&set->report[0], &set->report[i]);
        else
            run_handshake(&jobs, i);
    }
    for (i = 0; i < CHILD_COUNT; i++)
        if (set->ran[i])
            count++;
    return count;
}

/* The internal child: the handshakes of handshakes_run, each record after a "[name]"
 * line (the ClientHello after "[hello]"), as UTF-8 on stdout. */
int command_handshake(const struct options *options, enum language language)
{
    struct handshake_set *set;
    struct target target;
    struct strbuf out;
    unsigned timeout;
    DWORD written;
    size_t k;
    int i, all_ok = 1;

    if (target_parse(options->command_value, &target) != 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_BAD_TARGET, options->command_value);
        return EXIT_USAGE;
    }
    if (command_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    set = malloc(sizeof(*set));
    if (!set)
        return EXIT_SYSTEM_ERROR;
    handshakes_start(set);
    if (handshakes_run(&target, timeout, options->probe_protocol, NULL, set) == 0) {
        console_message(CONSOLE_ERR, language, MSG_ERR_UNEXPECTED_ARGUMENT, options->probe_protocol);
        free(set);
        return EXIT_USAGE;
    }
    strbuf_init(&out);
    if (!options->probe_protocol) {
        strbuf_append(&out, "[hello]\nbytes=");
        for (k = 0; k < set->hello_length; k++)
            strbuf_printf(&out, "%02x", set->hello[k]);
        strbuf_append(&out, "\n");
    }
    for (i = 0; i < CHILD_COUNT; i++) {
        if (!set->ran[i])
            continue;
        strbuf_printf(&out, "[%s]\n", handshake_names[i]);
        handshake_report_write(&set->report[i], &out);
        if (set->report[i].outcome != OUTCOME_OK)
            all_ok = 0;
    }
    if (!out.failed)
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), out.data, (DWORD)out.length, &written, NULL);
    strbuf_free(&out);
    free(set);
    return all_ok ? EXIT_DONE : EXIT_TEST_FAILED;
}

/* The record named `name`; a missing one (the child died) counts as a failure. */
static void take_record(const struct strbuf *text, const char *name, struct handshake_report *report)
{
    if (text->failed || !text->data || handshake_report_read_section(text->data, name, report) != 0) {
        handshake_report_init(report);
        report->outcome = OUTCOME_SYSTEM_ERROR;
        report->status = ERROR_PROCESS_ABORTED;
        text_format(report->step, sizeof(report->step), "tlsswitch /handshake");
    }
}

/* A simulated handshake in a thread of its own: it needs no Schannel and no new process. */
struct simulation_job {
    const struct target *target;
    struct hello_spec hello;
    unsigned certificates;
    unsigned timeout;
    HANDLE cancel;
    struct simulation *result;
    /* Where the answer to a hello offering everything goes, when this one's answer needs
     * it (compatibility_wants_everything); NULL: never. */
    struct simulation *everything;
    const char *name;   /* in the bench's step times */
    struct worker worker;
};

static void simulation_work(void *argument)
{
    struct simulation_job *job = argument;
    int step = step_timing_begin("simulation %s", job->name);
    simulated_client_run(job->target, &job->hello, job->certificates, job->timeout, job->cancel, job->result);
    step_timing_end(step);
    if (job->everything && compatibility_wants_everything(job->result)) {
        struct hello_spec everything;
        hello_offering_everything(&everything);
        step = step_timing_begin("simulation everything");
        simulated_client_run(job->target, &everything, CERT_RSA | CERT_DSA | CERT_ECDSA | CERT_RSA_PSS, job->timeout,
                             job->cancel, job->everything);
        step_timing_end(step);
    }
}

static void simulation_start(struct simulation_job *job, const char *name, const struct target *target,
                             unsigned certificates, unsigned timeout, HANDLE cancel, struct simulation *result,
                             struct simulation *everything)
{
    job->name = name;
    job->everything = everything;
    job->target = target;
    job->certificates = certificates;
    job->timeout = timeout;
    job->cancel = cancel;
    job->result = result;
    /* Until the thread has written it, the result says it has none (SIM_NOT_RUN). */
    memset(result, 0, sizeof(*result));
    worker_start(&job->worker, simulation_work, job);
}

/* Whether two hellos would reach the server as the same bytes (but for the random). */
static int same_hello(const struct hello_spec *a, const struct hello_spec *b, const char *host)
{
    static const unsigned char random[32];
    unsigned char a_bytes[4096], b_bytes[4096];
    size_t a_length = clienthello_build(a, host, random, a_bytes, sizeof(a_bytes));
    size_t b_length = clienthello_build(b, host, random, b_bytes, sizeof(b_bytes));
    return a_length > 0 && clienthello_same_offer(a_bytes, a_length, b_bytes, b_length);
}

static void simulation_wait(struct simulation_job *job)
{
    worker_join(&job->worker);
}

/* The most simulations one target starts: this PC's own hello, the Windows shown, this
 * Windows where it is not one of them (8.1, 11, XP x64), and this Windows with its
 * registry's cipher settings (a hello offering everything runs after one of them, in its
 * thread). */
#define SIMULATION_JOBS_MAX (1 + COMPATIBILITY_SHOWN_COUNT + 1 + 1)

/* Starts the simulations of /test: the Windows shown, this Windows as it is and with its
 * registry's cipher settings, and, where this Windows' answer needs it, a hello offering
 * everything. This Windows with its cipher settings is its row, not a connection of its
 * own, when the settings change nothing in its hello (simulations_end copies it). */
static size_t start_simulations(struct test_facts *facts, HANDLE cancel, struct simulation_job *jobs,
                                int *this_is_row)
{
    struct compatibility *c = &facts->compat;
    struct hello_spec row_hello;
    size_t count = 0, i;
    c->ran = 1;
    c->this_windows = windows_client_for_os(&facts->os);
    windows_client_hello(windows_client_get(c->this_windows), &row_hello);
    *this_is_row = same_hello(&row_hello, &c->this_hello, facts->target.host);
    for (i = 0; i < COMPATIBILITY_SHOWN_COUNT + 1; i++) {
        enum windows_client_id id = i < COMPATIBILITY_SHOWN_COUNT ? compatibility_shown[i] : c->this_windows;
        const struct windows_client *row = windows_client_get(id);
        if (c->rows_ran & (1u << id))
            continue;
        c->rows_ran |= 1u << id;
        windows_client_hello(row, &jobs[count].hello);
        simulation_start(&jobs[count++], row->id, &facts->target, row->certificates, facts->timeout_seconds, cancel,
                         &c->row[id], id == c->this_windows && *this_is_row ? &c->everything : NULL);
    }
    if (!*this_is_row) {
        jobs[count].hello = c->this_hello;
        simulation_start(&jobs[count], "this-windows-with-its-cipher-settings", &facts->target,
                         windows_client_get(c->this_windows)->certificates, facts->timeout_seconds, cancel,
                         &c->this_sim, &c->everything);
        count++;
    }
    return count;
}

/* This PC's own ClientHello, as Schannel built it for the handshakes, simulated too: the
 * simulation checks itself against the real handshake. Returns 0 when there is none. */
static int own_hello_job(struct test_facts *facts, const unsigned char *bytes, size_t length,
                         struct simulation_job *job)
{
    struct compatibility *c = &facts->compat;
    if (length == 0 || clienthello_parse(bytes, length, &c->own_hello) != 0)
        return 0;
    c->have_own_hello = 1;
    /* Schannel named no server when it built it: the real handshake names the host. */
    c->own_hello.extensions |= HELLO_SNI;
    job->hello = c->own_hello;
    return 1;
}

/* The handshakes of a test in a new process (/handshake), the records read back. */
static struct windows_failure handshakes_in_child(const char *target_text, unsigned timeout, HANDLE cancel,
                                                  struct handshake_set *set)
{
    struct strbuf arguments, records;
    enum child_end end;
    DWORD exit_code;
    struct windows_failure failure = { "malloc", ERROR_NOT_ENOUGH_MEMORY };
    int i;

    memset(set, 0, sizeof(*set));
    strbuf_init(&arguments);
    strbuf_init(&records);
    strbuf_printf(&arguments, "/handshake \"%s\" /timeout %u", target_text, timeout);
    /* The child's handshakes end within three time limits; allow for a slow start. */
    if (!arguments.failed)
        failure.code = child_run(arguments.data, 3u * timeout * 1000u + 15000u, cancel, &records, &end, &exit_code,
                                 &failure.call);
    if (failure.code == ERROR_SUCCESS && end == CHILD_CANCELLED)
        failure.code = ERROR_CANCELLED;
    if (failure.code == ERROR_SUCCESS) {
        for (i = 0; i < CHILD_COUNT; i++) {
            set->ran[i] = 1;
            take_record(&records, handshake_names[i], &set->report[i]);
        }
        if (!records.failed && records.data)
            set->hello_length = handshake_report_read_hello(records.data, set->hello, sizeof(set->hello));
    }
    strbuf_free(&arguments);
    strbuf_free(&records);
    return failure;
}

/* One target's test. `started`: the handshakes run in this process, Schannel started and
 * its default ClientHello captured there (handshakes_start); NULL: in a new process. */
static struct windows_failure gather_one(const char *target_text, unsigned timeout, HANDLE cancel,
                                         const struct handshake_set *started, struct test_facts *facts)
{
    struct regstore store = regstore_win32();
    struct simulation_job *jobs = calloc(SIMULATION_JOBS_MAX, sizeof(*jobs));
    struct handshake_set *set = malloc(sizeof(*set));
    struct windows_failure failure = { NULL, ERROR_SUCCESS };
    size_t job_count = 0, j;
    int i, own = 0, step, this_is_row = 0;

    memset(facts, 0, sizeof(*facts));
    if (!jobs || !set) {
        free(jobs);
        free(set);
        failure.call = "malloc";
        failure.code = ERROR_NOT_ENOUGH_MEMORY;
        return failure;
    }
    if (target_parse(target_text, &facts->target) != 0) {
        free(jobs);
        free(set);
        failure.call = target_text;
        failure.code = ERROR_INVALID_PARAMETER;
        return failure;
    }
    facts->timeout_seconds = timeout;
    step = step_timing_begin("registry-reads");
    regstore_read_settings(&store, &facts->settings);
    osinfo_read(&store, &facts->os);
    cipher_policy_read(&store, &facts->compat.policy);
    compatibility_this_hello(windows_client_for_os(&facts->os), &facts->compat.policy, &facts->compat.this_hello);
    step_timing_end(step);

    if (started) {
        /* Schannel was new to this process: it reads the registry as it is now, so the
         * handshakes run here, with the simulations (this PC's own hello among them). */
        *set = *started;
        own = own_hello_job(facts, set->hello, set->hello_length, &jobs[0]);
        if (own)
            simulation_start(&jobs[0], "own-hello", &facts->target, CERT_RSA | CERT_DSA | CERT_ECDSA | CERT_RSA_PSS,
                             timeout, cancel, &facts->compat.own_sim, NULL);
        job_count = own + start_simulations(facts, cancel, jobs + own, &this_is_row);
        handshakes_run(&facts->target, timeout, NULL, cancel, set);
    } else {
        job_count = start_simulations(facts, cancel, jobs, &this_is_row);
        step = step_timing_begin("child-handshakes");
        failure = handshakes_in_child(target_text, timeout, cancel, set);
        step_timing_end(step);
        if (failure.code == ERROR_SUCCESS && own_hello_job(facts, set->hello, set->hello_length, &jobs[job_count])) {
            simulation_start(&jobs[job_count], "own-hello", &facts->target,
                             CERT_RSA | CERT_DSA | CERT_ECDSA | CERT_RSA_PSS, timeout, cancel, &facts->compat.own_sim,
                             NULL);
            job_count++;
        }
    }
    if (failure.code == ERROR_SUCCESS) {
        facts->verdict = set->report[0];
        for (i = 0; i < PROBE_COUNT; i++)
            facts->probe[i] = set->report[1 + i];
    }
    step = step_timing_begin("wait-simulations");
    for (j = 0; j < job_count; j++)
        simulation_wait(&jobs[j]);
    step_timing_end(step);
    if (this_is_row)
        facts->compat.this_sim = facts->compat.row[facts->compat.this_windows];
    if (failure.code == ERROR_SUCCESS && cancel && WaitForSingleObject(cancel, 0) == WAIT_OBJECT_0)
        failure.code = ERROR_CANCELLED;
    free(jobs);
    free(set);
    return failure;
}

/* The targets of one test, each in a thread of its own. */
struct gather_jobs {
    const char *const *targets;
    unsigned timeout;
    HANDLE cancel;
    const struct handshake_set *started;
    int as_windows;            /* -1: as this PC */
    struct test_facts *facts;
    struct as_facts *as;
    struct windows_failure *errors;
};

static void gather_work(void *context, size_t i)
{
    struct gather_jobs *jobs = context;
    if (jobs->as_windows < 0) {
        jobs->errors[i] = gather_one(jobs->targets[i], jobs->timeout, jobs->cancel, jobs->started, &jobs->facts[i]);
    } else {
        jobs->errors[i].call = jobs->targets[i];
        jobs->errors[i].code =
            test_gather_as(jobs->targets[i], jobs->as_windows, jobs->timeout, jobs->cancel, &jobs->as[i]);
    }
}

unsigned long test_gather_all(const char *const *targets, int count, int as_windows, unsigned timeout, HANDLE cancel,
                              struct test_facts *facts, struct as_facts *as, struct windows_failure *errors)
{
    struct gather_jobs jobs;
    struct handshake_set *started = NULL;
    int i;

    /* Decided once for all targets, before any of them uses Schannel. */
    if (as_windows < 0 && schannel_sees_current_settings()) {
        started = malloc(sizeof(*started));
        if (!started) {
            for (i = 0; i < count; i++) {
                errors[i].call = "malloc";   /* each target says so */
                errors[i].code = ERROR_NOT_ENOUGH_MEMORY;
            }
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        handshakes_start(started);
    }
    jobs.targets = targets;
    jobs.timeout = timeout;
    jobs.cancel = cancel;
    jobs.started = started;
    jobs.as_windows = as_windows;
    jobs.facts = facts;
    jobs.as = as;
    jobs.errors = errors;
    parallel_run((size_t)count, gather_work, &jobs);
    free(started);
    return ERROR_SUCCESS;
}

unsigned long test_gather(const char *target_text, unsigned timeout, HANDLE cancel, struct test_facts *facts)
{
    struct windows_failure error;
    unsigned long rc = test_gather_all(&target_text, 1, -1, timeout, cancel, facts, NULL, &error);
    return rc != ERROR_SUCCESS ? rc : error.code;
}

unsigned long test_gather_as(const char *target_text, int windows, unsigned timeout, HANDLE cancel,
                             struct as_facts *facts)
{
    const struct windows_client *row = windows_client_get((enum windows_client_id)windows);
    int step;
    memset(facts, 0, sizeof(*facts));
    if (!row || target_parse(target_text, &facts->target) != 0)
        return ERROR_INVALID_PARAMETER;
    facts->windows = (enum windows_client_id)windows;
    facts->timeout_seconds = timeout;
    windows_client_hello(row, &facts->hello);
    step = step_timing_begin("simulation %s", row->id);
    simulated_client_run(&facts->target, &facts->hello, row->certificates, timeout, cancel, &facts->sim);
    step_timing_end(step);
    if (compatibility_wants_everything(&facts->sim)) {
        struct hello_spec everything;
        hello_offering_everything(&everything);
        facts->ran_everything = 1;
        step = step_timing_begin("simulation everything");
        simulated_client_run(&facts->target, &everything, CERT_RSA | CERT_DSA | CERT_ECDSA | CERT_RSA_PSS, timeout,
                             cancel, &facts->everything);
        step_timing_end(step);
    }
    if (cancel && WaitForSingleObject(cancel, 0) == WAIT_OBJECT_0)
        return ERROR_CANCELLED;
    return ERROR_SUCCESS;
}

/* /test TARGET ...: every target in parallel, each report in the order given, and for
 * several targets a last word on them all. With /as, simulated handshakes of that Windows
 * (one for each target, two when it fails), no Schannel. */
int command_test(const struct options *options, enum language language)
{
    int count = options->test_target_count, i, ok_count = 0, as = options->as_given ? options->as_windows : -1;
    struct test_facts *facts = NULL;
    struct as_facts *as_facts = NULL;
    struct windows_failure errors[ARGS_MAX_TARGETS];
    struct strbuf out, failed;
    struct target target;
    unsigned timeout;
    int exit_code = EXIT_DONE, step;

    if (options->find)
        return command_find(options, language);
    if (options->accounts)
        return command_accounts(options, language);
    for (i = 0; i < count; i++)
        if (target_parse(options->test_targets[i], &target) != 0) {
            /* A name outside ASCII that cannot be converted gets its own words. */
            const char *text = options->test_targets[i];
            console_message(CONSOLE_ERR, language,
                            idna_has_non_ascii(text, strlen(text)) ? MSG_ERR_BAD_IDN_TARGET : MSG_ERR_BAD_TARGET, text);
            return EXIT_USAGE;
        }
    if (command_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    if (as < 0)
        facts = calloc((size_t)count, sizeof(*facts));
    else
        as_facts = calloc((size_t)count, sizeof(*as_facts));
    if (!facts && !as_facts)
        return EXIT_SYSTEM_ERROR;
    step = step_timing_begin("gather");
    test_gather_all(options->test_targets, count, as, timeout, NULL, facts, as_facts, errors);
    step_timing_end(step);

    strbuf_init(&out);
    strbuf_init(&failed);
    for (i = 0; i < count; i++) {
        int ok = 0;
        if (i > 0)
            strbuf_append(&out, "\n");
        if (errors[i].code != ERROR_SUCCESS) {
            windows_failure_describe(&errors[i], language, &out);
            exit_code = EXIT_SYSTEM_ERROR;
        } else if (as < 0) {
            ok = diagnose(&facts[i], language, TLSSWITCH_VERSION_STRING, &out);
        } else {
            ok = diagnose_as(&as_facts[i], language, TLSSWITCH_VERSION_STRING, &out);
        }
        if (ok)
            ok_count++;
        else
            strbuf_printf(&failed, "%s%s", failed.length ? ", " : "", options->test_targets[i]);
    }
    if (count > 1) {
        if (ok_count == count)
            strbuf_printf(&out, message_text(language, MSG_TEST_ALL_WORK), count);
        else
            strbuf_printf(&out, message_text(language, MSG_TEST_NOT_ALL_WORK), count - ok_count, count,
                          failed.failed ? "" : failed.data);
        strbuf_append(&out, ok_count == count ? "OK\n" : "FAILED\n");
    }
    if (!out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    strbuf_free(&failed);
    free(facts);
    free(as_facts);
    if (exit_code != EXIT_DONE)
        return exit_code;
    return ok_count == count ? EXIT_DONE : EXIT_TEST_FAILED;
}
