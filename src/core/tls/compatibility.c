/* The simulations' report and the rule for XP, XP x64 and Vista (see compatibility.h). */
#include "compatibility.h"
#include "tls_suites.h"

#include <string.h>

const enum windows_client_id compatibility_shown[COMPATIBILITY_SHOWN_COUNT] = {
    WINDOWS_XP, WINDOWS_VISTA, WINDOWS_7, WINDOWS_10,
};

int compatibility_must_agree(enum windows_client_id id)
{
    return id == WINDOWS_XP || id == WINDOWS_2003 || id == WINDOWS_VISTA;
}

void compatibility_this_hello(enum windows_client_id id, const struct cipher_policy *policy, struct hello_spec *out)
{
    windows_client_hello(windows_client_get(id), out);
    /* The suite order policy came with Vista. */
    cipher_policy_apply(policy, id >= WINDOWS_VISTA, out);
}

const char *tls_version_name(uint16_t version)
{
    switch (version) {
    case 0x0300: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
    default: return "?";
    }
}

int compatibility_wants_everything(const struct simulation *sim)
{
    return sim->outcome == OUTCOME_CLOSED ||
           (sim->outcome == OUTCOME_ALERT && sim->verdict != SIM_OTHER_ALERT) ||
           sim->verdict == SIM_NO_SHARED_SUITE || sim->verdict == SIM_VERSION_REFUSED ||
           sim->verdict == SIM_CERTIFICATE_UNUSABLE;
}


enum message_id compatibility_outcome_phrase(enum outcome outcome)
{
    /* A simulation has no Schannel: its few words where its endings differ. */
    switch (outcome) {
    case OUTCOME_NOTHING_TO_OFFER:
        return MSG_SIM_NO_SUITES_LEFT;
    case OUTCOME_HANDSHAKE_ERROR:
        return MSG_OUTCOME_BAD_TLS;
    case OUTCOME_MAIL_FAILED:   /* the mail dialogue before TLS: STARTTLS */
        return MSG_OUTCOME_STARTTLS_REFUSED;
    default:
        return outcome_message(outcome);
    }
}

void compatibility_outcome_words(const struct simulation *sim, enum language language, struct strbuf *out)
{
    enum message_id phrase = compatibility_outcome_phrase(sim->outcome);
    if (phrase != outcome_message(sim->outcome) || sim->verdict == SIM_NOT_RUN)
        strbuf_append(out, message_text(language, sim->verdict == SIM_NOT_RUN ? MSG_OUTCOME_NO_RESULT : phrase));
    else
        outcome_describe(sim->outcome, sim->step, sim->status, sim->alert, language, out);
}

/* "; but its certificate is for wrong.example": the first problem of a usable handshake's
 * certificate, after its "yes". */
static void describe_certificate_problem(const struct simulation *sim, enum language language, struct strbuf *out)
{
    char date[16];
    if (!sim->certificate_checked || !sim->certificate_problems)
        return;
    if (sim->certificate_problems & SIM_CERT_WRONG_NAME) {
        strbuf_printf(out, message_text(language, MSG_SIM_CERT_WRONG_NAME), sim->certificate_names);
    } else if (sim->certificate_problems & SIM_CERT_EXPIRED) {
        certificate_date_text(sim->leaf.not_after, date, sizeof(date));
        strbuf_printf(out, message_text(language, MSG_SIM_CERT_EXPIRED), date);
    } else {
        certificate_date_text(sim->leaf.not_before, date, sizeof(date));
        strbuf_printf(out, message_text(language, MSG_SIM_CERT_NOT_YET_VALID), date);
    }
}

