/* /test /accounts: the accounts of the mail programs of this user (src/core/accounts), each
 * server tested the way its program connects, all at once: one simulated handshake per
 * server with this PC's hello as its settings are now (or, with /as, that Windows' hello),
 * a second offering TLS 1.2 where that could make the difference, as /find does; then,
 * for the servers that do not work as set, the other ways of the same protocol, to name
 * the setting that works. At most FIND_MAX_CONNECTIONS connections in all. The window's
 * "Test my mail" runs the same work (accounts_gather, services.h) and shows the same report. */
#include "commands.h"
#include "services.h"
#include "../win32/account_system.h"
#include "../win32/console.h"
#include "../win32/osinfo_win32.h"
#include "../win32/parallel.h"
#include "../win32/platform.h"
#include "../win32/regstore_win32.h"
#include "../win32/simulated_client.h"
#include "../core/accounts/account_check.h"
#include "../core/exitcodes.h"

#include <stdlib.h>
#include <string.h>

/* One simulated handshake of one account's row. */
struct row_job {
    struct account_check *check;
    struct find_row *row;
    int after;               /* the second hello, as after /apply recommended */
    unsigned timeout;
    HANDLE cancel;
};

static void row_work(void *context, size_t index)
{
    struct row_job *job = (struct row_job *)context + index;
    struct find_search *s = &job->check->search;
    char text[400];
    struct target target;
    find_row_target(s, job->row, text, sizeof(text));
    if (target_parse(text, &target) != 0) {
        /* A name no server can have: judged as a name that does not exist. */
        simulation_failed(OUTCOME_HOST_NOT_FOUND, 0, job->after ? &job->row->after : &job->row->now);
        return;
    }
    simulated_client_run_checked(&target, job->after ? &s->hello_after : &s->hello_now, s->certificates, job->timeout,
                                 job->cancel, job->after ? &job->row->after : &job->row->now);
}

/* Runs the rows from `first[i]` on of every account as they are now, then as after the
 * fix where that could help; within the connections left. */
static void run_rows(struct account_check *checks, size_t count, const unsigned *first, unsigned timeout,
                     HANDLE cancel, unsigned *connections, struct row_job *jobs)
{
    size_t i, n = 0;
    unsigned r;
    for (i = 0; i < count; i++)
        for (r = first[i]; r < checks[i].search.row_count && *connections < FIND_MAX_CONNECTIONS; r++) {
            struct row_job job = { &checks[i], &checks[i].search.rows[r], 0, timeout, cancel };
            checks[i].search.rows[r].tried = 1;
            jobs[n++] = job;
            (*connections)++;
        }
    parallel_run(n, row_work, jobs);
    for (i = 0; i < count; i++)
        for (r = first[i]; r < checks[i].search.row_count; r++)
            if (checks[i].search.rows[r].tried && checks[i].search.rows[r].now.outcome != OUTCOME_HOST_NOT_FOUND)
                checks[i].search.name_found[checks[i].search.rows[r].name] = 1;
    n = 0;
    for (i = 0; i < count; i++)
        for (r = first[i]; r < checks[i].search.row_count && *connections < FIND_MAX_CONNECTIONS; r++) {
            struct find_row *row = &checks[i].search.rows[r];
            struct row_job job = { &checks[i], row, 1, timeout, cancel };
            if (!find_wants_after(&checks[i].search, row))
                continue;
            row->tried_after = 1;
            jobs[n++] = job;
            (*connections)++;
        }
    parallel_run(n, row_work, jobs);
    for (i = 0; i < count; i++) {
        for (r = first[i]; r < checks[i].search.row_count; r++) {
            struct find_row *row = &checks[i].search.rows[r];
            const struct simulation *usable = row->now.verdict == SIM_USABLE ? &row->now : &row->after;
            row->certificate_checked = usable->chain_checked;
            row->certificate_error = usable->chain_checked ? usable->chain_error : 0;
        }
        find_judge(&checks[i].search);
    }
}

/* The test switch TLSSWITCH_TEST_PORT_BASE=N moves the usual ports of the other ways to
 * N + port % 100 (995 to N+95), so that a test's servers stand on ports of their own. */
static unsigned test_port_base(void)
{
    wchar_t value[16];
    if (GetEnvironmentVariableW(L"TLSSWITCH_TEST_PORT_BASE", value, 16) == 0)
        return 0;
    return (unsigned)wcstoul(value, NULL, 10);
}

/* The hellos: this PC's as its settings are now, or (as_windows >= 0) that Windows' as
 * it comes. */
static struct windows_failure set_hellos(int as_windows, struct account_check *checks, size_t count)
{
    struct regstore store = regstore_win32();
    struct cipher_policy policy;
    struct windows_failure failure = { NULL, ERROR_SUCCESS };
    enum windows_client_id windows;
    uint16_t default_version;
    size_t i;
    memset(&policy, 0, sizeof(policy));
    if (as_windows >= 0) {
        windows = (enum windows_client_id)as_windows;
        /* XP to 7 offer TLS 1.0 alone by default (TLS 1.1 and 1.2 need the setting). */
        default_version = windows <= WINDOWS_7 ? 0x0301 : 0x0303;
    } else {
        struct os_info os;
        failure = find_default_version(&default_version);
        if (failure.code != ERROR_SUCCESS)
            return failure;
        osinfo_read(&store, &os);
        cipher_policy_read(&store, &policy);
        windows = windows_client_for_os(&os);
    }
    for (i = 0; i < count; i++)
        find_set_hellos(&checks[i].search, windows, &policy, default_version);
    return failure;
}

