/* Test helper: adds a certificate (a PEM file) to one of the machine's certificate stores
 * of the Wine prefix, as an administrator would with the certificate snap-in: by default
 * the trusted root store, so that test servers can have certificates this Windows trusts;
 * or another (Disallowed: certificates this Windows is not to trust, as Windows Update puts
 * them there).
 *   trust_root CERT.pem [STORE] */
#include <windows.h>
#include <wincrypt.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    static char pem[65536];
    static wchar_t store_name[64] = L"Root";
    BYTE der[16384];
    DWORD der_size = sizeof(der);
    HCERTSTORE store;
    FILE *file;
    size_t size;

    if (argc < 2 || argc > 3 || !(file = fopen(argv[1], "rb"))) {
        printf("usage: trust_root CERT.pem [STORE]\n");
        return 2;
    }
    if (argc >= 3 && !MultiByteToWideChar(CP_ACP, 0, argv[2], -1, store_name, 64)) {
        printf("bad store name\n");
        return 2;
    }
    size = fread(pem, 1, sizeof(pem) - 1, file);
    fclose(file);
    pem[size] = '\0';
    if (!CryptStringToBinaryA(pem, 0, CRYPT_STRING_BASE64HEADER, der, &der_size, NULL, NULL)) {
        printf("not a PEM certificate\n");
        return 1;
    }
    store = CertOpenStore(CERT_STORE_PROV_SYSTEM_W, 0, 0, CERT_SYSTEM_STORE_LOCAL_MACHINE, store_name);
    if (!store) {
        printf("could not open the store: %lu\n", GetLastError());
        return 1;
    }
    if (!CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, der_size, CERT_STORE_ADD_REPLACE_EXISTING,
                                          NULL)) {
        printf("could not add the certificate: %lu\n", GetLastError());
        return 1;
    }
    CertCloseStore(store, 0);
    printf("added\n");
    return 0;
}