void compatibility_describe(const struct simulation *sim, enum language language, struct strbuf *out)
{
    char spare[8];
    switch (sim->verdict) {
    case SIM_USABLE:
        /* A "yes" always names its version and suite: one without them says nothing. */
        if (!simulation_known(sim))
            break;
        strbuf_printf(out, message_text(language, MSG_SIM_YES), tls_version_name(sim->version),
                      cipher_suite_name(sim->suite, spare));
        describe_certificate_problem(sim, language, out);
        return;
    case SIM_NO_SHARED_SUITE:
        strbuf_append(out, message_text(language, MSG_SIM_NO_SUITE));
        return;
    case SIM_VERSION_REFUSED:
        strbuf_append(out, message_text(language, MSG_SIM_NO_VERSION));
        return;
    case SIM_CERTIFICATE_UNUSABLE:
        strbuf_printf(out, message_text(language, MSG_SIM_NO_CERTIFICATE), certificate_algorithm_name(sim->unusable));
        return;
    case SIM_SERVER_BROKE_RULES:
        strbuf_printf(out, message_text(language, MSG_SIM_BROKE_RULES), tls_version_name(sim->version),
                      cipher_suite_name(sim->suite, spare));
        return;
    case SIM_OTHER_ALERT:
        strbuf_printf(out, message_text(language, MSG_SIM_OTHER_ALERT), sim->alert);
        return;
    case SIM_NOT_RUN:
    case SIM_NO_ANSWER:
        break;
    }
    if (sim->verdict == SIM_NO_ANSWER && sim->outcome == OUTCOME_NOTHING_TO_OFFER) {
        strbuf_append(out, message_text(language, MSG_SIM_NO_SUITES_LEFT));
        return;
    }
    {
        struct strbuf phrase;
        strbuf_init(&phrase);
        if (sim->verdict == SIM_USABLE)
            strbuf_append(&phrase, message_text(language, MSG_OUTCOME_NO_RESULT));
        else
            compatibility_outcome_words(sim, language, &phrase);
        strbuf_printf(out, message_text(language, MSG_SIM_NOT_TESTED), phrase.failed ? "" : phrase.data);
        strbuf_free(&phrase);
    }
}

/* Suite names, wrapped into indented lines. */
void compatibility_suite_list(const uint16_t *suites, size_t count, struct strbuf *out)
{
    size_t i, column = 0;
    for (i = 0; i < count; i++) {
        char spare[8];
        const char *name = cipher_suite_name(suites[i], spare);
        size_t length = strlen(name);
        if (column == 0 || column + 2 + length > 96) {
            strbuf_append(out, column ? "\n    " : "    ");
            column = 4;
        } else {
            strbuf_append(out, ", ");
            column += 2;
        }
        strbuf_append(out, name);
        column += length;
    }
    if (count)
        strbuf_append(out, "\n");
}

/* The suites of `a` that `b` does not offer. */
static size_t suites_not_in(const struct hello_spec *a, const struct hello_spec *b, uint16_t *out)
{
    size_t i, count = 0;
    for (i = 0; i < a->suite_count; i++)
        if (!hello_offers_suite(b, a->suites[i]))
            out[count++] = a->suites[i];
    return count;
}

/* This PC's own hello against the table's row for this Windows, at the version it offers. */
static void own_hello_lines(const struct compatibility *c, enum language language, struct strbuf *out)
{
    const struct windows_client *row = windows_client_get(c->this_windows);
    struct hello_spec table;
    uint16_t extra[HELLO_MAX_SUITES], missing[HELLO_MAX_SUITES];
    size_t extra_count, missing_count, i, kept = 0;
    uint16_t version = c->own_hello.offers_tls13 ? 0x0304 : c->own_hello.client_version;

    strbuf_printf(out, message_text(language, MSG_SIM_OWN_HELLO), tls_version_name(version),
                  (unsigned)c->own_hello.suite_count);
    /* Compare with the row's suites that this version can use. */
    windows_client_hello(row, &table);
    for (i = 0; i < table.suite_count; i++) {
        const struct cipher_suite *suite = cipher_suite_find(table.suites[i]);
        if (!suite || suite->min_version <= version)
            table.suites[kept++] = table.suites[i];
    }
    table.suite_count = kept;
    extra_count = suites_not_in(&c->own_hello, &table, extra);
    missing_count = suites_not_in(&table, &c->own_hello, missing);
    if (extra_count == 0 && missing_count == 0) {
        strbuf_printf(out, message_text(language, MSG_SIM_OWN_SAME), row->name);
    } else {
        if (extra_count) {
            strbuf_printf(out, message_text(language, MSG_SIM_OWN_EXTRA), row->name, (unsigned)extra_count);
            compatibility_suite_list(extra, extra_count, out);
        }
        if (missing_count) {
            strbuf_printf(out, message_text(language, MSG_SIM_OWN_MISSING), row->name, (unsigned)missing_count);
            compatibility_suite_list(missing, missing_count, out);
        }
    }
    {
        struct strbuf phrase;
        strbuf_init(&phrase);
        compatibility_describe(&c->own_sim, language, &phrase);
        strbuf_printf(out, message_text(language, MSG_SIM_OWN_RESULT), phrase.failed ? "" : phrase.data);
        strbuf_free(&phrase);
    }
    /* Only when it is so: this PC's hello got a usable answer where this Windows' own did not. */
    if (compatibility_must_agree(c->this_windows) && extra_count && c->own_sim.verdict == SIM_USABLE &&
        simulation_known(&c->own_sim) && c->this_sim.verdict != SIM_USABLE)
        strbuf_printf(out, message_text(language, MSG_SIM_OWN_STRONGER), row->name, row->name);
}

