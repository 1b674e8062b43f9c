/* The table of Windows TLS clients. Sources, for every row:
 * - Microsoft's "Cipher Suites in TLS/SSL (Schannel SSP)" page of each Windows
 *   (learn.microsoft.com/windows/win32/secauthn, from the MicrosoftDocs/win32 repository),
 *   in their default order; Microsoft lists the curve variants (_P256, _P384) of an
 *   ECDHE suite separately, which on the wire are one code point;
 * - ClientHellos captured by Qualys SSL Labs (kept in testssl.sh's
 *   etc/client-simulation.txt), for the extensions and their order;
 * - [MS-TLSP] appendix A for what XP and Server 2003 lack (elliptic curves, SNI,
 *   status_request).
 * Where a row rests on less, its comment says so. */
#include "windows_clients.h"
#include "../text/text.h"
#include "tls_suites.h"

#include <string.h>

#define LIST(...) (const uint16_t[]){ __VA_ARGS__ }, sizeof((const uint16_t[]){ __VA_ARGS__ }) / sizeof(uint16_t)
#define NONE NULL, 0

/* Signature algorithms as Windows 7 sends them (IE 11 on Windows 7, 2017): rsa and ecdsa
 * with SHA-512, SHA-256, SHA-384, SHA-1, and dsa with SHA-1. */
#define SIGALGS_7 LIST(0x0601, 0x0603, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202)
#define SIGALGS_8_1 LIST(0x0401, 0x0501, 0x0601, 0x0201, 0x0403, 0x0503, 0x0603, 0x0203, 0x0202)
#define SIGALGS_10 LIST(0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0202, 0x0601, 0x0603)

/* The 28 default suites of Windows 7 and 8.1 (the pages after updates 3042058 and
 * 2919355 give the same order). */
#define SUITES_7 LIST(0xC028, 0xC027, 0xC014, 0xC013, 0x009F, 0x009E, 0x0039, 0x0033, 0x009D, 0x009C, \
                      0x003D, 0x003C, 0x0035, 0x002F, 0xC02C, 0xC02B, 0xC024, 0xC023, 0xC00A, 0xC009, \
                      0x006A, 0x0040, 0x0038, 0x0032, 0x000A, 0x0013, 0x0005, 0x0004)

#define COMMON_EXTENSIONS (HELLO_SNI | HELLO_STATUS_REQUEST | HELLO_EXTENDED_MASTER_SECRET | HELLO_RENEGOTIATION_INFO)

