/* A TCP connection to a server with a time limit on every wait, and the plain-text mail
 * dialogue (greeting, EHLO, STARTTLS, ...). Every handshake uses it: the Schannel client
 * (tls_client.c) and the simulated handshake of another Windows (simulated_client.c).
 * A server that stalls, dribbles, sends garbage or closes early ends in a clear outcome
 * within three time limits, never a hang. */
#ifndef TLSSWITCH_CONNECTION_H
#define TLSSWITCH_CONNECTION_H

#include "platform.h"
#include "../core/tls/handshake_report.h"
#include "../core/mail/target.h"
#include "../core/tls/tlswire.h"

#include <winsock2.h>

#define CONNECTION_INPUT_SIZE (5 + TLS_MAX_RECORD_BODY + 1024)
#define CONNECTION_LINE_SIZE 4096

struct connection {
    SOCKET socket;
    DWORD deadline;                               /* GetTickCount() at which everything gives up */
    HANDLE cancel;                                /* an event that ends every wait at once, or NULL */
    unsigned timeout_ms;                          /* the longest any one wait may take */
    unsigned char input[CONNECTION_INPUT_SIZE];   /* bytes from the server not yet used */
    size_t input_length;
    char lines[CONNECTION_LINE_SIZE];             /* text received, not yet read as lines */
    size_t lines_length;
    unsigned long received;                       /* bytes received in all, to tell silence from a stop */
    /* When a wait or call ended in OUTCOME_SYSTEM_ERROR: the function that failed, and its error. */
    const char *failed_step;
    unsigned long failed_error;
};

/* Where the text of the dialogue comes from and goes to once TLS is up: the Schannel
 * client decrypts into c->lines and encrypts what it sends. */
struct line_channel {
    void *context;
    enum outcome (*more)(void *context);                        /* adds text to c->lines */
    int (*send)(void *context, const char *text, size_t size);  /* 0, or -1 */
};

/* Starts Windows Sockets once for the process, never cleaned up while it runs (see
 * connection.c for why): 0, or WSAStartup's error. Every socket user calls it first. */
unsigned long network_start(void);

/* Connects to the target's host and port (IPv4 or IPv6, each address in turn). On failure
 * report->status holds the Windows error (and report->step the function that failed, for
 * OUTCOME_SYSTEM_ERROR). The connection must be closed in any case.
 * Set c->cancel before, to let an event end the waits (they then end as time-outs). */
enum outcome connection_open(struct connection *c, const struct target *target, unsigned timeout_seconds,
                             struct handshake_report *report);
void connection_close(struct connection *c);

/* Receives more bytes into c->input: OUTCOME_OK, TIMEOUT (SILENT when the server has not
 * sent one byte yet), CLOSED, OVERSIZED (no room), or SYSTEM_ERROR (c->failed_step). */
enum outcome connection_receive(struct connection *c);

/* Copies the failed step of a connection that ended in OUTCOME_SYSTEM_ERROR into the
 * report, where the report names none yet. */
void connection_failure(const struct connection *c, struct handshake_report *report);
int connection_send(struct connection *c, const void *data, size_t size);

/* The mail steps of the target before TLS (`channel` NULL: plain text) or after it. The
 * first line of the first answer, or the line that made an answer bad, is kept in
 * report->reply; a bad answer ends in `bad`. */
enum outcome connection_talk(struct connection *c, const struct target *target, const struct line_channel *channel,
                             enum outcome bad, struct handshake_report *report);

/* A mail program's first words with a server in plain text, with no STARTTLS (as with
 * the relay): the greeting and the capability answer (EHLO, CAPA, CAPABILITY) of the
 * target's protocol. A bad answer ends in OUTCOME_MAIL_FAILED, its line in report->reply. */
enum outcome connection_talk_plain(struct connection *c, const struct target *target, struct handshake_report *report);

#endif
