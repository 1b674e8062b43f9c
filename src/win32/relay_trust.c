/* The relay's certificate check (see relay_trust.h). */
#include "relay_trust.h"
#include "certificate_check.h"
#include "osinfo_win32.h"
#include "regstore_win32.h"
#include "wide.h"
#include "windows_roots.h"
#include "../core/relay/relay_chain.h"
#include "../core/text/text.h"

#include <stdlib.h>
#include <string.h>
#include <wincrypt.h>

static struct relay_trust *trust_of(const br_x509_class **context)
{
    return (struct relay_trust *)(void *)context;
}

static void drop_chain(struct relay_trust *trust)
{
    free(trust->chain);
    trust->chain = NULL;
    trust->chain_length = trust->chain_capacity = 0;
}

static void start_chain(const br_x509_class **context, const char *server_name)
{
    struct relay_trust *trust = trust_of(context);
    drop_chain(trust);
    trust->host = server_name ? server_name : "";
    trust->certificate_end = 0;
    trust->certificate_count = 0;
    trust->too_large = 0;
    trust->key_usages = 0;
    trust->checker = RELAY_TLS_CHECKER_NONE;
    memset(&trust->verdict, 0, sizeof(trust->verdict));
    br_x509_decoder_init(&trust->leaf, NULL, NULL);
}

static void start_cert(const br_x509_class **context, uint32_t length)
{
    struct relay_trust *trust = trust_of(context);
    size_t needed = trust->chain_length + 3 + (size_t)length;
    if (trust->too_large || trust->certificate_count >= RELAY_TRUST_MAX_CERTIFICATES ||
        length > RELAY_TRUST_MAX_CHAIN_BYTES || needed > RELAY_TRUST_MAX_CHAIN_BYTES) {
        trust->too_large = 1;
        return;
    }
    if (needed > trust->chain_capacity) {
        size_t capacity = trust->chain_capacity ? 2 * trust->chain_capacity : 4096;
        unsigned char *grown;
        while (capacity < needed)
            capacity *= 2;
        if (capacity > RELAY_TRUST_MAX_CHAIN_BYTES)
            capacity = RELAY_TRUST_MAX_CHAIN_BYTES;
        grown = realloc(trust->chain, capacity);
        if (!grown) {
            trust->too_large = 1;
            return;
        }
        trust->chain = grown;
        trust->chain_capacity = capacity;
    }
    trust->chain[trust->chain_length++] = (unsigned char)(length >> 16);
    trust->chain[trust->chain_length++] = (unsigned char)(length >> 8);
    trust->chain[trust->chain_length++] = (unsigned char)length;
    trust->certificate_end = trust->chain_length + length;
}

static void append(const br_x509_class **context, const unsigned char *bytes, size_t length)
{
    struct relay_trust *trust = trust_of(context);
    if (trust->too_large || length > trust->certificate_end - trust->chain_length)
        return;
    memcpy(trust->chain + trust->chain_length, bytes, length);
    trust->chain_length += length;
}

static void end_cert(const br_x509_class **context)
{
    struct relay_trust *trust = trust_of(context);
    if (trust->too_large || trust->chain_length != trust->certificate_end) {
        trust->too_large = 1;
        return;
    }
    if (trust->certificate_count == 0) {
        size_t size = trust->chain_length - 3;
        br_x509_decoder_push(&trust->leaf, trust->chain + 3, size);
    }
    trust->certificate_count++;
}

static void format_date(const FILETIME *time, char *out, size_t size)
{
    SYSTEMTIME st;
    if (FileTimeToSystemTime(time, &st))
        text_format(out, size, "%04u-%02u-%02u", st.wYear, st.wMonth, st.wDay);
}

static void wide_to_field(const wchar_t *wide, char *out, size_t size)
{
    char *utf8 = utf8_from_wide(wide);
    if (utf8) {
        text_format(out, size, "%s", utf8);
        text_utf8_drop_cut(out);
        free(utf8);
    }
}

/* The names and dates a refusal shows: what the server's certificate is for and when it is
 * valid, and the issuer of the top certificate, the root this Windows lacks. */
