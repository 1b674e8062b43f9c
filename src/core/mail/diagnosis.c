/* The diagnosis rules, most specific first. Each names what is wrong and the fix. */
#include "diagnosis.h"
#include "../text/errnames.h"
#include "../registry/report.h"
#include "../tls/tls_suites.h"
#include "../tls/tlswire.h"

#include <stdio.h>
#include <string.h>

#define CERT_E_EXPIRED 0x800B0101ul
#define CERT_E_UNTRUSTEDROOT 0x800B0109ul
#define CERT_E_CHAINING 0x800B010Aul
#define CERT_E_CN_NO_MATCH 0x800B010Ful

static const enum protocol_id probe_protocol[PROBE_COUNT] = { PROTOCOL_TLS10, PROTOCOL_TLS11, PROTOCOL_TLS12 };

const char *interceptor_name(const char *issuer)
{
    static const struct { const char *needle; const char *name; } products[] = {
        { "avast", "Avast" }, { "avg ", "AVG" }, { "avg\t", "AVG" }, { "eset", "ESET" },
        { "kaspersky", "Kaspersky" }, { "bitdefender", "Bitdefender" }, { "norton", "Norton" },
        { "mcafee", "McAfee" }, { "trend micro", "Trend Micro" },
    };
    char lower[sizeof(((struct handshake_report *)0)->issuer) + 1];
    size_t i, n = strlen(issuer);
    if (n >= sizeof(lower) - 1)
        n = sizeof(lower) - 2;
    for (i = 0; i < n; i++)
        lower[i] = text_ascii_lower(issuer[i]);
    lower[n] = ' ';          /* so "AVG" at the very end still matches "avg " */
    lower[n + 1] = '\0';
    for (i = 0; i < sizeof(products) / sizeof(products[0]); i++)
        if (strstr(lower, products[i].needle))
            return products[i].name;
    return NULL;
}


/* A short phrase for what happened: "works", "connection refused", ... */
static void describe_outcome(const struct handshake_report *report, enum language language, struct strbuf *out)
{
    outcome_describe(report->outcome, report->step, report->status, report->alert, language, out);
}

/* A refusal by the server, as opposed to a failure to reach or understand it. */
static int refused_by_server(const struct handshake_report *report)
{
    return report->outcome == OUTCOME_ALERT || report->outcome == OUTCOME_CLOSED ||
           (report->outcome == OUTCOME_HANDSHAKE_ERROR);
}

static void describe_probe(const struct test_facts *facts, int probe, enum language language, struct strbuf *out)
{
    const struct handshake_report *report = &facts->probe[probe];
    const struct protocol_setting *setting = &facts->settings.protocol[probe_protocol[probe]];
    struct strbuf reason;
    if (report->outcome == OUTCOME_OK || report->outcome == OUTCOME_MAIL_FAILED) {
        strbuf_append(out, message_text(language, MSG_PROBE_WORKS));
        return;
    }
    if (report->outcome == OUTCOME_NOTHING_TO_OFFER) {
        strbuf_append(out, message_text(language, setting_effective_use(setting) == EFFECTIVE_OFF
                                                      ? MSG_PROBE_REGISTRY_OFF
                                                      : MSG_PROBE_UNSUPPORTED));
        return;
    }
    if (refused_by_server(report)) {
        strbuf_append(out, message_text(language, MSG_PROBE_REFUSED));
        return;
    }
    strbuf_init(&reason);
    describe_outcome(report, language, &reason);
    strbuf_printf(out, message_text(language, MSG_PROBE_FAILED), reason.failed ? "" : reason.data);
    strbuf_free(&reason);
}

static const char *name_or(const char *name, const char *fallback)
{
    return name ? name : fallback;
}

/* The handshake whose details to show: the default one, or else a probe that worked. */
static const struct handshake_report *connected_report(const struct test_facts *facts)
{
    int probe;
    if (facts->verdict.protocol)
        return &facts->verdict;
    for (probe = PROBE_COUNT - 1; probe >= 0; probe--)
        if (facts->probe[probe].protocol)
            return &facts->probe[probe];
    return NULL;
}