/* What ran out when memory did: the command says nothing then, as before. */
static const char no_memory[] = "malloc";

void accounts_find(struct accounts_test *test)
{
    struct regstore user;
    struct account_system system;
    memset(test, 0, sizeof(*test));
    account_system_win32(&system, &user);
    accounts_discover(&system, &test->found);
}

struct windows_failure accounts_gather(struct accounts_test *test, int as_windows, unsigned timeout, HANDLE cancel)
{
    struct windows_failure failure = { no_memory, ERROR_NOT_ENOUGH_MEMORY };
    struct row_job *jobs = NULL;
    unsigned *first = NULL, connections = 0, port_base = test_port_base();
    size_t i, count = test->found.accounts.count;
    int side;

    if (test->found.no_memory)
        return failure;
    if (count == 0) {
        failure.code = ERROR_SUCCESS;
        return failure;
    }
    test->checks = calloc(count, sizeof(*test->checks));
    first = calloc(count, sizeof(*first));
    jobs = calloc(FIND_MAX_CONNECTIONS, sizeof(*jobs));
    if (!test->checks || !first || !jobs)
        goto done;
    for (i = 0; i < count; i++)
        account_check_prepare(&test->checks[i], &test->found.accounts.items[i], port_base);
    failure = set_hellos(as_windows, test->checks, count);
    if (failure.code != ERROR_SUCCESS)
        goto done;
    run_rows(test->checks, count, first, timeout, cancel, &connections, jobs);
    for (i = 0; i < count; i++) {
        first[i] = test->checks[i].search.row_count;
        for (side = 0; side < SIDE_COUNT; side++)
            if (account_check_wants_alternatives(&test->checks[i], (enum account_side)side))
                account_check_add_alternatives(&test->checks[i], (enum account_side)side);
    }
    run_rows(test->checks, count, first, timeout, cancel, &connections, jobs);
    if (cancel && WaitForSingleObject(cancel, 0) == WAIT_OBJECT_0) {
        failure.call = "/test /accounts";
        failure.code = ERROR_CANCELLED;
        goto done;
    }
    for (i = 0; i < count; i++) {
        enum account_verdict verdict = account_check_verdict(&test->checks[i]);
        if (verdict == VERDICT_WORKS || verdict == VERDICT_WORKS_PLAIN)
            test->works++;
    }
done:
    free(first);
    free(jobs);
    return failure;
}

void accounts_notes(const struct accounts_test *test, enum language language, struct strbuf *out)
{
    int program;
    for (program = 0; program < PROGRAM_COUNT; program++)
        if (test->found.store[program] == STORE_DAMAGED)
            strbuf_printf(out, message_text(language, MSG_ACCOUNTS_DAMAGED),
                          account_program_name((enum account_program)program));
    /* Not an error: the window goes on to the form for a server typed by hand. */
    if (test->found.accounts.count == 0)
        strbuf_append(out, message_text(language, MSG_ACCOUNTS_NONE));
}

void accounts_report(const struct accounts_test *test, enum language language, int csv, struct strbuf *out)
{
    size_t i, count = test->found.accounts.count;
    if (csv) {
        account_check_csv_header(out);
    } else {
        strbuf_printf(out, message_text(language, MSG_ACCOUNTS_FOUND), (unsigned)count);
        accounts_notes(test, language, out);
    }
    for (i = 0; i < count; i++) {
        if (csv) {
            account_check_csv(&test->checks[i], out);
        } else {
            account_check_report(&test->checks[i], language, out);
            strbuf_append(out, "\n");
        }
    }
    if (!csv) {
        if (test->works == count)
            strbuf_printf(out, message_text(language, MSG_ACCOUNTS_ALL_WORK), test->works);
        else
            strbuf_printf(out, message_text(language, MSG_ACCOUNTS_NOT_ALL_WORK), (unsigned)count - test->works,
                          (unsigned)count);
        strbuf_append(out, test->works == count ? "OK\n" : "FAILED\n");
    }
}

void accounts_test_free(struct accounts_test *test)
{
    free(test->checks);
    test->checks = NULL;
    account_list_free(&test->found.accounts);
}

int command_accounts(const struct options *options, enum language language)
{
    struct accounts_test test;
    struct windows_failure failure;
    struct strbuf out;
    unsigned timeout;
    int exit_code = EXIT_SYSTEM_ERROR;

    if (command_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    accounts_find(&test);
    failure = accounts_gather(&test, options->as_given ? (int)options->as_windows : -1, timeout, NULL);
    strbuf_init(&out);
    if (failure.code != ERROR_SUCCESS) {
        if (failure.call != no_memory)
            windows_failure_say(&failure, language);
    } else if (test.found.accounts.count == 0) {
        accounts_notes(&test, language, &out);
        if (!out.failed)
            console_write(options->csv ? CONSOLE_ERR : CONSOLE_OUT, out.data);
        exit_code = EXIT_TEST_FAILED;
    } else {
        if (options->csv) {
            /* The notes go to the error stream: the output is the table alone. */
            accounts_notes(&test, language, &out);
            if (out.length && !out.failed)
                console_write(CONSOLE_ERR, out.data);
            strbuf_clear(&out);
        }
        accounts_report(&test, language, options->csv, &out);
        if (!out.failed)
            console_write(CONSOLE_OUT, out.data);
        exit_code = test.works == test.found.accounts.count ? EXIT_DONE : EXIT_TEST_FAILED;
    }
    strbuf_free(&out);
    accounts_test_free(&test);
    return exit_code;
}