static void describe_refusal(struct relay_trust *trust)
{
    struct relay_tls_failure *verdict = &trust->verdict;
    const unsigned char *der, *top = NULL;
    size_t offset = 0, size, top_size = 0;
    PCCERT_CONTEXT certificate;
    wchar_t wide[512];
    SYSTEMTIME today;

    text_format(verdict->host, sizeof(verdict->host), "%s", trust->host);
    GetLocalTime(&today);
    text_format(verdict->today, sizeof(verdict->today), "%04u-%02u-%02u", today.wYear, today.wMonth, today.wDay);
    if (relay_chain_next(trust->chain, trust->chain_length, &offset, &der, &size) != 0)
        return;
    certificate = CertCreateCertificateContext(X509_ASN_ENCODING, der, (DWORD)size);
    if (certificate) {
        if (CertGetNameStringW(certificate, CERT_NAME_DNS_TYPE, 0, NULL, wide, 512) > 1)
            wide_to_field(wide, verdict->certificate_name, sizeof(verdict->certificate_name));
        format_date(&certificate->pCertInfo->NotBefore, verdict->valid_from, sizeof(verdict->valid_from));
        format_date(&certificate->pCertInfo->NotAfter, verdict->valid_until, sizeof(verdict->valid_until));
        CertFreeCertificateContext(certificate);
    }
    top = der;
    top_size = size;
    while (relay_chain_next(trust->chain, trust->chain_length, &offset, &der, &size) == 0) {
        top = der;
        top_size = size;
    }
    certificate = CertCreateCertificateContext(X509_ASN_ENCODING, top, (DWORD)top_size);
    if (certificate) {
        if (CertNameToStrW(X509_ASN_ENCODING, &certificate->pCertInfo->Issuer,
                           CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG, wide, 512) > 1)
            wide_to_field(wide, verdict->issuer, sizeof(verdict->issuer));
        CertFreeCertificateContext(certificate);
    }
}

/* The code BearSSL's engine fails with for a refusal: the X.509 code nearest the reason. */
static unsigned engine_code(enum relay_tls_failure_kind kind)
{
    switch (kind) {
    case RELAY_TLS_FAILURE_CERT_NAME:
        return BR_ERR_X509_BAD_SERVER_NAME;
    case RELAY_TLS_FAILURE_CERT_EXPIRED:
        return BR_ERR_X509_EXPIRED;
    default:
        return BR_ERR_X509_NOT_TRUSTED;
    }
}

static unsigned check_with_windows(struct relay_trust *trust)
{
    unsigned long error = 0;
    enum relay_tls_failure_kind kind;
    if (certificate_check_list(trust->chain, trust->chain_length, trust->host, &error) != 0) {
        trust->verdict.kind = RELAY_TLS_FAILURE_CERT_UNCHECKED;
        trust->verdict.windows_error = GetLastError();
        return BR_ERR_X509_NOT_TRUSTED;
    }
    kind = relay_tls_failure_of_chain(error);
    if (kind == RELAY_TLS_FAILURE_NONE) {
        /* Windows' SSL policy checks the purpose (serverAuth), not the key usage bits. */
        trust->key_usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
        return 0;
    }
    trust->verdict.kind = kind;
    trust->verdict.windows_error = error;
    return engine_code(kind);
}

