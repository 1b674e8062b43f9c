/* The Schannel client behind /test. The handshake loop follows the usual shape (see
 * curl's schannel.c): one InitializeSecurityContext to start, then a loop over
 * SEC_E_INCOMPLETE_MESSAGE / SEC_I_CONTINUE_NEEDED / SEC_E_OK / errors, keeping the
 * bytes Schannel reports as SECBUFFER_EXTRA. The raw bytes are also read here, because
 * Schannel gives one code for many different refusals. */
#include "tls_client.h"
#include "platform.h"
#include "wide.h"
#include "../core/mailtalk.h"
#include "../core/tlswire.h"

#include <winsock2.h>
#include <ws2tcpip.h>
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

#define INPUT_SIZE (5 + TLS_MAX_RECORD_BODY + 1024)

/* /test runs several handshakes in threads of one process. Windows' Schannel is
 * thread-safe, but Wine's keeps its handle table without a lock, so every SSPI call
 * here goes through this one lock. The calls are short; the waits for the network
 * and the certificate check stay outside it and run in parallel. */
static CRITICAL_SECTION sspi_lock;

void tls_client_startup(void)
{
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
#define LINE_SIZE 4096

struct connection {
    SOCKET socket;
    DWORD deadline;                  /* GetTickCount() at which the whole test gives up */
    unsigned timeout_ms;             /* the longest any one wait may take */
    CredHandle credentials;
    CtxtHandle context;
    int have_credentials, have_context;
    SecPkgContext_StreamSizes sizes;
    unsigned char input[INPUT_SIZE]; /* bytes from the server not yet used */
    size_t input_length;
    char lines[LINE_SIZE];           /* text received (plain, or decrypted), not yet read as lines */
    size_t lines_length;
};

/* How long the next wait may take: the per-wait limit, cut short by the overall deadline. */
static unsigned wait_ms(const struct connection *c)
{
    DWORD left = c->deadline - GetTickCount();
    if ((long)left <= 0)
        return 0;
    return left < c->timeout_ms ? left : c->timeout_ms;
}

/* Receives more bytes into c->input. */
static enum outcome receive_more(struct connection *c)
{
    fd_set readable;
    struct timeval limit;
    unsigned ms = wait_ms(c);
    int got;
    if (c->input_length >= sizeof(c->input))
        return OUTCOME_OVERSIZED;
    FD_ZERO(&readable);
    FD_SET(c->socket, &readable);
    limit.tv_sec = (long)(ms / 1000);
    limit.tv_usec = (long)(ms % 1000) * 1000;
    if (ms == 0 || select(0, &readable, NULL, NULL, &limit) <= 0)
        return OUTCOME_TIMEOUT;
    got = recv(c->socket, (char *)c->input + c->input_length, (int)(sizeof(c->input) - c->input_length), 0);
    if (got <= 0)
        return OUTCOME_CLOSED;
    c->input_length += (size_t)got;
    return OUTCOME_OK;
}

static int send_all(struct connection *c, const void *data, size_t size)
{
    const char *p = data;
    while (size > 0) {
        int sent = send(c->socket, p, (int)size, 0);
        if (sent <= 0)
            return -1;
        p += sent;
        size -= (size_t)sent;
    }
    return 0;
}

static enum outcome connect_to(struct connection *c, const struct target *target, struct handshake_report *report)
{
    struct addrinfo hints, *list = NULL, *address;
    enum outcome outcome = OUTCOME_CONNECT_TIMEOUT;
    int rc;

    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    rc = getaddrinfo(target->host, target->port, &hints, &list);
    if (rc != 0) {
        report->status = (unsigned long)rc;
        return OUTCOME_HOST_NOT_FOUND;
    }
    for (address = list; address; address = address->ai_next) {
        u_long non_blocking = 1;
        fd_set writable, failed;
        struct timeval limit;
        unsigned ms = wait_ms(c);
        int error = 0, error_size = sizeof(error);
        SOCKET s = socket(address->ai_family, address->ai_socktype, address->ai_protocol);
        if (s == INVALID_SOCKET)
            continue;
        ioctlsocket(s, FIONBIO, &non_blocking);
        if (connect(s, address->ai_addr, (int)address->ai_addrlen) != 0 && WSAGetLastError() != WSAEWOULDBLOCK) {
            report->status = (unsigned long)WSAGetLastError();
            outcome = OUTCOME_REFUSED;
            closesocket(s);
            continue;
        }
        FD_ZERO(&writable);
        FD_ZERO(&failed);
        FD_SET(s, &writable);
        FD_SET(s, &failed);
        limit.tv_sec = (long)(ms / 1000);
        limit.tv_usec = (long)(ms % 1000) * 1000;
        rc = ms ? select(0, NULL, &writable, &failed, &limit) : 0;
        if (rc > 0 && FD_ISSET(s, &writable) &&
            getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&error, &error_size) == 0 && error == 0) {
            non_blocking = 0;
            ioctlsocket(s, FIONBIO, &non_blocking);
            c->socket = s;
            freeaddrinfo(list);
            return OUTCOME_OK;
        }
        if (rc > 0) {
            /* Windows reports a refused non-blocking connect through the except set. */
            getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&error, &error_size);
            report->status = (unsigned long)error;
            outcome = OUTCOME_REFUSED;
        } else if (outcome != OUTCOME_REFUSED) {
            outcome = OUTCOME_CONNECT_TIMEOUT;
        }
        closesocket(s);
    }
    freeaddrinfo(list);
    return outcome;
}