static void describe_connection(const struct handshake_report *report, const char *host, enum language language,
                                struct strbuf *out)
{
    strbuf_printf(out, message_text(language, MSG_TEST_CONNECTION),
                  name_or(protocol_name_for_flag(report->protocol), "?"), name_or(algorithm_name(report->cipher), "?"),
                  report->cipher_bits, name_or(algorithm_name(report->hash), "?"),
                  name_or(algorithm_name(report->exchange), "?"));
    if (report->have_certificate) {
        strbuf_printf(out, message_text(language, MSG_TEST_CERTIFICATE), report->subject, report->issuer,
                      report->not_before, report->not_after, report->thumbprint);
        if (report->chain_error == 0) {
            strbuf_printf(out, message_text(language, MSG_TEST_CHAIN_OK), host);
        } else {
            char code[96];
            windows_error_code(report->chain_error, code, sizeof(code));
            strbuf_printf(out, message_text(language, MSG_TEST_CHAIN_BAD), code);
        }
    }
}

/* The certificate findings of a handshake that worked; returns 1 when they fail it. */
static int diagnose_certificate(const struct test_facts *facts, const struct handshake_report *report,
                                enum language language, struct strbuf *out)
{
    const char *interceptor = report->have_certificate ? interceptor_name(report->issuer) : NULL;
    if (interceptor)
        strbuf_printf(out, message_text(language, MSG_DIAG_INTERCEPTED), interceptor, report->issuer);
    switch (report->chain_error) {
    case 0:
        return 0;
    case CERT_E_UNTRUSTEDROOT:
    case CERT_E_CHAINING:
        strbuf_printf(out, message_text(language, MSG_DIAG_CERT_UNTRUSTED), report->issuer);
        return 1;
    case CERT_E_EXPIRED:
        strbuf_printf(out, message_text(language, MSG_DIAG_CERT_EXPIRED), report->not_after);
        return 1;
    case CERT_E_CN_NO_MATCH:
        /* The names it is for, as mail programs' warnings list them; the subject where
         * they could not be read. */
        strbuf_printf(out, message_text(language, MSG_DIAG_CERT_NAME), facts->target.host,
                      report->names[0] ? report->names : report->subject);
        return 1;
    default: {
        char code[96];
        windows_error_code(report->chain_error, code, sizeof(code));
        strbuf_printf(out, message_text(language, MSG_DIAG_CERT_OTHER), code);
        return 1;
    }
    }
}

/* The advice that names a fix, in the words of the one who reads it. */
static const char *advice(enum language language, enum audience audience, enum message_id id)
{
    static const enum message_id window_words[][2] = {
        { MSG_DIAG_NOT_DEFAULT, MSG_DIAG_NOT_DEFAULT_WINDOW },
        { MSG_DIAG_TLS12_OFF, MSG_DIAG_TLS12_OFF_WINDOW },
        { MSG_DIAG_NO_TLS12_XP, MSG_DIAG_NO_TLS12_XP_WINDOW },
        { MSG_DIAG_NO_TLS12_VISTA, MSG_DIAG_NO_TLS12_VISTA_WINDOW },
    };
    size_t i;
    for (i = 0; audience == AUDIENCE_WINDOW && i < sizeof(window_words) / sizeof(window_words[0]); i++)
        if (window_words[i][0] == id)
            id = window_words[i][1];
    return message_text(language, id);
}

/* A connection that never got as far as TLS, or a server that is not a TLS mail server:
 * the same words for /test and /as. Returns 1 when it wrote the conclusion. */
static int diagnose_connection(const struct target *target, enum outcome outcome, const char *reply, unsigned timeout,
                               enum language language, struct strbuf *out)
{
    switch (outcome) {
    case OUTCOME_HOST_NOT_FOUND:
        strbuf_printf(out, message_text(language, MSG_DIAG_HOST_NOT_FOUND), target->host);
        return 1;
    case OUTCOME_REFUSED:
        strbuf_printf(out, message_text(language, MSG_DIAG_REFUSED), target->host, target->port);
        return 1;
    case OUTCOME_CONNECT_TIMEOUT:
        strbuf_printf(out, message_text(language, MSG_DIAG_CONNECT_TIMEOUT), target->host, target->port, timeout);
        return 1;
    case OUTCOME_PLAINTEXT: {
        const char *scheme = target_starttls_scheme_for_port(
            target->port, plaintext_banner((const unsigned char *)reply, strlen(reply)));
        strbuf_printf(out, message_text(language, MSG_DIAG_PLAINTEXT), target->port, scheme ? scheme : "smtp",
                      target->host, target->port);
        return 1;
    }
    case OUTCOME_STARTTLS_REFUSED:
        strbuf_printf(out, message_text(language, MSG_DIAG_STARTTLS_REFUSED), reply);
        return 1;
    default:
        return 0;
    }
}

