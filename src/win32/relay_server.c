/* The relay's sockets and threads (see relay_server.h). The mail protocol logic is the
 * core's (relay_starttls.h, relay_filter.h, relay_reply.h), the TLS and the certificate check relay_tls.c's: this file
 * only moves bytes between them, with a time limit on every wait. */
#include "relay_server.h"
#include "child.h"
#include "connection.h"
#include "relay_tls.h"
#include "../core/text/messages.h"
#include "../core/text/message_table.h"
#include "../core/relay/relay_filter.h"
#include "../core/relay/relay_reply.h"
#include "../core/relay/relay_starttls.h"
#include "../core/text/text.h"

#include <winsock2.h>
#include <stdlib.h>
#include <string.h>

/* The buffers bound the memory a connection needs (README states it): about 80 KB of heap
 * (BearSSL's context and buffer 39 KB, the filter, the provider's bytes read ahead 16 KB,
 * the decrypted bytes for the program 20 KB: READ_AHEAD of them with the filter's slack, so
 * that one send passes what one recv brought) and a thread whose stack reserves 64 KB. The
 * program's bytes (CHUNK at most per recv, on the stack) go through the filter straight into
 * the engine's buffer. While the provider's bytes stream (a read filled the read-ahead), a
 * larger pair of the same two buffers is on the heap (STREAM_AHEAD, about 260 KB), so that
 * each socket call moves more; it is freed once the stream pauses, so an idle session keeps
 * the small pair. Under Wine each call costs several round trips to wineserver. */
#define CHUNK 8192
#define READ_AHEAD 16384
#define STREAM_AHEAD (128 * 1024)
/* The most reads of the provider in a row without a select, while each fills the read-ahead. */
#define FULL_READS_BEFORE_SELECT 4

struct listener {
    SOCKET socket;
    size_t way;
};

struct server {
    const struct relay_server_settings *settings;
    struct listener listeners[RELAY_MAX_WAYS];
    size_t listener_count;
    LONG active;                /* sessions running now */
};

/* One connection from a mail program, in a thread of its own. */
struct session {
    struct server *server;
    size_t way;
    SOCKET client;
    SOCKET provider;
    struct relay_tls tls;
    struct relay_filter filter;
    int tls_up;
    int filter_failed;             /* a bound of the filter was broken: the session ends */
    unsigned char *ahead;          /* the provider's bytes read, not yet taken by the engine */
    size_t ahead_size, ahead_start, ahead_length;
    /* Before TLS is up it holds a STARTTLS way's greeting (greeting_length bytes, sent
     * once TLS is up); then what the program gets. */
    unsigned char *to_client;
    size_t to_client_size, to_client_length;
    unsigned char *stream;         /* while the provider's bytes stream: the larger pair, else NULL */
    unsigned char small_ahead[READ_AHEAD];
    unsigned char small_to_client[RELAY_FILTER_OUTPUT_SIZE(READ_AHEAD)];
    size_t greeting_length;
    struct relay_tls_session negotiated;           /* once TLS is up: version and suite, for the log */
    int have_negotiated;
    unsigned long bytes_in, bytes_out;
    char reason[512];              /* for the log, in the user's language */
    char ascii_reason[256];        /* for the program's error reply */
};

typedef char greeting_fits_in_to_client[sizeof(((struct session *)0)->small_to_client) >= RELAY_GREETING_MAX ? 1 : -1];

/* The provider's bytes stream: the larger buffers, with what the small ones hold. Without
 * the memory the session goes on with the small ones. Only once TLS is up: before, the
 * small to_client holds a STARTTLS way's greeting beyond to_client_length, and a handshake
 * has no stream to gain from. */