/* --- lines: plain text before STARTTLS, decrypted text after the handshake ------------ */

static enum outcome decrypt_more(struct connection *c);

/* Takes one line (without CR LF) from c->lines, reading more as needed. */
static enum outcome read_line(struct connection *c, int decrypted, char *line, size_t size)
{
    for (;;) {
        char *end = memchr(c->lines, '\n', c->lines_length);
        enum outcome outcome;
        if (end) {
            size_t length = (size_t)(end - c->lines);
            size_t copy = length < size - 1 ? length : size - 1;
            memcpy(line, c->lines, copy);
            line[copy] = '\0';
            if (copy > 0 && line[copy - 1] == '\r')
                line[copy - 1] = '\0';
            memmove(c->lines, end + 1, c->lines_length - length - 1);
            c->lines_length -= length + 1;
            return OUTCOME_OK;
        }
        if (c->lines_length == sizeof(c->lines))
            return OUTCOME_NOT_TLS;   /* a line longer than any mail server sends */
        if (decrypted) {
            outcome = decrypt_more(c);
        } else {
            size_t take;
            if (c->input_length == 0 && (outcome = receive_more(c)) != OUTCOME_OK)
                return outcome;
            take = c->input_length < sizeof(c->lines) - c->lines_length ? c->input_length
                                                                          : sizeof(c->lines) - c->lines_length;
            memcpy(c->lines + c->lines_length, c->input, take);
            c->lines_length += take;
            memmove(c->input, c->input + take, c->input_length - take);
            c->input_length -= take;
            outcome = OUTCOME_OK;
        }
        if (outcome != OUTCOME_OK)
            return outcome;
    }
}

