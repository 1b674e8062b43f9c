/* /test's conclusion: from the default handshake, the per-protocol probes, the registry
 * and the Windows version, a report in plain words with the fix, and the verdict. */
#ifndef TLSSWITCH_DIAGNOSIS_H
#define TLSSWITCH_DIAGNOSIS_H

#include "../tls/compatibility.h"
#include "../tls/handshake_report.h"
#include "../text/messages.h"
#include "../tls/osinfo.h"
#include "../registry/settings.h"
#include "target.h"

/* The probes /test makes besides the default handshake, in this order. */
enum { PROBE_TLS10, PROBE_TLS11, PROBE_TLS12, PROBE_COUNT };

struct test_facts {
    struct target target;
    unsigned timeout_seconds;
    struct handshake_report verdict;              /* default protocols, as old mail programs */
    struct handshake_report probe[PROBE_COUNT];   /* explicit TLS 1.0, 1.1, 1.2 */
    struct schannel_settings settings;
    struct os_info os;
    struct compatibility compat;                  /* the simulated handshakes */
};

/* The security product whose mail shield issued this certificate ("Avast", ...), or NULL. */
const char *interceptor_name(const char *issuer);

/* Writes the report and returns 1 when the verdict is OK, 0 when it is FAILED. The last
 * line is the verdict: "OK: TLS 1.2", "FAILED: TLS 1.2" (TLS worked, something else did
 * not) or "FAILED"; these words are the same in every language, for scripts. */
int diagnose(const struct test_facts *facts, enum language language, const char *version, struct strbuf *out);

/* Who reads the advice: the command line names the command that fixes it, the window
 * names its button. */
enum audience { AUDIENCE_COMMAND_LINE, AUDIENCE_WINDOW };

/* When no setting of this Windows can help: the /relay add that lets TLS Switch's relay
 * reach `target` for the mail program, or the window's button that does it (nothing for
 * a target that is no mail way). Returns 1 when it said so. */
int diagnose_relay_suggestion(const struct target *target, enum language language, enum audience audience,
                              struct strbuf *out);

/* Only the plain-words part of that report ("What this means"), as the window shows it
 * above the details; returns the same 1 or 0. *relay_helps (when not NULL) becomes 1 when
 * it ends in the relay's suggestion (the window then offers its button), else 0. */
int diagnose_conclusion(const struct test_facts *facts, enum language language, enum audience audience,
                        struct strbuf *out, int *relay_helps);

/* /as WINDOWS: what one Windows meets, simulated. */
struct as_facts {
    struct target target;
    enum windows_client_id windows;
    unsigned timeout_seconds;
    struct hello_spec hello;
    struct simulation sim;
    int ran_everything;            /* when the Windows failed: a hello offering every suite */
    struct simulation everything;
};

/* The whole /as report; the last line is "OK: TLS 1.2" or "FAILED", as /test's. Returns 1
 * for OK. The window shows the part after "What this means" with diagnose_as_conclusion. */
int diagnose_as(const struct as_facts *facts, enum language language, const char *version, struct strbuf *out);
int diagnose_as_conclusion(const struct as_facts *facts, enum language language, enum audience audience,
                           struct strbuf *out, int *relay_helps);

#endif