static int same_suites(const struct hello_spec *a, const struct hello_spec *b)
{
    return a->suite_count == b->suite_count && memcmp(a->suites, b->suites, a->suite_count * sizeof(a->suites[0])) == 0;
}

void compatibility_section(const struct compatibility *c, enum language language, struct strbuf *out)
{
    struct hello_spec row_hello;
    size_t i;
    if (!c->ran)
        return;
    strbuf_append(out, message_text(language, MSG_SIM_SECTION));
    for (i = 0; i < COMPATIBILITY_SHOWN_COUNT; i++) {
        enum windows_client_id id = compatibility_shown[i];
        if (!(c->rows_ran & (1u << id)))
            continue;
        strbuf_append(out, "  ");
        strbuf_append_padded(out, windows_client_get(id)->name, 16);
        compatibility_describe(&c->row[id], language, out);
        strbuf_append(out, "\n");
    }
    /* This Windows, when its row is not listed or its registry changes what it offers. */
    windows_client_hello(windows_client_get(c->this_windows), &row_hello);
    if (!(c->rows_ran & (1u << c->this_windows)) || !same_suites(&row_hello, &c->this_hello)) {
        struct strbuf name;
        strbuf_init(&name);
        strbuf_printf(&name, message_text(language, MSG_SIM_THIS_PC), windows_client_get(c->this_windows)->name);
        strbuf_printf(out, "  %s\n    ", name.failed ? "" : name.data);
        compatibility_describe(&c->this_sim, language, out);
        strbuf_append(out, "\n");
        strbuf_free(&name);
    }
    if (c->have_own_hello)
        own_hello_lines(c, language, out);
}

/* "ECDHE key exchange, AES-GCM": what a suite needs that XP lacks. */
static void append_needs(unsigned needs, enum language language, struct strbuf *out)
{
    static const struct { unsigned bit; enum message_id words; } names[] = {
        { SUITE_NEEDS_TLS13, MSG_NEEDS_TLS13 }, { SUITE_NEEDS_ECDHE, MSG_NEEDS_ECDHE },
        { SUITE_NEEDS_DHE, MSG_NEEDS_DHE }, { SUITE_NEEDS_GCM, MSG_NEEDS_GCM },
        { SUITE_NEEDS_CHACHA20, MSG_NEEDS_CHACHA20 }, { SUITE_NEEDS_CCM, MSG_NEEDS_CCM },
        { SUITE_NEEDS_ECDSA, MSG_NEEDS_ECDSA },
    };
    size_t i;
    int first = 1;
    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (needs & names[i].bit) {
            if (!first)
                strbuf_append(out, message_text(language, MSG_LIST_SEPARATOR));
            strbuf_append(out, message_text(language, names[i].words));
            first = 0;
        }
}

/* What a Windows has at all, as SUITE_NEEDS_* bits: in any of its suites. */
static unsigned windows_has(const struct windows_client *windows)
{
    unsigned has = windows->offers_tls13 ? SUITE_NEEDS_TLS13 : 0;
    size_t i;
    for (i = 0; i < windows->suite_count; i++) {
        const struct cipher_suite *suite = cipher_suite_find(windows->suites[i]);
        if (suite)
            has |= cipher_suite_needs(suite);
    }
    return has;
}

