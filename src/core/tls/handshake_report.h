/* What one handshake found. /test runs every handshake in a child process of its own
 * (Schannel reads the registry once per process), which writes this record as
 * "key=value" lines on its standard output for the parent to read back. */
#ifndef TLSSWITCH_HANDSHAKE_REPORT_H
#define TLSSWITCH_HANDSHAKE_REPORT_H

#include "../mail/mailtalk.h"
#include "../text/messages.h"
#include "../mail/target.h"
#include "../text/text.h"

enum outcome {
    OUTCOME_OK,                /* handshake done, and the mail commands answered well */
    OUTCOME_HOST_NOT_FOUND,
    OUTCOME_REFUSED,           /* connection refused */
    OUTCOME_CONNECT_TIMEOUT,
    OUTCOME_TIMEOUT,           /* connected, the server answered, then stopped */
    OUTCOME_CLOSED,            /* the server closed the connection during the handshake */
    OUTCOME_PLAINTEXT,         /* a plain-text mail greeting where TLS was expected */
    OUTCOME_NOT_TLS,           /* bytes that are neither TLS nor a mail greeting */
    OUTCOME_OVERSIZED,         /* a TLS record longer than TLS allows */
    OUTCOME_ALERT,             /* the server refused with a TLS alert */
    OUTCOME_NOTHING_TO_OFFER,  /* Schannel had no protocol to offer (registry or Windows) */
    OUTCOME_HANDSHAKE_ERROR,   /* Schannel failed otherwise: see status */
    OUTCOME_STARTTLS_REFUSED,  /* the plain-text part before STARTTLS went wrong */
    OUTCOME_MAIL_FAILED,       /* TLS worked, but the mail server's answer was not good */
    OUTCOME_SYSTEM_ERROR,      /* a Windows function failed */
    OUTCOME_BAD_TLS,           /* TLS records, but a message malformed or out of its place */
    OUTCOME_SILENT,            /* connected, and the server never sent a byte within the time limit */
    OUTCOME_COUNT
};

struct handshake_report {
    enum outcome outcome;
    unsigned long status;          /* SSPI or Win32 code behind the outcome, 0 if none */
    char step[32];                 /* OUTCOME_SYSTEM_ERROR: the function that failed ("socket") */
    int alert;                     /* TLS alert description, -1 if none */
    unsigned long protocol;        /* SP_PROT_*_CLIENT negotiated, 0 if none */
    unsigned long cipher, cipher_bits, hash, hash_bits, exchange, exchange_bits;  /* ALG_IDs */
    int have_certificate;
    char subject[160], issuer[160], not_before[24], not_after[24], thumbprint[48];
    unsigned long chain_error;     /* 0, or the CERT_E_ / TRUST_E_ code of the SSL policy check */
    char names[160];               /* the names the certificate is for (certificate_names_read) */
    char reply[128];               /* the mail server's last line, or its plain-text greeting */
    enum smtp_auth smtp_auth;      /* whether the last EHLO answer offered AUTH */
};

void handshake_report_init(struct handshake_report *report);
void handshake_report_write(const struct handshake_report *report, struct strbuf *out);
/* Reads what handshake_report_write wrote; unknown keys are ignored, and a line that
 * starts with '[' ends the record. Returns 0, or -1 when there is no outcome line (the
 * child failed before it could report). */
int handshake_report_read(const char *text, struct handshake_report *report);

/* Reads the record in section "[name]" of a child's output (several records, each after
 * its "[name]" line). Returns 0, or -1 when the section or its outcome is missing. */
int handshake_report_read_section(const char *text, const char *name, struct handshake_report *report);

/* The child also writes the ClientHello its Schannel sends by default, as "[hello]" and
 * "bytes=" with the bytes in hex. Reads it into out; returns its length, 0 when missing. */
size_t handshake_report_read_hello(const char *text, unsigned char *out, size_t size);

/* The few words for an outcome ("connection refused", ...). */
enum message_id outcome_message(enum outcome outcome);

/* The same words with what fills them: the alert, the error code, the step that failed
 * ("socket failed (WSAEMFILE (10024))"). A code of 0 is never shown as a cause: an
 * OUTCOME_SYSTEM_ERROR without step or code is a result that was never written. */
void outcome_describe(enum outcome outcome, const char *step, unsigned long status, int alert,
                      enum language language, struct strbuf *out);

/* Names for Schannel's algorithm ids ("AES", "SHA-256", "ECDHE"); NULL when unknown. */
const char *algorithm_name(unsigned long alg_id);
/* "TLS 1.2" for SP_PROT_TLS1_2_CLIENT, ...; NULL when unknown. */
const char *protocol_name_for_flag(unsigned long sp_prot);

#endif