static void stream_begin(struct session *s)
{
    unsigned char *stream;
    if (s->stream || !s->tls_up || !(stream = malloc(STREAM_AHEAD + RELAY_FILTER_OUTPUT_SIZE(STREAM_AHEAD))))
        return;
    memcpy(stream, s->ahead + s->ahead_start, s->ahead_length);
    memcpy(stream + STREAM_AHEAD, s->to_client, s->to_client_length);
    s->stream = stream;
    s->ahead = stream;
    s->ahead_size = STREAM_AHEAD;
    s->ahead_start = 0;
    s->to_client = stream + STREAM_AHEAD;
    s->to_client_size = RELAY_FILTER_OUTPUT_SIZE(STREAM_AHEAD);
}

/* The stream paused: back to the small buffers, once the large ones hold nothing. */
static void stream_end(struct session *s)
{
    if (!s->stream || s->ahead_length > 0 || s->to_client_length > 0)
        return;
    free(s->stream);
    s->stream = NULL;
    s->ahead = s->small_ahead;
    s->ahead_size = sizeof(s->small_ahead);
    s->ahead_start = 0;
    s->to_client = s->small_to_client;
    s->to_client_size = sizeof(s->small_to_client);
}

static const struct relay_way *session_way(const struct session *s)
{
    return &s->server->settings->config->ways[s->way];
}

static int stopped(const struct session *s)
{
    return WaitForSingleObject(s->server->settings->stop, 0) == WAIT_OBJECT_0;
}

static void set_reason(struct session *s, enum message_id id, const char *detail)
{
    text_format(s->reason, sizeof(s->reason), message_text((enum language)s->server->settings->language, id),
                detail ? detail : "");
}

/* Sends all of `data` to a blocking-or-not socket, waiting for room at most `ms`. */
static int send_all(SOCKET socket, const char *data, size_t size, unsigned ms)
{
    DWORD deadline = GetTickCount() + ms;
    while (size > 0) {
        int sent = send(socket, data, (int)(size > 65536 ? 65536 : size), 0);
        if (sent > 0) {
            data += sent;
            size -= (size_t)sent;
            continue;
        }
        if (sent < 0 && WSAGetLastError() == WSAEWOULDBLOCK) {
            fd_set writable;
            struct timeval limit = { 0, 100000 };
            if ((long)(deadline - GetTickCount()) <= 0)
                return -1;
            FD_ZERO(&writable);
            FD_SET(socket, &writable);
            select(0, NULL, &writable, NULL, &limit);
            continue;
        }
        return -1;
    }
    return 0;
}

/* The mail program's answer when the relay cannot serve it: its protocol's error
 * instead of a greeting (-ERR, * BYE, 421), with the reason in ASCII words. */
static void refuse_client(SOCKET client, enum mail_protocol mail, const char *ascii_reason)
{
    char reply[RELAY_ERROR_REPLY_MAX];
    size_t length = relay_error_reply(mail, ascii_reason, reply, sizeof(reply));
    send_all(client, reply, length, 2000);
}

static void fail_with(struct session *s, enum relay_reason reason, enum message_id words, const char *detail)
{
    set_reason(s, words, detail);
    text_format(s->ascii_reason, sizeof(s->ascii_reason), "%s", relay_reason_text(reason));
}

/* Waits until `socket` is readable, at most until `deadline` (GetTickCount), looking at
 * the stop event every quarter second: 1 readable, 0 not (time out or stop). */
static int wait_readable(const struct session *s, SOCKET socket, DWORD deadline)
{
    while (!stopped(s) && (long)(deadline - GetTickCount()) > 0) {
        fd_set readable;
        struct timeval limit = { 0, 250000 };
        FD_ZERO(&readable);
        FD_SET(socket, &readable);
        if (select(0, &readable, NULL, NULL, &limit) > 0)
            return 1;
    }
    return 0;
}

/* The plain-text dialogue before TLS on a STARTTLS way (relay_starttls.h): 0 when TLS may
 * start, with the greeting for the program in s->to_client (greeting_length bytes); -1 with
 * the reason set. */
