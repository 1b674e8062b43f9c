/* A simulated handshake: what a server's answer to a Windows' ClientHello means for that
 * Windows. The Win32 layer sends the hello (after STARTTLS where the target asks for it),
 * feeds the answer to a server_flight and closes; this decides. */
#ifndef TLSSWITCH_SIMULATION_H
#define TLSSWITCH_SIMULATION_H

#include "clienthello.h"
#include "handshake_report.h"
#include "server_flight.h"

enum sim_verdict {
    SIM_NOT_RUN,                /* no result: zero, so a simulation never finished says nothing */
    SIM_USABLE,                 /* version, suite and certificate all fit that Windows */
    SIM_NO_SHARED_SUITE,        /* refused the hello with handshake_failure or insufficient_security */
    SIM_VERSION_REFUSED,        /* refused the hello with protocol_version: it wants a newer TLS */
    SIM_CERTIFICATE_UNUSABLE,   /* a certificate key or signature that Windows cannot use */
    SIM_SERVER_BROKE_RULES,     /* chose a suite or version that was never offered */
    SIM_OTHER_ALERT,            /* refused with another alert */
    SIM_NO_ANSWER               /* no TLS answer at all: see outcome */
};

/* What the certificate check of a usable handshake found (bits of certificate_problems). */
enum {
    SIM_CERT_WRONG_NAME = 1,    /* not issued for the host that was tested */
    SIM_CERT_EXPIRED = 2,
    SIM_CERT_NOT_YET_VALID = 4
};

struct simulation {
    enum outcome outcome;       /* OUTCOME_OK when the server answered in TLS; else how it ended */
    enum sim_verdict verdict;
    unsigned long status;       /* the Windows error behind a failed connection */
    char step[32];              /* OUTCOME_SYSTEM_ERROR: the function that failed */
    int alert;                  /* -1 when none */
    uint16_t version, suite, group;
    int have_certificate;
    struct certificate_facts leaf;
    enum certificate_algorithm unusable;   /* SIM_CERTIFICATE_UNUSABLE: the algorithm at fault */
    char reply[128];            /* a plain-text greeting, or the answer that refused STARTTLS */
    /* The server's own certificate, as that Windows got it, checked for the name tested
     * and today's date (simulation_check_certificate); trust in its root is not. */
    int certificate_checked;
    unsigned certificate_problems;         /* SIM_CERT_* */
    char certificate_names[160];           /* the names it is for */
    /* Only where the Win32 layer was asked to check the certificate as Schannel would
     * (simulated_client_run_checked), for a usable handshake: */
    int chain_checked;
    unsigned long chain_error;  /* 0, or the CERT_E_ / TRUST_E_ code of the SSL policy check */
};

/* Judges a complete flight (or an alert, or bad bytes) against the hello that was sent
 * and the certificate algorithms the Windows can use (CERT_* of windows_clients.h). */
void simulation_judge(const struct server_flight *flight, const struct hello_spec *hello, unsigned certificates,
                      struct simulation *out);

/* A simulation that ended before the server answered in TLS. */
void simulation_failed(enum outcome outcome, unsigned long status, struct simulation *out);

/* A simulation that could not run because a function failed: `step` names it. */
void simulation_failed_at(const char *step, unsigned long status, struct simulation *out);

/* For a usable handshake up to TLS 1.2 (whose certificate travels in clear text), the
 * certificate the server sent to this hello: its names against the host the flight was
 * read for (flight->host), and its dates against `now` (YYYYMMDDHHMMSS, UTC). Where the
 * flight holds no names (TLS 1.3, or no host set) nothing is checked. */
void simulation_check_certificate(const struct server_flight *flight, uint64_t now, struct simulation *out);

/* Whether a simulation tells what the server does with that Windows' hello: a usable
 * handshake with its version and suite, or a refusal in TLS. 0 for one that never ran,
 * or whose connection ended before the server answered in TLS. */
int simulation_known(const struct simulation *sim);

#endif