int compatibility_needs(const struct simulation *everything, const struct windows_client *row, enum language language,
                        struct strbuf *out)
{
    const struct cipher_suite *suite;
    unsigned lacks;
    if (everything->verdict == SIM_VERSION_REFUSED) {
        strbuf_append(out, "TLS 1.3");
        return 1;
    }
    suite = everything->verdict == SIM_USABLE ? cipher_suite_find(everything->suite) : NULL;
    lacks = suite ? cipher_suite_needs(suite) & ~windows_has(row) : 0;
    if (!lacks)
        return 0;
    append_needs(lacks, language, out);
    return 1;
}

static int row_offers(const struct windows_client *row, uint16_t suite)
{
    size_t i;
    for (i = 0; i < row->suite_count; i++)
        if (row->suites[i] == suite)
            return 1;
    return 0;
}

int compatibility_explain(const struct simulation *sim, const struct simulation *everything,
                          const struct windows_client *row, enum language language, struct strbuf *out)
{
    const char *windows = row->name;
    char spare[8];
    switch (sim->verdict) {
    case SIM_NO_SHARED_SUITE:
    case SIM_NO_ANSWER:
        if (sim->verdict == SIM_NO_ANSWER && sim->outcome != OUTCOME_CLOSED)
            return 0;
        /* Closed on this hello, but offered every suite the server took one this Windows
         * offers too: the closing was not about suites, and nothing tells what it was. */
        if (sim->verdict == SIM_NO_ANSWER && everything && everything->verdict == SIM_USABLE &&
            row_offers(row, everything->suite))
            return 0;
        if (everything && everything->verdict == SIM_USABLE) {
            const struct cipher_suite *suite = cipher_suite_find(everything->suite);
            unsigned lacks = suite ? cipher_suite_needs(suite) & ~windows_has(row) : 0;
            struct strbuf needs;
            strbuf_init(&needs);
            append_needs(lacks, language, &needs);
            /* Windows 7 has ECDHE and GCM, but not the two together with an RSA certificate. */
            strbuf_printf(out, message_text(language, lacks ? MSG_DIAG_CANNOT_SUITES : MSG_DIAG_CANNOT_SUITES_COMBINATION),
                          windows, windows, cipher_suite_name(everything->suite, spare),
                          lacks ? (needs.failed ? "" : needs.data) : windows);
            strbuf_free(&needs);
        } else if (everything && everything->verdict == SIM_VERSION_REFUSED) {
            strbuf_printf(out, message_text(language, MSG_DIAG_CANNOT_VERSION), windows, windows, "TLS 1.3");
        } else if (sim->verdict == SIM_NO_SHARED_SUITE) {
            strbuf_printf(out, message_text(language, MSG_DIAG_CANNOT_SUITES_UNKNOWN), windows, windows);
        } else {
            return 0;   /* closed, and nothing tells why */
        }
        break;
    case SIM_VERSION_REFUSED:
        /* The version the server took when offered more; TLS 1.3 when even that was refused. */
        strbuf_printf(out, message_text(language, MSG_DIAG_CANNOT_VERSION), windows, windows,
                      everything && everything->verdict == SIM_USABLE ? tls_version_name(everything->version)
                                                                      : "TLS 1.3");
        break;
    case SIM_CERTIFICATE_UNUSABLE:
        strbuf_printf(out, message_text(language, MSG_DIAG_CANNOT_CERTIFICATE), windows,
                      certificate_algorithm_name(sim->unusable), windows);
        break;
    case SIM_SERVER_BROKE_RULES:
        strbuf_printf(out, message_text(language, MSG_DIAG_BROKE_RULES), tls_version_name(sim->version),
                      cipher_suite_name(sim->suite, spare));
        return 1;
    case SIM_OTHER_ALERT:
        strbuf_printf(out, message_text(language, MSG_DIAG_SIM_ALERT), windows, sim->alert);
        return 1;
    case SIM_USABLE:
    case SIM_NOT_RUN:
        return 0;
    }
    strbuf_printf(out, message_text(language, MSG_DIAG_INSTEAD), windows);
    return COMPATIBILITY_NO_SETTING_HELPS;
}