static int starttls_exchange(struct session *s)
{
    const struct relay_server_settings *settings = s->server->settings;
    DWORD deadline = GetTickCount() + settings->timeout_seconds * 1000u;
    struct relay_starttls *dialogue = malloc(sizeof(*dialogue));
    int result = -1;
    if (!dialogue) {
        fail_with(s, RELAY_REASON_OUT_OF_MEMORY, MSG_RELAY_REASON_MEMORY, NULL);
        return -1;
    }
    relay_starttls_init(dialogue, session_way(s)->provider.mail);
    for (;;) {
        unsigned char input[1024];
        enum relay_starttls_step step;
        int got;
        if (!wait_readable(s, s->provider, deadline)) {
            fail_with(s, RELAY_REASON_PROVIDER_TIMEOUT, MSG_RELAY_REASON_TIMEOUT, NULL);
            break;
        }
        got = recv(s->provider, (char *)input, sizeof(input), 0);
        if (got < 0 && WSAGetLastError() == WSAEWOULDBLOCK)
            continue;
        if (got <= 0) {
            fail_with(s, RELAY_REASON_PROVIDER_CLOSED, MSG_RELAY_REASON_CLOSED_BEFORE_TLS, NULL);
            break;
        }
        step = relay_starttls_feed(dialogue, input, (size_t)got);
        if (step == RELAY_STARTTLS_SEND &&
            send_all(s->provider, dialogue->send, dialogue->send_length, settings->timeout_seconds * 1000u) != 0) {
            fail_with(s, RELAY_REASON_PROVIDER_CLOSED, MSG_RELAY_REASON_CLOSED_BEFORE_TLS, NULL);
            break;
        }
        if (step == RELAY_STARTTLS_FAILED) {
            char detail[RELAY_FAILURE_LINE_MAX + 128];
            text_format(detail, sizeof(detail), "%s%s%s", relay_starttls_failure_text(dialogue->failure),
                        dialogue->failure_line[0] ? ": " : "", dialogue->failure_line);
            set_reason(s, MSG_RELAY_REASON_STARTTLS_FAILED, detail);
            text_format(s->ascii_reason, sizeof(s->ascii_reason), "%s: %s", relay_reason_text(RELAY_REASON_STARTTLS_FAILED),
                        relay_starttls_failure_text(dialogue->failure));
            break;
        }
        if (step == RELAY_STARTTLS_START_TLS) {
            s->greeting_length = relay_starttls_greeting(dialogue, s->to_client);
            result = 0;
            break;
        }
    }
    free(dialogue);
    return result;
}

/* The engine failed or the provider closed before TLS was up: the words for the log and
 * the phrase for the program, from relay_tls.c's diagnosis. */
static void tls_failed(struct session *s)
{
    struct relay_tls_failure failure;
    struct strbuf words;
    size_t length;
    relay_tls_failure(&s->tls, &failure);
    strbuf_init(&words);
    relay_tls_failure_words(&failure, (enum language)s->server->settings->language, &words);
    text_format(s->reason, sizeof(s->reason), "%s", words.failed || !words.data ? "?" : words.data);
    strbuf_free(&words);
    length = strlen(s->reason);
    while (length > 0 && s->reason[length - 1] == '\n')
        s->reason[--length] = '\0';
    text_format(s->ascii_reason, sizeof(s->ascii_reason), "%s", relay_tls_failure_phrase(failure.kind));
}

/* The engine's work that needs no socket, as far as it goes: the provider's bytes already
 * read into the engine (one record at a time, as the engine takes them) and its decrypted
 * bytes through the filter for the program (appended while the buffer has the filter's
 * room). Returns whether anything moved. */
