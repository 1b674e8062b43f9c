/* The Schannel client behind /test, on the connection layer (connection.c). The handshake
 * loop follows the usual shape (see curl's schannel.c): one InitializeSecurityContext to
 * start, then a loop over SEC_E_INCOMPLETE_MESSAGE / SEC_I_CONTINUE_NEEDED / SEC_E_OK /
 * errors, keeping the bytes Schannel reports as SECBUFFER_EXTRA. The raw bytes are also
 * read here, because Schannel gives one code for many different refusals. */
#include "tls_client.h"
#include "certificate_check.h"
#include "connection.h"
#include "parallel.h"
#include "platform.h"
#include "schannel_probe.h"
#include "step_timing.h"
#include "wide.h"
#include "../core/tls/certificate.h"
#include "../core/mail/mailtalk.h"
#include "../core/registry/protocols.h"
#include "../core/tls/tlswire.h"

#include <schannel.h>
#include <security.h>
#include <wincrypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SEC_E_NO_AUTHENTICATING_AUTHORITY
#define SEC_E_NO_AUTHENTICATING_AUTHORITY ((SECURITY_STATUS)0x80090311L)
#endif
#ifndef SECPKG_ATTR_CONNECTION_INFO
#define SECPKG_ATTR_CONNECTION_INFO 0x5a
#endif

/* /test runs several handshakes in threads of one process. Windows' Schannel is
 * thread-safe, but Wine's keeps its handle table without a lock, so every SSPI call
 * here goes through this one lock. The calls are short; the waits for the network
 * and the certificate check stay outside it and run in parallel. */
static CRITICAL_SECTION sspi_lock;

void tls_client_startup(void)
{
    static LONG started;
    schannel_note_use();
    if (InterlockedExchange(&started, 1))
        return;
    InitializeCriticalSection(&sspi_lock);
}

static void set_buffer(SecBuffer *buffer, unsigned long type, void *data, unsigned long size)
{
    buffer->BufferType = type;
    buffer->pvBuffer = data;
    buffer->cbBuffer = size;
}

static void sspi_enter(void)
{
    EnterCriticalSection(&sspi_lock);
}

static void sspi_leave(void)
{
    LeaveCriticalSection(&sspi_lock);
}

/* One Schannel session on one connection. */
struct session {
    struct connection net;
    CredHandle credentials;
    CtxtHandle context;
    int have_credentials, have_context;
    SecPkgContext_StreamSizes sizes;
};

/* What Schannel says when the registry (or Windows) leaves it no protocol to offer:
 * Wine 8 and Windows use different codes for it. */
static int nothing_to_offer(SECURITY_STATUS status)
{
    return status == SEC_E_ALGORITHM_MISMATCH || status == SEC_E_NO_AUTHENTICATING_AUTHORITY;
}

/* The line channel after the handshake: decrypts the next record into net.lines. */
static enum outcome decrypt_more(void *argument)
{
    struct session *s = argument;
    struct connection *c = &s->net;
    for (;;) {
        SecBuffer buffers[4];
        SecBufferDesc desc;
        SECURITY_STATUS status;
        enum outcome outcome;
        int i;
        if (c->input_length > 0) {
            if (tls_record_check(c->input, c->input_length) == RECORD_OVERSIZED)
                return OUTCOME_OVERSIZED;
            set_buffer(&buffers[0], SECBUFFER_DATA, c->input, (unsigned long)c->input_length);
            for (i = 1; i < 4; i++)
                set_buffer(&buffers[i], SECBUFFER_EMPTY, NULL, 0);
            desc.ulVersion = SECBUFFER_VERSION;
            desc.cBuffers = 4;
            desc.pBuffers = buffers;
            sspi_enter();
            status = DecryptMessage(&s->context, &desc, 0, NULL);
            sspi_leave();
            if (status == SEC_E_OK) {
                size_t extra = 0;
                for (i = 1; i < 4; i++) {
                    if (buffers[i].BufferType == SECBUFFER_DATA) {
                        size_t room = sizeof(c->lines) - c->lines_length;
                        size_t take = buffers[i].cbBuffer < room ? buffers[i].cbBuffer : room;
                        memcpy(c->lines + c->lines_length, buffers[i].pvBuffer, take);
                        c->lines_length += take;
                    }
                    if (buffers[i].BufferType == SECBUFFER_EXTRA)
                        extra = buffers[i].cbBuffer;
                }
                memmove(c->input, c->input + c->input_length - extra, extra);
                c->input_length = extra;
                return OUTCOME_OK;
            }
            if (status == SEC_I_CONTEXT_EXPIRED)
                return OUTCOME_CLOSED;
            if (status != SEC_E_INCOMPLETE_MESSAGE)
                return OUTCOME_NOT_TLS;
        }
        outcome = connection_receive(c);
        if (outcome != OUTCOME_OK)
            return outcome;
    }
}

