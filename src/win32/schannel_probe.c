/* The support probe behind /status. AcquireCredentialsHandle alone is not proof: an
 * older Schannel may accept protocol flags it cannot speak, so the ClientHello it
 * produces is read back and its version compared. */
#include "schannel_probe.h"
#include "platform.h"
#include "../core/tls/clienthello.h"

#include <schannel.h>
#include <security.h>
#include <string.h>

#ifndef SEC_E_SECPKG_NOT_FOUND
#define SEC_E_SECPKG_NOT_FOUND ((SECURITY_STATUS)0x80090305L)
#endif

static volatile LONG schannel_used, settings_changed;

void schannel_note_use(void)
{
    InterlockedExchange(&schannel_used, 1);
}

void schannel_note_settings_changed(void)
{
    InterlockedExchange(&settings_changed, 1);
}

int schannel_sees_current_settings(void)
{
    return !InterlockedCompareExchange(&schannel_used, 0, 0) && !InterlockedCompareExchange(&settings_changed, 0, 0);
}

/* Lets Schannel build its first handshake message for `grbit` into out (*length bytes).
 * Returns the status of AcquireCredentialsHandle, or of InitializeSecurityContext. */
static SECURITY_STATUS first_message(unsigned long grbit, unsigned char *out, size_t size, size_t *length)
{
    SCHANNEL_CRED credentials_data;
    CredHandle credentials;
    CtxtHandle context;
    SecBuffer out_buffer;
    SecBufferDesc out_desc;
    TimeStamp expiry;
    ULONG attributes = 0;
    SECURITY_STATUS status;

    *length = 0;
    schannel_note_use();
    memset(&credentials_data, 0, sizeof(credentials_data));
    credentials_data.dwVersion = SCHANNEL_CRED_VERSION;
    credentials_data.grbitEnabledProtocols = grbit;
    credentials_data.dwFlags = SCH_CRED_NO_DEFAULT_CREDS | SCH_CRED_MANUAL_CRED_VALIDATION;

    status = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL,
                                       &credentials_data, NULL, NULL, &credentials, &expiry);
    if (status != SEC_E_OK)
        return status;

    out_buffer.BufferType = SECBUFFER_TOKEN;
    out_buffer.cbBuffer = 0;
    out_buffer.pvBuffer = NULL;
    out_desc.ulVersion = SECBUFFER_VERSION;
    out_desc.cBuffers = 1;
    out_desc.pBuffers = &out_buffer;
    status = InitializeSecurityContextW(&credentials, NULL, NULL,
                                        ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM |
                                            ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT,
                                        0, 0, NULL, 0, &context, &out_desc, &attributes, &expiry);
    if (status == SEC_I_CONTINUE_NEEDED) {
        if (out_buffer.pvBuffer && out_buffer.cbBuffer <= size) {
            memcpy(out, out_buffer.pvBuffer, out_buffer.cbBuffer);
            *length = out_buffer.cbBuffer;
        }
        DeleteSecurityContext(&context);
    }
    if (out_buffer.pvBuffer)
        FreeContextBuffer(out_buffer.pvBuffer);
    FreeCredentialsHandle(&credentials);
    return status;
}

enum probe_result schannel_probe(enum protocol_id id)
{
    const struct protocol_info *protocol = protocol_get(id);
    unsigned char hello[4096];
    size_t length;
    uint16_t version;
    SECURITY_STATUS status = first_message(protocol->sp_prot_client, hello, sizeof(hello), &length);
    if (status == SEC_E_SECPKG_NOT_FOUND || status == SEC_E_INSUFFICIENT_MEMORY)
        return PROBE_FAILED;
    if (length > 0 && clienthello_version(hello, length, &version) == 0 && version == protocol->wire_version)
        return PROBE_OFFERED;
    return PROBE_REFUSED;
}

size_t schannel_hello(unsigned long grbit, unsigned char *out, size_t size)
{
    size_t length;
    first_message(grbit, out, size, &length);
    return length;
}

size_t schannel_default_hello(unsigned char *out, size_t size)
{
    return schannel_hello(0, out, size);
}

uint16_t schannel_default_version(void)
{
    unsigned char bytes[4096];
    struct hello_spec spec;
    size_t length = schannel_default_hello(bytes, sizeof(bytes));
    if (length == 0 || clienthello_parse(bytes, length, &spec) != 0)
        return 0;
    return spec.offers_tls13 ? 0x0304 : spec.client_version;
}