static int pump_engine(struct session *s, br_ssl_engine_context *engine)
{
    int moved_any = 0;
    for (;;) {
        unsigned state = br_ssl_engine_current_state(engine);
        int moved = 0;
        unsigned char *buffer;
        size_t length;

        if (state & BR_SSL_CLOSED)
            break;
        if (!s->tls_up && (state & BR_SSL_SENDAPP)) {
            s->tls_up = 1;
            s->have_negotiated = relay_tls_session(&s->tls, &s->negotiated) == 0;
            relay_filter_init(&s->filter, session_way(s)->provider.mail, session_way(s)->provider.mode);
            s->to_client_length = s->greeting_length;   /* a STARTTLS way's greeting waits there */
        }
        if ((state & BR_SSL_RECVAPP) && s->to_client_size - s->to_client_length > RELAY_FILTER_OUTPUT_EXTRA) {
            size_t room = s->to_client_size - s->to_client_length, written = 0;
            buffer = br_ssl_engine_recvapp_buf(engine, &length);
            if (length > room - RELAY_FILTER_OUTPUT_EXTRA)
                length = room - RELAY_FILTER_OUTPUT_EXTRA;
            if (relay_filter_from_server(&s->filter, buffer, length, s->to_client + s->to_client_length, room,
                                         &written) != 0) {
                s->filter_failed = 1;
                break;
            }
            s->to_client_length += written;
            br_ssl_engine_recvapp_ack(engine, length);
            s->bytes_in += (unsigned long)length;
            moved = 1;
        }
        if ((state & BR_SSL_RECVREC) && s->ahead_length > 0) {
            buffer = br_ssl_engine_recvrec_buf(engine, &length);
            if (length > s->ahead_length)
                length = s->ahead_length;
            memcpy(buffer, s->ahead + s->ahead_start, length);
            relay_tls_received(&s->tls, buffer, length);   /* names a server that is not TLS */
            br_ssl_engine_recvrec_ack(engine, length);
            s->ahead_start += length;
            s->ahead_length -= length;
            if (s->ahead_length == 0)
                s->ahead_start = 0;
            moved = 1;
        }
        if (!moved)
            break;
        moved_any = 1;
    }
    return moved_any;
}

/* One recv of the provider's bytes into the (empty) read-ahead: 1 when bytes came, 0 when
 * none were there yet, -1 when the provider closed or the connection failed (many servers
 * close without a close_notify: after TLS the session simply ended). A read that fills the
 * small read-ahead starts a stream (the larger buffers). */
static int read_provider(struct session *s)
{
    int got = recv(s->provider, (char *)s->ahead, (int)s->ahead_size, 0);
    if (got > 0) {
        s->ahead_start = 0;
        s->ahead_length = (size_t)got;
        if ((size_t)got == sizeof(s->small_ahead))
            stream_begin(s);
        return 1;
    }
    return got < 0 && WSAGetLastError() == WSAEWOULDBLOCK ? 0 : -1;
}

/* On an implicit-TLS way the program has nothing until the provider's greeting comes
 * through TLS: a provider that finishes the handshake and then says nothing gets the same
 * time limit as the handshake, and the program its protocol's error. */
static int awaits_greeting(const struct session *s)
{
    return session_way(s)->provider.mode == TLS_IMPLICIT && s->bytes_in == 0 && s->to_client_length == 0;
}

/* Moves bytes until either side is done: the program's plain socket, the engine, the
 * provider's socket. Before TLS is up nothing is read from the program, which waits for
 * its greeting: the saved one (STARTTLS) once TLS is up, or the provider's own (implicit
 * TLS) through the filter. Returns 0 once the session ran, -1 when it never got going.
 * Under Wine every socket call is a round trip to wineserver, so each round does all the
 * engine's work first, sends what is ready in one call per socket, and reads what one
 * select over both sockets says is there: the provider's bytes into a read-ahead buffer,
 * since the engine takes one record (header, then body) at a time, and again without a
 * select while the last read filled it. */