/* The line channel after the handshake: encrypts one line and sends it. */
static int encrypt_and_send(void *argument, const char *text, size_t length)
{
    struct session *s = argument;
    unsigned char *message = malloc(s->sizes.cbHeader + length + s->sizes.cbTrailer);
    SecBuffer buffers[4];
    SecBufferDesc desc;
    SECURITY_STATUS status;
    int rc;

    if (!message)
        return -1;
    memcpy(message + s->sizes.cbHeader, text, length);
    set_buffer(&buffers[0], SECBUFFER_STREAM_HEADER, message, s->sizes.cbHeader);
    set_buffer(&buffers[1], SECBUFFER_DATA, message + s->sizes.cbHeader, (unsigned long)length);
    set_buffer(&buffers[2], SECBUFFER_STREAM_TRAILER, message + s->sizes.cbHeader + length, s->sizes.cbTrailer);
    set_buffer(&buffers[3], SECBUFFER_EMPTY, NULL, 0);
    desc.ulVersion = SECBUFFER_VERSION;
    desc.cBuffers = 4;
    desc.pBuffers = buffers;
    sspi_enter();
    status = EncryptMessage(&s->context, 0, &desc, 0);
    sspi_leave();
    rc = status == SEC_E_OK
             ? connection_send(&s->net, message, buffers[0].cbBuffer + buffers[1].cbBuffer + buffers[2].cbBuffer)
             : -1;
    free(message);
    return rc;
}

/* What the server's bytes say when Schannel fails: an alert, plain text, or not TLS. */
static enum outcome explain_failure(const struct connection *c, struct handshake_report *report,
                                    enum outcome otherwise)
{
    int description;
    enum mail_protocol banner = plaintext_banner(c->input, c->input_length);
    if (c->input_length > 0 && tls_find_alert(c->input, c->input_length, &description) == 0) {
        report->alert = description;
        return OUTCOME_ALERT;
    }
    if (banner != MAIL_NONE) {
        size_t n = strcspn((const char *)c->input, "\r\n");
        if (n > c->input_length)
            n = c->input_length;
        text_format(report->reply, sizeof(report->reply), "%.*s", (int)n, (const char *)c->input);
        return OUTCOME_PLAINTEXT;
    }
    switch (c->input_length ? tls_record_check(c->input, c->input_length) : RECORD_NEED_MORE) {
    case RECORD_NOT_TLS:
        return OUTCOME_NOT_TLS;
    case RECORD_OVERSIZED:
        return OUTCOME_OVERSIZED;
    default:
        return otherwise;
    }
}

static SECURITY_STATUS acquire_credentials(struct session *s, unsigned long grbit)
{
    SCHANNEL_CRED credentials_data;
    TimeStamp expiry;
    SECURITY_STATUS status;
    memset(&credentials_data, 0, sizeof(credentials_data));
    credentials_data.dwVersion = SCHANNEL_CRED_VERSION;
    credentials_data.grbitEnabledProtocols = grbit;
    /* The certificate is checked separately, so a bad one is reported, not a mystery. */
    credentials_data.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    sspi_enter();
    status = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &credentials_data,
                                       NULL, NULL, &s->credentials, &expiry);
    sspi_leave();
    s->have_credentials = status == SEC_E_OK;
    return status;
}

/* One round of the handshake: InitializeSecurityContext on what the server sent so far;
 * whatever Schannel wants to send goes out at once. */