int compatibility_conclusion(const struct compatibility *c, enum language language, struct strbuf *out)
{
    const char *windows = windows_client_get(c->this_windows)->name;
    const struct simulation *as_is = &c->row[c->this_windows];
    if (!c->ran || !compatibility_must_agree(c->this_windows) || c->this_sim.verdict == SIM_USABLE)
        return 0;
    /* The registry's cipher settings took away what the row alone could use: this
     * Windows' own hello was refused, or had nothing left to offer. */
    if ((c->rows_ran & (1u << c->this_windows)) && as_is->verdict == SIM_USABLE &&
        (simulation_known(&c->this_sim) || c->this_sim.outcome == OUTCOME_NOTHING_TO_OFFER)) {
        char spare[8];
        strbuf_printf(out, message_text(language, MSG_DIAG_CIPHERS_OFF), windows, cipher_suite_name(as_is->suite, spare));
        return 1;
    }
    if (c->this_sim.outcome == OUTCOME_NOTHING_TO_OFFER) {
        strbuf_printf(out, message_text(language, MSG_DIAG_CIPHERS_OFF_ALL), windows);
        return 1;
    }
    return compatibility_explain(&c->this_sim, &c->everything, windows_client_get(c->this_windows), language, out);
}

int compatibility_unknown(const struct compatibility *c, enum language language, struct strbuf *out)
{
    const char *windows = windows_client_get(c->this_windows)->name;
    struct strbuf phrase;
    if (!c->ran || !compatibility_must_agree(c->this_windows) || simulation_known(&c->this_sim))
        return 0;
    strbuf_init(&phrase);
    compatibility_outcome_words(&c->this_sim, language, &phrase);
    strbuf_printf(out, message_text(language, MSG_DIAG_SIM_UNKNOWN), windows, phrase.failed ? "" : phrase.data);
    strbuf_printf(out, message_text(language, MSG_DIAG_SIM_UNKNOWN_OWN), windows);
    strbuf_free(&phrase);
    return 1;
}

int compatibility_certificate_words(const struct simulation *sim, const struct windows_client *row,
                                    const struct hello_spec *hello, const char *host, enum language language,
                                    struct strbuf *out)
{
    char date[16];
    if (sim->verdict != SIM_USABLE || !sim->certificate_checked || !sim->certificate_problems)
        return 0;
    if (sim->certificate_problems & SIM_CERT_WRONG_NAME) {
        strbuf_printf(out, message_text(language, MSG_DIAG_SIM_CERT_NAME), row->name, host, sim->certificate_names);
        if (!(hello->extensions & HELLO_SNI))
            strbuf_printf(out, message_text(language, MSG_DIAG_SIM_NO_SNI), row->name);
    }
    if (sim->certificate_problems & SIM_CERT_EXPIRED) {
        certificate_date_text(sim->leaf.not_after, date, sizeof(date));
        strbuf_printf(out, message_text(language, MSG_DIAG_SIM_CERT_EXPIRED), row->name, date);
    }
    if (sim->certificate_problems & SIM_CERT_NOT_YET_VALID) {
        certificate_date_text(sim->leaf.not_before, date, sizeof(date));
        strbuf_printf(out, message_text(language, MSG_DIAG_SIM_CERT_NOT_YET_VALID), row->name, date);
    }
    return 1;
}

int compatibility_certificate_conclusion(const struct compatibility *c, const char *host, enum language language,
                                         struct strbuf *out)
{
    const struct windows_client *row = windows_client_get(c->this_windows);
    const struct simulation *sim = &c->this_sim;
    struct strbuf words;
    int bad;
    if (!c->ran || !compatibility_must_agree(c->this_windows))
        return 0;
    strbuf_init(&words);
    bad = compatibility_certificate_words(sim, row, &c->this_hello, host, language, &words);
    if (bad) {
        char spare[8];
        /* What works first, then what the mail program will warn about. */
        strbuf_printf(out, message_text(language, MSG_DIAG_AS_OK), row->name, tls_version_name(sim->version),
                      cipher_suite_name(sim->suite, spare));
        strbuf_append(out, words.failed ? "" : words.data);
    }
    strbuf_free(&words);
    return bad;
}