static int pump(struct session *s)
{
    const struct relay_server_settings *settings = s->server->settings;
    br_ssl_engine_context *engine = relay_tls_engine(&s->tls);
    /* The handshake, and on an SSL port the provider's greeting, come by then. */
    DWORD start_deadline = GetTickCount() + settings->timeout_seconds * 1000u;
    DWORD last_activity = GetTickCount();
    int client_closed = 0, provider_closed = 0;
    unsigned full_reads = 0;   /* reads in a row of at least READ_AHEAD bytes, without a select */
    DWORD next_stop_check = GetTickCount();

    for (;;) {
        unsigned state;
        int progress;
        int want_provider_read, want_provider_write = 0, want_client_read, want_client_write = 0;
        unsigned char *buffer;
        size_t length, engine_room;
        DWORD now = GetTickCount();

        /* Every round, bytes moving or not: a provider that sends its handshake a byte at a
         * time meets the time limit all the same, and a long download the stop. The stop is
         * a kernel call (a round trip to wineserver under Wine), so it is asked at most
         * four times a second. */
        if ((!s->tls_up || awaits_greeting(s)) && (long)(start_deadline - now) <= 0) {
            fail_with(s, RELAY_REASON_PROVIDER_TIMEOUT, MSG_RELAY_REASON_TIMEOUT, NULL);
            return -1;
        }
        if ((long)(now - next_stop_check) >= 0) {
            next_stop_check = now + 250;
            if (stopped(s)) {
                set_reason(s, MSG_RELAY_REASON_STOPPED, NULL);
                break;
            }
        }
        progress = pump_engine(s, engine);
        if (s->filter_failed)
            break;
        state = br_ssl_engine_current_state(engine);
        if (state & BR_SSL_CLOSED) {
            if (!s->tls_up) {
                tls_failed(s);
                return -1;
            }
            break;   /* a close_notify, or the provider gone: what the program has is sent below */
        }

        /* The engine's records to the provider, all that is pending in one call. */
        if (state & BR_SSL_SENDREC) {
            int sent;
            buffer = br_ssl_engine_sendrec_buf(engine, &length);
            sent = send(s->provider, (const char *)buffer, (int)length, 0);
            if (sent > 0) {
                br_ssl_engine_sendrec_ack(engine, (size_t)sent);
                progress = 1;
            } else if (sent < 0 && WSAGetLastError() == WSAEWOULDBLOCK) {
                want_provider_write = 1;
            } else {
                provider_closed = 1;
            }
        }
        if (provider_closed && !s->tls_up) {
            relay_tls_server_closed(&s->tls);
            tls_failed(s);
            return -1;
        }
        /* What the program gets. */
        if (s->tls_up && s->to_client_length > 0) {
            int sent = send(s->client, (const char *)s->to_client, (int)s->to_client_length, 0);
            if (sent > 0) {
                memmove(s->to_client, s->to_client + sent, s->to_client_length - (size_t)sent);
                s->to_client_length -= (size_t)sent;
                progress = 1;
            } else if (sent < 0 && WSAGetLastError() == WSAEWOULDBLOCK) {
                want_client_write = 1;
            } else {
                client_closed = 1;
            }
        }
        /* The provider is gone: the session ends once the program has what was decrypted. */
        if (provider_closed && s->to_client_length == 0 && !(br_ssl_engine_current_state(engine) & BR_SSL_RECVAPP))
            break;
        if (client_closed) {
            /* The program is gone: say goodbye to the provider and leave. */
            br_ssl_engine_close(engine);
            while ((br_ssl_engine_current_state(engine) & BR_SSL_SENDREC) != 0) {
                buffer = br_ssl_engine_sendrec_buf(engine, &length);
                if (send_all(s->provider, (const char *)buffer, length, 1000) != 0)
                    break;
                br_ssl_engine_sendrec_ack(engine, length);
            }
            break;
        }
        if (progress) {
            /* The engine may have more to do with what moved: reads wait for the next round. */
            last_activity = GetTickCount();
            continue;
        }

        /* Nothing more without reading: the provider's bytes once the read-ahead is used up
         * and the engine wants them; the program's once it has all it was sent and the
         * engine has room for what the filter makes of a read (the last of the program's
         * own went on). One select for both. */
        want_provider_read = (state & BR_SSL_RECVREC) && s->ahead_length == 0 && !provider_closed;
        engine_room = 0;
        if (br_ssl_engine_current_state(engine) & BR_SSL_SENDAPP)
            br_ssl_engine_sendapp_buf(engine, &engine_room);
        want_client_read = s->tls_up && s->to_client_length == 0 && engine_room > RELAY_FILTER_OUTPUT_EXTRA;
        if (want_provider_read && full_reads > 0 && full_reads < FULL_READS_BEFORE_SELECT) {
            /* The last read filled the read-ahead: more is almost surely there, and a select
             * first would cost one more round trip. The program's side still gets a select
             * at least every FULL_READS_BEFORE_SELECT reads. */
            int got = read_provider(s);
            if (got != 0) {
                provider_closed = got < 0;
                full_reads = s->ahead_length >= READ_AHEAD ? full_reads + 1 : 0;
                last_activity = GetTickCount();
                continue;
            }
        }
        full_reads = 0;
        {
            fd_set readable, writable;
            struct timeval limit = { 0, 250000 };
            int ready;
            FD_ZERO(&readable);
            FD_ZERO(&writable);
            if (want_provider_read)
                FD_SET(s->provider, &readable);
            if (want_provider_write)
                FD_SET(s->provider, &writable);
            if (want_client_read)
                FD_SET(s->client, &readable);
            if (want_client_write)
                FD_SET(s->client, &writable);
            if (readable.fd_count + writable.fd_count == 0) {
                Sleep(10);   /* nothing to wait on (cannot happen while the engine wants I/O) */
                ready = 0;
            } else {
                ready = select(0, &readable, &writable, NULL, &limit);
            }
            if (ready > 0 && want_provider_read && FD_ISSET(s->provider, &readable)) {
                int got = read_provider(s);
                if (got != 0) {
                    provider_closed = got < 0;
                    full_reads = s->ahead_length >= READ_AHEAD;
                    progress = 1;
                }
            }
            if (ready > 0 && want_client_read && FD_ISSET(s->client, &readable)) {
                /* Through the filter straight into the engine's buffer for the provider. */
                unsigned char input[CHUNK];
                size_t most = engine_room - RELAY_FILTER_OUTPUT_EXTRA, written = 0;
                int got = recv(s->client, (char *)input, (int)(most < sizeof(input) ? most : sizeof(input)), 0);
                if (got > 0) {
                    buffer = br_ssl_engine_sendapp_buf(engine, &length);
                    if (relay_filter_from_program(&s->filter, input, (size_t)got, buffer, length, &written,
                                                  s->to_client, s->to_client_size, &s->to_client_length) != 0)
                        break;
                    if (written > 0) {
                        br_ssl_engine_sendapp_ack(engine, written);
                        br_ssl_engine_flush(engine, 0);
                    }
                    s->bytes_out += (unsigned long)got;
                    progress = 1;
                } else if (!(got < 0 && WSAGetLastError() == WSAEWOULDBLOCK)) {
                    client_closed = 1;
                    progress = 1;
                }
            }
        }
        if (progress) {
            last_activity = GetTickCount();
            continue;
        }
        stream_end(s);   /* a quarter second without a byte either way */
        if (s->tls_up && GetTickCount() - last_activity > settings->idle_seconds * 1000u) {
            set_reason(s, MSG_RELAY_REASON_IDLE, NULL);
            break;
        }
    }
    /* The provider ended: the program still gets what was decrypted for it. */
    if (!client_closed && s->to_client_length > 0)
        send_all(s->client, (const char *)s->to_client, s->to_client_length, 5000);
    return 0;
}

