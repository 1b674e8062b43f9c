/* /status: everything it knows, and the text and CSV it prints from that. */
#ifndef TLSSWITCH_REPORT_H
#define TLSSWITCH_REPORT_H

#include "cipher_policy.h"
#include "../text/messages.h"
#include "../tls/osinfo.h"
#include "settings.h"
#include "../text/text.h"

/* What the probe of one protocol found (src/win32/schannel_probe.c). */
enum probe_result {
    PROBE_OFFERED,     /* Schannel built a ClientHello for exactly this version */
    PROBE_REFUSED,     /* Schannel would not offer this version */
    PROBE_FAILED       /* the probe itself could not run */
};

/* Whether this Windows can speak a protocol, as the user is told. */
enum os_support {
    SUPPORT_YES,
    SUPPORT_NO,
    SUPPORT_REGISTRY_OFF,   /* refused, but Enabled=0 may be why: cannot tell */
    SUPPORT_UNKNOWN
};

struct status_report {
    struct os_info os;
    struct schannel_settings settings;
    enum probe_result probe[PROTOCOL_COUNT];
    int have_ciphers;                   /* the cipher settings were read */
    struct cipher_policy ciphers;
};

/* The cipher settings: what each one that turns something off removes from this
 * Windows' suites, and how many it has left. */
void report_cipher_settings(const struct status_report *report, enum language language, struct strbuf *out);

enum os_support report_support(const struct status_report *report, enum protocol_id id);

/* "yes", "no" or "unknown": the CSV words, a script contract. */
const char *os_support_csv(enum os_support support);

/* The one sentence about TLS 1.2 that tells a user whether old mail programs can use it. */
enum message_id report_verdict(const struct status_report *report);

/* The probe results as the internal /probes child prints them for the window, one
 * "tls1.2 offered" line per protocol, and back again. A protocol that is missing or
 * unreadable in the text reads as PROBE_FAILED (support unknown). */
void probe_results_write(const enum probe_result probe[PROTOCOL_COUNT], struct strbuf *out);
void probe_results_read(const char *text, enum probe_result probe[PROTOCOL_COUNT]);

/* The protocol table, as /status prints it and the window lists it: protocol, Enabled,
 * DisabledByDefault, what it means for programs, whether this Windows supports it. */
enum { REPORT_COLUMNS = 5, REPORT_CELL = 96 };
void report_table_heading(enum language language, char cells[REPORT_COLUMNS][REPORT_CELL]);
void report_table_row(const struct status_report *report, enum protocol_id id, enum language language,
                      char cells[REPORT_COLUMNS][REPORT_CELL]);

/* What a change means, one line per protocol whose use by programs changes:
 * "  TLS 1.2: used by default (now: only when a program asks)". Nothing when no
 * protocol's use changes (only the form of its values). */
void report_settings_change(const struct schannel_settings *before, const struct schannel_settings *after,
                            enum language language, struct strbuf *out);

void report_status_text(struct strbuf *out, const struct status_report *report,
                        enum language language, const char *version);
void report_status_csv(struct strbuf *out, const struct status_report *report);

#endif