static SECURITY_STATUS handshake_step(struct session *s, const wchar_t *host, size_t *extra)
{
    const ULONG flags = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | ISC_REQ_SEQUENCE_DETECT |
                        ISC_REQ_REPLAY_DETECT | ISC_REQ_EXTENDED_ERROR | ISC_REQ_MANUAL_CRED_VALIDATION;
    struct connection *c = &s->net;
    SecBuffer in_buffers[2], out_buffers[2];
    SecBufferDesc in_desc, out_desc;
    SECURITY_STATUS status;
    TimeStamp expiry;
    ULONG attributes;
    int first = !s->have_context;

    set_buffer(&out_buffers[0], SECBUFFER_TOKEN, NULL, 0);
    set_buffer(&out_buffers[1], SECBUFFER_ALERT, NULL, 0);
    out_desc.ulVersion = SECBUFFER_VERSION;
    out_desc.cBuffers = 2;
    out_desc.pBuffers = out_buffers;
    set_buffer(&in_buffers[0], SECBUFFER_TOKEN, c->input, (unsigned long)c->input_length);
    set_buffer(&in_buffers[1], SECBUFFER_EMPTY, NULL, 0);
    in_desc.ulVersion = SECBUFFER_VERSION;
    in_desc.cBuffers = 2;
    in_desc.pBuffers = in_buffers;

    sspi_enter();
    status = InitializeSecurityContextW(&s->credentials, first ? NULL : &s->context, (SEC_WCHAR *)host, flags, 0, 0,
                                        first ? NULL : &in_desc, 0, first ? &s->context : NULL, &out_desc,
                                        &attributes, &expiry);
    if (first && (status == SEC_I_CONTINUE_NEEDED || status == SEC_E_OK))
        s->have_context = 1;
    sspi_leave();
    if (out_buffers[0].pvBuffer && out_buffers[0].cbBuffer > 0)
        connection_send(c, out_buffers[0].pvBuffer, out_buffers[0].cbBuffer);
    sspi_enter();
    if (out_buffers[0].pvBuffer)
        FreeContextBuffer(out_buffers[0].pvBuffer);
    if (out_buffers[1].pvBuffer)
        FreeContextBuffer(out_buffers[1].pvBuffer);
    sspi_leave();
    *extra = in_buffers[1].BufferType == SECBUFFER_EXTRA ? in_buffers[1].cbBuffer : 0;
    return status;
}

static enum outcome handshake_loop(struct session *s, const wchar_t *host, struct handshake_report *report)
{
    struct connection *c = &s->net;
    for (;;) {
        size_t extra;
        enum outcome outcome;
        SECURITY_STATUS status = handshake_step(s, host, &extra);
        switch (status) {
        case SEC_E_OK:
        case SEC_I_CONTINUE_NEEDED:
            /* Keep what the server sent beyond this handshake message. */
            if (c->input_length >= extra) {
                memmove(c->input, c->input + c->input_length - extra, extra);
                c->input_length = extra;
            }
            if (status == SEC_E_OK)
                return OUTCOME_OK;
            if (c->input_length > 0)
                continue;
            break;
        case SEC_E_INCOMPLETE_MESSAGE:
            break;
        default:
            report->status = (unsigned long)status;
            if (nothing_to_offer(status) && c->input_length == 0)
                return OUTCOME_NOTHING_TO_OFFER;
            return explain_failure(c, report, OUTCOME_HANDSHAKE_ERROR);
        }
        outcome = connection_receive(c);
        if (outcome != OUTCOME_OK)
            return explain_failure(c, report, outcome);
        /* Look at the server's first answer before Schannel does. */
        {
            enum record_check check = tls_record_check(c->input, c->input_length);
            if (check == RECORD_NOT_TLS || check == RECORD_OVERSIZED ||
                plaintext_banner(c->input, c->input_length) != MAIL_NONE)
                return explain_failure(c, report, OUTCOME_NOT_TLS);
        }
    }
}