/* A server that broke off or sent what no TLS server sends. */
static int diagnose_broken_answer(enum outcome outcome, unsigned timeout, enum language language, struct strbuf *out)
{
    switch (outcome) {
    case OUTCOME_TIMEOUT:
        strbuf_printf(out, message_text(language, MSG_DIAG_TIMEOUT), timeout);
        return 1;
    case OUTCOME_NOT_TLS:
        strbuf_append(out, message_text(language, MSG_DIAG_NOT_TLS));
        return 1;
    case OUTCOME_OVERSIZED:
        strbuf_append(out, message_text(language, MSG_DIAG_OVERSIZED));
        return 1;
    case OUTCOME_BAD_TLS:
        strbuf_append(out, message_text(language, MSG_DIAG_BAD_TLS));
        return 1;
    case OUTCOME_CLOSED:
        strbuf_append(out, message_text(language, MSG_DIAG_CLOSED));
        return 1;
    case OUTCOME_SILENT:
        strbuf_printf(out, message_text(language, MSG_DIAG_SILENT), timeout);
        return 1;
    default:
        return 0;
    }
}

/* Why the default handshake failed, from what the probes found. */
static void diagnose_handshake_failure(const struct test_facts *facts, enum language language,
                                       enum audience audience, struct strbuf *out)
{
    const struct handshake_report *verdict = &facts->verdict, *tls12 = &facts->probe[PROBE_TLS12];
    const struct protocol_setting *tls12_setting = &facts->settings.protocol[PROTOCOL_TLS12];
    int any_probe_answered = 0, probe;

    for (probe = 0; probe < PROBE_COUNT; probe++)
        if (facts->probe[probe].outcome == OUTCOME_OK || refused_by_server(&facts->probe[probe]))
            any_probe_answered = 1;

    if (tls12->outcome == OUTCOME_OK || tls12->outcome == OUTCOME_MAIL_FAILED) {
        enum effective_use use = setting_effective_use(tls12_setting);
        if (use == EFFECTIVE_DEFAULT || (use == EFFECTIVE_OSDEFAULT && os_uses_tls12_by_default(&facts->os)))
            strbuf_append(out, message_text(language, MSG_DIAG_RESTART));
        else
            strbuf_append(out, advice(language, audience, MSG_DIAG_NOT_DEFAULT));
        return;
    }
    if (tls12->outcome == OUTCOME_NOTHING_TO_OFFER && any_probe_answered) {
        if (setting_effective_use(tls12_setting) == EFFECTIVE_OFF)
            strbuf_append(out, advice(language, audience, MSG_DIAG_TLS12_OFF));
        else if (os_is_xp(&facts->os))
            strbuf_append(out, advice(language, audience, MSG_DIAG_NO_TLS12_XP));
        else if (facts->os.major == 6 && facts->os.minor == 0)
            strbuf_append(out, advice(language, audience, MSG_DIAG_NO_TLS12_VISTA));
        else
            strbuf_append(out, message_text(language, MSG_DIAG_NO_TLS12));
        return;
    }
    if (tls12->outcome == OUTCOME_ALERT &&
        (tls12->alert == TLS_ALERT_HANDSHAKE_FAILURE || tls12->alert == TLS_ALERT_INSUFFICIENT_SECURITY)) {
        strbuf_append(out, message_text(language, MSG_DIAG_NO_SHARED_CIPHER));
        return;
    }
    if (!diagnose_broken_answer(verdict->outcome, facts->timeout_seconds, language, out)) {
        struct strbuf reason;
        strbuf_init(&reason);
        describe_outcome(verdict, language, &reason);
        strbuf_printf(out, message_text(language, MSG_DIAG_HANDSHAKE), reason.failed ? "" : reason.data);
        strbuf_free(&reason);
    }
}

int diagnose_relay_suggestion(const struct target *target, enum language language, enum audience audience,
                              struct strbuf *out)
{
    char url[300];
    /* The relay takes mail ways only, named by their scheme. */
    if (target->mail == MAIL_NONE || !target->scheme[0])
        return 0;
    target_describe(target, url, sizeof(url));
    strbuf_printf(out, message_text(language, audience == AUDIENCE_WINDOW ? MSG_GUI_RELAY_SUGGEST : MSG_RELAY_SUGGEST),
                  url);
    return 1;
}

static void set_flag(int *flag, int value)
{
    if (flag)
        *flag = value;
}

int diagnose_conclusion(const struct test_facts *facts, enum language language, enum audience audience,
                        struct strbuf *out, int *relay_helps)
{
    const struct handshake_report *verdict = &facts->verdict;
    int ok = 0;

