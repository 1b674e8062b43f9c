/* A misbehaving server for /test's tests, on a loopback address only. Built natively.
 *   hostile MODE [ADDRESS:]PORT   (PORT alone: on 127.0.0.1)
 * MODE: stall (accepts, never answers), garbage (answers with bytes that are not TLS),
 * close (reads the ClientHello, then closes), oversized (answers with a TLS record header
 * announcing 65535 bytes), plaintext (greets like an SMTP server, as on port 587),
 * truncated (half a TLS record, then closes), bigmessage (a handshake message announcing
 * 16 MB), badsuite (a well-formed ServerHello choosing TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
 * offered or not), trickle (a warning alert every 200 ms instead of a ServerHello), endless
 * (an SMTP server whose answer to EHLO never ends), silentdns (a name server, on UDP, that
 * reads every question and never answers: a PC whose DNS is gone).
 * Each connection is served by a child process that ends by itself within a minute. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void serve(const char *mode, int client)
{
    char buffer[4096];
    if (strcmp(mode, "stall") == 0) {
        sleep(60);
    } else if (strcmp(mode, "garbage") == 0) {
        static const char garbage[] = "\x00\x01\x02\x03 this is not TLS \xff\xfe\r\n";
        if (read(client, buffer, sizeof(buffer)) > 0 && write(client, garbage, sizeof(garbage) - 1) < 0)
            return;
        sleep(60);
    } else if (strcmp(mode, "close") == 0) {
        if (read(client, buffer, sizeof(buffer)) < 0)
            return;
    } else if (strcmp(mode, "oversized") == 0) {
        static const unsigned char header[] = { 0x16, 0x03, 0x03, 0xff, 0xff };
        memset(buffer, 0x41, sizeof(buffer));
        if (read(client, buffer, sizeof(buffer)) > 0 && write(client, header, sizeof(header)) > 0)
            for (int i = 0; i < 16; i++)
                if (write(client, buffer, sizeof(buffer)) < 0)
                    break;
        sleep(60);
    } else if (strcmp(mode, "truncated") == 0) {
        /* A ServerHello record announcing 80 bytes, of which 20 come. */
        static const unsigned char half[] = { 0x16, 0x03, 0x03, 0x00, 0x50, 0x02, 0x00, 0x00, 0x4c, 0x03, 0x03,
                                              1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };
        if (read(client, buffer, sizeof(buffer)) > 0 && write(client, half, sizeof(half)) < 0)
            return;
    } else if (strcmp(mode, "bigmessage") == 0) {
        static const unsigned char header[] = { 0x16, 0x03, 0x03, 0x40, 0x00, 0x0b, 0xff, 0xff, 0xff };
        memset(buffer, 0x41, sizeof(buffer));
        if (read(client, buffer, sizeof(buffer)) > 0 && write(client, header, sizeof(header)) > 0)
            for (int i = 0; i < 64; i++)
                if (write(client, buffer, sizeof(buffer)) < 0)
                    break;
        sleep(60);
    } else if (strcmp(mode, "badsuite") == 0) {
        /* ServerHello (TLS 1.2, suite 0xC030, no extensions), then ServerHelloDone. */
        unsigned char hello[5 + 4 + 2 + 32 + 1 + 2 + 1 + 4];
        size_t n = 0;
        const unsigned char head[] = { 0x16, 0x03, 0x03, 0x00, 0x2e, 0x02, 0x00, 0x00, 0x26, 0x03, 0x03 };
        memcpy(hello, head, sizeof(head));
        n = sizeof(head);
        memset(hello + n, 0x42, 32);
        n += 32;
        hello[n++] = 0;      /* no session id */
        hello[n++] = 0xc0;
        hello[n++] = 0x30;
        hello[n++] = 0;      /* null compression */
        memcpy(hello + n, "\x0e\x00\x00\x00", 4);   /* ServerHelloDone in the same record */
        n += 4;
        hello[4] = (unsigned char)(n - 5);
        if (read(client, buffer, sizeof(buffer)) > 0 && write(client, hello, n) < 0)
            return;
        sleep(60);
    } else if (strcmp(mode, "endless") == 0) {
        static const char greeting[] = "220 mail.example ESMTP ready\r\n", more[] = "250-still going\r\n";
        if (write(client, greeting, sizeof(greeting) - 1) < 0 || read(client, buffer, sizeof(buffer)) <= 0)
            return;
        for (int i = 0; i < 6000; i++) {
            if (write(client, more, sizeof(more) - 1) < 0)
                return;
            usleep(10000);
        }
    } else if (strcmp(mode, "trickle") == 0) {
        /* Instead of a ServerHello, a warning alert (unrecognized_name) every 200 ms, which
         * a TLS client passes over: never silent for long, never done. */
        static const unsigned char alert[] = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x70 };
        if (read(client, buffer, sizeof(buffer)) <= 0)
            return;
        for (int i = 0; i < 300; i++) {
            if (write(client, alert, sizeof(alert)) < 0)
                return;
            usleep(200000);
        }
    } else if (strcmp(mode, "plaintext") == 0) {
        static const char greeting[] = "220 mail.example ESMTP ready\r\n";
        if (write(client, greeting, sizeof(greeting) - 1) < 0)
            return;
        sleep(60);
    }
}

int main(int argc, char **argv)
{
    struct sockaddr_in address;
    int listener, one = 1;
    if (argc != 3) {
        fprintf(stderr, "usage: hostile stall|garbage|close|oversized|plaintext|truncated|bigmessage|badsuite|trickle|endless|"
                        "silentdns [ADDRESS:]PORT\n");
        return 2;
    }
    signal(SIGCHLD, SIG_IGN);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    memset(&address, 0, sizeof(address));
    address.sin_family = AF_INET;
    /* PORT on 127.0.0.1, or ADDRESS:PORT (another loopback address, as another host). */
    {
        char host[64];
        const char *colon = strchr(argv[2], ':');
        address.sin_port = htons((unsigned short)atoi(colon ? colon + 1 : argv[2]));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (colon && (size_t)(colon - argv[2]) < sizeof(host)) {
            memcpy(host, argv[2], (size_t)(colon - argv[2]));
            host[colon - argv[2]] = '\0';
            if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
                fprintf(stderr, "hostile: %s is not an IPv4 address\n", host);
                return 2;
            }
        }
    }
    if (strcmp(argv[1], "silentdns") == 0) {
        char question[512];
        int udp = socket(AF_INET, SOCK_DGRAM, 0);
        if (bind(udp, (struct sockaddr *)&address, sizeof(address)) != 0) {
            perror("hostile");
            return 1;
        }
        printf("listening\n");
        fflush(stdout);
        for (;;)
            if (recv(udp, question, sizeof(question), 0) < 0)
                return 1;
    }
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(listener, 16) != 0) {
        perror("hostile");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    for (;;) {
        int client = accept(listener, NULL, NULL);
        if (client < 0)
            continue;
        if (fork() == 0) {
            close(listener);
            alarm(70);
            serve(argv[1], client);
            close(client);
            _exit(0);
        }
        close(client);
    }
}
