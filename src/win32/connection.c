/* Sockets, time limits and the line-by-line mail dialogue (see connection.h). */
#include "connection.h"
#include "child.h"
#include "step_timing.h"
#include "../core/mail/mailtalk.h"
#include "../core/text/text.h"

#include <ws2tcpip.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPLY_LINES 200

/* Windows Sockets is started once for the whole process and never cleaned up while it
 * runs. WSAStartup and WSACleanup keep a count for the process, and the WSACleanup that
 * takes it to zero closes every socket the process has. Wine 8 keeps that count without a
 * lock: threads that start and clean up at the same moment lose counts, and one thread's
 * WSACleanup then closed the sockets of others in the middle of their handshakes (seen as
 * a simulation with "no answer to the connection"), and their handle numbers, reused for
 * new threads, were closed again later (waits that returned before the thread had ended,
 * results read before they were written: "yes: ?, 0x0000", "a Windows function failed
 * (0)"). Returns 0, or WSAStartup's error. */
unsigned long network_start(void)
{
    static volatile LONG state;   /* 0 not yet, 1 starting, 2 done */
    static volatile LONG error;
    if (InterlockedCompareExchange(&state, 1, 0) == 0) {
        WSADATA wsa;
        InterlockedExchange(&error, WSAStartup(MAKEWORD(2, 2), &wsa));
        InterlockedExchange(&state, 2);
    }
    while (InterlockedCompareExchange(&state, 2, 2) != 2)
        Sleep(1);
    return (unsigned long)error;
}

static enum outcome fail_at(struct connection *c, const char *step, unsigned long error)
{
    c->failed_step = step;
    c->failed_error = error;
    return OUTCOME_SYSTEM_ERROR;
}

void connection_failure(const struct connection *c, struct handshake_report *report)
{
    if (report->step[0] || !c->failed_step)
        return;
    text_format(report->step, sizeof(report->step), "%s", c->failed_step);
    report->status = c->failed_error;
}

/* How long the next wait may take: the per-wait limit, cut short by the overall deadline. */
static unsigned wait_ms(const struct connection *c)
{
    DWORD left = c->deadline - GetTickCount();
    if ((long)left <= 0)
        return 0;
    return left < c->timeout_ms ? left : c->timeout_ms;
}

/* Waits until `s` is readable, or for a connect to end (writable, or failed: Windows
 * reports a refused non-blocking connect through the except set); 1 when it happened,
 * 0 when the wait ran out or the cancel event was set, -1 when select failed (its error
 * in *failed). A wait with a cancel event looks at it every 100 ms. */
static int wait_for(const struct connection *c, SOCKET s, unsigned ms, int connecting, int *failed)
{
    *failed = 0;
    while (ms > 0) {
        unsigned slice = c->cancel && ms > 100 ? 100 : ms;
        fd_set ready, errors;
        struct timeval limit;
        int rc;
        if (c->cancel && WaitForSingleObject(c->cancel, 0) == WAIT_OBJECT_0)
            return 0;
        FD_ZERO(&ready);
        FD_ZERO(&errors);
        FD_SET(s, &ready);
        FD_SET(s, &errors);
        limit.tv_sec = (long)(slice / 1000);
        limit.tv_usec = (long)(slice % 1000) * 1000;
        rc = select(0, connecting ? NULL : &ready, connecting ? &ready : NULL, connecting ? &errors : NULL, &limit);
        if (rc > 0) {
            *failed = connecting && !FD_ISSET(s, &ready);
            return 1;
        }
        if (rc < 0) {
            *failed = WSAGetLastError();
            return -1;
        }
        ms -= slice;
    }
    return 0;
}

enum outcome connection_receive(struct connection *c)
{
    int got, failed, waited;
    if (c->input_length >= sizeof(c->input))
        return OUTCOME_OVERSIZED;
    waited = wait_for(c, c->socket, wait_ms(c), 0, &failed);
    if (waited < 0)
        return fail_at(c, "select", (unsigned long)failed);
    if (waited == 0)
        return c->received == 0 ? OUTCOME_SILENT : OUTCOME_TIMEOUT;
    got = recv(c->socket, (char *)c->input + c->input_length, (int)(sizeof(c->input) - c->input_length), 0);
    if (got <= 0)
        return OUTCOME_CLOSED;
    c->input_length += (size_t)got;
    c->received += (unsigned long)got;
    return OUTCOME_OK;
}

int connection_send(struct connection *c, const void *data, size_t size)
{
    const char *p = data;
    while (size > 0) {
        int sent = send(c->socket, p, (int)size, 0);
        if (sent <= 0)
            return -1;
        p += sent;
        size -= (size_t)sent;
    }
    return 0;
}