static const struct windows_client clients[WINDOWS_CLIENT_COUNT] = {
    /* XP SP3 with the POSReady 2009 updates: Microsoft documents no TLS 1.2 list for it.
     * The suites are those an updated XP was seen using over TLS 1.2 (AES-CBC with SHA-1
     * and SHA-256, 3DES: the README of karabaja4/legacy-http-client, "HTTPS TLS 1.2 calls
     * on Windows XP SP3 (POSReady2009)"), and those of XP's older list that remain (RC4,
     * DHE_DSS 3DES: SSL Labs' "IE 8 XP" hello); curl issue 267 saw an updated XP offer AES
     * in 2018. The order is not known from any capture. No elliptic curves, no SNI
     * ([MS-TLSP] A <4>, <9>); renegotiation_info since MS10-049. The signature algorithms
     * are those of RSA and DSA with SHA-1 and SHA-2, which XP SP3 can check. */
    [WINDOWS_XP] = { "xp", "Windows XP", 0x0301, 0x0303, 0,
                     LIST(0x002F, 0x0035, 0x003C, 0x003D, 0x0004, 0x0005, 0x000A, 0x0013), NONE,
                     LIST(0x0401, 0x0501, 0x0601, 0x0201, 0x0202), HELLO_RENEGOTIATION_INFO, CERT_RSA | CERT_DSA },
    /* XP x64 and Server 2003 SP2: no TLS 1.1 or 1.2 update exists; KB948963 added AES
     * (its place in the order is not documented). Otherwise as XP. */
    [WINDOWS_2003] = { "2003", "Windows XP x64 / Server 2003", 0x0301, 0x0301, 0,
                       LIST(0x002F, 0x0035, 0x0004, 0x0005, 0x000A, 0x0013), NONE, NONE, HELLO_RENEGOTIATION_INFO,
                       CERT_RSA | CERT_DSA },
    /* Vista SP2 with KB4019276: the Vista page lists SHA-1 suites only, for TLS 1.0 to 1.2:
     * no SHA-256 and no GCM suite. Its order and extensions match SSL Labs' "IE 7 Vista"
     * hello (curves P-256, P-384, P-521); the TLS 1.2 signature algorithms are Windows 7's
     * (no capture of a TLS 1.2 hello from Vista is published). */
    [WINDOWS_VISTA] = { "vista", "Windows Vista", 0x0301, 0x0303, 0,
                        LIST(0x002F, 0x0035, 0x0005, 0x000A, 0xC009, 0xC00A, 0xC013, 0xC014, 0x0032, 0x0038, 0x0013,
                             0x0004),
                        LIST(0x0017, 0x0018, 0x0019), SIGALGS_7, COMMON_EXTENSIONS, CERT_RSA | CERT_DSA | CERT_ECDSA },
    /* Windows 7 SP1 with TLS 1.2 on: no ECDHE_RSA suite with GCM (its forward-secret GCM
     * suites are DHE_RSA, from KB2992611). Extensions from SSL Labs' "IE 11 Win 7". */
    [WINDOWS_7] = { "7", "Windows 7", 0x0303, 0x0303, 0, SUITES_7, LIST(0x0017, 0x0018), SIGALGS_7,
                    COMMON_EXTENSIONS, CERT_RSA | CERT_DSA | CERT_ECDSA },
    /* Windows 8.1: the same suites as 7; extensions from SSL Labs' "IE 11 Win 8.1" without
     * the browser's own (ALPN, NPN). */
    [WINDOWS_8_1] = { "8.1", "Windows 8.1", 0x0303, 0x0303, 0, SUITES_7, LIST(0x0017, 0x0018), SIGALGS_8_1,
                      COMMON_EXTENSIONS | HELLO_SESSION_TICKET, CERT_RSA | CERT_DSA | CERT_ECDSA },
    /* Windows 10 1903 to 21H2 (22H2 drops the two DHE and the 3DES suite); curves x25519,
     * P-256, P-384; extensions from SSL Labs' "Edge 17 (Win 10)" without ALPN and token
     * binding. */
    [WINDOWS_10] = { "10", "Windows 10", 0x0303, 0x0303, 0,
                     LIST(0xC02C, 0xC02B, 0xC030, 0xC02F, 0x009F, 0x009E, 0xC024, 0xC023, 0xC028, 0xC027, 0xC00A,
                          0xC009, 0xC014, 0xC013, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x000A),
                     LIST(0x001D, 0x0017, 0x0018), SIGALGS_10, COMMON_EXTENSIONS | HELLO_SESSION_TICKET,
                     CERT_RSA | CERT_ECDSA | CERT_RSA_PSS },
    /* Windows 11 22H2 and later: TLS 1.3 first, then Windows 10's TLS 1.2 list without DHE
     * and 3DES. No capture of its TLS 1.3 hello is published: the TLS 1.3 extensions are
     * those RFC 8446 requires, with RSA-PSS added to Windows 10's signature algorithms. */
    [WINDOWS_11] = { "11", "Windows 11", 0x0303, 0x0303, 1,
                     LIST(0x1302, 0x1301, 0xC02C, 0xC02B, 0xC030, 0xC02F, 0xC024, 0xC023, 0xC028, 0xC027, 0xC00A,
                          0xC009, 0xC014, 0xC013, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F),
                     LIST(0x001D, 0x0017, 0x0018),
                     LIST(0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0201, 0x0403, 0x0503, 0x0203, 0x0601, 0x0603),
                     COMMON_EXTENSIONS | HELLO_SESSION_TICKET, CERT_RSA | CERT_ECDSA | CERT_RSA_PSS },
};

