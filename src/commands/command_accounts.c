/* /test /accounts: the accounts of the mail programs of this user (src/core/accounts), each
 * server tested the way its program connects, all at once: one simulated handshake per
 * server with this PC's hello as its settings are now (or, with /as, that Windows' hello),
 * a second offering TLS 1.2 where that could make the difference, as /find does; then,
 * for the servers that do not work as set, the other ways of the same protocol, to name
 * the setting that works. At most FIND_MAX_CONNECTIONS connections in all. */
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
                                 NULL, job->after ? &job->row->after : &job->row->now);
}

/* Runs the rows from `first[i]` on of every account as they are now, then as after the
 * fix where that could help; within the connections left. */
static void run_rows(struct account_check *checks, size_t count, const unsigned *first, unsigned timeout,
                     unsigned *connections, struct row_job *jobs)
{
    size_t i, n = 0;
    unsigned r;
    for (i = 0; i < count; i++)
        for (r = first[i]; r < checks[i].search.row_count && *connections < FIND_MAX_CONNECTIONS; r++) {
            struct row_job job = { &checks[i], &checks[i].search.rows[r], 0, timeout };
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
            struct row_job job = { &checks[i], row, 1, timeout };
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

/* The hellos: this PC's as its settings are now, or /as that Windows' as it comes. */
static int set_hellos(const struct options *options, struct account_check *checks, size_t count,
                      enum language language)
{
    struct regstore store = regstore_win32();
    struct cipher_policy policy;
    enum windows_client_id windows;
    uint16_t default_version;
    size_t i;
    memset(&policy, 0, sizeof(policy));
    if (options->as_given) {
        windows = (enum windows_client_id)options->as_windows;
        /* XP to 7 offer TLS 1.0 alone by default (TLS 1.1 and 1.2 need the setting). */
        default_version = windows <= WINDOWS_7 ? 0x0301 : 0x0303;
    } else {
        struct os_info os;
        struct windows_failure failure = find_default_version(&default_version);
        if (failure.code != ERROR_SUCCESS) {
            windows_failure_say(&failure, language);
            return -1;
        }
        osinfo_read(&store, &os);
        cipher_policy_read(&store, &policy);
        windows = windows_client_for_os(&os);
    }
    for (i = 0; i < count; i++)
        find_set_hellos(&checks[i].search, windows, &policy, default_version);
    return 0;
}

int command_accounts(const struct options *options, enum language language)
{
    struct regstore user;
    struct account_system system;
    struct account_discovery found;
    struct account_check *checks = NULL;
    struct row_job *jobs = NULL;
    unsigned *first = NULL, timeout, connections = 0, port_base = test_port_base();
    struct strbuf out;
    size_t i, works = 0;
    int program, side, exit_code;

    if (command_timeout(options, language, &timeout) != 0)
        return EXIT_USAGE;
    account_system_win32(&system, &user);
    accounts_discover(&system, &found);
    if (found.no_memory) {
        account_list_free(&found.accounts);
        return EXIT_SYSTEM_ERROR;
    }
    strbuf_init(&out);
    for (program = 0; program < PROGRAM_COUNT; program++)
        if (found.store[program] == STORE_DAMAGED)
            strbuf_printf(&out, message_text(language, MSG_ACCOUNTS_DAMAGED),
                          account_program_name((enum account_program)program));
    if (found.accounts.count == 0) {
        /* Not an error: the window goes on to the form for a server typed by hand. */
        strbuf_append(&out, message_text(language, MSG_ACCOUNTS_NONE));
        if (!out.failed)
            console_write(options->csv ? CONSOLE_ERR : CONSOLE_OUT, out.data);
        strbuf_free(&out);
        account_list_free(&found.accounts);
        return EXIT_TEST_FAILED;
    }
    checks = calloc(found.accounts.count, sizeof(*checks));
    first = calloc(found.accounts.count, sizeof(*first));
    jobs = calloc(FIND_MAX_CONNECTIONS, sizeof(*jobs));
    if (!checks || !first || !jobs) {
        exit_code = EXIT_SYSTEM_ERROR;
        goto done;
    }
    for (i = 0; i < found.accounts.count; i++)
        account_check_prepare(&checks[i], &found.accounts.items[i], port_base);
    if (set_hellos(options, checks, found.accounts.count, language) != 0) {
        exit_code = EXIT_SYSTEM_ERROR;
        goto done;
    }
    run_rows(checks, found.accounts.count, first, timeout, &connections, jobs);
    for (i = 0; i < found.accounts.count; i++) {
        first[i] = checks[i].search.row_count;
        for (side = 0; side < SIDE_COUNT; side++)
            if (account_check_wants_alternatives(&checks[i], (enum account_side)side))
                account_check_add_alternatives(&checks[i], (enum account_side)side);
    }
    run_rows(checks, found.accounts.count, first, timeout, &connections, jobs);

    if (options->csv) {
        /* The notes go to the error stream: the output is the table alone. */
        if (out.length && !out.failed)
            console_write(CONSOLE_ERR, out.data);
        strbuf_clear(&out);
        account_check_csv_header(&out);
    } else {
        struct strbuf notes = out;
        strbuf_init(&out);
        strbuf_printf(&out, message_text(language, MSG_ACCOUNTS_FOUND), (unsigned)found.accounts.count);
        if (notes.length && !notes.failed)
            strbuf_append(&out, notes.data);
        strbuf_free(&notes);
    }
    for (i = 0; i < found.accounts.count; i++) {
        struct strbuf ignored;
        int ok;
        strbuf_init(&ignored);
        ok = account_check_report(&checks[i], language, options->csv ? &ignored : &out);
        strbuf_free(&ignored);
        if (ok)
            works++;
        if (options->csv)
            account_check_csv(&checks[i], &out);
        else
            strbuf_append(&out, "\n");
    }
    if (!options->csv) {
        if (works == found.accounts.count)
            strbuf_printf(&out, message_text(language, MSG_ACCOUNTS_ALL_WORK), (unsigned)works);
        else
            strbuf_printf(&out, message_text(language, MSG_ACCOUNTS_NOT_ALL_WORK),
                          (unsigned)(found.accounts.count - works), (unsigned)found.accounts.count);
        strbuf_append(&out, works == found.accounts.count ? "OK\n" : "FAILED\n");
    }
    exit_code = works == found.accounts.count ? EXIT_DONE : EXIT_TEST_FAILED;
done:
    if (exit_code != EXIT_SYSTEM_ERROR && !out.failed)
        console_write(CONSOLE_OUT, out.data);
    strbuf_free(&out);
    free(checks);
    free(first);
    free(jobs);
    account_list_free(&found.accounts);
    return exit_code;
}