static int send_line(struct connection *c, int encrypted, const char *command)
{
    char text[256];
    size_t length;
    unsigned char *message;
    SecBuffer buffers[4];
    SecBufferDesc desc;
    SECURITY_STATUS status;
    int rc;

    length = (size_t)text_format(text, sizeof(text), "%s\r\n", command);
    if (!encrypted)
        return send_all(c, text, length);
    message = malloc(c->sizes.cbHeader + length + c->sizes.cbTrailer);
    if (!message)
        return -1;
    memcpy(message + c->sizes.cbHeader, text, length);
    set_buffer(&buffers[0], SECBUFFER_STREAM_HEADER, message, c->sizes.cbHeader);
    set_buffer(&buffers[1], SECBUFFER_DATA, message + c->sizes.cbHeader, (unsigned long)length);
    set_buffer(&buffers[2], SECBUFFER_STREAM_TRAILER, message + c->sizes.cbHeader + length, c->sizes.cbTrailer);
    set_buffer(&buffers[3], SECBUFFER_EMPTY, NULL, 0);
    desc.ulVersion = SECBUFFER_VERSION;
    desc.cBuffers = 4;
    desc.pBuffers = buffers;
    sspi_enter();
    status = EncryptMessage(&c->context, 0, &desc, 0);
    sspi_leave();
    rc = status == SEC_E_OK ? send_all(c, message, buffers[0].cbBuffer + buffers[1].cbBuffer + buffers[2].cbBuffer)
                            : -1;
    free(message);
    return rc;
}

/* Decrypts the next record from c->input into c->lines. */
static enum outcome decrypt_more(struct connection *c)
{
    for (;;) {
        SecBuffer buffers[4];
        SecBufferDesc desc;
        SECURITY_STATUS status;
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
            status = DecryptMessage(&c->context, &desc, 0, NULL);
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
        {
            enum outcome outcome = receive_more(c);
            if (outcome != OUTCOME_OK)
                return outcome;
        }
    }
}

/* Runs the mail steps; on a bad answer keeps it in report->reply. */
static enum outcome talk(struct connection *c, const struct target *target, int after_tls, enum outcome bad,
                         struct handshake_report *report)
{
    int count, i;
    const struct mail_step *steps = mail_steps(target->mail, target->mode, after_tls, &count);
    for (i = 0; i < count; i++) {
        struct reply_reader reader;
        enum reply_state state = REPLY_MORE;
        char line[LINE_SIZE];
        if (steps[i].send && send_line(c, after_tls, steps[i].send) != 0)
            return OUTCOME_CLOSED;
        reply_reader_start(&reader, &steps[i]);
        if (i == 0)
            report->reply[0] = '\0';
        while (state == REPLY_MORE) {
            enum outcome outcome = read_line(c, after_tls, line, sizeof(line));
            if (outcome != OUTCOME_OK)
                return outcome;
            state = reply_reader_line(&reader, line);
            /* Keep the first line of the first answer (the greeting), or the line that
             * made an answer bad. */
            if (!report->reply[0] || state == REPLY_BAD)
                text_format(report->reply, sizeof(report->reply), "%s", line);
        }
        if (state == REPLY_BAD)
            return bad;
    }
    return OUTCOME_OK;
}

/* What the server's bytes say when Schannel fails: an alert, plain text, or not TLS. */
static enum outcome explain_failure(struct connection *c, struct handshake_report *report, enum outcome otherwise)
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

static enum outcome handshake(struct connection *c, const struct target *target, unsigned long grbit,
                              struct handshake_report *report)
{
    const ULONG flags = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | ISC_REQ_SEQUENCE_DETECT |
                        ISC_REQ_REPLAY_DETECT | ISC_REQ_EXTENDED_ERROR | ISC_REQ_MANUAL_CRED_VALIDATION;
    SCHANNEL_CRED credentials_data;
    wchar_t *host = wide_from_utf8(target->host);
    SECURITY_STATUS status;
    TimeStamp expiry;
    ULONG attributes;
    int first = 1;