static enum outcome handshake(struct session *s, const struct target *target, unsigned long grbit,
                              struct handshake_report *report)
{
    SECURITY_STATUS status = acquire_credentials(s, grbit);
    wchar_t *host;
    enum outcome outcome;
    if (status != SEC_E_OK) {
        report->status = (unsigned long)status;
        return nothing_to_offer(status) ? OUTCOME_NOTHING_TO_OFFER : OUTCOME_HANDSHAKE_ERROR;
    }
    host = wide_from_utf8(target->host);
    if (!host) {
        report->status = ERROR_NOT_ENOUGH_MEMORY;
        text_format(report->step, sizeof(report->step), "MultiByteToWideChar");
        return OUTCOME_SYSTEM_ERROR;
    }
    outcome = handshake_loop(s, host, report);
    free(host);
    return outcome;
}

static void format_date(const FILETIME *time, char *out, size_t size)
{
    SYSTEMTIME st;
    if (FileTimeToSystemTime(time, &st))
        text_format(out, size, "%04u-%02u-%02u", st.wYear, st.wMonth, st.wDay);
    else
        text_format(out, size, "?");
}

static void name_to_text(CERT_NAME_BLOB *name, char *out, size_t size)
{
    wchar_t wide[512];
    char *utf8;
    out[0] = '\0';
    if (CertNameToStrW(X509_ASN_ENCODING, name, CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG, wide, 512) > 1 &&
        (utf8 = utf8_from_wide(wide)) != NULL) {
        text_format(out, size, "%s", utf8);
        free(utf8);
    }
}

/* The SSL policy check of the certificate's chain with the host name, in a thread of its
 * own while the mail commands run. */
struct chain_job {
    PCCERT_CONTEXT certificate;
    const char *host;
    unsigned long error;
    struct worker worker;
};

static void check_chain(void *argument)
{
    struct chain_job *job = argument;
    int step = step_timing_begin("chain-check");
    job->error = certificate_check(job->certificate, job->certificate->hCertStore, job->host);
    step_timing_end(step);
}

/* Subject, issuer, validity and thumbprint, and the chain check started. */
static void describe_certificate(struct session *s, const struct target *target, struct handshake_report *report,
                                 struct chain_job *job)
{
    PCCERT_CONTEXT certificate = NULL;
    BYTE hash[20];
    DWORD hash_size = sizeof(hash), i;
    SECURITY_STATUS status;

    sspi_enter();
    status = QueryContextAttributesW(&s->context, SECPKG_ATTR_REMOTE_CERT_CONTEXT, (void *)&certificate);
    sspi_leave();
    if (status != SEC_E_OK || !certificate)
        return;
    report->have_certificate = 1;
    name_to_text(&certificate->pCertInfo->Subject, report->subject, sizeof(report->subject));
    name_to_text(&certificate->pCertInfo->Issuer, report->issuer, sizeof(report->issuer));
    format_date(&certificate->pCertInfo->NotBefore, report->not_before, sizeof(report->not_before));
    format_date(&certificate->pCertInfo->NotAfter, report->not_after, sizeof(report->not_after));
    if (CertGetCertificateContextProperty(certificate, CERT_SHA1_HASH_PROP_ID, hash, &hash_size))
        for (i = 0; i < hash_size && i < 20; i++)
            text_format(report->thumbprint + 2 * i, 3, "%02X", hash[i]);
    /* The names it is issued for, for the words when they are not this host's. */
    {
        struct certificate_names names;
        if (certificate_names_read(certificate->pbCertEncoded, certificate->cbCertEncoded, target->host, &names) == 0)
            text_format(report->names, sizeof(report->names), "%s", names.text);
    }
    job->certificate = certificate;
    job->host = target->host;
    worker_start(&job->worker, check_chain, job);
}

/* Waits for the chain check, if one was started, and keeps its answer. */
static void finish_certificate(struct chain_job *job, struct handshake_report *report)
{
    if (!job->certificate)
        return;
    worker_join(&job->worker);
    report->chain_error = job->error;
    CertFreeCertificateContext(job->certificate);
}