static void session_end(struct session *s, int ok)
{
    struct relay_event event;
    memset(&event, 0, sizeof(event));
    event.way = s->way;
    event.ok = ok;
    if (ok && s->have_negotiated) {
        event.version = s->negotiated.version_name;
        event.suite = s->negotiated.suite_name;
    }
    event.bytes_in = s->bytes_in;
    event.bytes_out = s->bytes_out;
    event.reason = s->reason[0] ? s->reason : NULL;
    s->server->settings->log(s->server->settings->log_context, &event);
}

static DWORD WINAPI session_thread(void *argument)
{
    struct session *s = argument;
    struct server *server = s->server;
    const struct relay_server_settings *settings = server->settings;
    const struct relay_way *way = session_way(s);
    struct connection *connection = malloc(sizeof(*connection));
    struct handshake_report report;
    u_long non_blocking = 1;
    int ok = 0, tls_started = 0;

    s->provider = INVALID_SOCKET;
    memset(&report, 0, sizeof(report));
    if (!connection) {
        fail_with(s, RELAY_REASON_OUT_OF_MEMORY, MSG_RELAY_REASON_MEMORY, NULL);
        goto refuse;
    }
    memset(connection, 0, sizeof(*connection));
    connection->cancel = settings->stop;
    {
        enum outcome opened = connection_open(connection, &way->provider, settings->timeout_seconds, &report);
        if (opened != OUTCOME_OK) {
            if (opened == OUTCOME_HOST_NOT_FOUND)
                fail_with(s, RELAY_REASON_PROVIDER_NAME_NOT_FOUND, MSG_RELAY_REASON_UNREACHABLE, way->provider.host);
            else if (opened == OUTCOME_CONNECT_TIMEOUT)
                fail_with(s, RELAY_REASON_PROVIDER_TIMEOUT, MSG_RELAY_REASON_UNREACHABLE, way->provider.host);
            else
                fail_with(s, RELAY_REASON_PROVIDER_UNREACHABLE, MSG_RELAY_REASON_UNREACHABLE, way->provider.host);
            connection_close(connection);
            free(connection);
            goto refuse;
        }
    }
    s->provider = connection->socket;
    connection->socket = INVALID_SOCKET;   /* the session's now */
    connection_close(connection);
    free(connection);
    ioctlsocket(s->provider, FIONBIO, &non_blocking);
    ioctlsocket(s->client, FIONBIO, &non_blocking);

    if (way->provider.mode == TLS_STARTTLS && starttls_exchange(s) != 0)
        goto refuse;
    tls_started = 1;
    if (relay_tls_start(&s->tls, way->provider.host) != 0) {
        tls_failed(s);
        goto refuse;
    }
    if (pump(s) != 0)
        goto refuse;
    ok = 1;
    goto end;

refuse:
    refuse_client(s->client, way->provider.mail, s->ascii_reason);
end:
    session_end(s, ok);
    if (tls_started)
        relay_tls_end(&s->tls);
    if (s->provider != INVALID_SOCKET)
        closesocket(s->provider);
    shutdown(s->client, SD_SEND);
    closesocket(s->client);
    free(s->stream);
    free(s);
    InterlockedDecrement(&server->active);   /* the session's last touch of `server` */
    return 0;
}