/* One address: a non-blocking connect, so the wait has the time limit. */
static enum outcome connect_address(struct connection *c, const struct addrinfo *address, unsigned short port,
                                    struct handshake_report *report)
{
    struct sockaddr_storage to;
    u_long non_blocking = 1;
    int error = 0, error_size = sizeof(error), failed, waited;
    SOCKET s;
    child_handles_lock();
    s = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
    error = s == INVALID_SOCKET ? WSAGetLastError() : 0;
    if (s != INVALID_SOCKET)
        SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    child_handles_unlock();
    if (s == INVALID_SOCKET)
        return fail_at(c, "socket", (unsigned long)error);
    ioctlsocket(s, FIONBIO, &non_blocking);
    /* The shared lookup has no port (look_up): this connection's goes in. */
    memset(&to, 0, sizeof(to));
    memcpy(&to, address->ai_addr, address->ai_addrlen < sizeof(to) ? address->ai_addrlen : sizeof(to));
    if (to.ss_family == AF_INET)
        ((struct sockaddr_in *)&to)->sin_port = htons(port);
    else if (to.ss_family == AF_INET6)
        ((struct sockaddr_in6 *)&to)->sin6_port = htons(port);
    if (connect(s, (const struct sockaddr *)&to, (int)address->ai_addrlen) != 0 && WSAGetLastError() != WSAEWOULDBLOCK) {
        report->status = (unsigned long)WSAGetLastError();
        closesocket(s);
        return OUTCOME_REFUSED;
    }
    waited = wait_for(c, s, wait_ms(c), 1, &failed);
    if (waited <= 0) {
        closesocket(s);
        return waited < 0 ? fail_at(c, "select", (unsigned long)failed) : OUTCOME_CONNECT_TIMEOUT;
    }
    if (failed || getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&error, &error_size) != 0 || error != 0) {
        getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&error, &error_size);
        report->status = (unsigned long)error;
        closesocket(s);
        return OUTCOME_REFUSED;
    }
    non_blocking = 0;
    ioctlsocket(s, FIONBIO, &non_blocking);
    c->socket = s;
    return OUTCOME_OK;
}

/* A name looked up in a thread of its own: getaddrinfo has no time limit, and Windows'
 * resolver can take many seconds (DNS retries, NetBIOS). The caller waits at most one time
 * limit, or until the cancel event; then it leaves, and whoever lets go last frees the
 * lookup.
 *
 * The connections a test makes at the same moment to one server (/test: the default
 * handshake, the probes and the simulations; /find: each name's ports) share one lookup of
 * its name, as one mail program's connections would: the name only, with no port, which
 * each connection then sets. Under Wine each lookup costs tens of milliseconds of the two
 * cores that the trusted roots and the handshakes wait for. A lookup is joined while it
 * runs, for a short while after it began (a stuck one is not joined for ever), and its
 * answer is taken again for a few seconds after it came; a failed one is never kept. */
struct lookup {
    LONG owners;   /* the callers, the thread, and the shared table while it holds it */
    char host[256];
    struct addrinfo *list;
    int rc;
    DWORD started, finished;
    volatile LONG done;
    HANDLE done_event;
};

#define SHARED_LOOKUPS 8
#define JOIN_RUNNING_MS 2000u   /* a running lookup is joined this long after it began */
#define KEEP_ANSWER_MS 5000u    /* an answer is taken again this long after it came */

static CRITICAL_SECTION shared_lock;
static struct lookup *shared[SHARED_LOOKUPS];

static void shared_lock_enter(void)
{
    static volatile LONG state;   /* 0 not yet, 1 starting, 2 done */
    if (InterlockedCompareExchange(&state, 1, 0) == 0) {
        InitializeCriticalSection(&shared_lock);
        InterlockedExchange(&state, 2);
    }
    while (InterlockedCompareExchange(&state, 2, 2) != 2)
        Sleep(1);
    EnterCriticalSection(&shared_lock);
}

static void lookup_release(struct lookup *l)
{
    if (InterlockedDecrement(&l->owners) != 0)
        return;
    if (l->list)
        freeaddrinfo(l->list);
    CloseHandle(l->done_event);
    free(l);
}

static void lookup_run(struct lookup *l)
{
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    l->rc = getaddrinfo(l->host, NULL, &hints, &l->list);
    l->finished = GetTickCount();
    InterlockedExchange(&l->done, 1);
}

static DWORD WINAPI lookup_thread(void *argument)
{
    struct lookup *l = argument;
    /* Windows Sockets stays started for the process (network_start): no start-up of its own. */
    lookup_run(l);
    SetEvent(l->done_event);
    lookup_release(l);
    return 0;
}

