/* The verdict of a simulated handshake. */
#include "simulation.h"
#include "../text/text.h"
#include "tls_suites.h"
#include "windows_clients.h"

#include <string.h>

void simulation_failed(enum outcome outcome, unsigned long status, struct simulation *out)
{
    memset(out, 0, sizeof(*out));
    out->outcome = outcome;
    out->status = status;
    out->alert = -1;
    out->verdict = SIM_NO_ANSWER;
}

void simulation_failed_at(const char *step, unsigned long status, struct simulation *out)
{
    simulation_failed(OUTCOME_SYSTEM_ERROR, status, out);
    text_format(out->step, sizeof(out->step), "%s", step);
}

int simulation_known(const struct simulation *sim)
{
    if (sim->verdict == SIM_NOT_RUN)
        return 0;
    if (sim->verdict == SIM_USABLE)
        return sim->version != 0 && sim->suite != 0;
    return sim->verdict != SIM_NO_ANSWER;
}

static int offers_version(const struct hello_spec *hello, uint16_t version)
{
    if (version == 0x0304)
        return hello->offers_tls13;
    return version >= 0x0301 && version <= hello->client_version;
}

static unsigned certificate_bit(enum certificate_algorithm algorithm)
{
    switch (algorithm) {
    case CERT_ALGORITHM_RSA: return CERT_RSA;
    case CERT_ALGORITHM_RSA_PSS: return CERT_RSA_PSS;
    case CERT_ALGORITHM_DSA: return CERT_DSA;
    case CERT_ALGORITHM_ECDSA: return CERT_ECDSA;
    default: return 0;   /* EdDSA, or a key no Windows of the table knows */
    }
}

static int offers_group(const struct hello_spec *hello, uint16_t group)
{
    size_t i;
    for (i = 0; i < hello->group_count; i++)
        if (hello->groups[i] == group)
            return 1;
    return 0;
}

/* Every certificate of the chain: its key (the leaf's) and its issuer's signature must be
 * of a kind the Windows can use. Returns the first algorithm it cannot, or UNKNOWN. */
static int usable_chain(const struct server_flight *flight, const struct hello_spec *hello, unsigned certificates,
                        enum certificate_algorithm *at_fault)
{
    size_t i, count = flight->certificate_count < FLIGHT_MAX_CERTIFICATES ? flight->certificate_count
                                                                          : FLIGHT_MAX_CERTIFICATES;
    const struct certificate_facts *leaf = &flight->certificates[0];
    if (!(certificate_bit(leaf->key) & certificates) ||
        (leaf->key == CERT_ALGORITHM_ECDSA && leaf->curve && !offers_group(hello, leaf->curve))) {
        *at_fault = leaf->key;
        return 0;
    }
    for (i = 0; i < count; i++)
        if (!(certificate_bit(flight->certificates[i].signature) & certificates)) {
            *at_fault = flight->certificates[i].signature;
            return 0;
        }
    return 1;
}

void simulation_judge(const struct server_flight *flight, const struct hello_spec *hello, unsigned certificates,
                      struct simulation *out)
{
    const struct cipher_suite *suite;
    simulation_failed(OUTCOME_OK, 0, out);
    out->version = flight->version;
    out->suite = flight->suite;
    out->group = flight->group;
    out->alert = flight->alert;
    if (flight->certificate_count > 0) {
        out->have_certificate = 1;
        out->leaf = flight->certificates[0];
    }
    switch (flight->state) {
    case FLIGHT_ALERT:
        if (flight->alert == TLS_ALERT_PROTOCOL_VERSION)
            out->verdict = SIM_VERSION_REFUSED;
        else if (flight->alert == TLS_ALERT_HANDSHAKE_FAILURE || flight->alert == TLS_ALERT_INSUFFICIENT_SECURITY)
            out->verdict = SIM_NO_SHARED_SUITE;
        else
            out->verdict = SIM_OTHER_ALERT;
        out->outcome = OUTCOME_ALERT;
        return;
    case FLIGHT_BAD:
        out->verdict = SIM_NO_ANSWER;
        out->outcome = flight->problem == FLIGHT_PLAINTEXT         ? OUTCOME_PLAINTEXT
                       : flight->problem == FLIGHT_NOT_TLS          ? OUTCOME_NOT_TLS
                       : flight->problem == FLIGHT_OVERSIZED_RECORD ? OUTCOME_OVERSIZED
                       : flight->problem == FLIGHT_OVERSIZED_MESSAGE ? OUTCOME_OVERSIZED
                                                                     : OUTCOME_BAD_TLS;
        return;
    case FLIGHT_MORE:
        /* The connection ended before the flight did. */
        out->verdict = SIM_NO_ANSWER;
        out->outcome = OUTCOME_CLOSED;
        return;
    case FLIGHT_DONE:
        break;
    }
    suite = cipher_suite_find(flight->suite);
    if (!offers_version(hello, flight->version) || !hello_offers_suite(hello, flight->suite) ||
        (suite && suite->min_version > flight->version) ||
        (flight->group && (flight->hello_retry || (suite && suite->kx == KX_ECDHE)) &&
         !offers_group(hello, flight->group))) {
        out->verdict = SIM_SERVER_BROKE_RULES;
        return;
    }
    /* In TLS 1.3 the certificate is encrypted: only a Windows with TLS 1.3 gets there, and
     * it can use RSA and ECDSA certificates alike. */
    if (flight->version <= 0x0303 && !flight->hello_retry &&
        (flight->certificate_count == 0 || !usable_chain(flight, hello, certificates, &out->unusable))) {
        out->verdict = SIM_CERTIFICATE_UNUSABLE;
        return;
    }
    out->verdict = SIM_USABLE;
}

void simulation_check_certificate(const struct server_flight *flight, uint64_t now, struct simulation *out)
{
    if (out->verdict != SIM_USABLE || out->version > 0x0303 || !flight->have_leaf_names)
        return;
    out->certificate_checked = 1;
    out->certificate_problems = 0;
    text_format(out->certificate_names, sizeof(out->certificate_names), "%s", flight->leaf_names.text);
    if (!flight->leaf_names.matches)
        out->certificate_problems |= SIM_CERT_WRONG_NAME;
    if (out->leaf.not_after && now > out->leaf.not_after)
        out->certificate_problems |= SIM_CERT_EXPIRED;
    if (out->leaf.not_before && now < out->leaf.not_before)
        out->certificate_problems |= SIM_CERT_NOT_YET_VALID;
}
