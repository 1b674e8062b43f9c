/* Test helper: adds a CA certificate (a PEM file) to the machine's trusted root store
 * of the Wine prefix, as an administrator would with the certificate snap-in, so that
 * test servers can have certificates this Windows trusts. */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    static char pem[65536];
    BYTE der[16384];
    DWORD der_size = sizeof(der);
    HCERTSTORE store;
    FILE *file;
    size_t size;

    if (argc != 2 || !(file = fopen(argv[1], "rb"))) {
        printf("usage: trust_root CA.pem\n");
        return 2;
    }
    size = fread(pem, 1, sizeof(pem) - 1, file);
    fclose(file);
    pem[size] = '\0';
    if (!CryptStringToBinaryA(pem, 0, CRYPT_STRING_BASE64HEADER, der, &der_size, NULL, NULL)) {
        printf("not a PEM certificate\n");
        return 1;
    }
    store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, L"Root");
    if (!store || !CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, der_size,
                                                    CERT_STORE_ADD_REPLACE_EXISTING, NULL)) {
        printf("could not add the certificate: %lu\n", GetLastError());
        return 1;
    }
    CertCloseStore(store, 0);
    printf("trusted\n");
    return 0;
}
