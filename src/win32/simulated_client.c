/* The simulated handshake (see simulated_client.h). */
#include "simulated_client.h"
#include "certificate_check.h"
#include "connection.h"
#include "../core/text/text.h"

#include <stdlib.h>
#include <string.h>

struct simulated_session {
    struct connection net;
    struct server_flight flight;
    struct handshake_report report;   /* the mail dialogue keeps its reply here */
};

/* Random bytes for the hello: they need to differ between connections, not to be secret,
 * since nothing secret is ever derived from this handshake. */
static void hello_random(unsigned char random[32])
{
    static LONG counter;
    DWORD seed = GetTickCount() ^ (GetCurrentThreadId() << 16) ^ (DWORD)InterlockedIncrement(&counter);
    int i;
    for (i = 0; i < 32; i++) {
        seed = seed * 1103515245u + 12345u;
        random[i] = (unsigned char)(seed >> 16);
    }
}

/* Now, UTC, as certificate dates are compared: YYYYMMDDHHMMSS. */
static uint64_t utc_now(void)
{
    SYSTEMTIME t;
    GetSystemTime(&t);
    return (uint64_t)t.wYear * 10000000000ull + (uint64_t)t.wMonth * 100000000ull + (uint64_t)t.wDay * 1000000ull +
           (uint64_t)t.wHour * 10000ull + (uint64_t)t.wMinute * 100ull + (uint64_t)t.wSecond;
}

/* A simulation that ended before TLS, with the step that failed where one did. */
static void ended(enum outcome outcome, const struct connection *c, const struct handshake_report *report,
                  struct simulation *result)
{
    simulation_failed(outcome, report->status, result);
    if (outcome != OUTCOME_SYSTEM_ERROR)
        return;
    if (report->step[0])
        text_format(result->step, sizeof(result->step), "%s", report->step);
    else if (c->failed_step)
        simulation_failed_at(c->failed_step, c->failed_error, result);
}

/* The greeting line a plain-text answer started with. */
static void keep_plain_text(const struct connection *c, struct simulation *result)
{
    size_t n = 0;
    while (n < c->input_length && c->input[n] != '\r' && c->input[n] != '\n')
        n++;
    text_format(result->reply, sizeof(result->reply), "%.*s", (int)n, (const char *)c->input);
}

static void run(struct simulated_session *s, const struct target *target, const struct hello_spec *hello,
                unsigned certificates, unsigned timeout_seconds, int check, struct simulation *result)
{
    unsigned char random[32], bytes[4096];
    size_t length;
    enum outcome outcome;

    if (hello->suite_count == 0) {
        simulation_failed(OUTCOME_NOTHING_TO_OFFER, 0, result);
        return;
    }
    hello_random(random);
    length = clienthello_build(hello, target->host, random, bytes, sizeof(bytes));
    if (length == 0) {
        simulation_failed_at("clienthello_build", ERROR_INSUFFICIENT_BUFFER, result);
        return;
    }
    handshake_report_init(&s->report);
    outcome = connection_open(&s->net, target, timeout_seconds, &s->report);
    if (outcome == OUTCOME_OK && target->mode == TLS_STARTTLS)
        outcome = connection_talk(&s->net, target, NULL, OUTCOME_STARTTLS_REFUSED, &s->report);
    if (outcome == OUTCOME_OK && connection_send(&s->net, bytes, length) != 0)
        outcome = OUTCOME_CLOSED;
    if (outcome != OUTCOME_OK) {
        ended(outcome, &s->net, &s->report, result);
        text_format(result->reply, sizeof(result->reply), "%s", s->report.reply);
        return;
    }
    /* Bytes the server sent after its STARTTLS answer are its answer to the hello. */
    server_flight_start(&s->flight);
    s->flight.host = target->host;
    if (s->net.lines_length > 0)
        server_flight_feed(&s->flight, (const unsigned char *)s->net.lines, s->net.lines_length);
    while (s->flight.state == FLIGHT_MORE) {
        size_t before = s->net.input_length;
        outcome = connection_receive(&s->net);
        if (outcome != OUTCOME_OK)
            break;
        server_flight_feed(&s->flight, s->net.input + before, s->net.input_length - before);
        if (s->net.input_length == sizeof(s->net.input) && s->flight.state == FLIGHT_MORE)
            s->net.input_length = 0;   /* all of it is in the flight reader: make room */
    }
    if (s->flight.state == FLIGHT_MORE && outcome != OUTCOME_CLOSED) {
        handshake_report_init(&s->report);
        ended(outcome, &s->net, &s->report, result);
        return;
    }
    simulation_judge(&s->flight, hello, certificates, result);
    simulation_check_certificate(&s->flight, utc_now(), result);
    if (result->outcome == OUTCOME_PLAINTEXT)
        keep_plain_text(&s->net, result);
    if (check && result->verdict == SIM_USABLE && s->flight.chain_length > 0 &&
        certificate_check_list(s->flight.chain, s->flight.chain_length, target->host, &result->chain_error) == 0)
        result->chain_checked = 1;
}

static void run_session(const struct target *target, const struct hello_spec *hello, unsigned certificates,
                        unsigned timeout_seconds, HANDLE cancel, int check, struct simulation *result)
{
    /* On the heap: the flight reader holds up to 80 KB, and several threads may run one. */
    struct simulated_session *s = calloc(1, sizeof(*s));
    if (!s) {
        simulation_failed_at("calloc", ERROR_NOT_ENOUGH_MEMORY, result);
        return;
    }
    s->net.socket = INVALID_SOCKET;
    s->net.cancel = cancel;
    run(s, target, hello, certificates, timeout_seconds, check, result);
    connection_close(&s->net);
    free(s);
}

void simulated_client_run(const struct target *target, const struct hello_spec *hello, unsigned certificates,
                          unsigned timeout_seconds, HANDLE cancel, struct simulation *result)
{
    run_session(target, hello, certificates, timeout_seconds, cancel, 0, result);
}

void simulated_client_run_checked(const struct target *target, const struct hello_spec *hello, unsigned certificates,
                                  unsigned timeout_seconds, HANDLE cancel, struct simulation *result)
{
    run_session(target, hello, certificates, timeout_seconds, cancel, 1, result);
}