static unsigned check_with_bearssl(struct relay_trust *trust)
{
    unsigned long error = 0;
    const struct windows_roots *roots = windows_roots_acquire(&error);
    br_x509_minimal_context *minimal = roots ? malloc(sizeof(*minimal)) : NULL;
    const br_x509_class **validator;
    const br_x509_trust_anchor *anchors;
    const unsigned char *der;
    size_t offset = 0, size, count;
    unsigned result;

    if (!minimal) {
        windows_roots_release(roots);
        trust->verdict.kind = RELAY_TLS_FAILURE_CERT_UNCHECKED;
        trust->verdict.windows_error = roots ? ERROR_NOT_ENOUGH_MEMORY : error;
        return BR_ERR_X509_NOT_TRUSTED;
    }
    anchors = windows_roots_anchors(roots, &count);
    br_x509_minimal_init(minimal, &br_sha256_vtable, anchors, count);
    br_x509_minimal_set_hash(minimal, br_sha1_ID, &br_sha1_vtable);
    br_x509_minimal_set_hash(minimal, br_sha224_ID, &br_sha224_vtable);
    br_x509_minimal_set_hash(minimal, br_sha256_ID, &br_sha256_vtable);
    br_x509_minimal_set_hash(minimal, br_sha384_ID, &br_sha384_vtable);
    br_x509_minimal_set_hash(minimal, br_sha512_ID, &br_sha512_vtable);
    br_x509_minimal_set_rsa(minimal, trust->algorithms.rsa);
    br_x509_minimal_set_ecdsa(minimal, trust->algorithms.ec, trust->algorithms.ecdsa);
    validator = &minimal->vtable;
    (*validator)->start_chain(validator, trust->host);
    while (relay_chain_next(trust->chain, trust->chain_length, &offset, &der, &size) == 0) {
        (*validator)->start_cert(validator, (uint32_t)size);
        if (size)
            (*validator)->append(validator, der, size);
        (*validator)->end_cert(validator);
    }
    result = (*validator)->end_chain(validator);
    if (result == 0)
        (*validator)->get_pkey(validator, &trust->key_usages);
    free(minimal);
    windows_roots_release(roots);
    /* A certificate of the chain that this Windows distrusts (its Disallowed store) fails
     * the chain, as Windows' own check fails it (TRUST_E_EXPLICIT_DISTRUST from Vista on). */
    if (result == 0 && windows_chain_disallowed(trust->chain, trust->chain_length)) {
        trust->verdict.kind = RELAY_TLS_FAILURE_CERT_OTHER;
        trust->verdict.windows_error = (unsigned long)TRUST_E_EXPLICIT_DISTRUST;
        return BR_ERR_X509_NOT_TRUSTED;
    }
    if (result == 0)
        return 0;
    if (result == BR_ERR_X509_NOT_TRUSTED)
        windows_roots_read_again();
    trust->verdict.kind = relay_tls_failure_of_x509((int)result);
    trust->verdict.engine_error = (int)result;
    return result;
}

static unsigned end_chain(const br_x509_class **context)
{
    struct relay_trust *trust = trust_of(context);
    unsigned result;

    if (trust->too_large || trust->certificate_count == 0 || !br_x509_decoder_get_pkey(&trust->leaf)) {
        /* Over the bounds, empty, or a key BearSSL cannot use: nothing to check or to use. */
        trust->verdict.kind = RELAY_TLS_FAILURE_CERT_OTHER;
        trust->verdict.engine_error = trust->too_large ? BR_ERR_X509_LIMIT_EXCEEDED
                                      : trust->certificate_count == 0 ? BR_ERR_X509_EMPTY_CHAIN
                                      : br_x509_decoder_last_error(&trust->leaf);
        if (trust->verdict.engine_error == 0)
            trust->verdict.engine_error = BR_ERR_X509_UNSUPPORTED;
        result = (unsigned)trust->verdict.engine_error;
    } else {
        struct regstore store = regstore_win32();
        struct os_info os;
        osinfo_read(&store, &os);
        trust->checker = relay_chain_checker(&os, trust->chain, trust->chain_length);
        result = trust->checker == RELAY_TLS_CHECKER_BEARSSL ? check_with_bearssl(trust) : check_with_windows(trust);
    }
    trust->verdict.checker = trust->checker;
    if (result != 0)
        describe_refusal(trust);
    drop_chain(trust);
    return result;
}

static const br_x509_pkey *get_pkey(const br_x509_class *const *context, unsigned *usages)
{
    struct relay_trust *trust = (struct relay_trust *)(void *)context;
    if (trust->verdict.kind != RELAY_TLS_FAILURE_NONE)
        return NULL;
    if (usages)
        *usages = trust->key_usages;
    return br_x509_decoder_get_pkey(&trust->leaf);
}

static const br_x509_class relay_trust_class = {
    sizeof(struct relay_trust), start_chain, start_cert, append, end_cert, end_chain, get_pkey
};

void relay_trust_init(struct relay_trust *trust, const struct relay_trust_algorithms *algorithms)
{
    memset(trust, 0, sizeof(*trust));
    trust->vtable = &relay_trust_class;
    trust->algorithms = *algorithms;
    trust->host = "";
}

void relay_trust_free(struct relay_trust *trust)
{
    drop_chain(trust);
}