    set_flag(relay_helps, 0);
    if (diagnose_connection(&facts->target, verdict->outcome, verdict->reply, facts->timeout_seconds, language, out))
        return 0;
    /* On XP, XP x64 and Vista, what this Windows' own Schannel cannot do decides, whatever
     * this PC's handshake did: under Wine it is stronger than theirs. */
    {
        int said = compatibility_conclusion(&facts->compat, language, out);
        if (said == COMPATIBILITY_NO_SETTING_HELPS)
            set_flag(relay_helps, diagnose_relay_suggestion(&facts->target, language, audience, out));
        if (said)
            return 0;
    }
    switch (verdict->outcome) {
    case OUTCOME_MAIL_FAILED:
        strbuf_printf(out, message_text(language, MSG_DIAG_MAIL_FAILED), verdict->reply);
        break;
    case OUTCOME_OK:
        ok = !diagnose_certificate(facts, verdict, language, out);
        /* Where this Windows' own simulation decides, it must have answered, and the
         * certificate the server gives that hello must be for this host and valid. */
        if (ok && compatibility_unknown(&facts->compat, language, out))
            ok = 0;
        if (ok && compatibility_certificate_conclusion(&facts->compat, facts->target.host, language, out))
            ok = 0;
        if (ok)
            strbuf_printf(out, message_text(language, facts->target.mail == MAIL_NONE ? MSG_DIAG_OK_NO_MAIL : MSG_DIAG_OK),
                          name_or(protocol_name_for_flag(verdict->protocol), "TLS"));
        break;
    default:
        diagnose_handshake_failure(facts, language, audience, out);
        break;
    }
    return ok;
}

int diagnose_as_conclusion(const struct as_facts *facts, enum language language, enum audience audience,
                           struct strbuf *out, int *relay_helps)
{
    const struct windows_client *windows = windows_client_get(facts->windows);
    const struct simulation *sim = &facts->sim;
    char spare[8];

    set_flag(relay_helps, 0);
    if (diagnose_connection(&facts->target, sim->outcome, sim->reply, facts->timeout_seconds, language, out))
        return 0;
    if (sim->verdict == SIM_USABLE && simulation_known(sim)) {
        int certificate_bad;
        strbuf_printf(out, message_text(language, MSG_DIAG_AS_OK), windows->name, tls_version_name(sim->version),
                      cipher_suite_name(sim->suite, spare));
        certificate_bad = compatibility_certificate_words(sim, windows, &facts->hello, facts->target.host, language, out);
        /* TLS 1.1 and 1.2 are not in the default set of XP, Vista and 7. */
        if (sim->version >= 0x0302 && facts->windows <= WINDOWS_7)
            strbuf_append(out, message_text(language, MSG_DIAG_AS_NEEDS_DEFAULT));
        if (certificate_bad)
            return 0;
        if (sim->certificate_checked)
            strbuf_printf(out, message_text(language, MSG_DIAG_AS_CERT_CHECKED), facts->target.host);
        else
            strbuf_append(out, message_text(language, MSG_DIAG_AS_CERT_NOT_CHECKED));
        return 1;
    }
    {
        int said = compatibility_explain(sim, facts->ran_everything ? &facts->everything : NULL, windows, language, out);
        if (said == COMPATIBILITY_NO_SETTING_HELPS)
            set_flag(relay_helps, diagnose_relay_suggestion(&facts->target, language, audience, out));
        if (said)
            return 0;
    }
    if (sim->outcome == OUTCOME_NOTHING_TO_OFFER) {
        strbuf_printf(out, message_text(language, MSG_DIAG_CIPHERS_OFF_ALL), windows->name);
        return 0;
    }
    if (!diagnose_broken_answer(sim->outcome, facts->timeout_seconds, language, out)) {
        /* No answer that says anything: it is not known, and the step that failed is named. */
        struct strbuf phrase;
        strbuf_init(&phrase);
        compatibility_outcome_words(sim, language, &phrase);
        strbuf_printf(out, message_text(language, MSG_DIAG_SIM_UNKNOWN), windows->name,
                      phrase.failed ? "" : phrase.data);
        strbuf_free(&phrase);
    }
    return 0;
}

