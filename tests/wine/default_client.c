/* Test helper: a mail client the way Outlook Express is one. It connects to HOST PORT,
 * asks Schannel for its default protocols (grbitEnabledProtocols = 0), completes the
 * handshake and reads the server's greeting over TLS. Prints "protocol 0xN" (0x800 is
 * TLS 1.2) and "greeting TEXT" and exits 0, or names the failure and exits 1. With a third
 * argument "handshake" it stops after the handshake (for servers that send no greeting);
 * with "verify" it also checks the server's certificate chain, as a mail program does.
 * Without "verify" certificates are not checked: the scenario is about protocol versions. */
#define SECURITY_WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <schannel.h>
#include <security.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SOCKET connect_to(const char *host, const char *port)
{
    struct addrinfo hints, *list = NULL, *a;
    SOCKET s = INVALID_SOCKET;
    DWORD timeout = 10000;
    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &list) != 0)
        return INVALID_SOCKET;
    for (a = list; a; a = a->ai_next) {
        s = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
        if (s == INVALID_SOCKET)
            continue;
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof(timeout));
        if (connect(s, a->ai_addr, (int)a->ai_addrlen) == 0)
            break;
        closesocket(s);
        s = INVALID_SOCKET;
    }
    freeaddrinfo(list);
    return s;
}

static int send_all(SOCKET s, const void *data, unsigned long size)
{
    const char *p = data;
    while (size > 0) {
        int sent = send(s, p, (int)size, 0);
        if (sent <= 0)
            return -1;
        p += sent;
        size -= (unsigned long)sent;
    }
    return 0;
}

