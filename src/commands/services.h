/* What the window asks of the commands besides running them: a change planned without
 * writing, whether a change may be written, where the backups go, what /test and
 * /test /accounts find out, without printing it, and the relay's set-up, start, stop and test. */
#ifndef TLSSWITCH_SERVICES_H
#define TLSSWITCH_SERVICES_H

#include "../win32/errors.h"
#include "../win32/platform.h"
#include "../core/accounts/account_check.h"
#include "../core/accounts/account_sources.h"
#include "../core/args.h"
#include "../core/mail/diagnosis.h"
#include "../core/mail/find.h"
#include "../core/relay/relay_config.h"

/* What /test finds out about `target_text`, without the printing: the registry, the
 * Windows version and the handshakes of a child process. Returns 0, ERROR_CANCELLED
 * when `cancel` was signalled, or the Windows error that kept the child from running. */
unsigned long test_gather(const char *target_text, unsigned timeout, HANDLE cancel, struct test_facts *facts);

/* The same for `count` targets in parallel, as this PC connects (as_windows -1: into
 * facts[]) or as another Windows would (into as[]), each target's error in errors[] (code
 * ERROR_CANCELLED when `cancel` was signalled), with the call that failed. Returns 0, or
 * ERROR_NOT_ENOUGH_MEMORY when nothing could start. */
unsigned long test_gather_all(const char *const *targets, int count, int as_windows, unsigned timeout, HANDLE cancel,
                              struct test_facts *facts, struct as_facts *as, struct windows_failure *errors);

/* What /test /as finds out: the simulated handshake of that Windows (an enum
 * windows_client_id), and when it fails one offering every suite. Returns 0,
 * ERROR_CANCELLED, or ERROR_INVALID_PARAMETER for a bad target or Windows. */
unsigned long test_gather_as(const char *target_text, int windows, unsigned timeout, HANDLE cancel,
                             struct as_facts *facts);

/* /test /accounts without the printing. accounts_find: the accounts of this user's mail
 * programs (read only). accounts_gather: each tested as its program connects, as this PC
 * does (as_windows -1) or as that Windows would. Returns code 0 (also when no account was
 * found), ERROR_CANCELLED when `cancel` was signalled, or what failed. Free *test with
 * accounts_test_free in every case. */
struct accounts_test {
    struct account_discovery found;
    struct account_check *checks;   /* one per account found */
    unsigned works;                 /* accounts that work as set, with or without TLS */
};
void accounts_find(struct accounts_test *test);
struct windows_failure accounts_gather(struct accounts_test *test, int as_windows, unsigned timeout, HANDLE cancel);
/* The notes on damaged stores, and when no account was found, that no mail program was. */
void accounts_notes(const struct accounts_test *test, enum language language, struct strbuf *out);
/* The report as /test /accounts prints it (with `csv`, the table alone). */
void accounts_report(const struct accounts_test *test, enum language language, int csv, struct strbuf *out);
void accounts_test_free(struct accounts_test *test);

/* /test NAME /find for the window: the search (find.h) with `default_version` the version
 * this PC's Schannel offers by default, from find_default_version. Returns 0,
 * ERROR_CANCELLED, or ERROR_INVALID_PARAMETER when NAME is neither a name nor an address. */
unsigned long find_gather(const char *input, unsigned timeout, HANDLE cancel, uint16_t default_version,
                          struct find_search *s);
/* The version Schannel offers by default (0: none), from this process where its Schannel
 * still reads the settings of the moment, else from a new process (/probes). Returns code
 * 0, or what failed when that process could not say: then nothing is to be judged. */
struct windows_failure find_default_version(uint16_t *version);

/* /whatif for the change `options` asks for: prints (or, captured, collects) what
 * command_change would, and fills in the preview. Returns the exit code command_change
 * would. */
struct change_preview {
    unsigned count;          /* changes planned */
    struct strbuf plan;      /* the plan as /whatif prints it */
    struct strbuf meaning;   /* what it means for programs, per protocol (report_settings_change) */
    struct strbuf about;     /* /undo: which change it undoes, and when that change was made */
};
int command_change_preview(const struct options *options, enum language language, struct change_preview *preview);

/* Whether this process may write the Schannel settings (honours the test switch
 * TLSSWITCH_TEST_DENY_WRITE, as the change itself does). */
int change_allowed(void);

/* The relay (command_relay.c), for "Use TLS Switch as a relay" and the main window's
 * relay line. Errors are said on the console, as the /relay verbs say them (the window
 * captures them); each returns the exit code of that verb. */

/* Whether this user's relay runs now. */
int relay_running(void);
/* relay.ini's ways (none when there is no file). */
int relay_ways_read(enum language language, struct relay_config *config);
/* /relay add URL [PORT] without the words after it: adds the way (`port` 0: chosen),
 * copied into *added. */
int relay_way_add(enum language language, const char *url, unsigned port, struct relay_way *added);
/* /relay start (restarts a running relay, so it reads relay.ini anew; `quiet`: no
 * "started" line) and /relay stop: the background process and the start entry. */
int relay_start(enum language language, int quiet);
int relay_stop(enum language language);
/* Talks to the relay as the mail program will: plain to 127.0.0.1 on the way's port, the
 * greeting and the capability answer, which the relay fetches from the provider over
 * TLS. OUTCOME_OK, or the outcome with report->reply the line that was not good. */
enum outcome relay_check(const struct relay_way *way, unsigned timeout_seconds, HANDLE cancel,
                         struct handshake_report *report);
/* The last line of relay.log, without its line end ("" when there is none). */
void relay_log_last_line(char *out, size_t size);

/* "...\TLS Switch\backups", created if needed; 0 or a Windows error (then `out` holds
 * "TLS Switch\backups", for messages). */
unsigned long change_backup_folder(char *out, size_t size);

#endif
