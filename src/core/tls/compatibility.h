/* "Which Windows can use this server": the simulated handshakes of /test and /as, what
 * they mean, and the rule that keeps a verdict about XP true under Wine. Wine's Schannel
 * offers ECDHE, AES-GCM and ChaCha20, which XP's does not: a handshake that works there
 * proves nothing for XP. So on XP, XP x64 and Vista (by the version Windows reports) the
 * verdict also needs this Windows' own simulation, from its row of windows_clients.c and
 * its registry's cipher settings, to succeed; on a real XP the two agree. When it cannot
 * succeed, no registry setting helps, and the report says what works instead. */
#ifndef TLSSWITCH_COMPATIBILITY_H
#define TLSSWITCH_COMPATIBILITY_H

#include "../registry/cipher_policy.h"
#include "../text/messages.h"
#include "simulation.h"
#include "../mail/target.h"
#include "../text/text.h"
#include "windows_clients.h"

/* The Windows /test shows, in this order. */
#define COMPATIBILITY_SHOWN_COUNT 4
extern const enum windows_client_id compatibility_shown[COMPATIBILITY_SHOWN_COUNT];

struct compatibility {
    int ran;                                   /* the simulations ran */
    enum windows_client_id this_windows;       /* the row of the Windows that is running */
    struct cipher_policy policy;               /* its registry's cipher settings */
    struct hello_spec this_hello;              /* its row's hello, with those settings */
    struct simulation this_sim;
    struct simulation row[WINDOWS_CLIENT_COUNT];   /* the rows as they are, for the list */
    unsigned rows_ran;                             /* bit per windows_client_id */
    struct simulation everything;              /* a hello offering every suite: what the server wants */
    int have_own_hello;                        /* this PC's Schannel's own ClientHello, captured */
    struct hello_spec own_hello;
    struct simulation own_sim;                 /* that hello, simulated */
};

/* Whether the verdict on this Windows needs its own simulation (XP, XP x64, Vista). */
int compatibility_must_agree(enum windows_client_id id);

/* The hello this Windows sends: its row, less what the registry's cipher settings remove
 * (the suite order policy only from Vista on). */
void compatibility_this_hello(enum windows_client_id id, const struct cipher_policy *policy, struct hello_spec *out);

/* The short phrase for how a connection ended ("connection refused", ...). */
enum message_id compatibility_outcome_phrase(enum outcome outcome);

/* A short phrase for a simulation: "yes: TLS 1.2, TLS_RSA_WITH_AES_128_CBC_SHA", ...; a
 * "yes" always with its version and suite, and what is wrong with its certificate. */
void compatibility_describe(const struct simulation *sim, enum language language, struct strbuf *out);

/* How a simulation that got no TLS answer ended, with the step that failed where one did. */
void compatibility_outcome_words(const struct simulation *sim, enum language language, struct strbuf *out);

/* The section of /test's report: one line per Windows shown, and this PC's own hello. */
void compatibility_section(const struct compatibility *c, enum language language, struct strbuf *out);

/* When this Windows must agree and cannot use the server whatever the registry's protocol
 * settings say, writes why and what to do instead, and returns 1; otherwise 0. */
int compatibility_conclusion(const struct compatibility *c, enum language language, struct strbuf *out);

/* When this Windows must agree and its own simulation tells nothing (it never ended, or
 * got no TLS answer), writes that its verdict is not known and returns 1; else 0. A
 * handshake of this PC's that worked does not speak for it. */
int compatibility_unknown(const struct compatibility *c, enum language language, struct strbuf *out);

/* What is wrong with the certificate a usable simulated handshake of `row` got (for the
 * name `host` and today's date), in words; 1 when something is, else 0 and nothing. */
int compatibility_certificate_words(const struct simulation *sim, const struct windows_client *row,
                                    const struct hello_spec *hello, const char *host, enum language language,
                                    struct strbuf *out);

/* The same for this Windows' own simulation, where it must agree (XP, XP x64, Vista). */
int compatibility_certificate_conclusion(const struct compatibility *c, const char *host, enum language language,
                                         struct strbuf *out);

/* Whether a failed simulation is worth a second one offering every suite (to name what
 * the server wants). */
int compatibility_wants_everything(const struct simulation *sim);

/* Suite names, wrapped into indented lines. */
void compatibility_suite_list(const uint16_t *suites, size_t count, struct strbuf *out);

/* "TLS 1.2" for 0x0303, ...; "?" when unknown. */
const char *tls_version_name(uint16_t version);

/* Why a Windows cannot use the server, and what works instead: the conclusion for a
 * simulation that reached the server and failed, with `everything` (when it ran) naming
 * what the server wants. Writes nothing and returns 0 for a connection that never got a
 * TLS answer. */
/* What the server's choice, offered every suite, needs that `row` does not have, in
 * words ("ECDHE key exchange, AES-GCM", or "TLS 1.3" when it refused every TLS 1.2
 * suite's version): appended, and 1; 0 when that says nothing. */
int compatibility_needs(const struct simulation *everything, const struct windows_client *row, enum language language,
                        struct strbuf *out);

/* compatibility_explain's answer (and compatibility_conclusion's) when what it said is that
 * no setting of this Windows can help: the relay can (diagnose_relay_suggestion). */
#define COMPATIBILITY_NO_SETTING_HELPS 2
int compatibility_explain(const struct simulation *sim, const struct simulation *everything,
                          const struct windows_client *windows, enum language language, struct strbuf *out);

#endif