int main(int argc, char **argv)
{
    WSADATA wsa;
    SOCKET s;
    SCHANNEL_CRED credentials_data;
    CredHandle credentials;
    CtxtHandle context;
    SecBuffer in_buffers[2], out_buffer, message[4];
    SecBufferDesc in_desc, out_desc, message_desc;
    SecPkgContext_ConnectionInfo info;
    TimeStamp expiry;
    ULONG attributes;
    SECURITY_STATUS status;
    static char buffer[65536];
    unsigned long have = 0;
    int first = 1, i;
    const ULONG flags = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM |
                        ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_MANUAL_CRED_VALIDATION;

    int verify = argc == 4 && strcmp(argv[3], "verify") == 0;
    if (argc != 3 && !(argc == 4 && (strcmp(argv[3], "handshake") == 0 || verify))) {
        printf("usage: default_client HOST PORT [handshake|verify]\n");
        return 2;
    }
    WSAStartup(MAKEWORD(2, 2), &wsa);
    s = connect_to(argv[1], argv[2]);
    if (s == INVALID_SOCKET) {
        printf("connect failed\n");
        return 1;
    }
    memset(&credentials_data, 0, sizeof(credentials_data));
    credentials_data.dwVersion = SCHANNEL_CRED_VERSION;
    credentials_data.grbitEnabledProtocols = 0;   /* the system default, as old mail programs ask */
    credentials_data.dwFlags = SCH_CRED_MANUAL_CRED_VALIDATION | SCH_CRED_NO_DEFAULT_CREDS;
    status = AcquireCredentialsHandleA(NULL, (char *)UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &credentials_data,
                                       NULL, NULL, &credentials, &expiry);
    if (status != SEC_E_OK) {
        printf("AcquireCredentialsHandle failed: 0x%08lx\n", (unsigned long)status);
        return 1;
    }

    for (;;) {
        out_buffer.BufferType = SECBUFFER_TOKEN;
        out_buffer.cbBuffer = 0;
        out_buffer.pvBuffer = NULL;
        out_desc.ulVersion = SECBUFFER_VERSION;
        out_desc.cBuffers = 1;
        out_desc.pBuffers = &out_buffer;
        if (first) {
            status = InitializeSecurityContextA(&credentials, NULL, argv[1], flags, 0, 0, NULL, 0, &context,
                                                &out_desc, &attributes, &expiry);
            first = 0;
        } else {
            in_buffers[0].BufferType = SECBUFFER_TOKEN;
            in_buffers[0].pvBuffer = buffer;
            in_buffers[0].cbBuffer = have;
            in_buffers[1].BufferType = SECBUFFER_EMPTY;
            in_buffers[1].pvBuffer = NULL;
            in_buffers[1].cbBuffer = 0;
            in_desc.ulVersion = SECBUFFER_VERSION;
            in_desc.cBuffers = 2;
            in_desc.pBuffers = in_buffers;
            status = InitializeSecurityContextA(&credentials, &context, argv[1], flags, 0, 0, &in_desc, 0, NULL,
                                                &out_desc, &attributes, &expiry);
        }
        if (out_buffer.cbBuffer > 0 && out_buffer.pvBuffer) {
            if (send_all(s, out_buffer.pvBuffer, out_buffer.cbBuffer) != 0) {
                printf("send failed\n");
                return 1;
            }
        }
        if (out_buffer.pvBuffer)
            FreeContextBuffer(out_buffer.pvBuffer);
        if (status == SEC_E_INCOMPLETE_MESSAGE || status == SEC_I_CONTINUE_NEEDED || status == SEC_E_OK) {
            if (status != SEC_E_INCOMPLETE_MESSAGE && !first && have > 0) {
                /* Keep what the server sent beyond this handshake message. */
                unsigned long extra = in_buffers[1].BufferType == SECBUFFER_EXTRA ? in_buffers[1].cbBuffer : 0;
                memmove(buffer, buffer + have - extra, extra);
                have = extra;
            }
            if (status == SEC_E_OK)
                break;
            if (status == SEC_I_CONTINUE_NEEDED && have > 0)
                continue;
            {
                int got = recv(s, buffer + have, (int)(sizeof(buffer) - have), 0);
                if (got <= 0) {
                    printf("handshake failed: the server closed the connection\n");
                    return 1;
                }
                have += (unsigned long)got;
            }
            continue;
        }
        printf("handshake failed: 0x%08lx\n", (unsigned long)status);
        return 1;
    }

    if (QueryContextAttributesA(&context, SECPKG_ATTR_CONNECTION_INFO, &info) != SEC_E_OK) {
        printf("QueryContextAttributes failed\n");
        return 1;
    }
    printf("protocol 0x%lx\n", (unsigned long)info.dwProtocol);
    if (verify) {
        /* The check a mail program's Schannel makes: the chain, with the SSL policy. */
        PCCERT_CONTEXT certificate = NULL;
        PCCERT_CHAIN_CONTEXT chain = NULL;
        CERT_CHAIN_PARA chain_para;
        CERT_CHAIN_POLICY_PARA policy_para;
        CERT_CHAIN_POLICY_STATUS policy_status;
        memset(&chain_para, 0, sizeof(chain_para));
        chain_para.cbSize = sizeof(chain_para);
        memset(&policy_para, 0, sizeof(policy_para));
        policy_para.cbSize = sizeof(policy_para);
        memset(&policy_status, 0, sizeof(policy_status));
        policy_status.cbSize = sizeof(policy_status);
        if (QueryContextAttributesA(&context, SECPKG_ATTR_REMOTE_CERT_CONTEXT, (void *)&certificate) != SEC_E_OK ||
            !CertGetCertificateChain(NULL, certificate, NULL, certificate->hCertStore, &chain_para, 0, NULL, &chain) ||
            !CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy_para, &policy_status)) {
            printf("certificate check failed\n");
            return 1;
        }
        printf("certificate 0x%lx\n", (unsigned long)policy_status.dwError);
        CertFreeCertificateChain(chain);
        CertFreeCertificateContext(certificate);
    }
    if (argc == 4 && !verify)
        return 0;

    /* The greeting: decrypt records until some application data arrives. */
    for (;;) {
        if (have > 0) {
            message[0].BufferType = SECBUFFER_DATA;
            message[0].pvBuffer = buffer;
            message[0].cbBuffer = have;
            for (i = 1; i < 4; i++) {
                message[i].BufferType = SECBUFFER_EMPTY;
                message[i].pvBuffer = NULL;
                message[i].cbBuffer = 0;
            }
            message_desc.ulVersion = SECBUFFER_VERSION;
            message_desc.cBuffers = 4;
            message_desc.pBuffers = message;
            status = DecryptMessage(&context, &message_desc, 0, NULL);
            if (status == SEC_E_OK) {
                for (i = 1; i < 4; i++) {
                    if (message[i].BufferType == SECBUFFER_DATA && message[i].cbBuffer > 0) {
                        char *text = message[i].pvBuffer;
                        unsigned long n = message[i].cbBuffer;
                        while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n'))
                            n--;
                        printf("greeting %.*s\n", (int)n, text);
                        return 0;
                    }
                }
                have = 0;
                for (i = 1; i < 4; i++)
                    if (message[i].BufferType == SECBUFFER_EXTRA) {
                        memmove(buffer, message[i].pvBuffer, message[i].cbBuffer);
                        have = message[i].cbBuffer;
                    }
                continue;
            }
            if (status != SEC_E_INCOMPLETE_MESSAGE) {
                printf("DecryptMessage failed: 0x%08lx\n", (unsigned long)status);
                return 1;
            }
        }
        {
            int got = recv(s, buffer + have, (int)(sizeof(buffer) - have), 0);
            if (got <= 0) {
                printf("no greeting: the connection closed\n");
                return 1;
            }
            have += (unsigned long)got;
        }
    }
}