    memset(&credentials_data, 0, sizeof(credentials_data));
    credentials_data.dwVersion = SCHANNEL_CRED_VERSION;
    credentials_data.grbitEnabledProtocols = grbit;
    /* The certificate is checked separately, so a bad one is reported, not a mystery. */
    credentials_data.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    sspi_enter();
    status = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &credentials_data,
                                       NULL, NULL, &c->credentials, &expiry);
    sspi_leave();
    if (status != SEC_E_OK) {
        free(host);
        report->status = (unsigned long)status;
        return (status == SEC_E_ALGORITHM_MISMATCH || status == SEC_E_NO_AUTHENTICATING_AUTHORITY)
                   ? OUTCOME_NOTHING_TO_OFFER
                   : OUTCOME_HANDSHAKE_ERROR;
    }
    c->have_credentials = 1;

    for (;;) {
        SecBuffer in_buffers[2], out_buffers[2];
        SecBufferDesc in_desc, out_desc;
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
        status = InitializeSecurityContextW(&c->credentials, first ? NULL : &c->context, host, flags, 0, 0,
                                            first ? NULL : &in_desc, 0, first ? &c->context : NULL, &out_desc,
                                            &attributes, &expiry);
        if (first && (status == SEC_I_CONTINUE_NEEDED || status == SEC_E_OK))
            c->have_context = 1;
        first = 0;
        sspi_leave();
        if (out_buffers[0].pvBuffer && out_buffers[0].cbBuffer > 0)
            send_all(c, out_buffers[0].pvBuffer, out_buffers[0].cbBuffer);
        sspi_enter();
        if (out_buffers[0].pvBuffer)
            FreeContextBuffer(out_buffers[0].pvBuffer);
        if (out_buffers[1].pvBuffer)
            FreeContextBuffer(out_buffers[1].pvBuffer);
        sspi_leave();

        switch (status) {
        case SEC_E_OK:
        case SEC_I_CONTINUE_NEEDED: {
            /* Keep what the server sent beyond this handshake message. */
            size_t extra = in_buffers[1].BufferType == SECBUFFER_EXTRA ? in_buffers[1].cbBuffer : 0;
            if (c->input_length >= extra) {
                memmove(c->input, c->input + c->input_length - extra, extra);
                c->input_length = extra;
            }
            if (status == SEC_E_OK) {
                free(host);
                return OUTCOME_OK;
            }
            if (c->input_length > 0)
                continue;
            break;
        }
        case SEC_E_INCOMPLETE_MESSAGE:
            break;
        default:
            free(host);
            report->status = (unsigned long)status;
            if (status == SEC_E_ALGORITHM_MISMATCH || status == SEC_E_NO_AUTHENTICATING_AUTHORITY)
                if (c->input_length == 0)
                    return OUTCOME_NOTHING_TO_OFFER;
            return explain_failure(c, report, OUTCOME_HANDSHAKE_ERROR);
        }

        {
            enum outcome outcome = receive_more(c);
            if (outcome == OUTCOME_OK) {
                /* Look at the server's first answer before Schannel does. */
                enum record_check check = tls_record_check(c->input, c->input_length);
                if (check == RECORD_NOT_TLS || check == RECORD_OVERSIZED ||
                    plaintext_banner(c->input, c->input_length) != MAIL_NONE) {
                    free(host);
                    return explain_failure(c, report, OUTCOME_NOT_TLS);
                }
                continue;
            }
            free(host);
            return explain_failure(c, report, outcome);
        }
    }
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