const struct windows_client *windows_client_get(enum windows_client_id id)
{
    return (unsigned)id < WINDOWS_CLIENT_COUNT ? &clients[id] : NULL;
}

int windows_client_find(const char *id)
{
    int i;
    for (i = 0; i < WINDOWS_CLIENT_COUNT; i++)
        if (text_equal_nocase(clients[i].id, id))
            return i;
    return -1;
}

enum windows_client_id windows_client_for_os(const struct os_info *os)
{
    if (os->major < 6)
        return os->major == 5 && os->minor == 1 ? WINDOWS_XP : WINDOWS_2003;
    if (os->major == 6)
        return os->minor == 0 ? WINDOWS_VISTA : os->minor == 1 ? WINDOWS_7 : WINDOWS_8_1;
    /* Windows 11 reports 10.0, with build 22000 or later. */
    return os->build >= 22000 ? WINDOWS_11 : WINDOWS_10;
}

static void copy_list(uint16_t *to, size_t max, size_t *count, const uint16_t *from, size_t from_count)
{
    *count = from_count < max ? from_count : max;
    if (*count)
        memcpy(to, from, *count * sizeof(*to));
}

void windows_client_hello(const struct windows_client *client, struct hello_spec *spec)
{
    memset(spec, 0, sizeof(*spec));
    spec->record_version = client->record_version;
    spec->client_version = client->client_version;
    spec->offers_tls13 = client->offers_tls13;
    copy_list(spec->suites, HELLO_MAX_SUITES, &spec->suite_count, client->suites, client->suite_count);
    copy_list(spec->groups, HELLO_MAX_GROUPS, &spec->group_count, client->groups, client->group_count);
    copy_list(spec->sigalgs, HELLO_MAX_SIGALGS, &spec->sigalg_count, client->sigalgs, client->sigalg_count);
    spec->extensions = client->extensions;
}

/* How far a suite is from what XP has: RSA key exchange with CBC first, then what adds
 * one thing (GCM, or ECDHE with CBC, or DHE), then several. Among equals ECDHE comes
 * before DHE, which servers use less and configure wrong more often (a DHE suite without
 * DH parameters ends the handshake with an internal error). */
static unsigned distance_from_xp(const struct cipher_suite *suite)
{
    unsigned needs = cipher_suite_needs(suite), distance = 0;
    while (needs) {
        distance += needs & 1u;
        needs >>= 1;
    }
    return 2 * distance + (suite->kx == KX_DHE);
}

void hello_offering_everything(struct hello_spec *spec)
{
    static const uint16_t groups[] = { 0x001D, 0x0017, 0x0018, 0x0019 };
    static const uint16_t sigalgs[] = { 0x0401, 0x0501, 0x0601, 0x0804, 0x0805, 0x0806, 0x0403, 0x0503,
                                        0x0603, 0x0201, 0x0203, 0x0202 };
    unsigned distance;
    size_t i;
    memset(spec, 0, sizeof(*spec));
    spec->record_version = 0x0301;
    spec->client_version = 0x0303;
    for (distance = 0; distance <= 2 * 7 + 1; distance++)
        for (i = 0; cipher_suite_at(i); i++) {
            const struct cipher_suite *suite = cipher_suite_at(i);
            if (suite->min_version <= 0x0303 && distance_from_xp(suite) == distance &&
                spec->suite_count < HELLO_MAX_SUITES)
                spec->suites[spec->suite_count++] = suite->id;
        }
    copy_list(spec->groups, HELLO_MAX_GROUPS, &spec->group_count, groups, sizeof(groups) / sizeof(groups[0]));
    copy_list(spec->sigalgs, HELLO_MAX_SIGALGS, &spec->sigalg_count, sigalgs, sizeof(sigalgs) / sizeof(sigalgs[0]));
    spec->extensions = COMMON_EXTENSIONS;
}