static void describe_connection(struct session *s, const struct target *target, enum client_depth depth,
                                struct handshake_report *report, struct chain_job *chain)
{
    SecPkgContext_ConnectionInfo info;
    SECURITY_STATUS status;
    sspi_enter();
    status = QueryContextAttributesW(&s->context, SECPKG_ATTR_CONNECTION_INFO, &info);
    sspi_leave();
    if (status == SEC_E_OK) {
        report->protocol = info.dwProtocol;
        report->cipher = info.aiCipher;
        report->cipher_bits = info.dwCipherStrength;
        report->hash = info.aiHash;
        report->hash_bits = info.dwHashStrength;
        report->exchange = info.aiExch;
        report->exchange_bits = info.dwExchStrength;
    }
    if (depth == CLIENT_WITH_MAIL)
        describe_certificate(s, target, report, chain);
}

/* The handshake's name in the bench's step times: "default", or the protocol's. */
static const char *grbit_name(unsigned long grbit)
{
    int id;
    for (id = 0; grbit != 0 && id < PROTOCOL_COUNT; id++)
        if (protocol_get((enum protocol_id)id)->sp_prot_client == grbit)
            return protocol_get((enum protocol_id)id)->short_name;
    return grbit == 0 ? "default" : "other";
}

void tls_client_run(const struct target *target, unsigned long grbit, unsigned timeout_seconds,
                    enum client_depth depth, HANDLE cancel, struct handshake_report *report)
{
    /* On the heap: the buffers are large, and several threads may each run one. */
    struct session *s = calloc(1, sizeof(*s));
    struct line_channel decrypted;
    struct chain_job chain;
    enum outcome outcome;
    const char *name = grbit_name(grbit);
    int whole = step_timing_begin("schannel %s", name), step;

    handshake_report_init(report);
    if (!s) {
        report->status = ERROR_NOT_ENOUGH_MEMORY;
        text_format(report->step, sizeof(report->step), "calloc");
        step_timing_end(whole);
        return;
    }
    memset(&chain, 0, sizeof(chain));
    s->net.cancel = cancel;
    decrypted.context = s;
    decrypted.more = decrypt_more;
    decrypted.send = encrypt_and_send;
    step = step_timing_begin("schannel %s connect", name);
    outcome = connection_open(&s->net, target, timeout_seconds, report);
    if (outcome == OUTCOME_OK && target->mode == TLS_STARTTLS)
        outcome = connection_talk(&s->net, target, NULL, OUTCOME_STARTTLS_REFUSED, report);
    step_timing_end(step);
    if (outcome == OUTCOME_OK) {
        /* Bytes the server sent after its STARTTLS answer would be handshake data. */
        s->net.lines_length = 0;
        step = step_timing_begin("schannel %s tls", name);
        outcome = handshake(s, target, grbit, report);
        step_timing_end(step);
    }
    if (outcome == OUTCOME_OK) {
        describe_connection(s, target, depth, report, &chain);
        if (depth != CLIENT_HANDSHAKE_ONLY) {
            SECURITY_STATUS status;
            sspi_enter();
            status = QueryContextAttributesW(&s->context, SECPKG_ATTR_STREAM_SIZES, &s->sizes);
            sspi_leave();
            step = step_timing_begin("schannel %s mail-command", name);
            outcome = status == SEC_E_OK ? connection_talk(&s->net, target, &decrypted, OUTCOME_MAIL_FAILED, report)
                                         : OUTCOME_HANDSHAKE_ERROR;
            step_timing_end(step);
            if (status != SEC_E_OK)
                report->status = (unsigned long)status;
        }
        if (outcome != OUTCOME_OK && outcome != OUTCOME_MAIL_FAILED && report->protocol)
            outcome = outcome == OUTCOME_TIMEOUT || outcome == OUTCOME_SYSTEM_ERROR ? outcome : OUTCOME_MAIL_FAILED;
        step = chain.certificate ? step_timing_begin("schannel %s wait-chain", name) : -1;
        finish_certificate(&chain, report);
        step_timing_end(step);
    }
    report->outcome = outcome;
    if (outcome == OUTCOME_SYSTEM_ERROR)
        connection_failure(&s->net, report);
    sspi_enter();
    if (s->have_context)
        DeleteSecurityContext(&s->context);
    if (s->have_credentials)
        FreeCredentialsHandle(&s->credentials);
    sspi_leave();
    connection_close(&s->net);
    free(s);
    step_timing_end(whole);
}
