/* Test helper: one connection with the relay's TLS client (src/win32/relay_tls.c) to
 * HOST PORT, driven by BearSSL's br_sslio over a blocking socket. It sends an HTTP request
 * (openssl s_server -www answers with a page naming the session) to prove data passes both
 * ways, and prints
 *   OK: VERSION, SUITE, certificate checked by Windows|BearSSL
 *   server: FIRST LINE OF THE ANSWER (N bytes)
 * and exits 0, or prints
 *   FAILED: THE WORDS (in LANGUAGE, en or ja: default en)
 *   phrase: THE MAIL PROGRAM'S PHRASE
 * and exits 1. Usage: relay_tls_client HOST PORT [LANGUAGE] */
#include "../../src/win32/relay_tls.h"
#include "../../src/core/text/messages.h"
#include "../../src/core/text/text.h"

#include <winsock2.h>
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct transport {
    SOCKET socket;
    struct relay_tls *tls;
};

static int transport_read(void *context, unsigned char *data, size_t length)
{
    struct transport *transport = context;
    int got = recv(transport->socket, (char *)data, (int)length, 0);
    if (got > 0) {
        relay_tls_received(transport->tls, data, (size_t)got);
        return got;
    }
    if (got == 0 || WSAGetLastError() == WSAECONNRESET)
        relay_tls_server_closed(transport->tls);
    return -1;
}

static int transport_write(void *context, const unsigned char *data, size_t length)
{
    struct transport *transport = context;
    int sent = send(transport->socket, (const char *)data, (int)length, 0);
    return sent > 0 ? sent : -1;
}

static SOCKET connect_to(const char *host, const char *port)
{
    struct addrinfo hints, *found = NULL, *each;
    SOCKET s = INVALID_SOCKET;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &found) != 0)
        return INVALID_SOCKET;
    for (each = found; each && s == INVALID_SOCKET; each = each->ai_next) {
        s = socket(each->ai_family, each->ai_socktype, each->ai_protocol);
        if (s != INVALID_SOCKET && connect(s, each->ai_addr, (int)each->ai_addrlen) != 0) {
            closesocket(s);
            s = INVALID_SOCKET;
        }
    }
    freeaddrinfo(found);
    return s;
}

static int failed(struct relay_tls *tls, enum language language)
{
    struct relay_tls_failure failure;
    struct strbuf words;
    relay_tls_failure(tls, &failure);
    strbuf_init(&words);
    relay_tls_failure_words(&failure, language, &words);
    printf("FAILED: %s", words.failed ? "(out of memory)\n" : words.data);
    printf("phrase: %s\n", relay_tls_failure_phrase(failure.kind));
    strbuf_free(&words);
    return 1;
}

int main(int argc, char **argv)
{
    static const char request[] = "GET / HTTP/1.0\r\n\r\n";
    enum language language = LANGUAGE_EN;
    struct relay_tls *tls;
    struct relay_tls_session session;
    struct transport transport;
    br_sslio_context io;
    WSADATA wsa;
    char chunk[4096], first_line[128];
    size_t line_length = 0, total = 0;
    int got, status, line_done = 0;

    if (argc < 3 || argc > 4 || (argc == 4 && language_from_code(argv[3], &language) != 0)) {
        printf("usage: relay_tls_client HOST PORT [en|ja]\n");
        return 2;
    }
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0 || !(tls = malloc(sizeof(*tls))))
        return 2;
    transport.socket = connect_to(argv[1], argv[2]);
    if (transport.socket == INVALID_SOCKET) {
        printf("cannot connect to %s port %s\n", argv[1], argv[2]);
        return 2;
    }
    transport.tls = tls;
    if (relay_tls_start(tls, argv[1]) != 0)
        return failed(tls, language);
    br_sslio_init(&io, relay_tls_engine(tls), transport_read, &transport, transport_write, &transport);
    if (br_sslio_write_all(&io, request, sizeof(request) - 1) != 0 || br_sslio_flush(&io) != 0 ||
        relay_tls_session(tls, &session) != 0)
        return failed(tls, language);
    printf("OK: %s, %s, certificate checked by %s\n", session.version_name, session.suite_name,
           session.checker == RELAY_TLS_CHECKER_BEARSSL ? "BearSSL" : "Windows");
    /* The whole answer, up to the server's close_notify: BearSSL 0.6 cannot close while
     * application data it received is still unread (its engine then waits forever). */
    while ((got = br_sslio_read(&io, chunk, sizeof(chunk))) > 0) {
        int i;
        for (i = 0; i < got && !line_done; i++) {
            if (chunk[i] == '\r' || chunk[i] == '\n')
                line_done = 1;
            else if (line_length < sizeof(first_line) - 1)
                first_line[line_length++] = chunk[i];
        }
        total += (size_t)got;
    }
    first_line[line_length] = '\0';
    printf("server: %s (%lu bytes)\n", total ? first_line : "no answer", (unsigned long)total);
    status = total ? 0 : 1;
    closesocket(transport.socket);
    relay_tls_end(tls);
    free(tls);
    return status;
}