/* Subject, issuer, validity, thumbprint, and the SSL policy check with the host name. */
static void describe_certificate(struct connection *c, const struct target *target, struct handshake_report *report)
{
    PCCERT_CONTEXT certificate = NULL;
    PCCERT_CHAIN_CONTEXT chain = NULL;
    CERT_CHAIN_PARA chain_para;
    CERT_CHAIN_POLICY_PARA policy_para;
    CERT_CHAIN_POLICY_STATUS policy_status;
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl_para;
    BYTE hash[20];
    DWORD hash_size = sizeof(hash), i;
    wchar_t *host;

    SECURITY_STATUS status;

    sspi_enter();
    status = QueryContextAttributesW(&c->context, SECPKG_ATTR_REMOTE_CERT_CONTEXT, (void *)&certificate);
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

    memset(&chain_para, 0, sizeof(chain_para));
    chain_para.cbSize = sizeof(chain_para);
    report->chain_error = (unsigned long)CERT_E_UNTRUSTEDROOT;
    if (CertGetCertificateChain(NULL, certificate, NULL, certificate->hCertStore, &chain_para, 0, NULL, &chain)) {
        host = wide_from_utf8(target->host);
        memset(&ssl_para, 0, sizeof(ssl_para));
        ssl_para.cbSize = sizeof(ssl_para);
        ssl_para.dwAuthType = AUTHTYPE_SERVER;
        ssl_para.pwszServerName = host;
        memset(&policy_para, 0, sizeof(policy_para));
        policy_para.cbSize = sizeof(policy_para);
        policy_para.pvExtraPolicyPara = &ssl_para;
        memset(&policy_status, 0, sizeof(policy_status));
        policy_status.cbSize = sizeof(policy_status);
        if (CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy_para, &policy_status))
            report->chain_error = policy_status.dwError;
        CertFreeCertificateChain(chain);
        free(host);
    }
    CertFreeCertificateContext(certificate);
}

static void describe_connection(struct connection *c, const struct target *target, enum client_depth depth,
                                struct handshake_report *report)
{
    SecPkgContext_ConnectionInfo info;
    SECURITY_STATUS status;
    sspi_enter();
    status = QueryContextAttributesW(&c->context, SECPKG_ATTR_CONNECTION_INFO, &info);
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
    if (depth != CLIENT_HANDSHAKE_ONLY)
        describe_certificate(c, target, report);
}

void tls_client_run(const struct target *target, unsigned long grbit, unsigned timeout_seconds,
                    enum client_depth depth, struct handshake_report *report)
{
    /* On the heap: the buffers are large, and several threads may each run one. */
    struct connection *c = calloc(1, sizeof(*c));
    WSADATA wsa;
    enum outcome outcome;

    handshake_report_init(report);
    if (!c) {
        report->status = ERROR_NOT_ENOUGH_MEMORY;
        return;
    }
    c->socket = INVALID_SOCKET;
    c->timeout_ms = timeout_seconds * 1000u;
    /* However the server dribbles, the whole test ends within three time limits. */
    c->deadline = GetTickCount() + 3u * c->timeout_ms;
    if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) {
        report->outcome = OUTCOME_SYSTEM_ERROR;
        free(c);
        return;
    }
    outcome = connect_to(c, target, report);
    if (outcome == OUTCOME_OK && target->mode == TLS_STARTTLS)
        outcome = talk(c, target, 0, OUTCOME_STARTTLS_REFUSED, report);
    if (outcome == OUTCOME_OK) {
        /* Bytes the server sent after its STARTTLS answer would be handshake data. */
        c->lines_length = 0;
        outcome = handshake(c, target, grbit, report);
    }
    if (outcome == OUTCOME_OK) {
        describe_connection(c, target, depth, report);
        if (depth == CLIENT_WITH_MAIL) {
            SECURITY_STATUS status;
            sspi_enter();
            status = QueryContextAttributesW(&c->context, SECPKG_ATTR_STREAM_SIZES, &c->sizes);
            sspi_leave();
            outcome = status == SEC_E_OK ? talk(c, target, 1, OUTCOME_MAIL_FAILED, report) : OUTCOME_HANDSHAKE_ERROR;
        }
        if (outcome != OUTCOME_OK && outcome != OUTCOME_MAIL_FAILED && report->protocol)
            outcome = outcome == OUTCOME_TIMEOUT ? OUTCOME_TIMEOUT : OUTCOME_MAIL_FAILED;
    }
    report->outcome = outcome;
    sspi_enter();
    if (c->have_context)
        DeleteSecurityContext(&c->context);
    if (c->have_credentials)
        FreeCredentialsHandle(&c->credentials);
    sspi_leave();
    if (c->socket != INVALID_SOCKET)
        closesocket(c->socket);
    free(c);
    WSACleanup();
}