/* Whether a lookup in the table may serve a new connection to `host` now. */
static int lookup_joinable(const struct lookup *l, const char *host, DWORD now)
{
    if (!l || strcmp(l->host, host) != 0)
        return 0;
    if (!InterlockedCompareExchange((volatile LONG *)&l->done, 1, 1))
        return now - l->started < JOIN_RUNNING_MS;
    return l->rc == 0 && now - l->finished < KEEP_ANSWER_MS;
}

/* The table's lookup for `host` with one more owner, or a new one it holds (a new
 * lookup's thread is the caller's to start: *fresh). NULL without memory. */
static struct lookup *lookup_for(const char *host, int *fresh)
{
    DWORD now = GetTickCount();
    struct lookup *l = NULL;
    size_t i, slot = 0;
    *fresh = 0;
    shared_lock_enter();
    for (i = 0; i < SHARED_LOOKUPS && !l; i++)
        if (lookup_joinable(shared[i], host, now)) {
            l = shared[i];
            InterlockedIncrement(&l->owners);
        }
    if (!l) {
        l = calloc(1, sizeof(*l));
        if (l)
            l->done_event = CreateEventW(NULL, TRUE, FALSE, NULL);
        if (l && !l->done_event) {
            free(l);
            l = NULL;
        }
        if (l) {
            *fresh = 1;
            text_format(l->host, sizeof(l->host), "%s", host);
            l->started = now;
            l->owners = 3;   /* the caller, the thread and the table */
            /* An empty slot, else the one of the oldest lookup, which gives way. */
            for (i = 0; i < SHARED_LOOKUPS && shared[slot]; i++)
                if (!shared[i] || now - shared[i]->started > now - shared[slot]->started)
                    slot = i;
            if (shared[slot])
                lookup_release(shared[slot]);
            shared[slot] = l;
        }
    }
    LeaveCriticalSection(&shared_lock);
    return l;
}

/* Looks the target's name up within one time limit: 0 with *found (its list to be read,
 * then lookup_release), a getaddrinfo error, or -1 when the time ran out or the wait was
 * cancelled. */
static int look_up(const struct connection *c, const struct target *target, struct lookup **found)
{
    struct lookup *l;
    HANDLE waits[2];
    DWORD count = 1, waited;
    int rc = -1, fresh, step = step_timing_begin("lookup");

    *found = NULL;
    l = lookup_for(target->host, &fresh);
    if (!l)
        return EAI_MEMORY;
    if (fresh) {
        HANDLE thread = CreateThread(NULL, 0, lookup_thread, l, 0, NULL);
        if (thread)
            CloseHandle(thread);
        else {
            /* No thread to be had: look it up here, without a time limit. */
            lookup_run(l);
            SetEvent(l->done_event);
            lookup_release(l);   /* the thread's share */
        }
    }
    waits[0] = l->done_event;
    if (c->cancel)
        waits[count++] = c->cancel;
    waited = WaitForMultipleObjects(count, waits, FALSE, c->timeout_ms);
    if (waited == WAIT_OBJECT_0) {
        rc = l->rc;
        if (rc == 0) {
            *found = l;   /* the caller's share, let go after the connect */
            step_timing_end(step);
            return 0;
        }
    }
    lookup_release(l);
    step_timing_end(step);
    return rc;
}

enum outcome connection_open(struct connection *c, const struct target *target, unsigned timeout_seconds,
                             struct handshake_report *report)
{
    struct lookup *found = NULL;
    struct addrinfo *address;
    enum outcome outcome = OUTCOME_CONNECT_TIMEOUT;
    int tried_any = 0;
    unsigned long error;
    int rc;

    c->socket = INVALID_SOCKET;
    c->input_length = c->lines_length = 0;
    c->received = 0;
    c->failed_step = NULL;
    c->failed_error = 0;
    c->timeout_ms = timeout_seconds * 1000u;
    /* However the server dribbles, the whole exchange ends within three time limits. */
    c->deadline = GetTickCount() + 3u * c->timeout_ms;
    error = network_start();
    if (error != 0) {
        fail_at(c, "WSAStartup", error);
        connection_failure(c, report);
        return OUTCOME_SYSTEM_ERROR;
    }
    rc = look_up(c, target, &found);
    if (rc == -1) {
        report->status = WSAETIMEDOUT;   /* the name server did not answer in time */
        return OUTCOME_CONNECT_TIMEOUT;
    }
    if (rc != 0) {
        report->status = (unsigned long)rc;
        return OUTCOME_HOST_NOT_FOUND;
    }
    for (address = found->list; address; address = address->ai_next) {
        enum outcome tried =
            connect_address(c, address, (unsigned short)text_port(target->port, strlen(target->port)), report);
        if (tried == OUTCOME_OK || tried == OUTCOME_REFUSED)
            outcome = tried;
        if (tried == OUTCOME_OK)
            break;
        if (tried != OUTCOME_SYSTEM_ERROR)
            tried_any = 1;
        /* A time-out leaves a refusal seen before in place; an address for which no
         * socket could be had changes nothing, unless none could be had at all. */
    }
    lookup_release(found);
    if (!tried_any && c->failed_step) {
        connection_failure(c, report);
        return OUTCOME_SYSTEM_ERROR;
    }
    return outcome;
}

