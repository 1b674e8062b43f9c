/* The relay itself: it listens on 127.0.0.1 for each configured way, and for every
 * connection a mail program makes it connects to the provider, makes the STARTTLS
 * exchange where the way has one, speaks TLS with BearSSL (relay_tls.c) and passes the
 * bytes both ways through the protocol filter (core/relay: relay_starttls.h, relay_filter.h). One thread
 * per connection, at most RELAY_MAX_CONNECTIONS at once. */
#ifndef TLSSWITCH_RELAY_SERVER_H
#define TLSSWITCH_RELAY_SERVER_H

#include "platform.h"
#include "../core/relay/relay_config.h"

#define RELAY_MAX_CONNECTIONS 32

/* What happened to one connection, for the log. */
struct relay_event {
    size_t way;                 /* index into the configuration */
    int started;                /* 1: a connection came in (logged at its end only when 0) */
    int ok;                     /* the session ran: TLS was up and the program was served */
    const char *version;        /* "TLS 1.2", when TLS was up */
    const char *suite;          /* the suite's name, when TLS was up */
    unsigned long bytes_in;        /* from the provider to the program (wraps at 4 GB) */
    unsigned long bytes_out;       /* from the program to the provider */
    const char *reason;         /* when not ok: why, in the log's language (UTF-8) */
};

struct relay_server_settings {
    const struct relay_config *config;
    unsigned timeout_seconds;   /* every wait before TLS is up, and the handshake */
    unsigned idle_seconds;      /* a session with no byte either way this long is ended */
    int language;               /* enum language, for the reasons in the log */
    HANDLE stop;                /* a manual-reset event: set, everything ends */
    HANDLE ready;               /* set once every listener is open (may be NULL) */
    void (*log)(void *context, const struct relay_event *event);
    void *log_context;
};

/* Opens the listeners and serves until `stop` is set. Returns 0 after a stop, or a
 * Windows error when a listener could not be opened (*failed_way names it: nothing is
 * served then). It waits at most 10 s for the sessions to end: `settings`, what it points
 * to and `stop` must stay until the process ends. */
unsigned long relay_server_run(const struct relay_server_settings *settings, size_t *failed_way);

/* Whether 127.0.0.1:port can be listened on now (the port test of relay_config_add). */
int relay_port_is_free(void *context, unsigned port);

#endif
