/* What each Windows' Schannel offers in its ClientHello once TLS 1.2 is used by default,
 * one row per Windows (windows_clients.c): versions, cipher suites in Schannel's order,
 * extensions, and the certificate keys it can use. A simulated handshake sends a row's
 * hello to a server and reads the answer, so the question "can Windows XP use this
 * server?" is answered from any PC, and under Wine, whose Schannel offers far more than
 * XP's, without being misled by it. Adding a Windows is one row. */
#ifndef TLSSWITCH_WINDOWS_CLIENTS_H
#define TLSSWITCH_WINDOWS_CLIENTS_H

#include "clienthello.h"
#include "osinfo.h"

#include <stddef.h>
#include <stdint.h>

enum windows_client_id {
    WINDOWS_XP,       /* XP SP3 with the POSReady 2009 updates (KB4019276) */
    WINDOWS_2003,     /* XP x64 and Server 2003 SP2 with KB948963 */
    WINDOWS_VISTA,    /* Vista SP2 and Server 2008 SP2 with KB4019276 */
    WINDOWS_7,        /* 7 SP1 and Server 2008 R2 */
    WINDOWS_8_1,      /* 8.1 and Server 2012 R2 (and 8, 2012) */
    WINDOWS_10,       /* 10 (1903 and later) and Server 2016, 2019 */
    WINDOWS_11,       /* 11 (22H2 and later) and Server 2022 */
    WINDOWS_CLIENT_COUNT
};

/* The certificate keys (and chain signatures) a Windows can use, as bits. */
enum { CERT_RSA = 1, CERT_DSA = 2, CERT_ECDSA = 4, CERT_RSA_PSS = 8 };

struct windows_client {
    const char *id;                 /* as /as takes it: "xp" */
    const char *name;               /* "Windows XP" */
    uint16_t record_version, client_version;
    int offers_tls13;
    const uint16_t *suites;         /* in Schannel's default order */
    size_t suite_count;
    const uint16_t *groups;         /* elliptic curves; none on XP */
    size_t group_count;
    const uint16_t *sigalgs;
    size_t sigalg_count;
    unsigned extensions;            /* HELLO_* */
    unsigned certificates;          /* CERT_* */
};

const struct windows_client *windows_client_get(enum windows_client_id id);

/* The row for an /as name ("xp", "vista", "7", "8.1", "10", "11", "2003"); -1 when unknown. */
int windows_client_find(const char *id);

/* The row for the Windows that is running. */
enum windows_client_id windows_client_for_os(const struct os_info *os);

/* The hello a row sends. */
void windows_client_hello(const struct windows_client *client, struct hello_spec *spec);

/* A hello that offers every TLS 1.2 suite in the table, ordered so that a server that
 * follows the client's order picks the one least far from what Windows XP has: it tells
 * what a server requires when a Windows cannot use it. */
void hello_offering_everything(struct hello_spec *spec);

#endif