void connection_close(struct connection *c)
{
    if (c->socket != INVALID_SOCKET)
        closesocket(c->socket);
    c->socket = INVALID_SOCKET;
}

/* Plain text: the received bytes are the text. */
static enum outcome plain_more(struct connection *c)
{
    size_t take;
    enum outcome outcome;
    if (c->input_length == 0 && (outcome = connection_receive(c)) != OUTCOME_OK)
        return outcome;
    take = c->input_length < sizeof(c->lines) - c->lines_length ? c->input_length
                                                                : sizeof(c->lines) - c->lines_length;
    memcpy(c->lines + c->lines_length, c->input, take);
    c->lines_length += take;
    memmove(c->input, c->input + take, c->input_length - take);
    c->input_length -= take;
    return OUTCOME_OK;
}

/* Takes one line (without CR LF) from c->lines, reading more as needed. */
static enum outcome read_line(struct connection *c, const struct line_channel *channel, char *line, size_t size)
{
    for (;;) {
        char *end = memchr(c->lines, '\n', c->lines_length);
        enum outcome outcome;
        if (end) {
            size_t length = (size_t)(end - c->lines);
            size_t copy = length < size - 1 ? length : size - 1;
            memcpy(line, c->lines, copy);
            line[copy] = '\0';
            if (copy > 0 && line[copy - 1] == '\r')
                line[copy - 1] = '\0';
            memmove(c->lines, end + 1, c->lines_length - length - 1);
            c->lines_length -= length + 1;
            return OUTCOME_OK;
        }
        if (c->lines_length == sizeof(c->lines))
            return OUTCOME_NOT_TLS;   /* a line longer than any mail server sends */
        outcome = channel ? channel->more(channel->context) : plain_more(c);
        if (outcome != OUTCOME_OK)
            return outcome;
    }
}

static int send_line(struct connection *c, const struct line_channel *channel, const char *command)
{
    char text[256];
    size_t length = (size_t)text_format(text, sizeof(text), "%s\r\n", command);
    return channel ? channel->send(channel->context, text, length) : connection_send(c, text, length);
}

enum outcome connection_talk(struct connection *c, const struct target *target, const struct line_channel *channel,
                             enum outcome bad, struct handshake_report *report)
{
    int count, i;
    const struct mail_step *steps = mail_steps(target->mail, target->mode, channel != NULL, &count);
    for (i = 0; i < count; i++) {
        struct reply_reader reader;
        enum reply_state state = REPLY_MORE;
        char line[CONNECTION_LINE_SIZE];
        unsigned lines = 0;
        if (steps[i].send && send_line(c, channel, steps[i].send) != 0)
            return OUTCOME_CLOSED;
        reply_reader_start(&reader, &steps[i]);
        if (i == 0)
            report->reply[0] = '\0';
        while (state == REPLY_MORE) {
            enum outcome outcome = read_line(c, channel, line, sizeof(line));
            if (outcome != OUTCOME_OK)
                return outcome;
            state = reply_reader_line(&reader, line);
            /* No mail server answers EHLO or CAPA with hundreds of lines: one that never
             * ends its answer is a bad one, and is not waited for. */
            if (++lines > MAX_REPLY_LINES && state == REPLY_MORE)
                state = REPLY_BAD;
            /* Keep the first line of the first answer (the greeting), or the line that
             * made an answer bad. */
            if (!report->reply[0] || state == REPLY_BAD)
                text_format(report->reply, sizeof(report->reply), "%s", line);
        }
        if (state == REPLY_BAD)
            return bad;
        if (mail_step_is_ehlo(&steps[i]))
            report->smtp_auth = reader.offers_auth ? SMTP_AUTH_OFFERED : SMTP_AUTH_NOT_OFFERED;
    }
    return OUTCOME_OK;
}

static enum outcome plain_channel_more(void *context)
{
    return plain_more(context);
}

static int plain_channel_send(void *context, const char *text, size_t size)
{
    return connection_send(context, text, size);
}

enum outcome connection_talk_plain(struct connection *c, const struct target *target, struct handshake_report *report)
{
    /* The steps that follow an implicit TLS handshake are the greeting and the capability
     * question: what a mail program asks first of a server that needs no STARTTLS. */
    const struct line_channel plain = { c, plain_channel_more, plain_channel_send };
    struct target as_program = *target;
    as_program.mode = TLS_IMPLICIT;
    return connection_talk(c, &as_program, &plain, OUTCOME_MAIL_FAILED, report);
}
