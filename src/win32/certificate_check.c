/* Certificate chain checks (see certificate_check.h). */
#include "certificate_check.h"
#include "step_timing.h"
#include "wide.h"

#include <stdlib.h>
#include <string.h>

static volatile LONG warming_started;
static HANDLE warming_thread;   /* ends when Windows' default chain engine is made */

/* The longest a check waits for the warm-up: the warm-up does the work the check would
 * do itself, so waiting costs nothing, unless the warm-up is stuck; then the check goes
 * on with Windows' default engine as it would have without a warm-up. */
#define WARMING_WAIT_MS 20000u

/* Makes Windows' default chain engine, the one every check of this process then uses,
 * by building the chain of one trusted root with it: making it reads the trusted roots.
 * No engine of our own: the checks stay exactly what a mail program's Schannel makes. */
static DWORD WINAPI warm_default_engine(void *unused)
{
    int step = step_timing_begin("roots (Windows' default chain engine made)");
    HCERTSTORE roots = CertOpenSystemStoreW(0, L"ROOT");
    (void)unused;
    if (roots) {
        PCCERT_CONTEXT root = CertEnumCertificatesInStore(roots, NULL);
        if (root) {
            PCCERT_CHAIN_CONTEXT chain = NULL;
            CERT_CHAIN_PARA chain_para;
            memset(&chain_para, 0, sizeof(chain_para));
            chain_para.cbSize = sizeof(chain_para);
            if (CertGetCertificateChain(NULL, root, NULL, NULL, &chain_para, 0, NULL, &chain))
                CertFreeCertificateChain(chain);
            CertFreeCertificateContext(root);
        }
        CertCloseStore(roots, 0);
    }
    step_timing_end(step);
    return 0;
}

void certificate_check_prepare(void)
{
    if (InterlockedExchange(&warming_started, 1))
        return;
    warming_thread = CreateThread(NULL, 0, warm_default_engine, NULL, 0, NULL);
}

/* A check made while the warm-up runs would make a second engine: it waits instead. */
static void wait_for_warming(void)
{
    if (InterlockedCompareExchange(&warming_started, 1, 1) && warming_thread)
        WaitForSingleObject(warming_thread, WARMING_WAIT_MS);
}

unsigned long certificate_check(PCCERT_CONTEXT leaf, HCERTSTORE extra, const char *host)
{
    PCCERT_CHAIN_CONTEXT chain = NULL;
    CERT_CHAIN_PARA chain_para;
    CERT_CHAIN_POLICY_PARA policy_para;
    CERT_CHAIN_POLICY_STATUS policy_status;
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl_para;
    unsigned long error = (unsigned long)CERT_E_UNTRUSTEDROOT;
    wchar_t *name;

    /* For a server, as Schannel asks: the SSL policy alone does not look at the extended key
     * usage, so a certificate for e-mail or client use only would pass. */
    static char *const server_usages[] = { szOID_PKIX_KP_SERVER_AUTH, szOID_SERVER_GATED_CRYPTO,
                                           szOID_SGC_NETSCAPE };

    memset(&chain_para, 0, sizeof(chain_para));
    chain_para.cbSize = sizeof(chain_para);
    chain_para.RequestedUsage.dwType = USAGE_MATCH_TYPE_OR;
    chain_para.RequestedUsage.Usage.cUsageIdentifier = sizeof(server_usages) / sizeof(server_usages[0]);
    chain_para.RequestedUsage.Usage.rgpszUsageIdentifier = (char **)server_usages;
    wait_for_warming();
    if (!CertGetCertificateChain(NULL, leaf, NULL, extra, &chain_para, 0, NULL, &chain))
        return error;
    name = wide_from_utf8(host);
    memset(&ssl_para, 0, sizeof(ssl_para));
    ssl_para.cbSize = sizeof(ssl_para);
    ssl_para.dwAuthType = AUTHTYPE_SERVER;
    ssl_para.pwszServerName = name;
    memset(&policy_para, 0, sizeof(policy_para));
    policy_para.cbSize = sizeof(policy_para);
    policy_para.pvExtraPolicyPara = &ssl_para;
    memset(&policy_status, 0, sizeof(policy_status));
    policy_status.cbSize = sizeof(policy_status);
    if (name && CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &policy_para, &policy_status))
        error = policy_status.dwError;
    if (error == 0 && (chain->TrustStatus.dwErrorStatus & CERT_TRUST_IS_NOT_VALID_FOR_USAGE))
        error = (unsigned long)CERT_E_WRONG_USAGE;
    CertFreeCertificateChain(chain);
    free(name);
    return error;
}

int certificate_check_list(const unsigned char *list, size_t size, const char *host, unsigned long *error)
{
    HCERTSTORE store = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, NULL);
    PCCERT_CONTEXT leaf = NULL;
    size_t at = 0;
    int rc = -1;

    if (!store)
        return -1;
    while (size - at >= 3) {
        size_t length = (size_t)list[at] << 16 | (size_t)list[at + 1] << 8 | list[at + 2];
        PCCERT_CONTEXT added = NULL;
        at += 3;
        if (length > size - at)
            break;
        if (CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, list + at, (DWORD)length,
                                             CERT_STORE_ADD_ALWAYS, &added)) {
            if (!leaf)
                leaf = added;   /* the server's own certificate comes first */
            else
                CertFreeCertificateContext(added);
        } else if (!leaf) {
            break;   /* Windows cannot read the server's own certificate: nothing to check */
        }
        at += length;
    }
    if (leaf) {
        *error = certificate_check(leaf, store, host);
        CertFreeCertificateContext(leaf);
        rc = 0;
    }
    CertCloseStore(store, 0);
    return rc;
}