static SOCKET listen_on(unsigned short port, unsigned long *error)
{
    struct sockaddr_in address;
    SOCKET s;
    child_handles_lock();
    s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s != INVALID_SOCKET)
        SetHandleInformation((HANDLE)s, HANDLE_FLAG_INHERIT, 0);
    child_handles_unlock();
    if (s == INVALID_SOCKET) {
        *error = (unsigned long)WSAGetLastError();
        return INVALID_SOCKET;
    }
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);   /* 127.0.0.1 only: never another address */
    {
        /* No other program may take the port beside us (SO_EXCLUSIVEADDRUSE, NT 4 SP4 on). */
        BOOL exclusive = TRUE;
        setsockopt(s, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&exclusive, sizeof(exclusive));
    }
    if (bind(s, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(s, SOMAXCONN) != 0) {
        *error = (unsigned long)WSAGetLastError();
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

int relay_port_is_free(void *context, unsigned port)
{
    unsigned long error = 0;
    SOCKET s;
    (void)context;
    s = network_start() == 0 && port > 0 && port < 65536 ? listen_on((unsigned short)port, &error) : INVALID_SOCKET;
    if (s != INVALID_SOCKET)
        closesocket(s);
    return s != INVALID_SOCKET;
}

static void accept_one(struct server *server, const struct listener *listener)
{
    const struct relay_server_settings *settings = server->settings;
    SOCKET client;
    struct session *s;
    HANDLE thread;
    child_handles_lock();
    client = accept(listener->socket, NULL, NULL);
    if (client != INVALID_SOCKET)
        SetHandleInformation((HANDLE)client, HANDLE_FLAG_INHERIT, 0);
    child_handles_unlock();
    if (client == INVALID_SOCKET)
        return;
    if (server->active >= RELAY_MAX_CONNECTIONS) {
        struct relay_event event;
        char reason[256];
        refuse_client(client, settings->config->ways[listener->way].provider.mail,
                      relay_reason_text(RELAY_REASON_TOO_MANY_CONNECTIONS));
        closesocket(client);
        memset(&event, 0, sizeof(event));
        event.way = listener->way;
        text_format(reason, sizeof(reason), message_text((enum language)settings->language, MSG_RELAY_REASON_TOO_MANY),
                    RELAY_MAX_CONNECTIONS);
        event.reason = reason;
        settings->log(settings->log_context, &event);
        return;
    }
    s = calloc(1, sizeof(*s));
    if (!s) {
        refuse_client(client, settings->config->ways[listener->way].provider.mail,
                      relay_reason_text(RELAY_REASON_OUT_OF_MEMORY));
        closesocket(client);
        return;
    }
    s->server = server;
    s->way = listener->way;
    s->client = client;
    s->ahead = s->small_ahead;
    s->ahead_size = sizeof(s->small_ahead);
    s->to_client = s->small_to_client;
    s->to_client_size = sizeof(s->small_to_client);
    InterlockedIncrement(&server->active);
    /* A small stack: the session's buffers are on the heap. */
    thread = CreateThread(NULL, 64 * 1024, session_thread, s, STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
    if (!thread) {
        refuse_client(client, settings->config->ways[listener->way].provider.mail,
                      relay_reason_text(RELAY_REASON_OUT_OF_MEMORY));
        closesocket(client);
        free(s);
        InterlockedDecrement(&server->active);
        return;
    }
    CloseHandle(thread);
}

unsigned long relay_server_run(const struct relay_server_settings *settings, size_t *failed_way)
{
    /* On the heap: a session that outlives the wait at the end still finds it. */
    struct server *server = calloc(1, sizeof(*server));
    unsigned long error;
    size_t i;

    if (!server)
        return ERROR_NOT_ENOUGH_MEMORY;
    server->settings = settings;
    if ((error = network_start()) != 0) {
        free(server);
        return error;
    }
    for (i = 0; i < settings->config->count; i++) {
        SOCKET s = listen_on((unsigned short)settings->config->ways[i].local_port, &error);
        if (s == INVALID_SOCKET) {
            *failed_way = i;
            break;
        }
        server->listeners[server->listener_count].socket = s;
        server->listeners[server->listener_count].way = i;
        server->listener_count++;
    }
    if (error == 0) {
        if (settings->ready)
            SetEvent(settings->ready);
        while (WaitForSingleObject(settings->stop, 0) != WAIT_OBJECT_0) {
            fd_set readable;
            struct timeval limit = { 0, 250000 };
            FD_ZERO(&readable);
            for (i = 0; i < server->listener_count; i++)
                FD_SET(server->listeners[i].socket, &readable);
            if (select(0, &readable, NULL, NULL, &limit) <= 0)
                continue;
            for (i = 0; i < server->listener_count; i++)
                if (FD_ISSET(server->listeners[i].socket, &readable))
                    accept_one(server, &server->listeners[i]);
        }
    }
    for (i = 0; i < server->listener_count; i++)
        closesocket(server->listeners[i].socket);
    /* The sessions see the stop within a quarter second, or once a blocking step ends (a
     * connect, at most the time limit). Only the listener counted sessions up, and it has
     * stopped, so the count only falls now, and a session's decrement is its last touch of
     * `server`. One still busy after 10 s keeps the server, and the caller keeps what the
     * settings point to (the process ends soon after). */
    for (i = 0; i < 200 && InterlockedCompareExchange(&server->active, 0, 0) != 0; i++)
        Sleep(50);
    if (InterlockedCompareExchange(&server->active, 0, 0) == 0)
        free(server);
    return error;
}