int diagnose_as(const struct as_facts *facts, enum language language, const char *version, struct strbuf *out)
{
    const struct windows_client *windows = windows_client_get(facts->windows);
    const struct simulation *sim = &facts->sim;
    char described[300];
    struct strbuf phrase;
    int ok;

    target_describe(&facts->target, described, sizeof(described));
    strbuf_printf(out, message_text(language, MSG_AS_TITLE), version, described, windows->name);
    strbuf_printf(out, message_text(language, MSG_AS_OFFERED),
                  tls_version_name(facts->hello.offers_tls13 ? 0x0304 : facts->hello.client_version),
                  (unsigned)facts->hello.suite_count);
    compatibility_suite_list(facts->hello.suites, facts->hello.suite_count, out);
    strbuf_init(&phrase);
    compatibility_describe(sim, language, &phrase);
    strbuf_printf(out, message_text(language, MSG_AS_ANSWER), phrase.failed ? "" : phrase.data);
    strbuf_free(&phrase);
    if (sim->have_certificate) {
        const char *signature = certificate_algorithm_name(sim->leaf.signature);
        if (sim->leaf.key_bits)
            strbuf_printf(out, message_text(language, MSG_AS_CERTIFICATE_BITS), certificate_algorithm_name(sim->leaf.key),
                          sim->leaf.key_bits, signature);
        else
            strbuf_printf(out, message_text(language, MSG_AS_CERTIFICATE), certificate_algorithm_name(sim->leaf.key),
                          signature);
    }
    if (facts->ran_everything) {
        strbuf_init(&phrase);
        compatibility_describe(&facts->everything, language, &phrase);
        strbuf_printf(out, message_text(language, MSG_AS_EVERYTHING), phrase.failed ? "" : phrase.data);
        strbuf_free(&phrase);
    }
    if (sim->reply[0])
        strbuf_printf(out, message_text(language, MSG_TEST_REPLY), sim->reply);
    strbuf_append(out, message_text(language, MSG_TEST_DIAGNOSIS));
    ok = diagnose_as_conclusion(facts, language, AUDIENCE_COMMAND_LINE, out, NULL);
    strbuf_append(out, "\n");
    if (ok)
        strbuf_printf(out, message_text(language, MSG_VERDICT_OK_LINE), tls_version_name(sim->version));
    else if (sim->verdict == SIM_USABLE && simulation_known(sim))   /* TLS worked; its certificate did not */
        strbuf_printf(out, message_text(language, MSG_VERDICT_FAILED_PROTOCOL), tls_version_name(sim->version));
    else
        strbuf_append(out, message_text(language, MSG_VERDICT_FAILED_LINE));
    return ok;
}

int diagnose(const struct test_facts *facts, enum language language, const char *version, struct strbuf *out)
{
    const struct handshake_report *verdict = &facts->verdict, *connected;
    const struct target *target = &facts->target;
    struct strbuf phrase;
    char described[300];
    int probe, ok = 0;

    target_describe(target, described, sizeof(described));
    strbuf_printf(out, message_text(language, MSG_TEST_TITLE), version, described);
    strbuf_init(&phrase);
    describe_outcome(verdict, language, &phrase);
    strbuf_printf(out, message_text(language, MSG_TEST_DEFAULT_LINE), phrase.failed ? "" : phrase.data);
    strbuf_free(&phrase);
    strbuf_append(out, message_text(language, MSG_TEST_PROBES_TITLE));
    for (probe = 0; probe < PROBE_COUNT; probe++) {
        strbuf_printf(out, "  %-8s ", protocol_get(probe_protocol[probe])->key_name);
        describe_probe(facts, probe, language, out);
        strbuf_append(out, "\n");
    }
    connected = connected_report(facts);
    if (connected)
        describe_connection(connected, target->host, language, out);
    if (verdict->reply[0])
        strbuf_printf(out, message_text(language, MSG_TEST_REPLY), verdict->reply);
    compatibility_section(&facts->compat, language, out);

    strbuf_append(out, message_text(language, MSG_TEST_DIAGNOSIS));
    ok = diagnose_conclusion(facts, language, AUDIENCE_COMMAND_LINE, out, NULL);
    strbuf_append(out, "\n");
    if (ok)
        strbuf_printf(out, message_text(language, MSG_VERDICT_OK_LINE),
                      name_or(protocol_name_for_flag(verdict->protocol), "TLS"));
    else if (verdict->protocol && protocol_name_for_flag(verdict->protocol))
        strbuf_printf(out, message_text(language, MSG_VERDICT_FAILED_PROTOCOL), protocol_name_for_flag(verdict->protocol));
    else
        strbuf_append(out, message_text(language, MSG_VERDICT_FAILED_LINE));
    return ok;
}
